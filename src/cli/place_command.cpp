// `lightmesh place NETWORK --workload FILE`: a dry run of workload placement — where the work
// would run, the lightpaths it would get, the prediction and the choices that lost.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/place_output.h"
#include "io/json_doc.h"
#include "io/workload_reader.h"
#include "workloads/place.h"

namespace lightmesh::cli {

namespace {

struct PlaceArgs {
  std::string network;
  std::string workload;
  std::string format = "table";
  bool explain = false;
  std::string output;
};

int run_place(const PlaceArgs& a, Context& ctx) {
  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;
  auto text = io::read_text_file(a.workload);
  if (!text) return report(text.error().at(a.workload), ctx.err), kExitInputError;
  auto spec = io::read_workload(*text, a.workload);
  if (!spec) return report(spec.error(), ctx.err), kExitInputError;
  auto fabric = fabric::Fabric::make(*net, {}, [] { return std::int64_t{0}; });
  if (!fabric) return report(fabric.error(), ctx.err), kExitInputError;
  auto placed = workloads::place(*fabric, *spec, *text);
  if (!placed) {
    // A document the network can never satisfy (a job beyond its inventory, a site or GPU model
    // it lacks) names the workload file; a fault names nothing. JSON readers get the refusal in
    // the same shape as any other, with the field as the rule.
    const Error& e = placed.error();
    if (e.code() != ErrorCode::kInternal && a.format == "json") {
      const nlohmann::ordered_json refusal = {
          {"kind", workload_kind_name(spec->kind())},
          {"refused",
           {{"reason", "INVALID_FOR_NETWORK"}, {"rule", e.place()}, {"detail", e.message()}}}};
      if (!write_output(a.output, refusal.dump(2) + "\n", ctx.out, ctx.err)) return kExitInputError;
    }
    report(e.code() == ErrorCode::kInternal ? e : e.at(a.workload), ctx.err);
    return kExitInputError;
  }
  const std::string out = a.format == "json" ? placed->answer.dump(2) + "\n"
                                             : place_table(*fabric, *spec, *placed, a.explain);
  if (!write_output(a.output, out, ctx.out, ctx.err)) return kExitInputError;
  if (placed->choice.refusal) {
    report(Error::unsupported("refused by rule \"" + placed->choice.refusal->rule +
                              "\": " + placed->choice.refusal->detail)
               .at(a.workload),
           ctx.err);
    return kExitRefused;
  }
  return kExitOk;
}

}  // namespace

void add_place_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PlaceArgs>();
  ctx.options.push_back(args);
  CLI::App* cmd = app.add_subcommand(
      "place", "Place a workload (training, inference, cluster, sites, production): a dry run");
  cmd->add_option("network", args->network, "Network file (native JSON or YAML)")->required();
  cmd->add_option("-w,--workload", args->workload, "Workload document (JSON or YAML)")->required();
  cmd->add_option("-f,--format", args->format, "Output format: table or json")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_flag("--explain", args->explain,
                "Also print the prediction's terms and the alternatives that lost, and why");
  cmd->add_option("-o,--output", args->output, "Write the output to FILE instead of stdout");
  cmd->footer(
      "Chooses the sites and the compute at each, provisions the lightpaths between them on an\n"
      "empty copy of the network, and predicts what the workload will see (step time against one\n"
      "site for training; RTT and capacity for the others). Nothing is kept: `serve` and\n"
      "POST /api/v1/workloads place for real. A workload that cannot be placed prints\n"
      "{\"refused\":{\"reason\",\"rule\",\"detail\"}} (with --format json) and exits 4; a bad "
      "document exits 1, and one this network can never satisfy (more GPUs than it holds, a site\n"
      "or GPU model it lacks) prints the same with reason INVALID_FOR_NETWORK and the field as\n"
      "its rule.\n\n"
      "Examples:\n"
      "  lightmesh place examples/tokyo/network.json --workload "
      "examples/workloads/training.json\n"
      "  lightmesh place examples/tokyo/network.json --workload "
      "examples/workloads/training.json --explain\n"
      "  lightmesh place examples/london/network.json --workload examples/workloads/sites.json "
      "--format json");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_place(*args, ctx); }; });
}

}  // namespace lightmesh::cli
