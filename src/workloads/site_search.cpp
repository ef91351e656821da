#include "workloads/site_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "workloads/power.h"

namespace lightmesh::workloads {

namespace {

Error invalid_at(std::string place, std::string message) {
  return Error::invalid(std::move(message)).at_place(std::move(place));
}

struct Found {
  SiteIndex site = kNoIndex;
  double rtt_us = 0;
  double usd_per_it_mwh = 0;
};

}  // namespace

Result<Choice> choose_sites(const Network& net, const SiteMatrix& latency,
                            const FreeCompute& /*free: a site search takes no compute*/,
                            const SitesSpec& spec) {
  if (latency.size() != net.sites().size())
    return Error::internal("site latency matrix does not match the network");
  const SiteIndex anchor = net.find_site(spec.anchor);
  if (anchor == kNoIndex)
    return invalid_at("/anchor", fmt::format("unknown site \"{}\"", spec.anchor));
  if (!(spec.max_rtt_us > 0) || !std::isfinite(spec.max_rtt_us))
    return invalid_at("/max_rtt_us", "expected a positive RTT budget in µs");
  if (spec.reserve > net.sites().size() - 1) {
    return invalid_at("/reserve", fmt::format("{} sites to reserve, the network has {} besides {}",
                                              spec.reserve, net.sites().size() - 1, spec.anchor));
  }
  if (spec.reserve > 0 && (!(spec.bandwidth_gbps > 0) || !std::isfinite(spec.bandwidth_gbps)))
    return invalid_at("/bandwidth_gbps", "expected a positive bandwidth in Gbps");

  std::vector<Found> within;
  for (SiteIndex s = 0; s < net.sites().size(); ++s) {
    if (s == anchor || !latency.reachable(anchor, s)) continue;
    const double rtt = latency.rtt_us(anchor, s);
    if (rtt <= spec.max_rtt_us) within.push_back({s, rtt, usd_per_it_mwh(net.site(s))});
  }
  std::sort(within.begin(), within.end(), [&](const Found& a, const Found& b) {
    return std::tie(a.rtt_us, net.site(a.site).id) < std::tie(b.rtt_us, net.site(b.site).id);
  });

  Choice choice;
  if (within.size() < spec.reserve) {
    choice.refusal = Refusal{
        "LATENCY_BOUND", "max_rtt_us",
        fmt::format("{} site{} within RTT {:g} µs of {}, {} to reserve", within.size(),
                    within.size() == 1 ? "" : "s", spec.max_rtt_us, spec.anchor, spec.reserve)};
    return choice;
  }

  std::vector<Found> by_cost = within;
  std::sort(by_cost.begin(), by_cost.end(), [&](const Found& a, const Found& b) {
    return std::tie(a.usd_per_it_mwh, a.rtt_us, net.site(a.site).id) <
           std::tie(b.usd_per_it_mwh, b.rtt_us, net.site(b.site).id);
  });
  std::vector<bool> reserved(net.sites().size(), false);
  for (std::uint32_t i = 0; i < spec.reserve; ++i) reserved[by_cost[i].site] = true;

  auto& listed = choice.prediction["candidates"] = nlohmann::ordered_json::array();
  double slowest_one_way = 0;
  const std::string group = spec.equalize && spec.reserve > 0 ? "sites " + spec.anchor : "";
  for (const Found& f : within) {
    const Site& site = net.site(f.site);
    choice.sites.push_back(
        SiteShare{.site = f.site, .role = reserved[f.site] ? "reserved" : "candidate"});
    listed.push_back({{"site", site.id},
                      {"rtt_us", f.rtt_us},
                      {"power_price_usd_mwh", site_power_price_usd_mwh(site)},
                      {"pue", site_pue(site)},
                      {"usd_per_it_mwh", f.usd_per_it_mwh}});
    if (!reserved[f.site]) continue;
    slowest_one_way = std::max(slowest_one_way, f.rtt_us / 2);
    choice.links.push_back(LinkNeed{.a = anchor,
                                    .b = f.site,
                                    .gbps = spec.bandwidth_gbps,
                                    .max_one_way_us = spec.max_rtt_us / 2,
                                    .latency_group = group,
                                    .purpose = "reserved path " + spec.anchor + "↔" + site.id});
  }
  choice.prediction["within"] = within.size();
  choice.prediction["reserved"] = spec.reserve;
  // The fabric pads every member of the group to the slowest one.
  if (!group.empty()) choice.prediction["equalized_one_way_us"] = slowest_one_way;

  // The next cheapest sites that were not reserved, and why.
  if (spec.reserve > 0) {
    const Found& dearest = by_cost[spec.reserve - 1];
    for (std::size_t i = spec.reserve; i < by_cost.size() && i < spec.reserve + 3u; ++i) {
      const Found& f = by_cost[i];
      Alternative alt{.sites = {SiteShare{.site = f.site, .role = "candidate"}}};
      alt.detail["rtt_us"] = f.rtt_us;
      alt.detail["usd_per_it_mwh"] = f.usd_per_it_mwh;
      alt.why =
          f.usd_per_it_mwh > dearest.usd_per_it_mwh
              ? fmt::format("price × PUE {:.2f} > {:.2f} USD/MWh of the dearest reserved site",
                            f.usd_per_it_mwh, dearest.usd_per_it_mwh)
              : fmt::format("same price × PUE, RTT {:.1f} µs ≥ {:.1f} µs", f.rtt_us,
                            dearest.rtt_us);
      choice.alternatives.push_back(std::move(alt));
    }
  }
  return choice;
}

}  // namespace lightmesh::workloads
