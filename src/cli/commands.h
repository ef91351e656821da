// Registration of each subcommand on the CLI11 app. One file per subcommand; each keeps its options
// in a struct owned by the Context so parsing leaves no global state behind.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <vector>

namespace CLI {
class App;
}

namespace lightmesh::cli {

struct Context {
  std::ostream& out;
  std::ostream& err;
  std::function<int()> action;                 // set by the subcommand that was chosen
  std::vector<std::shared_ptr<void>> options;  // keeps each subcommand's option struct alive
};

// A subcommand's option struct, owned by the Context so it outlives parsing.
template <typename Args>
std::shared_ptr<Args> keep(Context& ctx) {
  auto args = std::make_shared<Args>();
  ctx.options.push_back(args);
  return args;
}

void add_plan_command(CLI::App& app, Context& ctx);
void add_latency_command(CLI::App& app, Context& ctx);
void add_place_command(CLI::App& app, Context& ctx);
void add_validate_command(CLI::App& app, Context& ctx);
void add_import_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_qot_command(CLI::App& app, Context& ctx);
void add_simulate_command(CLI::App& app, Context& ctx);
void add_survivability_command(CLI::App& app, Context& ctx);
void add_serve_command(CLI::App& app, Context& ctx);
void add_token_command(CLI::App& app, Context& ctx);
// Clients of `serve`'s REST API.
void add_service_command(CLI::App& app, Context& ctx);
void add_fiber_command(CLI::App& app, Context& ctx);
void add_workload_command(CLI::App& app, Context& ctx);

}  // namespace lightmesh::cli
