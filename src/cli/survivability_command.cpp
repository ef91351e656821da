// `lightmesh survivability NETWORK [--from-db DB | --demands FILE]`: every single fibre cut and
// every site loss applied to the services a controller holds (or to demands booked as services),
// with the controller's own failure handling, ranked by impact (docs/simulate.md).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/app.h"
#include "cli/bounded_option.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/survivability_output.h"
#include "core/limits.h"
#include "fabric/survivability.h"
#include "io/load.h"
#include "store/open_store.h"
#include "store/postgres_store.h"

namespace lightmesh::cli {

namespace {

struct SurvivabilityArgs {
  std::string network;
  std::string from_db;
  std::string demands;
  bool restore = false;
  double osnr_margin_db = 2.0;
  std::string format = "table";
  std::string output;
};

int run_survivability(const SurvivabilityArgs& a, Context& ctx) {
  if (a.from_db.empty() == a.demands.empty()) {
    report(Error::invalid("give the services: --from-db DB (what a controller holds) or --demands "
                          "FILE (demands booked as services), one of the two"),
           ctx.err);
    return kExitUsage;
  }
  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;
  SurvivabilitySource source{a.network, "", "", net->fibers().size(), net->sites().size()};
  std::optional<fabric::Fabric> fabric;
  rsa::PlanOptions plan_options;
  plan_options.osnr_margin_db = a.osnr_margin_db;
  if (!a.from_db.empty()) {
    auto loaded = store::load_controller_state(a.from_db, *net, plan_options);
    if (!loaded) return report(loaded.error(), ctx.err), kExitInputError;
    fabric = std::move(*loaded);
    source.kind = "from_db";
    source.name =
        store::is_postgres_url(a.from_db) ? store::PostgresStore::redact(a.from_db) : a.from_db;
  } else {
    auto demands = io::load_demands(a.demands, &*net);
    if (!demands) return report(demands.error(), ctx.err), kExitInputError;
    auto made = fabric::Fabric::make(*net, plan_options, {});
    if (!made) return report(made.error(), ctx.err), kExitInputError;
    fabric = std::move(*made);
    auto refused = fabric::book_demands(
        *fabric, *demands,
        a.restore ? fabric::ServiceProtection::kRestore : fabric::ServiceProtection::kNone);
    if (!refused) return report(refused.error(), ctx.err), kExitInputError;
    for (const std::string& r : *refused)
      ctx.err << "warning: demand " << r << " (not booked, so not in the study)\n";
    source.kind = "demands";
    source.name = a.demands;
  }
  const fabric::SurvivabilityReport result = fabric::survivability(*fabric);
  const std::string text = a.format == "json" ? survivability_json(result, source).dump(2) + "\n"
                                              : survivability_table(result, source);
  return write_output(a.output, text, ctx.out, ctx.err) ? kExitOk : kExitInputError;
}

}  // namespace

void add_survivability_command(CLI::App& app, Context& ctx) {
  auto args = keep<SurvivabilityArgs>(ctx);
  CLI::App* cmd = app.add_subcommand(
      "survivability",
      "Every single fibre cut and site loss: services switched, restored or lost, ranked");
  cmd->add_option("network", args->network, "Network file (the one the controller serves)")
      ->required();
  auto* db = cmd->add_option("--from-db", args->from_db,
                             "The services a controller holds now: sqlite:PATH, a SQLite file, "
                             "or a postgresql:// URL");
  cmd->add_option("--demands", args->demands,
                  "Or: demands (as `plan` reads them) booked as services first")
      ->excludes(db);
  cmd->add_flag("--restore", args->restore,
                "With --demands: book demands without 1+1 as restore services (default: none, "
                "they go down with their fibre)");
  cmd->add_option("--osnr-margin", args->osnr_margin_db,
                  "OSNR margin (dB) restorations are planned with: the controller's (serve's) own")
      ->default_val(2.0)
      ->check(within(limits::kOsnrMarginDb));
  cmd->add_option("-f,--format", args->format, "Output format: table or json")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("-o,--output", args->output, "Write the output to FILE instead of stdout");
  cmd->footer(
      "Each failure is applied to its own copy of the state with the controller's own code: 1+1\n"
      "services switch to their intact leg, restore services are re-routed on spare spectrum\n"
      "(their added latency is the new route's one-way latency minus the old one's), the rest\n"
      "are lost. A site loss cuts every fibre of the site. Failures are ranked by Gb/s lost,\n"
      "then services lost, restored, latency added and switched.\n\n"
      "Examples:\n"
      "  lightmesh survivability examples/london/network.json --from-db sqlite:lightmesh.db\n"
      "  lightmesh survivability examples/london/network.json \\\n"
      "      --demands examples/london/demands.json --restore --format json -o cuts.json");
  cmd->callback(
      [args, &ctx] { ctx.action = [args, &ctx] { return run_survivability(*args, ctx); }; });
}

}  // namespace lightmesh::cli
