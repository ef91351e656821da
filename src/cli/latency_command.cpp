// `lightmesh latency NETWORK --from SITE`: every site reachable within a bound, nearest first.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/bounded_option.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/plan_output.h"
#include "core/limits.h"
#include "rsa/latency_query.h"

namespace lightmesh::cli {

namespace {

struct LatencyArgs {
  std::string network;
  std::string from;
  std::optional<double> max_rtt_us;
  std::string format = "table";
  std::string output;
};

int run_latency(const LatencyArgs& a, Context& ctx) {
  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;
  const SiteIndex from = net->find_site(a.from);
  if (from == kNoIndex) {
    report(Error::not_found("unknown site \"" + a.from +
                            "\" (--from expects a site id of the network)")
               .at(a.network),
           ctx.err);
    return kExitInputError;
  }
  std::optional<Microseconds> bound;
  if (a.max_rtt_us) bound = Microseconds{*a.max_rtt_us};
  const auto sites = rsa::sites_within(*net, from, bound);
  const std::string text = a.format == "json" ? latency_json(*net, from, sites).dump(2) + "\n"
                                              : latency_table(*net, from, sites, bound);
  return write_output(a.output, text, ctx.out, ctx.err) ? kExitOk : kExitInputError;
}

}  // namespace

void add_latency_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<LatencyArgs>();
  ctx.options.push_back(args);
  CLI::App* cmd =
      app.add_subcommand("latency", "List the sites reachable from one site, nearest first");
  cmd->add_option("network", args->network, "Network file (native JSON or YAML)")->required();
  cmd->add_option("--from", args->from, "Anchor site id (e.g. the exchange)")->required();
  cmd->add_option("--max-rtt-us", args->max_rtt_us, "Only sites within this round-trip time, in µs")
      ->check(within(limits::kLatencyBoundUs));
  cmd->add_option("-f,--format", args->format, "Output format: table or json")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("-o,--output", args->output, "Write the output to FILE instead of stdout");
  cmd->footer(
      "The latency of a route is fibre length × group delay (4.90 µs/km in SSMF, 3.34 in "
      "hollow-core),\n"
      "plus amplifiers, every optical node passed, and a transceiver pair's DSP and FEC.\n\n"
      "Examples:\n"
      "  lightmesh latency examples/london/network.json --from LSE --max-rtt-us 1000\n"
      "  lightmesh latency examples/tokyo/network.json --from OTEMACHI --format json");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_latency(*args, ctx); }; });
}

}  // namespace lightmesh::cli
