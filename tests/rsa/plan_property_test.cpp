// Property tests of planning on random networks and demands, checked by an independent validator:
// no slot booked twice, spectrum continuous and contiguous, every bound honoured, served demands
// carry their bandwidth, 1+1 legs disjoint, and each reason true by brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "rsa/plan.h"
#include "spectrum/grid.h"
#include "test_networks.h"

namespace lightmesh {
namespace {

// Independent latency: Σ length × 4.90 + amplifiers × 0.15 + nodes × 0.5 + 15 (docs/sources.md §1
// defaults).
double expected_one_way(const Network& net, const rsa::Lightpath& lp) {
  double us = 15.0 + 0.5 * static_cast<double>(lp.nodes.size());
  for (FiberIndex f : lp.fibers)
    us += net.fiber(f).length.value() * 4.90 + 0.15 * net.fiber(f).amplifiers;
  return us;
}

// Every simple path's latency between two nodes (brute force; small graphs only).
std::vector<double> all_route_latencies(const Network& net, NodeIndex s, NodeIndex t) {
  std::vector<double> out;
  std::vector<bool> seen(net.nodes().size());
  std::function<void(NodeIndex, double, std::size_t)> dfs = [&](NodeIndex u, double km,
                                                                std::size_t nodes) {
    if (u == t) {
      out.push_back(km * 4.90 + 0.5 * static_cast<double>(nodes) + 15.0);
      return;
    }
    for (FiberIndex f : net.fibers_at(u)) {
      const NodeIndex v = net.fiber(f).other_end(u);
      if (seen[v]) continue;
      seen[v] = true;
      dfs(v, km + net.fiber(f).length.value(), nodes + 1);
      seen[v] = false;
    }
  };
  seen[s] = true;
  dfs(s, 0, 1);
  return out;
}

void check_plan(const Network& net, const std::vector<Demand>& demands, const rsa::PlanResult& r) {
  const auto& grid = r.grid;
  // (fiber, slot) → owner count; both directions are booked together, so one map per fibre
  // suffices, but count per direction anyway to catch a one-sided booking.
  std::map<std::pair<FiberIndex, std::uint32_t>, int> owners;
  std::map<std::uint32_t, double> working_gbps, protect_gbps;
  std::map<std::uint32_t, std::vector<const rsa::Lightpath*>> by_demand;
  for (const auto& lp : r.lightpaths) {
    const Demand& d = demands[lp.demand];
    by_demand[lp.demand].push_back(&lp);
    ASSERT_EQ(lp.nodes.size(), lp.fibers.size() + 1);
    EXPECT_EQ(lp.nodes.front(), net.site(net.find_site(d.from)).node);
    EXPECT_EQ(lp.nodes.back(), net.site(net.find_site(d.to)).node);
    std::set<NodeIndex> distinct(lp.nodes.begin(), lp.nodes.end());
    EXPECT_EQ(distinct.size(), lp.nodes.size()) << "route has a loop";
    for (std::size_t i = 0; i < lp.fibers.size(); ++i) {
      const Fiber& f = net.fiber(lp.fibers[i]);
      EXPECT_TRUE((f.a == lp.nodes[i] && f.b == lp.nodes[i + 1]) ||
                  (f.b == lp.nodes[i] && f.a == lp.nodes[i + 1]));
    }
    const TransceiverMode& mode = net.catalogue().mode(lp.mode);
    if (!d.mode.empty()) {
      EXPECT_EQ(mode.name, d.mode);
    }
    EXPECT_LE(lp.length.value(), mode.reach.value() + 1e-9);
    EXPECT_NEAR(lp.one_way.value(), expected_one_way(net, lp), 1e-6);
    if (auto b = d.one_way_bound()) {
      EXPECT_LE(lp.one_way.value(), b->value() + 1e-9);
    }
    // Contiguous: one block of exactly the mode's width; inside the grid.
    EXPECT_EQ(lp.slots.count * 6.25, mode.channel_width.value());
    EXPECT_LE(lp.slots.first + lp.slots.count, grid.slot_count());
    // Continuous: the same block on every fibre; never two owners.
    for (FiberIndex f : lp.fibers) {
      for (std::uint32_t s = lp.slots.first; s < lp.slots.first + lp.slots.count; ++s) {
        EXPECT_EQ(++owners[std::make_pair(f, s)], 1)
            << "slot " << s << " of fibre " << net.fiber(f).id << " booked twice";
      }
    }
    (lp.role == rsa::Role::kWorking ? working_gbps : protect_gbps)[lp.demand] +=
        mode.bit_rate.value();
  }
  std::set<std::uint32_t> unserved;
  for (const auto& u : r.unserved) {
    EXPECT_TRUE(unserved.insert(u.demand).second) << "one reason per demand";
    EXPECT_EQ(by_demand.count(u.demand), 0u) << "an unserved demand left lightpaths booked";
  }
  for (std::uint32_t i = 0; i < demands.size(); ++i) {
    if (unserved.count(i)) continue;
    const Demand& d = demands[i];
    EXPECT_GE(working_gbps[i] + 1e-9, d.bandwidth.value()) << d.id;
    if (d.protection == Protection::kOnePlusOne) {
      EXPECT_GE(protect_gbps[i] + 1e-9, d.bandwidth.value()) << d.id;
      std::set<FiberIndex> working_fibers;
      for (const auto* lp : by_demand[i]) {
        if (lp->role == rsa::Role::kWorking)
          working_fibers.insert(lp->fibers.begin(), lp->fibers.end());
      }
      for (const auto* lp : by_demand[i]) {
        if (lp->role != rsa::Role::kProtect) continue;
        for (FiberIndex f : lp->fibers)
          EXPECT_EQ(working_fibers.count(f), 0u) << "1+1 legs share a fibre";
      }
    } else {
      EXPECT_EQ(protect_gbps.count(i), 0u);
    }
  }
  EXPECT_EQ(r.summary.served + r.summary.unserved, demands.size());
  // The booked total the planner reports equals the validator's count (two directions per fibre).
  EXPECT_EQ(r.summary.slots_used, 2 * owners.size());
}

std::vector<Demand> random_demands(const Network& net, std::uint32_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Demand> out;
  const auto n = static_cast<std::uint32_t>(net.sites().size());
  const double rates[] = {100, 200, 400, 800, 1000};
  for (std::uint32_t i = 0; i < count; ++i) {
    Demand d;
    d.id = "d" + std::to_string(i);
    d.from = net.site(std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng)).id;
    do {
      d.to = net.site(std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng)).id;
    } while (d.to == d.from);
    d.bandwidth = Gbps{rates[std::uniform_int_distribution<int>(0, 4)(rng)]};
    const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
    if (kind < 3) d.max_rtt = Microseconds{std::uniform_real_distribution<double>(500, 6000)(rng)};
    if (kind == 3)
      d.max_one_way = Microseconds{std::uniform_real_distribution<double>(300, 3000)(rng)};
    if (kind >= 7) d.protection = Protection::kOnePlusOne;
    if (kind == 6) d.mode = "T200";
    out.push_back(d);
  }
  return out;
}

