// Dijkstra: hand-checked graphs, and on random small multigraphs every distance, hop count and
// bound equals what brute-force enumeration of all simple paths gives.
#include "routing/dijkstra.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

#include "routing/brute_force.h"

namespace lightmesh::routing {
namespace {

using testing::all_simple_paths;
using testing::consistent;
using testing::random_graph;

TEST(Dijkstra, HandCheckedGraph) {
  // 0 —1— 1 —1— 2, 0 —5— 2 directly, a parallel 1 —0.5— 2, and node 3 isolated.
  // Best 0→2: 0–1 (1) then the 0.5 parallel fibre: 1.5 over fibres 10, 13.
  const std::vector<EdgeSpec> edges{{0, 1, 10, 1}, {1, 2, 11, 1}, {0, 2, 12, 5}, {1, 2, 13, 0.5}};
  Graph g(4, edges);
  auto p = shortest_path(g, 0, 2);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->nodes, (std::vector<NodeIndex>{0, 1, 2}));
  EXPECT_EQ(p->fibers, (std::vector<FiberIndex>{10, 13}));
  EXPECT_EQ(p->edges, (std::vector<std::uint32_t>{0, 3}));
  EXPECT_EQ(p->cost, 1.5);
  EXPECT_FALSE(shortest_path(g, 0, 3));       // isolated
  EXPECT_FALSE(shortest_path(g, 0, 2, 1.4));  // the bound is below the best cost
  EXPECT_TRUE(shortest_path(g, 0, 2, 1.5));   // the bound is inclusive
  EXPECT_FALSE(shortest_path(g, 0, 99));      // out of range
  EXPECT_FALSE(shortest_path(g, 99, 0));

  auto tree = shortest_path_tree(g, 0);
  EXPECT_EQ(tree.dist, (std::vector<double>{0, 1, 1.5, std::numeric_limits<double>::infinity()}));
  EXPECT_EQ(tree.parent, (std::vector<NodeIndex>{kNoIndex, 0, 1, kNoIndex}));
  EXPECT_EQ(tree.parent_fiber, (std::vector<FiberIndex>{kNoIndex, 10, 13, kNoIndex}));
  EXPECT_FALSE(tree.reachable(3));
  EXPECT_FALSE(tree.reachable(4));
  EXPECT_EQ(tree.path_to(2).fibers, p->fibers);
  EXPECT_TRUE(tree.path_to(3).nodes.empty());
  EXPECT_EQ(tree.path_to(0).nodes, (std::vector<NodeIndex>{0}));

  auto bounded = shortest_path_tree(g, 0, 1.2);  // 2 is at 1.5, beyond the bound
  EXPECT_TRUE(bounded.reachable(1));
  EXPECT_FALSE(bounded.reachable(2));
}

TEST(Dijkstra, SourceEqualsTargetAndDegenerateInput) {
  Graph g(2, {{0, 1, 0, 1.0}});
  auto self = shortest_path(g, 1, 1);
  ASSERT_TRUE(self);
  EXPECT_EQ(self->nodes, (std::vector<NodeIndex>{1}));
  EXPECT_TRUE(self->fibers.empty());
  EXPECT_EQ(self->cost, 0.0);
  EXPECT_FALSE(shortest_path(g, 1, 1, -1.0));  // even the empty path is over a negative bound
  auto out_of_range = shortest_path_tree(g, 5);
  EXPECT_EQ(out_of_range.dist.size(), 2u);
  EXPECT_FALSE(out_of_range.reachable(0));
  EXPECT_FALSE(out_of_range.reachable(1));
  Graph empty;
  EXPECT_FALSE(shortest_path(empty, 0, 0));
  EXPECT_TRUE(shortest_path_tree(empty, 0).dist.empty());
}

TEST(Dijkstra, EqualCostPrefersFewerHops) {
  // 0→3 costs 2 both ways: 0–1–2–3 (three hops, one of weight 0) or 0–3 directly. The rule in
  // dijkstra.h picks fewer hops, whichever edge came first.
  Graph g(4, {{0, 1, 0, 1}, {1, 2, 1, 0}, {2, 3, 2, 1}, {0, 3, 3, 2}});
  auto p = shortest_path(g, 0, 3);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->fibers, (std::vector<FiberIndex>{3}));
  EXPECT_EQ(p->cost, 2.0);
}

TEST(Dijkstra, EqualCostAndHopsTakesTheEarlierEdge) {
  // Two parallel fibres of the same weight, and two equal two-hop routes 0–1–3 and 0–2–3: the arc
  // of the earliest-settled predecessor wins, and among its arcs the edge given first.
  Graph par(2, {{0, 1, 7, 1.0}, {0, 1, 8, 1.0}});
  EXPECT_EQ(shortest_path(par, 0, 1)->fibers, (std::vector<FiberIndex>{7}));
  EXPECT_EQ(shortest_path(par, 1, 0)->fibers, (std::vector<FiberIndex>{7}));
  Graph diamond(4, {{0, 2, 0, 1}, {2, 3, 1, 1}, {0, 1, 2, 1}, {1, 3, 3, 1}});
  // 1 and 2 are both at (1, 1); 1 settles first (lower index), so 3's parent is 1.
  EXPECT_EQ(shortest_path(diamond, 0, 3)->nodes, (std::vector<NodeIndex>{0, 1, 3}));
}

