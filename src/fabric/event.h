// Event: one state change of the fabric, appended in order; the log is the history and the audit
// trail.
//
//   for (const Event& e : fabric.events()) fmt::print("{} {} {}\n", e.sequence, e.service, e.what);
//
// Plain value type; thread-compatible.
#pragma once

#include <cstdint>
#include <string>

namespace lightmesh::fabric {

struct Event {
  std::uint64_t sequence = 0;  // 1, 2, 3, … with no gaps
  std::int64_t time_us = 0;    // from the fabric's clock
  std::string tenant;          // empty for network-wide events (a fibre cut)
  std::string service;         // empty when not about one service
  // The subject's name when the event was logged (a service's or workload's `name`), so a reader
  // can name an object that no longer exists (a TAPI client's own uuid lives in a service's name).
  std::string subject_name;
  std::string
      what;  // created, deleted, switched, restored, down, up, fiber-cut, fiber-repaired, equalised
  std::string why;  // one human line
};

}  // namespace lightmesh::fabric
