// `lightmesh import --from gnpy|topohub|sndlib FILE -o network.json`: convert to the native format.
#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "io/import.h"
#include "io/native_writer.h"

namespace lightmesh::cli {

namespace {

struct ImportArgs {
  std::string from;
  std::string file;
  std::string output;
  double route_factor = 1.0;
};

int run_import(const ImportArgs& a, Context& ctx) {
  auto format = io::parse_import_format(a.from);
  if (!format) return report(format.error().at_place("--from"), ctx.err), kExitUsage;
  io::ImportOptions options;
  options.route_factor = a.route_factor;
  auto imported = io::import_network_file(a.file, *format, options);
  if (!imported) return report(imported.error(), ctx.err), kExitInputError;
  for (const auto& w : imported->warnings) ctx.err << "warning: " << w << "\n";
  auto net = build_network(std::move(imported->spec));
  if (!net) return report(net.error().at(a.file), ctx.err), kExitInputError;
  for (const auto& w : net->warnings()) ctx.err << "warning: " << w << "\n";
  return write_output(a.output, io::write_native_json(*net), ctx.out, ctx.err) ? kExitOk
                                                                               : kExitInputError;
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  ctx.options.push_back(args);
  CLI::App* cmd = app.add_subcommand(
      "import", "Convert a GNPy, TopoHub or SNDlib topology to the native format");
  cmd->add_option("--from", args->from, "Input format: gnpy, topohub or sndlib")
      ->required()
      ->check(CLI::IsMember({"gnpy", "topohub", "sndlib"}));
  cmd->add_option("file", args->file, "Input file")->required();
  cmd->add_option("-o,--output", args->output,
                  "Write the native network to FILE (default: stdout)");
  cmd->add_option("--route-factor", args->route_factor,
                  "Fibre route length / great-circle distance (1.2-1.5 is typical): scales TopoHub "
                  "`dist` and lengths derived from coordinates; stated lengths (XLRON `distance`, "
                  "`length_km`, GNPy) are kept")
      ->default_val(1.0)
      ->check(CLI::Range(1.0, 10.0));
  cmd->footer(
      "Every imported node becomes a site holding a ROADM and transceiver ports, and keeps its\n"
      "id. In GNPy files a Roadm with its own Transceiver becomes one site whose id is the\n"
      "Roadm's uid (the transceiver uid becomes its name); a Roadm without one stays a plain\n"
      "ROADM node.\n\n"
      "Examples:\n"
      "  lightmesh import --from topohub Nsfnet.json --route-factor 1.3 -o nsfnet.json\n"
      "  lightmesh import --from gnpy topology.json -o network.json\n"
      "  lightmesh import --from sndlib germany50.txt --route-factor 1.4 -o germany50.json");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_import(*args, ctx); }; });
}

}  // namespace lightmesh::cli
