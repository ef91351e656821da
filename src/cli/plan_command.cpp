// `lightmesh plan NETWORK --demands FILE`: routing and spectrum assignment for a list of demands.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/bounded_option.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/noise_output.h"
#include "cli/plan_output.h"
#include "core/limits.h"
#include "io/load.h"
#include "rsa/plan.h"

namespace lightmesh::cli {

namespace {

struct PlanArgs {
  std::string network;
  std::string demands;
  std::uint32_t k = 5;
  std::string policy = "first-fit";
  std::string metric = "latency";
  std::string disjoint = "link";
  // Read as a number, so that 1e6 is a seed as 1000000 is; within(limits::kSeed) keeps it whole
  // and in range before it becomes the planner's integer seed.
  double seed = 1;
  double osnr_margin_db = 2.0;
  std::string format = "table";
  std::string output;
  bool explain = false;
};

int run_plan(const PlanArgs& a, Context& ctx) {
  auto policy = spectrum::parse_policy(a.policy);
  if (!policy) return report(policy.error().at_place("--policy"), ctx.err), kExitUsage;
  auto metric = rsa::parse_metric(a.metric);
  if (!metric) return report(metric.error().at_place("--metric"), ctx.err), kExitUsage;
  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;
  auto demands = io::load_demands(a.demands, &*net);
  if (!demands) return report(demands.error(), ctx.err), kExitInputError;

  rsa::PlanOptions options;
  options.k = a.k;
  options.policy = *policy;
  options.metric = *metric;
  options.disjointness =
      a.disjoint == "node" ? routing::Disjointness::kNode : routing::Disjointness::kLink;
  options.seed = saturate<std::uint64_t>(a.seed);
  options.osnr_margin_db = a.osnr_margin_db;
  auto planner = rsa::Planner::create(*net, options);
  if (!planner) return report(planner.error().at(a.network), ctx.err), kExitInputError;
  const rsa::PlanResult plan = rsa::plan(*planner, *demands);
  const rsa::PlanResult* result = &plan;
  // An unknown site is reported as UNKNOWN_ENDPOINT in the plan, and also makes the exit status say
  // that the demands file names something the network lacks.
  bool unknown = false;
  for (const auto& u : result->unserved) {
    if (u.reason != rsa::Reason::kUnknownEndpoint) continue;
    const Demand& d = (*demands)[u.demand];
    const bool from_unknown = net->find_site(d.from) == kNoIndex;
    report(Error::invalid(std::string("\"") + (from_unknown ? "from" : "to") +
                          "\" names an unknown site \"" + (from_unknown ? d.from : d.to) + "\"")
               .at(a.demands, d.where),
           ctx.err);
    unknown = true;
  }
  std::string text;
  if (a.format == "json") {
    auto j = plan_json(*net, *demands, *result, options);
    if (a.explain) {
      for (std::size_t i = 0; i < result->lightpaths.size(); ++i)
        j["lightpaths"][i]["noise"] = noise_json(*net, planner->qot(), result->lightpaths[i]);
    }
    text = j.dump(2) + "\n";
  } else {
    text = plan_table(*net, *demands, *result, options);
    if (a.explain) text += noise_table(*net, *demands, *result, planner->qot());
  }
  if (!write_output(a.output, text, ctx.out, ctx.err)) return kExitInputError;
  return unknown ? kExitInputError : kExitOk;
}

}  // namespace

void add_plan_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PlanArgs>();
  ctx.options.push_back(args);
  CLI::App* cmd = app.add_subcommand(
      "plan", "Route, pick a transceiver mode and assign spectrum for each demand");
  cmd->add_option("network", args->network, "Network file (native JSON or YAML)")->required();
  cmd->add_option("-d,--demands", args->demands, "Demands file (JSON or YAML)")->required();
  cmd->add_option("-k,--k", args->k, "Candidate routes per demand (Yen's k shortest)")
      ->default_val(5)
      ->check(CLI::Range(1u, 1000u));
  cmd->add_option("-p,--policy", args->policy,
                  "Spectrum policy: first-fit, last-fit, best-fit, random-fit")
      ->default_val("first-fit");
  cmd->add_option("--metric", args->metric, "Order routes by latency, length or hops")
      ->default_val("latency");
  cmd->add_option("--disjoint", args->disjoint, "1+1 disjointness: link or node")
      ->default_val("link")
      ->check(CLI::IsMember({"link", "node"}));
  cmd->add_option("--seed", args->seed, "Seed for random-fit")
      ->default_val(1)
      ->check(within(limits::kSeed));
  cmd->add_option("--osnr-margin", args->osnr_margin_db,
                  "dB of GSNR (0.1 nm) above a mode's required OSNR for it to be feasible")
      ->default_val(2.0)
      ->check(CLI::Range(-50.0, 50.0));
  cmd->add_option("-f,--format", args->format, "Output format: table or json")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("-o,--output", args->output, "Write the output to FILE instead of stdout");
  cmd->add_flag("--explain", args->explain,
                "Break each lightpath's noise down by element: which fibre or ROADM costs how "
                "many dB");
  cmd->footer(
      "Demands are served in file order, each whole or not at all. An unserved demand gets one "
      "reason:\n"
      "UNKNOWN_ENDPOINT, NO_PATH, LATENCY_BOUND, NO_FEASIBLE_MODE or NO_SPECTRUM. The plan is "
      "printed\n"
      "either way; a demand naming an unknown site also makes the exit status 1.\n\n"
      "Examples:\n"
      "  lightmesh plan examples/london/network.json --demands examples/london/demands.json\n"
      "  lightmesh plan examples/nsfnet/network.json -d examples/nsfnet/demands.json -k 3 --policy "
      "best-fit\n"
      "  lightmesh plan examples/tokyo/network.json -d examples/tokyo/demands.json --format json "
      "-o plan.json\n"
      "  lightmesh plan examples/london/network.json -d examples/london/demands.json --explain");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_plan(*args, ctx); }; });
}

}  // namespace lightmesh::cli
