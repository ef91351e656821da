// Latency-bounded site search: the sites listed are exactly those the latency matrix puts within
// the budget, nearest first; the reserved ones are the cheapest by price × PUE; the refusal comes
// when fewer than N are within the budget.
#include "workloads/site_search.h"

#include <gtest/gtest.h>

#include <random>

#include "../rsa/test_networks.h"

namespace lightmesh::workloads {
namespace {

TEST(SiteSearch, ListsExactlyTheSitesWithinTheBudgetAndReservesTheCheapest) {
  std::mt19937_64 rng(4242);
  int reserved_cases = 0;
  for (int round = 0; round < 100; ++round) {
    const std::uint32_t n = 3 + static_cast<std::uint32_t>(rng() % 10);
    NetworkSpec spec = testing::random_network(n, n, 5, 120, rng());
    for (SiteSpec& s : spec.sites) {
      if (rng() % 4 == 0) continue;  // no price or PUE stated: the documented defaults apply
      s.power_price_usd_mwh = static_cast<double>(30 + rng() % 5 * 20);  // ties on purpose
      s.pue = 1.1 + 0.1 * static_cast<double>(rng() % 4);
    }
    const Network net = build_network(std::move(spec)).value();
    const SiteMatrix m = SiteMatrix::build(net);
    SitesSpec req;
    const SiteIndex anchor = static_cast<SiteIndex>(rng() % n);
    req.anchor = net.site(anchor).id;
    req.max_rtt_us = std::uniform_real_distribution<double>(200, 3000)(rng);
    req.reserve = static_cast<std::uint32_t>(rng() % std::min<std::uint32_t>(4, n));  // ≤ n − 1
    req.equalize = rng() % 2 == 0;
    req.bandwidth_gbps = 100;

    std::vector<SiteIndex> within;  // the test's own list
    for (SiteIndex s = 0; s < n; ++s)
      if (s != anchor && m.reachable(anchor, s) && m.rtt_us(anchor, s) <= req.max_rtt_us)
        within.push_back(s);

    const Choice c = choose_sites(net, m, FreeCompute::from_inventory(net), req).value();
    if (within.size() < req.reserve) {
      ASSERT_TRUE(c.refusal);
      EXPECT_EQ(c.refusal->rule, "max_rtt_us");
      continue;
    }
    ASSERT_FALSE(c.refusal) << c.refusal->detail;
    ASSERT_EQ(c.sites.size(), within.size());
    EXPECT_EQ(c.prediction["within"], within.size());
    for (std::size_t i = 0; i < c.sites.size(); ++i) {
      EXPECT_NE(std::find(within.begin(), within.end(), c.sites[i].site), within.end());
      if (i > 0) {
        EXPECT_LE(m.rtt_us(anchor, c.sites[i - 1].site), m.rtt_us(anchor, c.sites[i].site));
      }
    }
    // price × PUE, with the stated defaults when a site gives none (docs/sources.md §9).
    auto cost = [&](SiteIndex s) {
      return net.site(s).power_price_usd_mwh.value_or(80.0) * net.site(s).pue.value_or(1.58);
    };
    std::vector<SiteIndex> reserved, other;
    for (const SiteShare& s : c.sites) (s.role == "reserved" ? reserved : other).push_back(s.site);
    ASSERT_EQ(reserved.size(), req.reserve);
    for (SiteIndex r : reserved)
      for (SiteIndex o : other) EXPECT_LE(cost(r), cost(o) + 1e-12);
    ASSERT_EQ(c.links.size(), req.reserve);
    double slowest = 0;
    for (const LinkNeed& l : c.links) {
      EXPECT_EQ(l.a, anchor);
      EXPECT_NE(std::find(reserved.begin(), reserved.end(), l.b), reserved.end());
      EXPECT_EQ(l.gbps, 100);
      EXPECT_DOUBLE_EQ(*l.max_one_way_us, req.max_rtt_us / 2);
      EXPECT_EQ(l.latency_group.empty(), !req.equalize);
      EXPECT_EQ(l.latency_group, c.links.front().latency_group);
      slowest = std::max(slowest, m.one_way_us(anchor, l.b));
    }
    if (req.equalize && req.reserve > 0) {
      ++reserved_cases;
      EXPECT_DOUBLE_EQ(c.prediction["equalized_one_way_us"].get<double>(), slowest);
    }
  }
  EXPECT_GT(reserved_cases, 10);
}

// The budget rule of docs/sources.md §1 on a chain of 20 km fibres: with the 15 µs transceiver
// pair and 0.5 µs per node, a site k hops away is 2 × (98 k + 0.5 (k + 1) + 15) µs RTT away.
TEST(SiteSearch, ClosedFormLatenciesOnAChain) {
  NetworkSpec spec;
  spec.name = "chain";
  spec.modes = testing::test_modes();
  for (int i = 0; i < 6; ++i) spec.sites.push_back(testing::site("C" + std::to_string(i)));
  for (int i = 0; i < 5; ++i)
    spec.fibers.push_back(testing::fiber("F" + std::to_string(i), "C" + std::to_string(i),
                                         "C" + std::to_string(i + 1), 20));
  const Network net = build_network(std::move(spec)).value();
  const SiteMatrix m = SiteMatrix::build(net);
  auto rtt = [](int k) { return 2 * (98.0 * k + 0.5 * (k + 1) + 15); };
  SitesSpec req{.anchor = "C0", .max_rtt_us = rtt(3) + 0.01, .reserve = 3};
  Choice c = choose_sites(net, m, FreeCompute::from_inventory(net), req).value();
  ASSERT_FALSE(c.refusal);
  ASSERT_EQ(c.sites.size(), 3u);
  for (int k = 1; k <= 3; ++k)
    EXPECT_NEAR(c.prediction["candidates"][k - 1]["rtt_us"].get<double>(), rtt(k), 1e-9);
  req.reserve = 4;
  c = choose_sites(net, m, FreeCompute::from_inventory(net), req).value();
  ASSERT_TRUE(c.refusal);
  EXPECT_EQ(c.refusal->rule, "max_rtt_us");
  req.anchor = "NYSE";
  auto r = choose_sites(net, m, FreeCompute::from_inventory(net), req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/anchor");
  req.anchor = "C0";
  req.reserve = 6;  // the network has 5 sites besides the anchor
  r = choose_sites(net, m, FreeCompute::from_inventory(net), req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/reserve");
}

}  // namespace
}  // namespace lightmesh::workloads
