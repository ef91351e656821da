// Routing against brute force: every simple path of small random multigraphs is enumerated, and
// Yen's k shortest and Suurballe's disjoint pairs are checked against that enumeration.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "routing/dijkstra.h"
#include "routing/disjoint.h"
#include "routing/yen.h"

namespace lightmesh::routing {
namespace {

struct Simple {
  std::vector<NodeIndex> nodes;
  std::vector<std::uint32_t> edges;
  double cost;
};

std::vector<Simple> all_simple_paths(const Graph& g, NodeIndex s, NodeIndex t) {
  std::vector<Simple> out;
  std::vector<bool> seen(g.node_count());
  Simple cur{{s}, {}, 0};
  std::function<void(NodeIndex)> dfs = [&](NodeIndex u) {
    if (u == t) {
      out.push_back(cur);
      return;
    }
    for (const Arc& a : g.arcs(u)) {
      if (seen[a.to]) continue;
      seen[a.to] = true;
      cur.nodes.push_back(a.to);
      cur.edges.push_back(a.edge);
      cur.cost += a.weight;
      dfs(a.to);
      cur.cost -= a.weight;
      cur.edges.pop_back();
      cur.nodes.pop_back();
      seen[a.to] = false;
    }
  };
  seen[s] = true;
  dfs(s);
  return out;
}

Graph random_graph(std::mt19937_64& rng, std::uint32_t n, std::uint32_t m, bool integer_weights) {
  std::vector<EdgeSpec> edges;
  std::uniform_int_distribution<NodeIndex> node(0, n - 1);
  std::uniform_int_distribution<int> w(1, 9);
  std::uniform_real_distribution<double> wr(0.5, 10.0);
  for (std::uint32_t i = 0; i < m; ++i) {
    NodeIndex a = node(rng), b = node(rng);
    if (a == b) continue;
    edges.push_back({a, b, i, integer_weights ? static_cast<double>(w(rng)) : wr(rng)});
  }
  return Graph(n, edges);
}

bool valid_path(const Graph& g, const Path& p, NodeIndex s, NodeIndex t) {
  if (p.nodes.empty() || p.nodes.front() != s || p.nodes.back() != t) return false;
  if (p.nodes.size() != p.edges.size() + 1 || p.fibers.size() != p.edges.size()) return false;
  double cost = 0;
  for (std::size_t i = 0; i < p.edges.size(); ++i) {
    const auto& e = g.edge(p.edges[i]);
    if (!((e.a == p.nodes[i] && e.b == p.nodes[i + 1]) ||
          (e.b == p.nodes[i] && e.a == p.nodes[i + 1])))
      return false;
    if (e.fiber != p.fibers[i]) return false;
    cost += e.weight;
  }
  std::set<NodeIndex> distinct(p.nodes.begin(), p.nodes.end());
  return distinct.size() == p.nodes.size() && std::abs(cost - p.cost) < 1e-9;
}

TEST(Dijkstra, HandCheckedGraph) {
  // 0 —1— 1 —1— 2, and 0 —5— 2 directly, and a parallel 1 —0.5— 2.
  Graph g(4, {{0, 1, 10, 1}, {1, 2, 11, 1}, {0, 2, 12, 5}, {1, 2, 13, 0.5}});
  auto p = shortest_path(g, 0, 2);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->nodes, (std::vector<NodeIndex>{0, 1, 2}));
  EXPECT_EQ(p->fibers, (std::vector<FiberIndex>{10, 13}));
  EXPECT_DOUBLE_EQ(p->cost, 1.5);
  EXPECT_FALSE(shortest_path(g, 0, 3));       // node 3 is isolated
  EXPECT_FALSE(shortest_path(g, 0, 2, 1.4));  // pruned by the bound
  EXPECT_FALSE(shortest_path(g, 0, 99));      // out of range
  EXPECT_EQ(shortest_path(g, 1, 1)->nodes.size(), 1u);
  auto tree = shortest_path_tree(g, 0);
  EXPECT_DOUBLE_EQ(tree.dist[2], 1.5);
  EXPECT_FALSE(tree.reachable(3));
  EXPECT_EQ(tree.path_to(2).fibers, p->fibers);
}

TEST(Yen, MatchesBruteForceOnRandomSmallGraphs) {
  std::mt19937_64 rng(2024);
  int checked = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::uint32_t n = std::uniform_int_distribution<std::uint32_t>(4, 8)(rng);
    const bool integer = trial % 2 == 0;  // integer weights make ties, which exercise the ordering
    Graph g = random_graph(rng, n, n + std::uniform_int_distribution<std::uint32_t>(0, 2 * n)(rng),
                           integer);
    const NodeIndex s = 0, t = n - 1;
    auto brute = all_simple_paths(g, s, t);
    std::sort(brute.begin(), brute.end(),
              [](const Simple& a, const Simple& b) { return a.cost < b.cost; });
    for (std::uint32_t k : {1u, 3u, 7u, 1000u}) {
      const auto yen = k_shortest_paths(g, s, t, k);
      ASSERT_EQ(yen.size(), std::min<std::size_t>(k, brute.size()));
      std::set<std::vector<std::uint32_t>> distinct;
      for (std::size_t i = 0; i < yen.size(); ++i) {
        EXPECT_TRUE(valid_path(g, yen[i], s, t));
        EXPECT_NEAR(yen[i].cost, brute[i].cost, 1e-9) << "path " << i << " of k=" << k;
        if (i > 0) {
          EXPECT_LE(yen[i - 1].cost, yen[i].cost + 1e-12);
        }
        distinct.insert(yen[i].edges);
      }
      EXPECT_EQ(distinct.size(), yen.size());
      ++checked;
    }
    if (k_shortest_paths(g, s, t, 1000).size() == brute.size()) {
      // With k beyond the count, Yen lists every simple path exactly once.
      std::set<std::vector<std::uint32_t>> a, b;
      for (const auto& p : k_shortest_paths(g, s, t, 1000)) a.insert(p.edges);
      for (const auto& p : brute) b.insert(p.edges);
      EXPECT_EQ(a, b);
    }
  }
  EXPECT_EQ(checked, 1200);
}

