// GNPy's path-request run on CORONET Global (100 ROADMs, 272 fibres): auto-design and 300
// requests, the case GNPy v2.12 takes 78.2 s on (the oracle data's README). Needs the oracle data
// (LIGHTMESH_GNPY_DATA, default ../shared/data/gnpy beside the source tree); without it the goal
// line says so.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "goal.h"
#include "io/gnpy_equipment.h"
#include "io/gnpy_topology.h"
#include "qot/path_request_run.h"
#include "qot/physics_hooks.h"
#include "qot/response.h"
#include "qot/service.h"

namespace lightmesh::bench {
namespace {

constexpr double kGnpySeconds = 78.2;  // GNPy v2.12 on this case, 2-core VM (oracle data README)

std::filesystem::path case_dir() {
  const char* env = std::getenv("LIGHTMESH_GNPY_DATA");
  const std::filesystem::path root =
      env ? std::filesystem::path(env)
          : std::filesystem::path(LIGHTMESH_SOURCE_DIR) / ".." / "shared" / "data" / "gnpy";
  return root / "cases" / "coronet_global_300";
}

// Reads the inputs and runs every request, as `lightmesh qot … --requests` does.
int run_case(const std::filesystem::path& dir, qot::RunTimings* timings,
             bool write_response = false) {
  auto eq = io::read_gnpy_equipment((dir / "eqpt_config.json").string());
  if (!eq) return -1;
  auto net = io::read_gnpy_topology_file((dir / "CORONET_Global_Topology.json").string(), *eq);
  auto services = qot::read_gnpy_services_file((dir / "coronet_global_300_services.json").string());
  if (!net || !services) return -1;
  qot::PhysicsCache cache;
  qot::PathRequestRun run(std::move(*net), *eq, qot::physics_hooks(*eq, &cache));
  auto rep = run.run(*services, {});
  if (!rep) {
    std::fprintf(stderr, "%s\n", rep.error().to_string().c_str());
    return -1;
  }
  if (timings) *timings = rep->timings;
  if (write_response) {
    // Writing GNPy's response (-o) is timed apart: it is output, not computation.
    std::printf("      cache: %zu propagations, %zu answered from the cache\n", cache.misses.load(),
                cache.hits.load());
    std::size_t bytes = 0;
    const double w =
        median_seconds(3, [&] { bytes = qot::write_gnpy_response(*rep, run.network()).size(); });
    std::printf("      response JSON: %.1f MB written in %s\n", bytes / 1e6,
                human_seconds(w).c_str());
  }
  int served = 0;
  for (const auto& r : rep->results) served += r.feasible() ? 1 : 0;
  return served;
}

void BM_CoronetGlobalRun(benchmark::State& state) {
  const auto dir = case_dir();
  if (!std::filesystem::exists(dir / "coronet_global_300_services.json")) {
    state.SkipWithError("no oracle data");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(run_case(dir, nullptr));
}
BENCHMARK(BM_CoronetGlobalRun)->Unit(benchmark::kMillisecond)->Iterations(3);

void goals() {
  const auto dir = case_dir();
  if (!std::filesystem::exists(dir / "coronet_global_300_services.json")) {
    std::printf("GOAL  CORONET Global, auto-design + 300 path requests: no oracle data at %s\n",
                dir.string().c_str());
    return;
  }
  int served = 0;
  qot::RunTimings t;
  const double s = median_seconds(5, [&] { served = run_case(dir, &t); });
  if (served < 0) {
    std::printf("GOAL  CORONET Global, auto-design + 300 path requests: the run failed\n");
    return;
  }
  run_case(dir, nullptr, /*write_response=*/true);
  std::printf(
      "      CORONET Global run: design %s, routing %s, propagation %s, spectrum %s; "
      "%d requests served; %.0f× faster than GNPy's %.1f s\n",
      human_seconds(t.design_s).c_str(), human_seconds(t.routing_s).c_str(),
      human_seconds(t.propagation_s).c_str(), human_seconds(t.spectrum_s).c_str(), served,
      kGnpySeconds / s, kGnpySeconds);
  char what[128];
  std::snprintf(what, sizeof what, "CORONET Global, design + 300 requests: %.0f× GNPy's %.1f s",
                kGnpySeconds / s, kGnpySeconds);
  print_goal(what, s, kGnpySeconds / 100);
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
