// `lightmesh validate NETWORK`: load, check, and summarise a network file.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace lightmesh::cli {

namespace {

struct ValidateArgs {
  std::string network;
};

int run_validate(const ValidateArgs& a, Context& ctx) {
  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;
  double km = 0;
  for (const auto& f : net->fibers()) km += f.length.value();
  std::size_t roadms = 0, gateways = 0;
  for (const auto& n : net->nodes()) {
    if (n.site != kNoIndex) continue;
    (n.kind == NodeKind::kGateway ? gateways : roadms)++;
  }
  ctx.out << fmt::format(
      "{}: ok: {} sites, {} ROADMs, {} gateways, {} fibres ({:.1f} km), {} transceiver modes{}\n",
      a.network, net->sites().size(), roadms, gateways, net->fibers().size(), km,
      net->catalogue().modes().size(),
      net->warnings().empty() ? "" : fmt::format(", {} warnings", net->warnings().size()));
  return kExitOk;
}

}  // namespace

void add_validate_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ValidateArgs>();
  ctx.options.push_back(args);
  CLI::App* cmd = app.add_subcommand("validate", "Check a network file and summarise it");
  cmd->add_option("network", args->network, "Network file (native JSON or YAML)")->required();
  cmd->footer(
      "Exits 0 when the network is valid (warnings, such as disconnected parts, go to stderr), 1 "
      "with one\n"
      "line naming the file, the place and the problem otherwise.\n\n"
      "Example:\n"
      "  lightmesh validate examples/london/network.json");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_validate(*args, ctx); }; });
}

}  // namespace lightmesh::cli