TEST(PlanProperty, RandomNetworksAndDemandsKeepEveryInvariant) {
  const spectrum::Policy policies[] = {spectrum::Policy::kFirstFit, spectrum::Policy::kLastFit,
                                       spectrum::Policy::kBestFit, spectrum::Policy::kRandomFit};
  int served = 0, unserved = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    auto spec = testing::random_network(8, 6, 20, 400, seed);
    spec.band_first_thz = 193.1 - 0.00625 * 32;  // a narrow 64-slot band so spectrum runs out
    spec.band_last_thz = 193.1 + 0.00625 * 32;
    auto net = build_network(std::move(spec));
    ASSERT_TRUE(net) << net.error().to_string();
    const auto demands = random_demands(*net, 40, seed * 7);
    rsa::PlanOptions options;
    options.policy = policies[seed % 4];
    options.k = 1 + seed % 5;
    options.seed = seed;
    auto r = rsa::plan(*net, demands, options);
    ASSERT_TRUE(r);
    check_plan(*net, demands, *r);
    served += r->summary.served;
    unserved += r->summary.unserved;
  }
  // The generator must exercise both outcomes, or the test proves little.
  EXPECT_GT(served, 200);
  EXPECT_GT(unserved, 100);
}

TEST(PlanProperty, ReasonsAreTrueByBruteForce) {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    auto spec = testing::random_network(7, 4, 50, 900, seed);
    auto net = build_network(std::move(spec));
    ASSERT_TRUE(net);
    auto demands = random_demands(*net, 25, seed);
    auto r = rsa::plan(*net, demands, rsa::PlanOptions{});
    ASSERT_TRUE(r);
    for (const auto& u : r->unserved) {
      const Demand& d = demands[u.demand];
      const auto lat = all_route_latencies(*net, net->site(net->find_site(d.from)).node,
                                           net->site(net->find_site(d.to)).node);
      ASSERT_FALSE(lat.empty());  // random_network is connected
      const double best = *std::min_element(lat.begin(), lat.end());
      if (u.reason == rsa::Reason::kLatencyBound) {
        ASSERT_TRUE(d.one_way_bound());
        EXPECT_GT(best, d.one_way_bound()->value()) << u.detail;  // truly no route within the bound
      }
      if (u.reason == rsa::Reason::kNoFeasibleMode && d.mode.empty() &&
          d.protection == Protection::kNone) {
        EXPECT_GT(best, 0.0);
      }
      EXPECT_FALSE(u.detail.empty());
    }
  }
}

