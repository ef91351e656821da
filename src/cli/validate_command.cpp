// `lightmesh validate NETWORK`: load, check, and summarise a network file; with --design (or
// --format json) also design its lines and show the amplifiers and ROADM targets; with --devices
// also check a southbound inventory against the network.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/design_output.h"
#include "physics/design_summary.h"
#include "physics/line_model.h"
#include "southbound/inventory.h"

namespace lightmesh::cli {

namespace {

struct ValidateArgs {
  std::string network;
  std::string format = "table";
  std::string devices;  // an inventory to check too; empty if none
  bool design = false;
};

// Every problem of the inventory on its own line, then its warnings; false if it has problems.
bool check_devices(const std::string& file, const Network& net, std::ostream& err,
                   southbound::InventoryCheck* out) {
  *out = southbound::check_inventory_file(file, net);
  for (const Error& e : out->problems) report(e, err);
  for (const Error& w : out->warnings) err << "warning: " << w.to_string() << "\n";
  return out->problems.empty();
}

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
  const bool json = a.format == "json";
  southbound::InventoryCheck devices;
  if (!a.devices.empty() && !check_devices(a.devices, *net, ctx.err, &devices))
    return kExitInputError;
  // The design is what every consumer plans with: equipment it cannot meet is an input error.
  std::optional<physics::DesignSummary> design;
  if (a.design || json) {
    auto model = physics::LineModel::build(*net);
    if (!model) {
      report(model.error(), ctx.err);
      return kExitInputError;
    }
    auto summary = physics::summarise_design(*net, *model);
    if (!summary) {
      report(summary.error(), ctx.err);
      return kExitInputError;
    }
    design = std::move(summary).value();
  }
  if (json) {
    nlohmann::ordered_json j = {{"network", a.network},
                                {"ok", true},
                                {"sites", net->sites().size()},
                                {"roadms", roadms},
                                {"gateways", gateways},
                                {"fibers", net->fibers().size()},
                                {"fiber_km", km},
                                {"transceiver_modes", net->catalogue().modes().size()},
                                {"warnings", net->warnings()}};
    j["design"] = design_json(*net, *design);
    if (!a.devices.empty()) {
      nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
      for (const Error& w : devices.warnings) warnings.push_back(w.to_string());
      j["devices"] = {{"file", a.devices},
                      {"devices", devices.inventory.devices.size()},
                      {"warnings", warnings}};
    }
    ctx.out << j.dump(2) << "\n";
    return kExitOk;
  }
  ctx.out << fmt::format(
      "{}: ok: {} sites, {} ROADMs, {} gateways, {} fibres ({:.1f} km), {} transceiver modes{}\n",
      a.network, net->sites().size(), roadms, gateways, net->fibers().size(), km,
      net->catalogue().modes().size(),
      net->warnings().empty() ? "" : fmt::format(", {} warnings", net->warnings().size()));
  if (!a.devices.empty())
    ctx.out << fmt::format(
        "{}: ok: {} devices{}\n", a.devices, devices.inventory.devices.size(),
        devices.warnings.empty() ? "" : fmt::format(", {} warnings", devices.warnings.size()));
  if (design) ctx.out << design_text(*net, *design);
  return kExitOk;
}

}  // namespace

void add_validate_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ValidateArgs>();
  ctx.options.push_back(args);
  CLI::App* cmd = app.add_subcommand("validate", "Check a network file and summarise it");
  cmd->add_option("network", args->network, "Network file (native JSON or YAML)")->required();
  cmd->add_flag("--design", args->design,
                "Also design the lines and print each fibre's amplifiers (type, gain, NF) and the "
                "ROADM targets");
  cmd->add_option("-f,--format", args->format, "Output format: table or json (json has the design)")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--devices", args->devices,
                  "Also check this device inventory (as `serve --devices` reads it) against the "
                  "network");
  cmd->footer(
      "Exits 0 when the network is valid (warnings, such as disconnected parts, go to stderr), 1 "
      "with one\n"
      "line naming the file, the place and the problem otherwise. With --design or --format json "
      "the lines\n"
      "are designed as plan designs them, so equipment the file states that cannot meet its spans "
      "is an\n"
      "error too. With --devices every problem of the inventory is one line naming the file and "
      "JSON\n"
      "pointer, and a password variable that is not set is a warning.\n\n"
      "Examples:\n"
      "  lightmesh validate examples/london/network.json\n"
      "  lightmesh validate examples/london/network.json --design\n"
      "  lightmesh validate examples/london/network.json --devices devices.json");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_validate(*args, ctx); }; });
}

}  // namespace lightmesh::cli
