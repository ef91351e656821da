// `lightmesh export NETWORK --to gnpy -o topology.json --equipment-out eqpt_config.json
//  [--plan PLAN.json --services-out services.json]`: the network as GNPy v2.12 reads it, designed.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "io/gnpy_carried.h"
#include "io/gnpy_equipment_writer.h"
#include "io/gnpy_export.h"
#include "io/gnpy_topology.h"
#include "physics/line_model.h"
#include "qot/plan_requests.h"

namespace lightmesh::cli {

namespace {

struct ExportArgs {
  std::string network;
  std::string to;
  std::string output;
  std::string equipment_out;
  std::string plan;
  std::string services_out;
};

int run_export(const ExportArgs& a, Context& ctx) {
  if (a.plan.empty() != a.services_out.empty()) {
    report(Error::invalid("--plan and --services-out go together: the path requests of a plan "
                          "are written to the services file")
               .at_place(a.plan.empty() ? "--services-out" : "--plan"),
           ctx.err);
    return kExitUsage;
  }
  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;
  // The same design planning judges GSNR on (physics/line_model.h).
  auto model = physics::LineModel::build(*net);
  if (!model) return report(model.error().at(a.network), ctx.err), kExitInputError;
  auto exported = io::gnpy_export_of(*net, *model);
  if (!exported) return report(exported.error().at(a.network), ctx.err), kExitInputError;
  for (const auto& w : exported->warnings) ctx.err << "warning: " << a.network << ": " << w << "\n";

  std::optional<qot::PlanRequests> requests;
  if (!a.plan.empty()) {
    auto r = qot::plan_requests_file(a.plan, *net, *model);
    if (!r) return report(r.error(), ctx.err), kExitInputError;
    for (const auto& w : r->warnings) ctx.err << "warning: " << w << "\n";
    // GNPy judges a mode feasible at its required OSNR plus the library's margin: the plan's.
    if (r->osnr_margin_db) {
      for (SpectralInformation& si : exported->equipment.spectral_information)
        si.sys_margins_db = *r->osnr_margin_db;
    }
    requests = std::move(*r);
  }
  // What GNPy's form cannot state rides along, so `import --from gnpy` gives the network back;
  // a library the network names is then the one written beside the topology.
  std::optional<std::string> library;
  if (!a.equipment_out.empty() && !a.output.empty() && a.output != "-") {
    library = std::filesystem::absolute(a.equipment_out)
                  .lexically_relative(std::filesystem::absolute(a.output).parent_path())
                  .string();
  }
  const std::string carried = io::carried_network_json(*net, library);
  if (!write_output(a.output, io::write_gnpy_topology(exported->topology, carried), ctx.out,
                    ctx.err))
    return kExitInputError;
  if (!a.equipment_out.empty() &&
      !write_output(a.equipment_out, io::write_gnpy_equipment(exported->equipment), ctx.out,
                    ctx.err))
    return kExitInputError;
  if (requests &&
      !write_output(a.services_out, qot::write_gnpy_services(requests->services), ctx.out, ctx.err))
    return kExitInputError;
  return kExitOk;
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx) {
  auto args = keep<ExportArgs>(ctx);
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the network, as designed, in GNPy's formats (and a plan as path requests)");
  cmd->add_option("network", args->network, "Network file (native JSON or YAML)")->required();
  cmd->add_option("--to", args->to, "Output format: gnpy")
      ->required()
      ->check(CLI::IsMember({"gnpy"}));
  cmd->add_option("-o,--output", args->output,
                  "Write GNPy's topology JSON to FILE (default: stdout)");
  cmd->add_option("--equipment-out", args->equipment_out,
                  "Write the equipment library the design used (GNPy's eqpt_config.json) to FILE");
  cmd->add_option("--plan", args->plan,
                  "A plan of this network (lightmesh plan --format json): one GNPy path request "
                  "per lightpath");
  cmd->add_option("--services-out", args->services_out,
                  "Write the plan's path requests (GNPy's service JSON) to FILE");
  cmd->footer(
      "The topology holds what lightmesh designed, so GNPy runs on it without choosing anything:\n"
      "a ROADM per node (uid = node id) with its per-degree targets, a transceiver per site\n"
      "(\"trx <id>\"), every span, and every preamplifier, booster and in-line amplifier with its\n"
      "type, gain, delta_p, tilt and output VOA. `lightmesh import --from gnpy` of it gives back\n"
      "the same sites, nodes and fibres. Path request i is the plan's lightpath i, on its fibres,\n"
      "mode and N/M; the library's sys_margins is the plan's OSNR margin.\n\n"
      "Example (then check the plan with GNPy itself):\n"
      "  lightmesh plan examples/london/network.json --demands examples/london/demands.json \\\n"
      "    --format json -o plan.json\n"
      "  lightmesh export examples/london/network.json --to gnpy -o topology.json \\\n"
      "    --equipment-out eqpt_config.json --plan plan.json --services-out services.json\n"
      "  gnpy-path-request topology.json services.json -e eqpt_config.json -o response.json");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_export(*args, ctx); }; });
}

}  // namespace lightmesh::cli