TEST(Plan, UnservedDemandLeavesNothingBooked) {
  // Two sites, one fibre, a 64-slot band: 400G (12 slots) fits 5 times; a demand for 6 × 400G must
  // fail whole and leave the spectrum exactly as before.
  NetworkSpec spec;
  spec.modes = testing::test_modes();
  spec.sites = {testing::site("A"), testing::site("B")};
  spec.fibers = {testing::fiber("AB", "A", "B", 50)};
  spec.band_first_thz = 193.1 - 0.00625 * 32;
  spec.band_last_thz = 193.1 + 0.00625 * 32;
  auto net = build_network(std::move(spec));
  ASSERT_TRUE(net);
  Demand big{.id = "big", .from = "A", .to = "B", .bandwidth = Gbps{2400}};
  Demand small{.id = "small", .from = "A", .to = "B", .bandwidth = Gbps{400}};
  auto r = rsa::plan(*net, std::vector<Demand>{big, small}, rsa::PlanOptions{});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->unserved.size(), 1u);
  EXPECT_EQ(r->unserved[0].demand, 0u);
  EXPECT_EQ(r->unserved[0].reason, rsa::Reason::kNoSpectrum);
  ASSERT_EQ(r->lightpaths.size(), 1u);
  EXPECT_EQ(r->lightpaths[0].slots.first,
            0u);  // first-fit: the failed demand released slot 0 onwards
  EXPECT_EQ(r->summary.slots_used, 2u * 12u);
}

TEST(Plan, SplitsLargeBandwidthAndPicksHighestRateThatReaches) {
  NetworkSpec spec;
  spec.modes = testing::test_modes();
  spec.sites = {testing::site("A"), testing::site("B"), testing::site("C")};
  spec.fibers = {testing::fiber("AB", "A", "B", 100), testing::fiber("BC", "B", "C", 300)};
  auto net = build_network(std::move(spec));
  ASSERT_TRUE(net);
  // A–B is 100 km: T400 reaches (120 km). 1,000 G → 400 + 400 + a 200G remainder (narrowest that
  // carries it). A–C is 400 km: only T200 (600 km) and T100 reach; 400 G → 2 × T200.
  std::vector<Demand> demands{{.id = "ab", .from = "A", .to = "B", .bandwidth = Gbps{1000}},
                              {.id = "ac", .from = "A", .to = "C", .bandwidth = Gbps{400}}};
  auto r = rsa::plan(*net, demands, rsa::PlanOptions{});
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->unserved.empty());
  std::vector<std::string> modes;
  for (const auto& lp : r->lightpaths) modes.push_back(net->catalogue().mode(lp.mode).name);
  EXPECT_EQ(modes, (std::vector<std::string>{"T400", "T400", "T200", "T200", "T200"}));
}

