#include "workloads/placement_json.h"

#include "rsa/lightpath_json.h"
#include "workloads/provisioned.h"

namespace lightmesh::workloads {

namespace {

using json = nlohmann::ordered_json;

// Figures a site-search answer carries per site, so the list reads without the network file: a
// reserved site's RTT is its lightpath's, another's the route estimate.
void add_site_figures(const Network& net, const SiteMatrix& latency, const Placed& placed,
                      SiteIndex anchor, const SiteShare& share, json& j) {
  const Site& site = net.site(share.site);
  if (const auto booked = provisioned_one_way_us(placed, anchor, share.site))
    j["rtt_us"] = rsa::round_to(2 * *booked, 3);
  else if (anchor != kNoIndex && latency.reachable(anchor, share.site))
    j["rtt_us"] = rsa::round_to(latency.rtt_us(anchor, share.site), 3);
  if (site.power_price_usd_mwh) j["power_price_usd_mwh"] = *site.power_price_usd_mwh;
  if (site.pue) j["pue"] = *site.pue;
}

}  // namespace

json site_share_json(const Network& net, const SiteShare& share) {
  json j = {{"site", net.site(share.site).id}};
  if (share.gpus > 0) {
    j["gpus"] = share.gpus;
    j["gpu_model"] = share.gpu_model;
  }
  if (share.cpu_cores > 0) j["cpu_cores"] = share.cpu_cores;
  if (share.storage_tb > 0) j["storage_tb"] = share.storage_tb;
  if (!share.role.empty()) j["role"] = share.role;
  return j;
}

json answer_json(const fabric::Fabric& fabric, const SiteMatrix& latency, const WorkloadSpec& spec,
                 const Placed& placed) {
  const Network& net = fabric.network();
  const Choice& c = placed.choice;
  json out = {{"kind", workload_kind_name(spec.kind())}};
  if (!spec.name.empty()) out["name"] = spec.name;
  if (c.refusal) {
    out["refused"] = {
        {"reason", c.refusal->reason}, {"rule", c.refusal->rule}, {"detail", c.refusal->detail}};
    return out;
  }
  const auto* search = std::get_if<SitesSpec>(&spec.body);
  const SiteIndex anchor = search ? net.find_site(search->anchor) : kNoIndex;
  json sites = json::array();
  for (const SiteShare& s : c.sites) {
    json j = site_share_json(net, s);
    if (search) add_site_figures(net, latency, placed, anchor, s, j);
    sites.push_back(std::move(j));
  }
  out["placement"] = {{"sites", std::move(sites)}};

  const auto& grid = fabric.planner().spectrum().grid();
  json lightpaths = json::array();
  for (std::size_t i = 0; i < placed.services.size(); ++i) {
    const fabric::Service* s = fabric.find(placed.services[i]);
    if (!s) continue;
    for (const fabric::ServiceLightpath& lp : s->lightpaths) {
      json j = rsa::lightpath_json(net, grid, lp.path, s->id, lp.added_delay);
      j["service"] = s->id;
      j["purpose"] = c.links[i].purpose;
      if (lp.added_delay.value() > 0)
        j["added_delay_us"] = rsa::round_to(lp.added_delay.value(), 3);
      lightpaths.push_back(std::move(j));
    }
  }
  out["lightpaths"] = std::move(lightpaths);
  out["prediction"] = c.prediction;
  json alternatives = json::array();
  for (const Alternative& a : c.alternatives) {
    json sites_j = json::array();
    for (const SiteShare& s : a.sites) sites_j.push_back(site_share_json(net, s));
    json j = {{"sites", std::move(sites_j)}, {"cost_usd_h", rsa::round_to(a.cost_usd_h, 3)}};
    if (a.detail.is_object())
      for (const auto& [k, v] : a.detail.items()) j[k] = v;
    j["why"] = a.why;
    alternatives.push_back(std::move(j));
  }
  out["alternatives"] = std::move(alternatives);
  if (!c.audit.is_null()) out["audit"] = c.audit;
  out["cost_usd_h"] = rsa::round_to(c.cost_usd_h, 3);
  return out;
}

}  // namespace lightmesh::workloads
