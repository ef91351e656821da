// Planning speed: 1,000 random demands on a 500-node, ≈ 1,000-fibre network with k = 5 and
// first-fit (goal < 1 s on one core), and the same on NSFNET. GNPy is reported to take minutes for
// 300 requests on a 500-node network (docs/sources.md §7).
#include <benchmark/benchmark.h>

#include "bench_networks.h"
#include "goal.h"
#include "io/load.h"
#include "rsa/plan.h"

namespace lightmesh::bench {
namespace {

const Network& gabriel500() {
  static const Network net = build_network(gabriel_network(500, 1200.0, 7)).value();
  return net;
}

const Network& nsfnet() {
  static const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/nsfnet/network.json").value();
  return net;
}

void BM_Plan1000(benchmark::State& state, const Network& net) {
  const auto demands = random_demands(net, 1000, 11);
  rsa::PlanOptions options;
  options.k = 5;
  for (auto _ : state) {
    auto r = rsa::plan(net, demands, options);
    benchmark::DoNotOptimize(r);
    state.counters["served"] = r->summary.served;
  }
}
BENCHMARK_CAPTURE(BM_Plan1000, gabriel500, gabriel500())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plan1000, nsfnet, nsfnet())->Unit(benchmark::kMillisecond);

void goals() {
  for (const auto& [name, net] :
       {std::pair<std::string, const Network*>{"Gabriel graph", &gabriel500()},
        std::pair<std::string, const Network*>{"NSFNET", &nsfnet()}}) {
    const auto demands = random_demands(*net, 1000, 11);
    rsa::PlanOptions options;
    rsa::PlanSummary summary;
    const double s =
        median_seconds(5, [&] { summary = rsa::plan(*net, demands, options)->summary; });
    print_goal("plan 1,000 demands, k=5, first-fit, " + name + " (" +
                   std::to_string(net->nodes().size()) + " nodes, " +
                   std::to_string(net->fibers().size()) + " fibres; " +
                   std::to_string(summary.served) + " served)",
               s, 1.0);
  }
}

}  // namespace
}  // namespace lightmesh::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  lightmesh::bench::goals();
  return 0;
}