TEST(Plan, ReasonsAndDetails) {
  NetworkSpec spec;
  spec.modes = testing::test_modes();
  spec.sites = {testing::site("A"), testing::site("B"), testing::site("C"), testing::site("Z")};
  spec.fibers = {testing::fiber("AB", "A", "B", 100), testing::fiber("BC", "B", "C", 3000)};
  auto net = build_network(std::move(spec));
  ASSERT_TRUE(net);
  std::vector<Demand> demands{
      {.id = "u", .from = "A", .to = "Q", .bandwidth = Gbps{100}},
      {.id = "np", .from = "A", .to = "Z", .bandwidth = Gbps{100}},
      {.id = "lb", .from = "A", .to = "B", .bandwidth = Gbps{100}, .max_rtt = Microseconds{1000}},
      {.id = "fm", .from = "A", .to = "C", .bandwidth = Gbps{100}},
      {.id = "pp",
       .from = "A",
       .to = "B",
       .bandwidth = Gbps{100},
       .protection = Protection::kOnePlusOne},
  };
  auto r = rsa::plan(*net, demands, rsa::PlanOptions{});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->unserved.size(), 5u);
  EXPECT_EQ(r->unserved[0].reason, rsa::Reason::kUnknownEndpoint);
  EXPECT_EQ(r->unserved[0].detail, "unknown site \"Q\"");
  EXPECT_EQ(r->unserved[1].reason, rsa::Reason::kNoPath);
  // 100 km: 490 + 1 + 15 = 506 µs one way, 1,012 µs RTT > 1,000.
  EXPECT_EQ(r->unserved[2].reason, rsa::Reason::kLatencyBound);
  EXPECT_EQ(r->unserved[2].detail, "shortest route is 1,012 µs RTT, bound 1,000 µs RTT");
  // 3,100 km exceeds every reach (longest 2,500 km).
  EXPECT_EQ(r->unserved[3].reason, rsa::Reason::kNoFeasibleMode);
  EXPECT_EQ(r->unserved[3].detail, "shortest route is 3,100 km, longest reach is 2,500 km");
  EXPECT_EQ(r->unserved[4].reason, rsa::Reason::kNoPath);
}

TEST(Plan, OnePlusOneUsesTheOptimalDisjointPairWithinTheBound) {
  // A square A–B–D and A–C–D plus a diagonal A–D: the pair {A–D, A–B–D} has the least total.
  NetworkSpec spec;
  spec.modes = testing::test_modes();
  spec.sites = {testing::site("A"), testing::site("B"), testing::site("C"), testing::site("D")};
  spec.fibers = {testing::fiber("AB", "A", "B", 10), testing::fiber("BD", "B", "D", 10),
                 testing::fiber("AC", "A", "C", 20), testing::fiber("CD", "C", "D", 20),
                 testing::fiber("AD", "A", "D", 15)};
  auto net = build_network(std::move(spec));
  ASSERT_TRUE(net);
  std::vector<Demand> demands{{.id = "p",
                               .from = "A",
                               .to = "D",
                               .bandwidth = Gbps{100},
                               .protection = Protection::kOnePlusOne}};
  auto r = rsa::plan(*net, demands, rsa::PlanOptions{});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->lightpaths.size(), 2u);
  EXPECT_EQ(r->lightpaths[0].role, rsa::Role::kWorking);
  EXPECT_DOUBLE_EQ(r->lightpaths[0].length.value(), 15.0);
  EXPECT_EQ(r->lightpaths[1].role, rsa::Role::kProtect);
  EXPECT_DOUBLE_EQ(r->lightpaths[1].length.value(), 20.0);
  // A bound that the 20 km leg misses (20 km: 98 + 1.5 + 15 = 114.5 µs) but the 40 km leg would
  // too:
  demands[0].max_one_way = Microseconds{110};
  r = rsa::plan(*net, demands, rsa::PlanOptions{});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->unserved.size(), 1u);
  EXPECT_EQ(r->unserved[0].reason, rsa::Reason::kLatencyBound);
}

