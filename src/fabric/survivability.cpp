#include "fabric/survivability.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace lightmesh::fabric {

namespace {

// The service's one-way latency: that of its slowest carrying lightpath's route.
Microseconds latency(const Service& s) {
  Microseconds worst{0};
  for (const ServiceLightpath* lp : s.carrying()) worst = std::max(worst, lp->path.one_way);
  return worst;
}

void count_spectrum(const Fabric& f, std::uint64_t& free, std::uint64_t& all) {
  const std::vector<std::string> cut = f.failed_fibers();
  const std::set<std::string> down(cut.begin(), cut.end());
  const spectrum::SpectrumState& state = f.planner().spectrum();
  free = all = 0;
  // The planner books both directions of a fibre alike; a slot counts as used when either holds it.
  for (FiberIndex fi = 0; fi < f.network().fibers().size(); ++fi) {
    if (down.count(f.network().fiber(fi).id)) continue;
    const spectrum::SlotMap& ab = state.link(spectrum::link_index(fi, false));
    const spectrum::SlotMap& ba = state.link(spectrum::link_index(fi, true));
    all += ab.size();
    free += ab.size() - std::max(ab.used(), ba.used());
  }
}

FailureScenario run_scenario(const Fabric& base, std::string kind, std::string name,
                             std::vector<std::string> fibers) {
  FailureScenario out{std::move(kind), std::move(name), std::move(fibers)};
  Fabric f = base;                       // the copy this failure happens to
  std::map<std::string, Affected> last;  // each affected service's latest outcome
  for (const std::string& fiber : out.fibers) {
    auto report = f.cut(fiber);
    if (!report) continue;  // only fibres that are up are listed
    for (Affected& a : report->affected) last[a.service] = std::move(a);
  }
  for (const auto& [id, a] : last) {
    const Service* before = base.find(id);
    const Service* after = f.find(id);
    if (!before || !after || before->state != ServiceState::kUp) continue;  // already down
    ServiceImpact impact{
        id, before->request.name, "", before->request.bandwidth.value(), std::nullopt, a.detail};
    if (after->state == ServiceState::kDown) {
      impact.outcome = "lost";
      ++out.lost;
      out.lost_gbps += impact.bandwidth_gbps;
    } else if (after->request.protection == ServiceProtection::kRestore) {
      impact.outcome = "restored";
      impact.added_latency = latency(*after) - latency(*before);
      ++out.restored;
      out.max_added_latency = std::max(out.max_added_latency, *impact.added_latency);
      out.total_added_latency = out.total_added_latency + *impact.added_latency;
    } else {
      impact.outcome = "switched";
      ++out.switched;
    }
    out.services.push_back(std::move(impact));
  }
  count_spectrum(f, out.free_slots, out.slots);
  return out;
}

}  // namespace

SurvivabilityReport survivability(const Fabric& fabric) {
  SurvivabilityReport r;
  const Network& net = fabric.network();
  for (const Service* s : fabric.list("", "", fabric.size()))
    if (s->state == ServiceState::kUp) ++r.services;
  count_spectrum(fabric, r.free_slots, r.slots);
  const std::vector<std::string> cut = fabric.failed_fibers();
  const std::set<std::string> down(cut.begin(), cut.end());
  for (const Fiber& fiber : net.fibers())
    if (!down.count(fiber.id))
      r.scenarios.push_back(run_scenario(fabric, "fiber", fiber.id, {fiber.id}));
  for (const Site& site : net.sites()) {
    std::vector<std::string> fibers;
    for (FiberIndex f : net.fibers_at(site.node))
      if (!down.count(net.fiber(f).id)) fibers.push_back(net.fiber(f).id);
    if (!fibers.empty()) r.scenarios.push_back(run_scenario(fabric, "site", site.id, fibers));
  }
  auto key = [](const FailureScenario& s) {
    return std::make_tuple(-s.lost_gbps, -static_cast<double>(s.lost),
                           -static_cast<double>(s.restored), -s.total_added_latency.value(),
                           -static_cast<double>(s.switched), s.kind == "site", s.name);
  };
  std::stable_sort(
      r.scenarios.begin(), r.scenarios.end(),
      [&](const FailureScenario& a, const FailureScenario& b) { return key(a) < key(b); });
  return r;
}

Result<std::vector<std::string>> book_demands(Fabric& fabric, const std::vector<Demand>& demands,
                                              ServiceProtection unprotected) {
  std::vector<std::string> refused;
  for (const Demand& d : demands) {
    ServiceRequest r;
    r.tenant = "demands";
    r.name = d.id;
    r.from = d.from;
    r.to = d.to;
    r.bandwidth = d.bandwidth;
    r.max_rtt = d.max_rtt;
    r.max_one_way = d.max_one_way;
    r.protection =
        d.protection == Protection::kOnePlusOne ? ServiceProtection::kOnePlusOne : unprotected;
    Refusal why;
    auto made = fabric.create(r, &why);
    if (made) continue;
    if (made.error().code() != ErrorCode::kUnsupported)
      return Error::invalid("demand " + d.id + ": " + made.error().message());
    refused.push_back(d.id + ": " + why.reason + (why.detail.empty() ? "" : ", " + why.detail));
  }
  return refused;
}

}  // namespace lightmesh::fabric
