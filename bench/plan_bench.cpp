// Planning speed: 1,000 random demands on a 500-node, ≈ 1,000-fibre network with k = 5 and
// first-fit (goal < 100 ms on one core), and the same on NSFNET. GNPy is reported to take minutes
// for 300 requests on a 500-node network (docs/sources.md §7). The line model (the element-level
// design and each mode's full load along every fibre direction, physics/line_model.h) is a property
// of the network, made once when a network is loaded (`serve` at start, `plan` once per run): it is
// timed on its own, and planning from a planner that holds it.
#include <benchmark/benchmark.h>

#include "bench_networks.h"
#include "goal.h"
#include "io/load.h"
#include "physics/line_model.h"
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
  const rsa::Planner designed = rsa::Planner::create(net, options).value();
  for (auto _ : state) {
    rsa::Planner planner = designed.fresh();
    auto r = rsa::plan(planner, demands);
    benchmark::DoNotOptimize(r);
    state.counters["served"] = r.summary.served;
    // Why the rest were refused: the refused ones cost the most (they try all k routes).
    state.counters["no_mode"] = r.summary.by_reason[static_cast<int>(rsa::Reason::kNoFeasibleMode)];
    state.counters["no_spectrum"] = r.summary.by_reason[static_cast<int>(rsa::Reason::kNoSpectrum)];
  }
}
BENCHMARK_CAPTURE(BM_Plan1000, gabriel500, gabriel500())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plan1000, nsfnet, nsfnet())->Unit(benchmark::kMillisecond);

void BM_DesignLineModel(benchmark::State& state, const Network& net) {
  for (auto _ : state) {
    auto m = physics::LineModel::build(net);
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK_CAPTURE(BM_DesignLineModel, gabriel500, gabriel500())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DesignLineModel, nsfnet, nsfnet())->Unit(benchmark::kMillisecond);

void goals() {
  for (const auto& [name, net] :
       {std::pair<std::string, const Network*>{"Gabriel graph", &gabriel500()},
        std::pair<std::string, const Network*>{"NSFNET", &nsfnet()}}) {
    const auto demands = random_demands(*net, 1000, 11);
    rsa::PlanOptions options;
    rsa::PlanSummary summary;
    const double design = median_seconds(3, [&] { (void)physics::LineModel::build(*net).value(); });
    const rsa::Planner designed = rsa::Planner::create(*net, options).value();
    const double s = median_seconds(5, [&] {
      rsa::Planner planner = designed.fresh();
      summary = rsa::plan(planner, demands).summary;
    });
    const std::string size = std::to_string(net->nodes().size()) + " nodes, " +
                             std::to_string(net->fibers().size()) + " fibres";
    print_goal("plan 1,000 demands, k=5, first-fit, " + name + " (" + size + "; " +
                   std::to_string(summary.served) + " served)",
               s, 0.1);
    // No goal was set for the design; 1 s is what a start-up can afford.
    print_goal("design the line model once, " + name + " (" + size + ")", design, 1.0);
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
