// Routing hot paths on a seeded random geometric graph of 500 nodes and 1,000 edges: Dijkstra
// (point to point and the full tree), Yen with k = 5, and Suurballe's disjoint pairs, each over a
// fixed list of random node pairs.
//
// The graph: 500 points uniform in a 1,000 km square; the minimum spanning tree of all point pairs
// (so it is connected), then each point's links to its 6 nearest neighbours, shortest first, until
// there are 1,000 edges (mean degree 4, like a regional transport mesh). Weights are straight-line
// km.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include "routing/dijkstra.h"
#include "routing/disjoint.h"
#include "routing/graph.h"
#include "routing/yen.h"

namespace lightmesh::bench {
namespace {

constexpr std::uint32_t kNodes = 500;
constexpr std::uint32_t kEdges = 1000;
constexpr std::uint32_t kNeighbours = 6;
constexpr double kSideKm = 1000.0;

struct Workload {
  routing::Graph graph;
  std::vector<std::pair<NodeIndex, NodeIndex>> queries;
};

std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

Workload make_workload() {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> coord(0.0, kSideKm);
  std::vector<double> x(kNodes), y(kNodes);
  for (std::uint32_t i = 0; i < kNodes; ++i) {
    x[i] = coord(rng);
    y[i] = coord(rng);
  }
  auto length = [&](std::uint32_t i, std::uint32_t j) {
    return std::hypot(x[i] - x[j], y[i] - y[j]);
  };

  struct Candidate {
    double km;
    std::uint32_t a, b;
  };
  std::vector<Candidate> all;
  for (std::uint32_t i = 0; i < kNodes; ++i) {
    for (std::uint32_t j = i + 1; j < kNodes; ++j) all.push_back({length(i, j), i, j});
  }
  const auto shorter = [](const Candidate& p, const Candidate& q) {
    return std::tie(p.km, p.a, p.b) < std::tie(q.km, q.a, q.b);
  };
  std::sort(all.begin(), all.end(), shorter);

  std::vector<std::vector<char>> linked(kNodes, std::vector<char>(kNodes, 0));
  std::vector<routing::EdgeSpec> edges;
  auto add = [&](const Candidate& c) {
    linked[c.a][c.b] = linked[c.b][c.a] = 1;
    edges.push_back({c.a, c.b, static_cast<FiberIndex>(edges.size()), c.km});
  };
  // Kruskal: the minimum spanning tree makes the graph connected.
  std::vector<std::uint32_t> parent(kNodes);
  std::iota(parent.begin(), parent.end(), 0u);
  for (const Candidate& c : all) {
    const std::uint32_t ra = find_root(parent, c.a), rb = find_root(parent, c.b);
    if (ra == rb) continue;
    parent[ra] = rb;
    add(c);
  }
  // Then nearest-neighbour links, shortest first.
  std::vector<Candidate> near;
  for (std::uint32_t i = 0; i < kNodes; ++i) {
    std::vector<Candidate> mine;
    for (std::uint32_t j = 0; j < kNodes; ++j) {
      if (j != i) mine.push_back({length(i, j), std::min(i, j), std::max(i, j)});
    }
    std::partial_sort(mine.begin(), mine.begin() + kNeighbours, mine.end(), shorter);
    near.insert(near.end(), mine.begin(), mine.begin() + kNeighbours);
  }
  std::sort(near.begin(), near.end(), shorter);
  for (const Candidate& c : near) {
    if (edges.size() >= kEdges) break;
    if (!linked[c.a][c.b]) add(c);
  }

  Workload w{routing::Graph(kNodes, edges), {}};
  std::uniform_int_distribution<NodeIndex> node(0, kNodes - 1);
  while (w.queries.size() < 256) {
    const NodeIndex s = node(rng), t = node(rng);
    if (s != t) w.queries.emplace_back(s, t);
  }
  return w;
}

const Workload& workload() {
  static const Workload w = make_workload();
  return w;
}

void BM_ShortestPath(benchmark::State& state) {
  const Workload& w = workload();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [s, t] = w.queries[i++ % w.queries.size()];
    auto p = routing::shortest_path(w.graph, s, t);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ShortestPath)->Unit(benchmark::kMicrosecond);

void BM_ShortestPathReusedSearch(benchmark::State& state) {
  const Workload& w = workload();
  routing::DijkstraSearch search(w.graph);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [s, t] = w.queries[i++ % w.queries.size()];
    auto p = search.find(s, t);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ShortestPathReusedSearch)->Unit(benchmark::kMicrosecond);

void BM_ShortestPathTree(benchmark::State& state) {
  const Workload& w = workload();
  std::size_t i = 0;
  for (auto _ : state) {
    auto tree = routing::shortest_path_tree(w.graph, w.queries[i++ % w.queries.size()].first);
    benchmark::DoNotOptimize(tree);
  }
}
BENCHMARK(BM_ShortestPathTree)->Unit(benchmark::kMicrosecond);

void BM_Yen(benchmark::State& state) {
  const Workload& w = workload();
  const auto k = static_cast<std::uint32_t>(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [s, t] = w.queries[i++ % w.queries.size()];
    auto paths = routing::k_shortest_paths(w.graph, s, t, k);
    benchmark::DoNotOptimize(paths);
  }
}
BENCHMARK(BM_Yen)->Arg(5)->Unit(benchmark::kMicrosecond);

void BM_DisjointPair(benchmark::State& state, routing::Disjointness d) {
  const Workload& w = workload();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [s, t] = w.queries[i++ % w.queries.size()];
    auto pair = routing::disjoint_pair(w.graph, s, t, d);
    benchmark::DoNotOptimize(pair);
  }
}
BENCHMARK_CAPTURE(BM_DisjointPair, link, routing::Disjointness::kLink)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DisjointPair, node, routing::Disjointness::kNode)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace lightmesh::bench

BENCHMARK_MAIN();
