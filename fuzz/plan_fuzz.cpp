// libFuzzer target: planning a fuzzed demand list on a fuzzed network. The first byte chooses the
// options (policy, k, metric, disjointness, JSON or YAML); the network text runs to the first NUL
// byte and the demands text follows it. Whatever loads is planned, and the result is checked by
// an independent validator: no slot booked twice, each lightpath one contiguous block of its
// mode's width inside the band and the same on every fibre of a loop-free route that joins the
// demand's sites, bounds and forced modes honoured, feasibility (GSNR against the required OSNR
// plus the margin, or reach), served demands carrying their bandwidth on disjoint 1+1 legs, one
// reason per unserved demand with nothing booked for it, and a summary that adds up.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/load.h"
#include "rsa/plan.h"

namespace {

using lightmesh::Demand;
using lightmesh::FiberIndex;
using lightmesh::Network;
using lightmesh::NodeIndex;
using lightmesh::fuzz::fail;

void check(const Network& net, const std::vector<Demand>& demands,
           const lightmesh::rsa::PlanOptions& options, const lightmesh::rsa::PlanResult& r) {
  using lightmesh::rsa::Role;
  std::map<std::pair<FiberIndex, std::uint32_t>, int> owners;
  std::map<std::uint32_t, double> working_gbps, protect_gbps;
  std::map<std::uint32_t, std::set<FiberIndex>> working_fibres;
  std::map<std::uint32_t, std::vector<const lightmesh::rsa::Lightpath*>> protect;
  for (const auto& lp : r.lightpaths) {
    if (lp.demand >= demands.size()) fail("a lightpath for no demand");
    const Demand& d = demands[lp.demand];
    const std::string who = "demand " + d.id + ": ";
    if (lp.nodes.size() != lp.fibers.size() + 1 || lp.fibers.empty()) fail(who + "a broken route");
    const auto from = net.find_site(d.from), to = net.find_site(d.to);
    if (from == lightmesh::kNoIndex || to == lightmesh::kNoIndex)
      fail(who + "served, unknown site");
    if (lp.nodes.front() != net.site(from).node || lp.nodes.back() != net.site(to).node)
      fail(who + "a route between other sites");
    if (std::set<NodeIndex>(lp.nodes.begin(), lp.nodes.end()).size() != lp.nodes.size())
      fail(who + "a route with a loop");
    for (std::size_t i = 0; i < lp.fibers.size(); ++i) {
      if (lp.fibers[i] >= net.fibers().size()) fail(who + "an unknown fibre");
      const auto& f = net.fiber(lp.fibers[i]);
      if (!((f.a == lp.nodes[i] && f.b == lp.nodes[i + 1]) ||
            (f.b == lp.nodes[i] && f.a == lp.nodes[i + 1])))
        fail(who + "a route that does not follow its fibres");
    }
    const auto& mode = net.catalogue().mode(lp.mode);
    if (!d.mode.empty() && mode.name != d.mode) fail(who + "not the mode it asked for");
    if (mode.required_osnr) {
      if (!lp.gsnr ||
          lp.gsnr->at_01nm_db + 1e-9 < mode.required_osnr->value() + options.osnr_margin_db)
        fail(who + "a mode its GSNR does not carry");
    } else if (lp.length.value() > mode.reach.value() + 1e-9) {
      fail(who + "a route longer than the mode's reach");
    }
    if (const auto b = d.one_way_bound(); b && lp.one_way.value() > b->value() + 1e-9)
      fail(who + "a lightpath beyond its latency bound");
    if (lp.slots.count == 0 || lp.slots.count * 6.25 != mode.channel_width.value())
      fail(who + "a block not of the mode's width");
    if (std::uint64_t{lp.slots.first} + lp.slots.count > r.grid.slot_count())
      fail(who + "a block outside the band");
    for (FiberIndex f : lp.fibers)
      for (std::uint32_t s = lp.slots.first; s < lp.slots.first + lp.slots.count; ++s)
        if (++owners[{f, s}] > 1)
          fail(who + "slot " + std::to_string(s) + " of fibre " + net.fiber(f).id +
               " booked twice");
    if (lp.role == Role::kWorking) {
      working_gbps[lp.demand] += mode.bit_rate.value();
      working_fibres[lp.demand].insert(lp.fibers.begin(), lp.fibers.end());
    } else {
      protect_gbps[lp.demand] += mode.bit_rate.value();
      protect[lp.demand].push_back(&lp);
    }
  }
  std::set<std::uint32_t> unserved;
  for (const auto& u : r.unserved) {
    if (!unserved.insert(u.demand).second) fail("two reasons for one demand");
    if (working_gbps.count(u.demand) || protect_gbps.count(u.demand))
      fail("an unserved demand left lightpaths booked");
    if (u.detail.empty()) fail("a reason without a detail");
    const bool known = net.find_site(demands[u.demand].from) != lightmesh::kNoIndex &&
                       net.find_site(demands[u.demand].to) != lightmesh::kNoIndex;
    if (known == (u.reason == lightmesh::rsa::Reason::kUnknownEndpoint))
      fail("UNKNOWN_ENDPOINT given wrongly", u.detail);
  }
  for (std::uint32_t i = 0; i < demands.size(); ++i) {
    if (unserved.count(i)) continue;
    const Demand& d = demands[i];
    if (working_gbps[i] + 1e-9 < d.bandwidth.value())
      fail("demand " + d.id + " short of bandwidth");
    if (d.protection == lightmesh::Protection::kOnePlusOne) {
      if (protect_gbps[i] + 1e-9 < d.bandwidth.value())
        fail("demand " + d.id + " short of protection");
      for (const auto* lp : protect[i])
        for (FiberIndex f : lp->fibers)
          if (working_fibres[i].count(f)) fail("demand " + d.id + ": 1+1 legs share a fibre");
    } else if (protect_gbps.count(i)) {
      fail("demand " + d.id + ": a protect leg it did not ask for");
    }
  }
  if (r.summary.served + r.summary.unserved != demands.size() ||
      r.summary.unserved != unserved.size() || r.summary.lightpaths != r.lightpaths.size())
    fail("the summary does not add up");
  if (r.summary.slots_used != 2 * owners.size()) fail("the summary's slot count is wrong");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lightmesh::fuzz::Bytes in(data, size);
  const std::uint8_t choice = in.byte();
  const std::string network_text = in.text();
  const std::string demands_text = in.text();
  const bool yaml = choice & 1;
  auto net = lightmesh::io::load_network_text(network_text, yaml ? "net.yaml" : "net.json");
  if (!net) return 0;
  // Keep one input quick: the limits on planning work are checked elsewhere.
  if (net->nodes().size() > 64 || net->fibers().size() > 128) return 0;
  auto demands =
      lightmesh::io::parse_demands(demands_text, yaml ? "demands.yaml" : "demands.json", &*net);
  if (!demands || demands->size() > 256) return 0;
  lightmesh::rsa::PlanOptions options;
  const lightmesh::spectrum::Policy policies[] = {
      lightmesh::spectrum::Policy::kFirstFit, lightmesh::spectrum::Policy::kLastFit,
      lightmesh::spectrum::Policy::kBestFit, lightmesh::spectrum::Policy::kRandomFit};
  options.policy = policies[(choice >> 1) & 3];
  options.k = 1 + (choice >> 3) % 5;
  const lightmesh::rsa::Metric metrics[] = {lightmesh::rsa::Metric::kLatency,
                                            lightmesh::rsa::Metric::kLength,
                                            lightmesh::rsa::Metric::kHops};
  options.metric = metrics[(choice >> 6) % 3];
  options.disjointness = (choice >> 5) & 1 ? lightmesh::routing::Disjointness::kNode
                                           : lightmesh::routing::Disjointness::kLink;
  options.seed = choice;
  auto result = lightmesh::rsa::plan(*net, *demands, options);
  if (!result) return 0;  // an invalid band: refused with a message
  check(*net, *demands, options, *result);
  return 0;
}