TEST(Yen, BoundPrunesExactly) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 100; ++trial) {
    Graph g = random_graph(rng, 7, 14, false);
    auto brute = all_simple_paths(g, 0, 6);
    const double bound = std::uniform_real_distribution<double>(2, 25)(rng);
    const auto within =
        std::count_if(brute.begin(), brute.end(), [&](const Simple& p) { return p.cost <= bound; });
    const auto yen = k_shortest_paths(g, 0, 6, 1000, bound);
    EXPECT_EQ(static_cast<long>(yen.size()), within);
    for (const auto& p : yen) EXPECT_LE(p.cost, bound);
  }
  Graph g(2, {{0, 1, 0, 1}});
  EXPECT_TRUE(k_shortest_paths(g, 0, 1, 0).empty());
  EXPECT_TRUE(k_shortest_paths(g, 0, 7, 3).empty());
}

bool edge_disjoint(const Simple& a, const Simple& b) {
  for (auto e : a.edges) {
    if (std::find(b.edges.begin(), b.edges.end(), e) != b.edges.end()) return false;
  }
  return true;
}

bool node_disjoint(const Simple& a, const Simple& b) {
  for (std::size_t i = 1; i + 1 < a.nodes.size(); ++i) {
    if (std::find(b.nodes.begin() + 1, b.nodes.end() - 1, a.nodes[i]) != b.nodes.end() - 1)
      return false;
  }
  return edge_disjoint(a, b);
}

Simple as_simple(const Path& p) { return {p.nodes, p.edges, p.cost}; }

