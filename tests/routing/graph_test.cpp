// Graph: the CSR arrays hold each usable edge once in each direction, in input order, and keep
// unusable edges out. Expected values are read off the hand-written edge lists.
#include "routing/graph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "routing/brute_force.h"

namespace lightmesh::routing {
namespace {

struct Seen {
  NodeIndex to;
  FiberIndex fiber;
  double weight;
  EdgeIndex edge;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> arcs_of(const Graph& g, NodeIndex u) {
  std::vector<Seen> out;
  for (const Arc& a : g.arcs(u)) out.push_back({a.to, a.fiber, a.weight, a.edge});
  return out;
}

TEST(Graph, ArcsInBothDirectionsInInputOrderWithParallelEdges) {
  // 0–1 twice (parallel fibres 10 and 11), 1–2 once.
  Graph g(3, {{0, 1, 10, 2.0}, {1, 2, 12, 3.0}, {1, 0, 11, 4.0}});
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.edge_count(), 3u);
  EXPECT_EQ(g.arc_count(), 6u);
  EXPECT_EQ(arcs_of(g, 0), (std::vector<Seen>{{1, 10, 2.0, 0}, {1, 11, 4.0, 2}}));
  EXPECT_EQ(arcs_of(g, 1), (std::vector<Seen>{{0, 10, 2.0, 0}, {2, 12, 3.0, 1}, {0, 11, 4.0, 2}}));
  EXPECT_EQ(arcs_of(g, 2), (std::vector<Seen>{{1, 12, 3.0, 1}}));
  EXPECT_TRUE(g.arcs(3).empty());  // out of range: empty, not a crash
  EXPECT_EQ(g.edge(2).fiber, 11u);
}

TEST(Graph, UnusableEdgesKeepTheirIndexButGetNoArcs) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Graph g(3, {{0, 5, 0, 1.0},    // endpoint out of range
              {1, 1, 1, 1.0},    // self-loop
              {0, 1, 2, -1.0},   // negative
              {0, 1, 3, nan},    // not a number
              {0, 1, 4, inf},    // infinite
              {1, 2, 5, 0.0}});  // fine (zero weight is allowed)
  EXPECT_EQ(g.edge_count(), 6u);
  EXPECT_EQ(g.arc_count(), 2u);
  for (EdgeIndex e = 0; e < 5; ++e) EXPECT_FALSE(g.usable(e)) << e;
  EXPECT_TRUE(g.usable(5));
  EXPECT_FALSE(g.usable(6));
  EXPECT_TRUE(g.arcs(0).empty());
  ASSERT_EQ(g.arcs(1).size(), 1u);
  EXPECT_EQ(g.arcs(1)[0].edge, 5u);  // the index is the input position, not a renumbering
}

TEST(Graph, EmptyAndDefault) {
  Graph empty;
  EXPECT_EQ(empty.node_count(), 0u);
  EXPECT_EQ(empty.edge_count(), 0u);
  EXPECT_TRUE(empty.arcs(0).empty());
  Graph isolated(4, {});
  EXPECT_EQ(isolated.node_count(), 4u);
  for (NodeIndex u = 0; u < 4; ++u) EXPECT_TRUE(isolated.arcs(u).empty());
}

TEST(Graph, RandomGraphsMatchTheirEdgeLists) {
  // Invariant: the arcs out of u are exactly the edges incident to u, in input order, as listed
  // independently here from the edge list.
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 50; ++trial) {
    const auto rg = testing::random_graph(rng, 6, 15, trial % 2 == 0);
    Graph g(rg.n, rg.edges);
    for (NodeIndex u = 0; u < rg.n; ++u) {
      std::vector<Seen> want;
      for (EdgeIndex e = 0; e < rg.edges.size(); ++e) {
        const auto& s = rg.edges[e];
        if (s.a == u) want.push_back({s.b, s.fiber, s.weight, e});
        if (s.b == u) want.push_back({s.a, s.fiber, s.weight, e});
      }
      EXPECT_EQ(arcs_of(g, u), want);
    }
  }
}

}  // namespace
}  // namespace lightmesh::routing
