#include "rsa/plan.h"

namespace lightmesh::rsa {

Result<PlanResult> plan(const Network& net, std::span<const Demand> demands,
                        const PlanOptions& options) {
  LM_ASSIGN_OR_RETURN(Planner planner, Planner::create(net, options));
  return plan(planner, demands);
}

PlanResult plan(Planner& planner, std::span<const Demand> demands) {
  const Network& net = planner.network();
  PlanResult result;
  result.grid = planner.spectrum().grid();
  PlanSummary& s = result.summary;
  for (std::uint32_t i = 0; i < demands.size(); ++i) {
    Planner::Outcome out = planner.serve(demands[i], i);
    s.demands++;
    s.requested_gbps += demands[i].bandwidth.value();
    if (out.unserved) {
      s.unserved++;
      s.by_reason[static_cast<int>(out.unserved->reason)]++;
      result.unserved.push_back(std::move(*out.unserved));
      continue;
    }
    s.served++;
    s.served_gbps += demands[i].bandwidth.value();
    for (auto& lp : out.lightpaths) result.lightpaths.push_back(std::move(lp));
  }
  s.lightpaths = static_cast<std::uint32_t>(result.lightpaths.size());
  s.slots_used = planner.spectrum().used_slots();
  s.slots_total = static_cast<std::uint64_t>(net.fibers().size()) * 2 * result.grid.slot_count();
  return result;
}

}  // namespace lightmesh::rsa