TEST(Disjoint, OptimalAndDisjointByBruteForce) {
  std::mt19937_64 rng(77);
  int found = 0, none = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const std::uint32_t n = std::uniform_int_distribution<std::uint32_t>(4, 7)(rng);
    Graph g = random_graph(rng, n, n + std::uniform_int_distribution<std::uint32_t>(0, 2 * n)(rng),
                           trial % 2 == 0);
    const NodeIndex s = 0, t = n - 1;
    const auto brute = all_simple_paths(g, s, t);
    for (auto d : {Disjointness::kLink, Disjointness::kNode}) {
      double best = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < brute.size(); ++i) {
        for (std::size_t j = i + 1; j < brute.size(); ++j) {
          const bool ok = d == Disjointness::kLink ? edge_disjoint(brute[i], brute[j])
                                                   : node_disjoint(brute[i], brute[j]);
          if (ok) best = std::min(best, brute[i].cost + brute[j].cost);
        }
      }
      const auto pair = disjoint_pair(g, s, t, d);
      if (best == std::numeric_limits<double>::infinity()) {
        EXPECT_FALSE(pair) << "trial " << trial;
        ++none;
        continue;
      }
      ASSERT_TRUE(pair) << "trial " << trial;
      ++found;
      EXPECT_TRUE(valid_path(g, pair->first, s, t));
      EXPECT_TRUE(valid_path(g, pair->second, s, t));
      const Simple a = as_simple(pair->first), b = as_simple(pair->second);
      EXPECT_TRUE(d == Disjointness::kLink ? edge_disjoint(a, b) : node_disjoint(a, b));
      EXPECT_NEAR(pair->first.cost + pair->second.cost, best, 1e-9) << "trial " << trial;
      EXPECT_LE(pair->first.cost, pair->second.cost);
    }
  }
  EXPECT_GT(found, 200);  // both outcomes are exercised
  EXPECT_GT(none, 50);
}

TEST(Disjoint, SuurballeTrapTopology) {
  // The classic trap: the shortest path s–a–b–t (cost 3) uses the middle edge a–b, and removing it
  // leaves no second route; the optimal pair s–a–t + s–b–t (cost 4 + 4) exists.
  //   s —1— a —1— b —1— t,  a —3— t,  s —3— b
  Graph g(4, {{0, 1, 0, 1}, {1, 2, 1, 1}, {2, 3, 2, 1}, {1, 3, 3, 3}, {0, 2, 4, 3}});
  auto shortest = shortest_path(g, 0, 3);
  ASSERT_TRUE(shortest);
  EXPECT_DOUBLE_EQ(shortest->cost, 3.0);
  auto pair = disjoint_pair(g, 0, 3, Disjointness::kLink);
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->first.nodes, (std::vector<NodeIndex>{0, 1, 3}));
  EXPECT_EQ(pair->second.nodes, (std::vector<NodeIndex>{0, 2, 3}));
  EXPECT_DOUBLE_EQ(pair->first.cost + pair->second.cost, 8.0);
  EXPECT_FALSE(disjoint_pair(g, 0, 0, Disjointness::kLink));
}

TEST(Disjoint, ParallelFibresAreLinkDisjointButNotNodeDisjointThroughAMiddleNode) {
  // Two parallel fibres 0=1 and two parallel fibres 1=2: link-disjoint pair exists, node-disjoint
  // does not.
  Graph g(3, {{0, 1, 0, 1}, {0, 1, 1, 2}, {1, 2, 2, 1}, {1, 2, 3, 2}});
  auto link = disjoint_pair(g, 0, 2, Disjointness::kLink);
  ASSERT_TRUE(link);
  EXPECT_DOUBLE_EQ(link->first.cost + link->second.cost, 6.0);
  EXPECT_FALSE(disjoint_pair(g, 0, 2, Disjointness::kNode));
  // Direct parallel fibres between the endpoints are node-disjoint (no intermediate node).
  Graph h(2, {{0, 1, 0, 1}, {0, 1, 1, 2}});
  EXPECT_TRUE(disjoint_pair(h, 0, 1, Disjointness::kNode));
}

}  // namespace
}  // namespace lightmesh::routing
