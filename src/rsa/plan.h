// plan(): routing and spectrum assignment for a list of demands, in file order, over a fresh
// spectrum.
//
//   LM_ASSIGN_OR_RETURN(PlanResult r, plan(net, demands, PlanOptions{.k = 5}));
//   fmt::print("{} of {} served\n", r.summary.served, r.summary.demands);
//
// Pure function of its inputs (random-fit draws from options.seed); thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/result.h"
#include "model/demand.h"
#include "model/network.h"
#include "rsa/lightpath.h"
#include "rsa/planner.h"

namespace lightmesh::rsa {

struct PlanSummary {
  std::uint32_t demands = 0;
  std::uint32_t served = 0;
  std::uint32_t unserved = 0;
  std::uint32_t lightpaths = 0;
  double requested_gbps = 0;
  double served_gbps = 0;
  std::uint64_t slots_used = 0;     // over every fibre and direction
  std::uint64_t slots_total = 0;    // fibres × 2 directions × grid slots
  std::uint32_t by_reason[5] = {};  // indexed by Reason
};

struct PlanResult {
  std::vector<Lightpath> lightpaths;  // by demand, working before protect
  std::vector<Unserved> unserved;
  PlanSummary summary;
  spectrum::Grid grid;
};

// Errors only for bad options or an invalid band; an unservable demand is an Unserved, not an
// error.
Result<PlanResult> plan(const Network& net, std::span<const Demand> demands,
                        const PlanOptions& options);
// The same with a planner already made (its line model designed once, e.g. `fresh()` copies of
// one planner); `planner` books what it serves.
PlanResult plan(Planner& planner, std::span<const Demand> demands);

}  // namespace lightmesh::rsa