TEST(Dijkstra, MatchesBruteForceOnRandomGraphs) {
  std::mt19937_64 rng(1);
  int reachable = 0, unreachable = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const std::uint32_t n = std::uniform_int_distribution<std::uint32_t>(2, 8)(rng);
    const std::uint32_t m = std::uniform_int_distribution<std::uint32_t>(0, 2 * n)(rng);
    const auto rg = random_graph(rng, n, m, trial % 2 == 0);
    Graph g(rg.n, rg.edges);
    const NodeIndex s = std::uniform_int_distribution<NodeIndex>(0, n - 1)(rng);
    const double bound =
        trial % 3 == 0 ? std::uniform_real_distribution<double>(0, 12)(rng) : kUnbounded;
    const auto tree = shortest_path_tree(g, s, bound);
    for (NodeIndex t = 0; t < n; ++t) {
      const auto brute = all_simple_paths(rg.n, rg.edges, s, t);
      double best = kUnbounded;
      for (const auto& p : brute) best = std::min(best, p.cost);
      std::size_t fewest = kNoIndex;
      for (const auto& p : brute) {
        if (p.cost == best) fewest = std::min(fewest, p.hops());
      }
      const auto direct = shortest_path(g, s, t, bound);
      if (best == kUnbounded || best > bound) {
        EXPECT_FALSE(tree.reachable(t)) << "trial " << trial;
        EXPECT_FALSE(direct) << "trial " << trial;
        ++unreachable;
        continue;
      }
      ++reachable;
      // Both sides add the same weights in the same order, so equality is exact.
      ASSERT_TRUE(tree.reachable(t)) << "trial " << trial;
      EXPECT_EQ(tree.dist[t], best);
      EXPECT_EQ(tree.hops[t], fewest);
      const Path via_tree = tree.path_to(t);
      EXPECT_TRUE(consistent(rg.edges, via_tree, s, t));
      EXPECT_EQ(via_tree.hops(), fewest);
      ASSERT_TRUE(direct);
      EXPECT_TRUE(consistent(rg.edges, *direct, s, t));
      // The early-stopping search and the full tree apply the same tie-breaking rule.
      EXPECT_EQ(direct->edges, via_tree.edges);
    }
  }
  EXPECT_GT(reachable, 300);
  EXPECT_GT(unreachable, 50);
}

TEST(DijkstraSearch, BansMatchBruteForceAndClear) {
  // A path avoiding banned nodes and edges is the cheapest brute-force path that avoids them; after
  // clear_bans the search equals a fresh one. The same search object serves every query, so stale
  // labels from earlier queries would show up here.
  std::mt19937_64 rng(2);
  for (int trial = 0; trial < 100; ++trial) {
    const std::uint32_t n = std::uniform_int_distribution<std::uint32_t>(3, 8)(rng);
    const auto rg = random_graph(rng, n, 2 * n, trial % 2 == 0);
    Graph g(rg.n, rg.edges);
    DijkstraSearch search(g);
    for (int q = 0; q < 5; ++q) {
      std::uniform_int_distribution<NodeIndex> node(0, n - 1);
      const NodeIndex s = node(rng), t = node(rng);
      std::uint64_t banned_nodes = 0, banned_edges = 0;
      search.clear_bans();
      const NodeIndex bn = node(rng);
      if (bn != s && bn != t) {
        search.ban_node(bn);
        banned_nodes |= std::uint64_t{1} << bn;
      }
      const auto be = std::uniform_int_distribution<EdgeIndex>(0, g.edge_count() - 1)(rng);
      search.ban_edge(be);
      banned_edges |= std::uint64_t{1} << be;
      double best = kUnbounded;
      for (const auto& p : all_simple_paths(rg.n, rg.edges, s, t)) {
        if ((p.edge_mask & banned_edges) || (p.inner_mask & banned_nodes)) continue;
        best = std::min(best, p.cost);
      }
      const auto found = search.find(s, t);
      if (best == kUnbounded) {
        EXPECT_FALSE(found);
      } else {
        ASSERT_TRUE(found);
        EXPECT_EQ(found->cost, best);
        EXPECT_TRUE(consistent(rg.edges, *found, s, t));
      }
      search.clear_bans();
      EXPECT_EQ(search.find(s, t).has_value(), shortest_path(g, s, t).has_value());
      if (auto a = search.find(s, t)) {
        EXPECT_EQ(a->edges, shortest_path(g, s, t)->edges);
      }
    }
  }
}

TEST(DijkstraSearch, StartCostCountsTowardsTheBound) {
  Graph g(2, {{0, 1, 0, 2.0}});
  DijkstraSearch search(g);
  auto p = search.find(0, 1, 5.0, 3.0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->cost, 5.0);  // 3 already paid + 2
  EXPECT_FALSE(search.find(0, 1, 4.9, 3.0));
  search.ban_node(1);
  EXPECT_FALSE(search.find(0, 1));
  search.ban_node(77);  // ignored, not a crash
  search.ban_edge(77);
  search.clear_bans();
  EXPECT_TRUE(search.find(0, 1));
}

}  // namespace
}  // namespace lightmesh::routing
