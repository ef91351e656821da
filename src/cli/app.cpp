#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/commands.h"

namespace lightmesh::cli {

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "lightmesh: plan and prove all-photonic lightpaths between datacenters.\n"
      "Routes, transceiver modes and flex-grid spectrum, with latency to the microsecond."};
  app.name("lightmesh");
  app.require_subcommand(1);
  app.set_version_flag("--version", "lightmesh 0.1.0");
  app.footer(
      "Examples:\n"
      "  lightmesh plan examples/london/network.json --demands examples/london/demands.json\n"
      "  lightmesh latency examples/london/network.json --from LSE --max-rtt-us 1000\n"
      "  lightmesh validate examples/tokyo/network.json\n"
      "  lightmesh import --from topohub Nsfnet.json --route-factor 1.3 -o nsfnet.json\n"
      "  lightmesh export examples/london/network.json --to gnpy -o topology.json\n"
      "  lightmesh simulate examples/london/network.json --load 20,40 --replications 4\n"
      "  lightmesh serve examples/london/network.json --db london.db\n"
      "  lightmesh service create --from LSE --to LD4 --bandwidth-gbps 400 --max-rtt-us 1000\n"
      "  lightmesh fiber cut LSE-LD8 --server http://127.0.0.1:8080 --token TOKEN\n"
      "Run 'lightmesh COMMAND --help' for a command's options. Docs: docs/cli.md");

  Context ctx{out, err, {}, {}};
  add_plan_command(app, ctx);
  add_latency_command(app, ctx);
  add_place_command(app, ctx);
  add_validate_command(app, ctx);
  add_import_command(app, ctx);
  add_export_command(app, ctx);
  add_qot_command(app, ctx);
  add_simulate_command(app, ctx);
  add_survivability_command(app, ctx);
  add_serve_command(app, ctx);
  add_token_command(app, ctx);
  add_service_command(app, ctx);
  add_fiber_command(app, ctx);
  add_workload_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << "lightmesh 0.1.0\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Subcommand help is raised from the subcommand; CLI11 formats it through exit().
    if (e.get_exit_code() == 0) {
      app.exit(e, out, err);
      return kExitOk;
    }
    err << "lightmesh: " << e.what() << "\n";
    err << "Run 'lightmesh --help' for usage.\n";
    return kExitUsage;
  }
  if (!ctx.action) return kExitUsage;
  try {
    return ctx.action();
  } catch (const std::exception& e) {
    // Never reached by user input (errors are values); this is a last guard against a crash.
    err << "lightmesh: internal error: " << e.what() << "\n";
    return 70;
  }
}

}  // namespace lightmesh::cli
