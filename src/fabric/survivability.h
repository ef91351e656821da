// Survivability: what every single fibre cut and every site loss would do to the services a
// fabric holds — which switch to their protect leg, which are restored (and the latency that
// costs them), which are lost — and the spectrum left, ranked by impact.
//
//   SurvivabilityReport r = survivability(fabric);      // fabric is only copied
//   r.scenarios[0].name;  r.scenarios[0].lost;          // the worst failure first
//
// Each scenario runs Fabric::cut() on its own copy of the fabric, so the outcomes come from the
// code that runs the live network (1+1 switching, restoration on spare spectrum), not from a model
// of it. A site loss cuts every fibre of the site's node, one after another, so a service restored
// after one cut may be restored again (or lost) at the next.
//
// Pure function of the fabric; thread-safe on a fabric nobody changes meanwhile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/units.h"
#include "fabric/fabric.h"
#include "model/demand.h"

namespace lightmesh::fabric {

struct ServiceImpact {
  std::string service;
  std::string name;     // the tenant's name for it, if any
  std::string outcome;  // "switched", "restored" or "lost"
  double bandwidth_gbps = 0;
  // Restored services: one-way latency after − before (the slowest carrying lightpath's route).
  std::optional<Microseconds> added_latency;
  std::string detail;  // Fabric::cut()'s own words
};

struct FailureScenario {
  std::string kind;                 // "fiber" or "site"
  std::string name;                 // the fibre's or the site's id
  std::vector<std::string> fibers;  // cut, in order
  std::size_t switched = 0;
  std::size_t restored = 0;
  std::size_t lost = 0;
  double lost_gbps = 0;
  Microseconds max_added_latency{0};
  Microseconds total_added_latency{0};
  // Over the fibres still up afterwards: flex-grid slots free and in all.
  std::uint64_t free_slots = 0;
  std::uint64_t slots = 0;
  std::vector<ServiceImpact> services;  // affected ones, in service id order
};

struct SurvivabilityReport {
  std::size_t services = 0;      // up before any failure
  std::uint64_t free_slots = 0;  // before any failure, over the fibres up
  std::uint64_t slots = 0;
  // Most impact first: Gb/s lost, services lost, services restored, latency added, services
  // switched; then fibres before sites, then by id.
  std::vector<FailureScenario> scenarios;
};

// Every fibre that is not already cut, and every site with at least one such fibre.
SurvivabilityReport survivability(const Fabric& fabric);

// Books demands (as `plan` reads them) as services of tenant "demands" named by their ids: 1+1
// demands as 1+1, the others as `unprotected` (kNone or kRestore). Returns one line per demand the
// fabric refused ("id: REASON, detail"); the others are booked. Errors: a demand the fabric
// rejects as invalid.
Result<std::vector<std::string>> book_demands(Fabric& fabric, const std::vector<Demand>& demands,
                                              ServiceProtection unprotected);

}  // namespace lightmesh::fabric
