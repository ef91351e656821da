// Lightpath and Unserved: what planning produces for each demand — a route, a transceiver mode and
// one contiguous block of spectrum free on every fibre of the route; or one reason it could not.
//
//   for (const Lightpath& lp : result.lightpaths) fmt::print("{} {}\n", lp.one_way.value(),
//   lp.slots.first);
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/units.h"
#include "spectrum/grid.h"

namespace lightmesh::rsa {

// Why a demand was not served. Exactly one per unserved demand.
enum class Reason {
  kUnknownEndpoint,  // `from` or `to` is not a site of the network
  kNoPath,           // no route (or no disjoint pair of routes, for 1+1)
  kLatencyBound,     // routes exist, none within the latency bound
  kNoFeasibleMode,   // routes within the bound exist, no mode's GSNR (or reach) suffices on them
  kNoSpectrum,       // feasible routes and modes, but no contiguous block free along them
};

const char* reason_name(Reason r);  // "UNKNOWN_ENDPOINT", "NO_PATH", …

enum class Role { kWorking, kProtect };
const char* role_name(Role r);  // "working", "protect"

// Quality of transmission of a lightpath whose mode is judged by GSNR, under its mode's full load
// (docs/physics.md). The worst channel of the band decides feasibility, so the figure holds
// whichever slot the lightpath occupies.
// A lightpath carries both ways and each way crosses differently designed fibre directions, so
// the worst-channel figures are the worse way's; the means are given per way.
struct LightpathGsnr {
  double at_01nm_db = 0;    // worst channel, worse way, referred to 0.1 nm as required OSNRs are
  double bw_db = 0;         // worst channel, worse way, in the signal bandwidth (the baud rate)
  double mean_01nm_db = 0;  // dB mean over the full load's channels, first node to last: GNPy's
                            // SNR-0.1nm for a request from the route's first node
  double reverse_mean_01nm_db = 0;        // the same, last node to first
  std::optional<double> channel_01nm_db;  // the lightpath's own channel, worse way
};

struct Lightpath {
  std::uint32_t demand = 0;  // index into the demand list
  Role role = Role::kWorking;
  std::vector<NodeIndex> nodes;
  std::vector<FiberIndex> fibers;
  Km length{0};
  Microseconds one_way{0};
  ModeIndex mode = kNoIndex;
  spectrum::SlotBlock slots;
  std::optional<LightpathGsnr> gsnr;  // absent for modes judged by planning reach
};

struct Unserved {
  std::uint32_t demand = 0;
  Reason reason = Reason::kNoPath;
  std::string detail;  // one human line, e.g. "shortest route is 1,240 µs RTT, bound 1,000 µs"
};

}  // namespace lightmesh::rsa
