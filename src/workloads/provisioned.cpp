#include "workloads/provisioned.h"

#include <algorithm>
#include <map>
#include <set>

#include "workloads/inference.h"

namespace lightmesh::workloads {

namespace {

using json = nlohmann::ordered_json;

void restate_inference(const InferenceSpec& spec, const Placed& placed, Choice& c) {
  if (c.links.empty()) return;  // processed at the data site: no lightpath, RTT 0
  const double rtt = 2 * placed.one_way_us.front();
  c.prediction["rtt_us"] = rtt;
  c.prediction["one_way_us"] = rtt / 2;
  // By construction the RTT rule is the audit's last (inference.h).
  if (c.audit.contains("rules") && !c.audit["rules"].empty())
    c.audit["rules"].back() = inference_rtt_rule(rtt, spec.max_rtt_us);
}

void restate_cluster(const SiteMatrix& latency, const Placed& placed, Choice& c) {
  if (!c.prediction.contains("edges")) return;
  std::map<std::string, std::set<SiteIndex>> holders;  // role → sites holding a share of it
  for (const SiteShare& s : c.sites) holders[s.role].insert(s.site);
  for (json& edge : c.prediction["edges"]) {
    const auto& as = holders[edge.value("a", std::string())];
    const auto& bs = holders[edge.value("b", std::string())];
    double worst = 0;
    for (SiteIndex a : as) {
      for (SiteIndex b : bs) {
        if (a == b) continue;
        const auto booked = provisioned_one_way_us(placed, a, b);
        worst = std::max(worst, booked ? 2 * *booked : latency.rtt_us(a, b));
      }
    }
    edge["rtt_us"] = worst;
  }
}

void restate_sites(const Network& net, const SitesSpec& spec, const Placed& placed, Choice& c) {
  const SiteIndex anchor = net.find_site(spec.anchor);
  double slowest = 0;
  for (json& candidate : c.prediction["candidates"]) {
    const SiteIndex s = net.find_site(candidate.value("site", std::string()));
    const auto booked = provisioned_one_way_us(placed, anchor, s);
    if (!booked) continue;
    candidate["rtt_us"] = 2 * *booked;
    slowest = std::max(slowest, *booked);
  }
  if (c.prediction.contains("equalized_one_way_us")) c.prediction["equalized_one_way_us"] = slowest;
}

void restate_production(const fabric::Fabric& fabric, const Placed& placed, Choice& c) {
  double carried = 0, working = 0, protect = 0, padded = 0;
  for (double one_way : placed.one_way_us) carried = std::max(carried, one_way);
  for (const std::string& id : placed.services) {
    const fabric::Service* s = fabric.find(id);
    if (!s) continue;
    for (const fabric::ServiceLightpath& lp : s->lightpaths) {
      const double route = lp.path.one_way.value();
      double& slowest_of_role = lp.path.role == rsa::Role::kProtect ? protect : working;
      slowest_of_role = std::max(slowest_of_role, route);
      padded = std::max(padded, route + lp.added_delay.value());
    }
  }
  c.prediction["one_way_us"] = carried;
  if (c.prediction.contains("working_one_way_us")) c.prediction["working_one_way_us"] = working;
  if (c.prediction.contains("protect_one_way_us")) c.prediction["protect_one_way_us"] = protect;
  if (c.prediction.contains("equalized_one_way_us")) c.prediction["equalized_one_way_us"] = padded;
}

}  // namespace

std::optional<double> provisioned_one_way_us(const Placed& placed, SiteIndex a, SiteIndex b) {
  std::optional<double> slowest;
  const auto& links = placed.choice.links;
  for (std::size_t i = 0; i < links.size() && i < placed.one_way_us.size(); ++i) {
    if ((links[i].a == a && links[i].b == b) || (links[i].a == b && links[i].b == a))
      slowest = std::max(slowest.value_or(0.0), placed.one_way_us[i]);
  }
  return slowest;
}

void restate_from_provisioned(const fabric::Fabric& fabric, const SiteMatrix& latency,
                              const WorkloadSpec& spec, Placed& placed) {
  Choice& c = placed.choice;
  if (c.refusal) return;
  if (const auto* inference = std::get_if<InferenceSpec>(&spec.body)) {
    restate_inference(*inference, placed, c);
  } else if (std::holds_alternative<ClusterSpec>(spec.body)) {
    restate_cluster(latency, placed, c);
  } else if (const auto* sites = std::get_if<SitesSpec>(&spec.body)) {
    restate_sites(fabric.network(), *sites, placed, c);
  } else if (std::holds_alternative<ProductionSpec>(spec.body)) {
    restate_production(fabric, placed, c);
  }
}

}  // namespace lightmesh::workloads
