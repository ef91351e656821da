// Export speed: `lightmesh export --to gnpy` of the 500-node, ≈ 1,000-fibre Gabriel graph, the
// line model's design included (goal < 1 s: an export is run by hand or by a CI job, and a second
// keeps it instant on the largest network lightmesh plans), and the path requests of a
// 1,000-demand plan on it.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "bench_networks.h"
#include "cli/plan_output.h"
#include "goal.h"
#include "io/gnpy_equipment_writer.h"
#include "io/gnpy_export.h"
#include "io/gnpy_topology.h"
#include "physics/line_model.h"
#include "qot/plan_requests.h"
#include "rsa/plan.h"

namespace lightmesh::bench {
namespace {

const Network& gabriel500() {
  static const Network net = build_network(gabriel_network(500, 1200.0, 7)).value();
  return net;
}

// What `lightmesh export NETWORK --to gnpy -o … --equipment-out …` does once the network is
// loaded: design, rename, write both files.
std::size_t export_network(const Network& net) {
  const physics::LineModel model = physics::LineModel::build(net).value();
  const io::GnpyExport out = io::gnpy_export_of(net, model).value();
  return io::write_gnpy_topology(out.topology).size() +
         io::write_gnpy_equipment(out.equipment).size();
}

// The plan of 1,000 random demands, as `lightmesh plan --format json` writes it.
const std::string& plan_text() {
  static const std::string text = [] {
    const Network& net = gabriel500();
    const auto demands = random_demands(net, 1000, 11);
    const rsa::PlanOptions options;
    const rsa::PlanResult r = rsa::plan(net, demands, options).value();
    return cli::plan_json(net, demands, r, options).dump(2);
  }();
  return text;
}

void BM_ExportGnpy(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(export_network(gabriel500()));
}
BENCHMARK(BM_ExportGnpy)->Unit(benchmark::kMillisecond);

void BM_ExportPlanRequests(benchmark::State& state) {
  const physics::LineModel model = physics::LineModel::build(gabriel500()).value();
  const std::string& plan = plan_text();  // planned once, outside the timing
  for (auto _ : state) {
    const auto r = qot::plan_requests(plan, "plan.json", gabriel500(), model).value();
    benchmark::DoNotOptimize(qot::write_gnpy_services(r.services));
  }
}
BENCHMARK(BM_ExportPlanRequests)->Unit(benchmark::kMillisecond);

void goals() {
  const Network& net = gabriel500();
  const std::string size = std::to_string(net.nodes().size()) + " nodes, " +
                           std::to_string(net.fibers().size()) + " fibres";
  const double s = median_seconds(3, [&] { (void)export_network(net); });
  print_goal("export --to gnpy, design included, Gabriel graph (" + size + ")", s, 1.0);
  const physics::LineModel model = physics::LineModel::build(net).value();
  const double p = median_seconds(3, [&] {
    const auto r = qot::plan_requests(plan_text(), "plan.json", net, model).value();
    (void)qot::write_gnpy_services(r.services);
  });
  print_goal("export a 1,000-demand plan's path requests, Gabriel graph", p, 1.0);
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
