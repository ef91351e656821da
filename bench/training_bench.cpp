// Placing a 4,096-GPU training job over a 100-site network with compute at every site (goal
// < 1 s on one core, issue 4): the site latency matrix plus the placer's search.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>

#include "bench_networks.h"
#include "goal.h"
#include "workloads/training.h"

namespace lightmesh::bench {
namespace {

// The Gabriel graph of plan_bench, every site a datacenter with 64–1,024 H100 in NVLink domains
// of 8, a power price of 30–150 USD/MWh and a PUE of 1.1–1.5 (synthetic, seeded).
const Network& gpu_network() {
  static const Network net = [] {
    NetworkSpec spec = gabriel_network(100, 1200.0, 7);
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<std::uint32_t> domains(8, 128);
    std::uniform_real_distribution<double> price(30, 150), pue(1.1, 1.5);
    for (SiteSpec& s : spec.sites) {
      Compute c;
      c.gpus.push_back(GpuPool{.model = "H100", .count = 8 * domains(rng), .nvlink_domain = 8});
      s.compute = c;
      s.power_price_usd_mwh = price(rng);
      s.pue = pue(rng);
    }
    return build_network(std::move(spec)).value();
  }();
  return net;
}

// A 7 B-parameter job: tp 8 × pp 4 × dp 128, 64 micro-batches of one 4,096-token sequence.
TrainingSpec job() {
  TrainingSpec t;
  t.gpus = 4096;
  t.gpu_model = "H100";
  t.params_b = 7;
  t.layers = 32;
  t.hidden = 4096;
  t.seq = 4096;
  t.tp = 8;
  t.pp = 4;
  t.dp = 128;
  t.micro_batches = 64;
  t.mfu = 0.4;
  return t;
}

workloads::Choice place() {
  const Network& net = gpu_network();
  const auto latency = workloads::SiteMatrix::build(net);
  return workloads::choose_training(net, latency, workloads::FreeCompute::from_inventory(net),
                                    job())
      .value();
}

void BM_PlaceTraining4096(benchmark::State& state) {
  for (auto _ : state) {
    auto c = place();
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_PlaceTraining4096)->Unit(benchmark::kMillisecond);

void goals() {
  workloads::Choice choice;
  const double s = median_seconds(5, [&] { choice = place(); });
  std::string outcome;
  if (choice.refusal) {
    outcome = "refused: " + choice.refusal->rule;
  } else {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%zu sites, %.3f× one site", choice.sites.size(),
                  choice.prediction["slowdown"].get<double>());
    outcome = buf;
  }
  print_goal("place a 4,096-GPU training job, 100 sites (" + outcome + ")", s, 1.0);
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
