// Load + validate speed of a 500-node network in the native JSON format (goal < 50 ms).
#include <benchmark/benchmark.h>

#include "bench_networks.h"
#include "goal.h"
#include "io/load.h"
#include "io/native_writer.h"

namespace lightmesh::bench {
namespace {

const std::string& network_text() {
  static const std::string text =
      io::write_native_json(build_network(gabriel_network(500, 1200.0, 7)).value());
  return text;
}

void BM_LoadValidate500(benchmark::State& state) {
  for (auto _ : state) {
    auto net = io::load_network_text(network_text(), "gabriel500.json");
    benchmark::DoNotOptimize(net);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * network_text().size()));
}
BENCHMARK(BM_LoadValidate500)->Unit(benchmark::kMillisecond);

// The same text read as YAML (JSON is flow-style YAML): the cost of yaml-cpp plus the conversion
// to JSON with line tracking, for comparison.
void BM_LoadValidate500Yaml(benchmark::State& state) {
  for (auto _ : state) {
    auto net = io::load_network_text(network_text(), "gabriel500.yaml");
    benchmark::DoNotOptimize(net);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * network_text().size()));
}
BENCHMARK(BM_LoadValidate500Yaml)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lightmesh::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  using namespace lightmesh;
  const auto& text = bench::network_text();
  std::size_t fibers = 0;
  const double s = bench::median_seconds(
      9, [&] { fibers = io::load_network_text(text, "g.json")->fibers().size(); });
  bench::print_goal("load + validate, 500 nodes, " + std::to_string(fibers) +
                        " fibres, native JSON (" + std::to_string(text.size() / 1024) + " KiB)",
                    s, 0.050);
  return 0;
}
