// Yen's k shortest loopless paths against brute force: on random small multigraphs the paths are
// exactly the cheapest k simple paths in (cost, hops) order, with parallel edges counting as
// different paths; plus hand-checked cases and the max_cost bound.
#include "routing/yen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "routing/brute_force.h"

namespace lightmesh::routing {
namespace {

using testing::all_simple_paths;
using testing::consistent;
using testing::random_graph;
using testing::SimplePath;

using EdgeSeq = std::vector<std::uint32_t>;

void sort_by_cost_then_hops(std::vector<SimplePath>& paths) {
  std::stable_sort(paths.begin(), paths.end(), [](const SimplePath& a, const SimplePath& b) {
    return std::make_pair(a.cost, a.hops()) < std::make_pair(b.cost, b.hops());
  });
}

// Checks `yen` against the brute-force list sorted by (cost, hops): same length (up to k), same
// (cost, hops) at every rank, valid distinct paths, and within each (cost, hops) tie group the same
// set of paths (a subset for a group cut off by k).
void expect_matches(const std::vector<EdgeSpec>& edges, const std::vector<SimplePath>& brute,
                    const std::vector<Path>& yen, std::size_t k, NodeIndex s, NodeIndex t,
                    const std::string& where) {
  ASSERT_EQ(yen.size(), std::min(k, brute.size())) << where;
  std::set<EdgeSeq> distinct;
  for (std::size_t i = 0; i < yen.size(); ++i) {
    EXPECT_TRUE(consistent(edges, yen[i], s, t)) << where << " path " << i;
    EXPECT_EQ(yen[i].cost, brute[i].cost) << where << " path " << i;
    EXPECT_EQ(yen[i].hops(), brute[i].hops()) << where << " path " << i;
    distinct.insert(yen[i].edges);
  }
  EXPECT_EQ(distinct.size(), yen.size()) << where;
  for (std::size_t begin = 0; begin < yen.size();) {
    std::size_t end = begin;
    std::set<EdgeSeq> want, got;
    while (end < brute.size() && brute[end].cost == brute[begin].cost &&
           brute[end].hops() == brute[begin].hops()) {
      want.insert(brute[end].edges);
      if (end < yen.size()) got.insert(yen[end].edges);
      ++end;
    }
    if (end <= yen.size()) {
      EXPECT_EQ(got, want) << where << " tie group at " << begin;
    } else {
      EXPECT_TRUE(std::includes(want.begin(), want.end(), got.begin(), got.end()))
          << where << " tie group at " << begin;
    }
    begin = end;
  }
}

TEST(Yen, MatchesBruteForceOnRandomSmallGraphs) {
  std::mt19937_64 rng(2024);
  int compared = 0, with_ties = 0;
  for (int trial = 0; trial < 250; ++trial) {
    const std::uint32_t n = std::uniform_int_distribution<std::uint32_t>(5, 8)(rng);
    const std::uint32_t m = n + std::uniform_int_distribution<std::uint32_t>(0, 2 * n)(rng);
    const bool integer = trial % 2 == 0;  // integer weights tie often and include zeros
    const auto rg = random_graph(rng, n, m, integer);
    Graph g(rg.n, rg.edges);
    std::uniform_int_distribution<NodeIndex> node(0, n - 1);
    const NodeIndex s = node(rng);
    NodeIndex t = node(rng);
    while (t == s) t = node(rng);
    auto brute = all_simple_paths(rg.n, rg.edges, s, t);
    sort_by_cost_then_hops(brute);
    for (std::size_t i = 1; i < brute.size(); ++i) with_ties += brute[i].cost == brute[i - 1].cost;
    std::vector<Path> longest;
    for (std::uint32_t k : {1u, 2u, 5u, 10u, 100000u}) {
      const auto yen = k_shortest_paths(g, s, t, k);
      expect_matches(rg.edges, brute, yen, k, s, t,
                     "trial " + std::to_string(trial) + " k=" + std::to_string(k));
      ++compared;
      // A smaller k gives a prefix of a larger k's list: the first paths do not depend on k.
      if (!longest.empty()) {
        for (std::size_t i = 0; i < std::min(longest.size(), yen.size()); ++i) {
          EXPECT_EQ(longest[i].edges, yen[i].edges) << "trial " << trial << " k=" << k;
        }
      }
      longest = yen;
    }
    // Same input, same output.
    const auto again = k_shortest_paths(g, s, t, 100000);
    ASSERT_EQ(again.size(), longest.size());
    for (std::size_t i = 0; i < again.size(); ++i) EXPECT_EQ(again[i].edges, longest[i].edges);
  }
  EXPECT_EQ(compared, 1250);
  EXPECT_GT(with_ties, 1000);  // the tie-breaking paths were exercised
}

TEST(Yen, BoundPrunesExactly) {
  // With a bound, the list is the brute-force paths of cost ≤ bound (all of them for a large k,
  // the first k otherwise).
  std::mt19937_64 rng(5);
  int trimmed = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const auto rg = random_graph(rng, 7, 14, trial % 2 == 0);
    Graph g(rg.n, rg.edges);
    auto brute = all_simple_paths(rg.n, rg.edges, 0, 6);
    sort_by_cost_then_hops(brute);
    const double bound = std::uniform_real_distribution<double>(0, 25)(rng);
    std::vector<SimplePath> within;
    for (const auto& p : brute) {
      if (p.cost <= bound) within.push_back(p);
    }
    trimmed += within.size() < brute.size();
    for (std::uint32_t k : {3u, 100000u}) {
      const auto yen = k_shortest_paths(g, 0, 6, k, bound);
      expect_matches(rg.edges, within, yen, k, 0, 6, "trial " + std::to_string(trial));
      for (const auto& p : yen) EXPECT_LE(p.cost, bound);
    }
  }
  EXPECT_GT(trimmed, 50);
}

TEST(Yen, HandCheckedOrder) {
  // Square 0–1–3 / 0–2–3 with the diagonal 1–2. Simple 0→3 paths, computed by hand:
  //   0-1-3 = 1+2 = 3; 0-2-3 = 2+2 = 4; 0-1-2-3 = 1+1+2 = 4; 0-2-1-3 = 2+1+2 = 5.
  // The two paths of cost 4 come fewer hops first.
  Graph g(4, {{0, 1, 0, 1}, {1, 3, 1, 2}, {0, 2, 2, 2}, {2, 3, 3, 2}, {1, 2, 4, 1}});
  const auto yen = k_shortest_paths(g, 0, 3, 10);
  ASSERT_EQ(yen.size(), 4u);
  EXPECT_EQ(yen[0].nodes, (std::vector<NodeIndex>{0, 1, 3}));
  EXPECT_EQ(yen[1].nodes, (std::vector<NodeIndex>{0, 2, 3}));
  EXPECT_EQ(yen[2].nodes, (std::vector<NodeIndex>{0, 1, 2, 3}));
  EXPECT_EQ(yen[3].nodes, (std::vector<NodeIndex>{0, 2, 1, 3}));
  EXPECT_EQ(yen[0].cost, 3.0);
  EXPECT_EQ(yen[1].cost, 4.0);
  EXPECT_EQ(yen[2].cost, 4.0);
  EXPECT_EQ(yen[3].cost, 5.0);
  EXPECT_EQ(k_shortest_paths(g, 0, 3, 10, 4.0).size(), 3u);  // the bound is inclusive
  EXPECT_EQ(k_shortest_paths(g, 0, 3, 2).size(), 2u);
}

TEST(Yen, ParallelFibresAreDifferentPaths) {
  // Three fibres between 0 and 1 (weights 2, 1, 2): three one-hop paths, cheapest first, the tie
  // in edge order.
  Graph two(2, {{0, 1, 50, 2}, {0, 1, 51, 1}, {0, 1, 52, 2}});
  const auto p = k_shortest_paths(two, 0, 1, 5);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].fibers, (std::vector<FiberIndex>{51}));
  EXPECT_EQ(p[1].fibers, (std::vector<FiberIndex>{50}));
  EXPECT_EQ(p[2].fibers, (std::vector<FiberIndex>{52}));
  // 0=1 doubled, then 1–2: two paths over the same nodes.
  Graph chain(3, {{0, 1, 60, 1}, {1, 2, 61, 1}, {0, 1, 62, 1}});
  const auto q = k_shortest_paths(chain, 0, 2, 5);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].nodes, q[1].nodes);
  EXPECT_EQ(q[0].fibers, (std::vector<FiberIndex>{60, 61}));
  EXPECT_EQ(q[1].fibers, (std::vector<FiberIndex>{62, 61}));
}

TEST(Yen, DegenerateQueries) {
  Graph g(3, {{0, 1, 0, 1}});
  EXPECT_TRUE(k_shortest_paths(g, 0, 1, 0).empty());  // k == 0
  EXPECT_TRUE(k_shortest_paths(g, 0, 7, 3).empty());  // out of range
  EXPECT_TRUE(k_shortest_paths(g, 7, 0, 3).empty());
  EXPECT_TRUE(k_shortest_paths(g, 0, 2, 3).empty());       // disconnected
  EXPECT_TRUE(k_shortest_paths(g, 0, 1, 3, 0.5).empty());  // over the bound
  const auto self = k_shortest_paths(g, 1, 1, 3);          // s == t: the one-node path only
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0].nodes, (std::vector<NodeIndex>{1}));
  EXPECT_EQ(self[0].cost, 0.0);
}

}  // namespace
}  // namespace lightmesh::routing
