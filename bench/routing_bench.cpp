// Routing hot paths on a 500-node Gabriel graph: Dijkstra, Yen k = 5, Suurballe.
#include <benchmark/benchmark.h>

#include "bench_networks.h"
#include "physics/latency.h"
#include "routing/dijkstra.h"
#include "routing/disjoint.h"
#include "routing/yen.h"

namespace lightmesh::bench {
namespace {

const routing::Graph& graph() {
  static const Network net = build_network(gabriel_network(500, 1200.0, 7)).value();
  static const routing::Graph g = [] {
    std::vector<routing::EdgeSpec> edges;
    for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
      edges.push_back({net.fiber(f).a, net.fiber(f).b, f, physics::latency_edge_weight(net, f)});
    }
    return routing::Graph(static_cast<std::uint32_t>(net.nodes().size()), edges);
  }();
  return g;
}

void BM_Dijkstra(benchmark::State& state) {
  std::mt19937_64 rng(1);
  for (auto _ : state) {
    auto p = routing::shortest_path(graph(), rng() % 500, rng() % 500);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Dijkstra)->Unit(benchmark::kMicrosecond);

void BM_Yen5(benchmark::State& state) {
  std::mt19937_64 rng(2);
  for (auto _ : state) {
    auto p = routing::k_shortest_paths(graph(), rng() % 500, rng() % 500, 5);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Yen5)->Unit(benchmark::kMicrosecond);

void BM_DisjointPair(benchmark::State& state) {
  std::mt19937_64 rng(3);
  for (auto _ : state) {
    auto p =
        routing::disjoint_pair(graph(), rng() % 500, rng() % 500, routing::Disjointness::kLink);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_DisjointPair)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace lightmesh::bench

BENCHMARK_MAIN();
