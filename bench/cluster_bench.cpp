// Composable-cluster search speed: GPUs, CPU cores and storage on a 100-site Gabriel network with
// seeded inventories, prices and PUEs, three edges with RTT bounds (goal < 100 ms on one core).
#include <benchmark/benchmark.h>

#include <random>

#include "bench_networks.h"
#include "goal.h"
#include "workloads/cluster.h"

namespace lightmesh::bench {
namespace {

// The Gabriel network with compute at every site: 0–64 H100s, 0–1,024 cores, 0–500 TB, prices
// 30–150 USD/MWh and PUE 1.1–1.6, all seeded.
const Network& gabriel100() {
  static const Network net = [] {
    NetworkSpec spec = gabriel_network(100, 600.0, 17);
    std::mt19937_64 rng(23);
    for (SiteSpec& s : spec.sites) {
      Compute c;
      c.gpus.push_back(
          GpuPool{.model = "H100", .count = 8 * static_cast<std::uint32_t>(rng() % 9)});
      c.cpu_cores = 128 * static_cast<std::uint32_t>(rng() % 9);
      c.storage_tb = 100.0 * static_cast<double>(rng() % 6);
      s.compute = c;
      s.power_price_usd_mwh = std::uniform_real_distribution<double>(30, 150)(rng);
      s.pue = std::uniform_real_distribution<double>(1.1, 1.6)(rng);
    }
    return build_network(std::move(spec)).value();
  }();
  return net;
}

workloads::SiteMatrix& matrix() {
  static workloads::SiteMatrix m = workloads::SiteMatrix::build(gabriel100());
  return m;
}

ClusterSpec cluster(bool split) {
  ClusterSpec spec;
  spec.roles = {.gpus = 48, .gpu_model = "H100", .cores = 768, .storage_tb = 400};
  spec.edges = {
      {"gpu", "storage", 1500, 400}, {"gpu", "cpu", 1000, 100}, {"cpu", "storage", 2000, 100}};
  spec.split_roles = split;
  return spec;
}

void BM_Cluster(benchmark::State& state, bool split) {
  const auto free = workloads::FreeCompute::from_inventory(gabriel100());
  const ClusterSpec spec = cluster(split);
  for (auto _ : state) {
    auto c = workloads::choose_cluster(gabriel100(), matrix(), free, spec);
    benchmark::DoNotOptimize(c);
    state.counters["usd_h"] = c->cost_usd_h;
  }
}
BENCHMARK_CAPTURE(BM_Cluster, one_site_per_role, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Cluster, split_roles, true)->Unit(benchmark::kMillisecond);

// The search as `place` runs it: the latency matrix is built first.
void goals() {
  const auto free = workloads::FreeCompute::from_inventory(gabriel100());
  const ClusterSpec spec = cluster(false);
  std::size_t sites = 0;
  const double s = median_seconds(5, [&] {
    const auto m = workloads::SiteMatrix::build(gabriel100());
    sites = workloads::choose_cluster(gabriel100(), m, free, spec)->sites.size();
  });
  print_goal("composable-cluster search, 100 sites, 3 roles, 3 edges, latency matrix included (" +
                 std::to_string(sites) + " sites used)",
             s, 0.1);
  // Roles larger than any one site holds (≤ 64 GPUs, ≤ 1,024 cores, ≤ 500 TB per site): the
  // split search must combine sites.
  ClusterSpec big = cluster(true);
  big.roles = {.gpus = 192, .gpu_model = "H100", .cores = 2048, .storage_tb = 900};
  big.edges = {
      {"gpu", "storage", 3000, 400}, {"gpu", "cpu", 3000, 100}, {"cpu", "storage", 4000, 100}};
  std::string outcome;
  const double b = median_seconds(3, [&] {
    const auto m = workloads::SiteMatrix::build(gabriel100());
    auto c = workloads::choose_cluster(gabriel100(), m, free, big);
    outcome = c->refusal ? "refused: " + c->refusal->rule
                         : std::to_string(c->sites.size()) + " site shares, search " +
                               c->prediction["search"].get<std::string>().substr(0, 7);
  });
  print_goal(
      "composable-cluster search, split roles larger than a site, 100 sites (" + outcome + ")", b,
      0.1);
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