TEST(Plan, OnePlusOneBoundDetailUsesTheForcedModesLatency) {
  // Two disjoint 20 km routes A–B–D and A–C–D. The forced mode's DSP/FEC takes 100 µs, so each leg
  // is 20 × 4.90 + 3 nodes × 0.5 + 100 = 199.5 µs one way, 399 µs RTT — not the 15 µs default.
  NetworkSpec spec;
  spec.modes = testing::test_modes();
  spec.modes[2].dsp_fec_latency = Microseconds{100};
  spec.sites = {testing::site("A"), testing::site("B"), testing::site("C"), testing::site("D")};
  spec.fibers = {testing::fiber("AB", "A", "B", 10), testing::fiber("BD", "B", "D", 10),
                 testing::fiber("AC", "A", "C", 10), testing::fiber("CD", "C", "D", 10)};
  auto net = build_network(std::move(spec));
  ASSERT_TRUE(net);
  std::vector<Demand> demands{{.id = "p",
                               .from = "A",
                               .to = "D",
                               .bandwidth = Gbps{100},
                               .max_rtt = Microseconds{300},
                               .protection = Protection::kOnePlusOne,
                               .mode = "T100"}};
  auto r = rsa::plan(*net, demands, rsa::PlanOptions{});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->unserved.size(), 1u);
  EXPECT_EQ(r->unserved[0].reason, rsa::Reason::kLatencyBound);
  EXPECT_EQ(r->unserved[0].detail,
            "the longer route of the best disjoint pair is 399 µs RTT, bound 300 µs RTT");
}

}  // namespace
}  // namespace lightmesh

namespace lightmesh {
namespace {

TEST(Plan, SameSeedSamePlanWithRandomFit) {
  auto net = build_network(testing::random_network(10, 10, 20, 300, 99));
  ASSERT_TRUE(net);
  std::vector<Demand> demands;
  for (int i = 0; i < 60; ++i) {
    demands.push_back({.id = "d" + std::to_string(i),
                       .from = "S" + std::to_string(i % 10),
                       .to = "S" + std::to_string((i * 7 + 3) % 10),
                       .bandwidth = Gbps{200}});
    if (demands.back().from == demands.back().to)
      demands.back().to = "S" + std::to_string((i + 1) % 10);
  }
  rsa::PlanOptions options;
  options.policy = spectrum::Policy::kRandomFit;
  options.seed = 2024;
  auto a = rsa::plan(*net, demands, options);
  auto b = rsa::plan(*net, demands, options);
  options.seed = 2025;
  auto c = rsa::plan(*net, demands, options);
  ASSERT_TRUE(a && b && c);
  ASSERT_EQ(a->lightpaths.size(), b->lightpaths.size());
  bool differs = a->lightpaths.size() != c->lightpaths.size();
  for (std::size_t i = 0; i < a->lightpaths.size(); ++i) {
    EXPECT_EQ(a->lightpaths[i].slots, b->lightpaths[i].slots);
    EXPECT_EQ(a->lightpaths[i].fibers, b->lightpaths[i].fibers);
    if (i < c->lightpaths.size() && !(a->lightpaths[i].slots == c->lightpaths[i].slots))
      differs = true;
  }
  EXPECT_TRUE(differs) << "another seed should draw other slots";
}

}  // namespace
}  // namespace lightmesh
