// `lightmesh simulate NETWORK --load E[,E…]`: dynamic traffic on a network — blocking, utilisation
// and fragmentation against offered load, and with fibre cuts availability and restoration, with
// 95 % confidence intervals (docs/simulate.md).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/app.h"
#include "cli/bounded_option.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/mpi_ranks.h"
#include "cli/simulate_output.h"
#include "cli/simulate_plot.h"
#include "core/limits.h"
#include "sim/comparison.h"
#include "sim/study.h"
#include "sim/study_json.h"
#include "store/open_store.h"
#include "store/postgres_store.h"

namespace lightmesh::cli {

namespace {

struct SimulateArgs {
  sim::StudySpec spec;
  std::string bitrate = "100";
  std::optional<std::uint32_t> slots;
  std::uint32_t threads = 0;
  std::string format = "table";
  std::string output;
  std::string plot;
  bool no_timing = false;
  bool compare = false;
  std::string compare_with;  // --compare FILE: another network instead of a what-if
};

// "25-100" or "100": whole or decimal Gb/s.
std::optional<std::pair<double, double>> parse_range(const std::string& text) {
  const std::size_t dash = text.find('-', 1);
  auto num = [](const std::string& s) -> std::optional<double> {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !limits::kBandwidthGbps.contains(v))
      return std::nullopt;
    return v;
  };
  const auto a = num(text.substr(0, dash));
  const auto b = dash == std::string::npos ? a : num(text.substr(dash + 1));
  if (!a || !b || *a > *b) return std::nullopt;
  return std::pair{*a, *b};
}

int run_simulate(SimulateArgs a, Context& ctx) {
  // Under mpirun every rank reads and checks the same inputs; only rank 0 speaks.
  auto ranks = MpiRanks::join();
  if (!ranks) {
    report(ranks.error(), ctx.err);
    return kExitUsage;
  }
  std::ostream silent(nullptr);
  std::ostream& err = ranks->root() ? ctx.err : silent;
  if (ranks->size() > 1) err << "simulate: shared over " << ranks->size() << " MPI ranks\n";
  const auto range = parse_range(a.bitrate);
  if (!range) {
    report(Error::invalid("--bitrate: \"" + a.bitrate +
                          "\" is not a range MIN-MAX of bit rates in Gb/s (e.g. 25-100)"),
           err);
    return kExitUsage;
  }
  a.spec.bitrate_min_gbps = range->first;
  a.spec.bitrate_max_gbps = range->second;
  a.spec.slots = a.slots;
  const bool what_if = !a.spec.add_fibers.empty() || !a.spec.remove_fibers.empty();
  if (!a.compare_with.empty() && (what_if || !a.spec.from_db.empty())) {
    report(Error::invalid("--compare " + a.compare_with +
                          ": compares two network files as they are; it does not combine with "
                          "--add-fiber, --remove-fiber or --from-db (a what-if compares with "
                          "today by --compare alone)"),
           err);
    return kExitUsage;
  }
  if (a.compare && !what_if && a.compare_with.empty()) {
    report(Error::invalid("--compare needs a what-if to compare with today (--add-fiber or "
                          "--remove-fiber) or another network file (--compare FILE)"),
           err);
    return kExitUsage;
  }
  if (a.compare && !a.plot.empty()) {
    report(Error::invalid("--plot draws one study; it does not combine with --compare"), err);
    return kExitUsage;
  }
  // The twin: the controller's services, adopted by the store's own loading code into the network
  // it serves (the file as it is, before any what-if).
  std::optional<sim::SimNetwork> live_network;
  std::optional<fabric::Fabric> live;
  if (!a.spec.from_db.empty()) {
    auto net = sim::load_sim_network(a.spec.network);
    if (!net) return report(net.error(), err), kExitInputError;
    live_network = std::move(*net);
    auto loaded = store::load_controller_state(a.spec.from_db, live_network->network);
    if (!loaded) return report(loaded.error(), err), kExitInputError;
    live = std::move(*loaded);
    // The outputs name the store; a PostgreSQL password stays out of them.
    if (store::is_postgres_url(a.spec.from_db))
      a.spec.from_db = store::PostgresStore::redact(a.spec.from_db);
  }
  // --compare FILE: today is NETWORK, and the other file takes the what-if's place.
  sim::StudySpec study_spec = a.spec;
  if (!a.compare_with.empty()) study_spec.network = a.compare_with;
  auto study = sim::prepare_study(study_spec, live ? &*live : nullptr);
  if (!study) {
    report(study.error(), err);
    return kExitInputError;
  }
  // --compare: today is the same study without the what-if, on the same seed.
  std::optional<sim::PreparedStudy> today;
  if (a.compare) {
    sim::StudySpec today_spec = a.spec;
    today_spec.add_fibers.clear();
    today_spec.remove_fibers.clear();
    auto prepared = sim::prepare_study(today_spec, live ? &*live : nullptr);
    if (!prepared) return report(prepared.error(), err), kExitInputError;
    today = std::move(*prepared);
    if (!a.compare_with.empty()) {
      const Status same = sim::same_sites(today->network.network, a.spec.network,
                                          study->network.network, a.compare_with);
      if (!same) return report(same.error(), err), kExitInputError;
    }
  }
  if (today && !a.compare_with.empty())
    for (const std::string& w : today->network.warnings) err << "warning: " << w << "\n";
  for (const std::string& w : study->network.warnings) err << "warning: " << w << "\n";

  // The wall clock is read here, in the shell, never in sim: simulated time is all sim knows.
  const auto started = std::chrono::steady_clock::now();
  // A progress line on a terminal, silent otherwise (and never in the output itself).
  const bool terminal = &err == &std::cerr && ::isatty(STDERR_FILENO) != 0;
  std::mutex progress_mutex;
  std::size_t shown = 0;  // threads finish out of order; the count only grows
  sim::ProgressFn progress;
  if (terminal)
    progress = [&](std::size_t done, std::size_t total) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      if (done <= shown) return;
      shown = done;
      err << "\rsimulate: " << done << " / " << total << " replications" << std::flush;
    };
  // Each rank runs its share of each study; rank 0 gathers the totals and merges them.
  auto run_shared = [&](const sim::PreparedStudy& prepared) {
    std::vector<sim::ReplicationTotals> totals =
        sim::run_study_share(prepared, a.threads, ranks->share(), progress);
    ranks->gather(totals);
    return totals;
  };
  std::vector<sim::ReplicationTotals> today_totals;
  if (today) today_totals = run_shared(*today);
  const std::vector<sim::ReplicationTotals> totals = run_shared(*study);
  if (terminal) err << "\r\033[K" << std::flush;
  if (!ranks->root()) return kExitOk;
  sim::SimulationResult today_result;
  if (today) today_result = sim::merge_study(*today, today_totals);
  const sim::SimulationResult result = sim::merge_study(*study, totals);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::optional<double> rate;
  if (!a.no_timing && seconds > 0)
    rate = static_cast<double>(result.arrivals + today_result.arrivals) / seconds;

  std::string text;
  if (today)
    text = a.format == "json"
               ? compare_json(*today, *study, today_result, result, rate).dump(2) + "\n"
               : compare_table(*today, *study, today_result, result, rate);
  else
    text = a.format == "json" ? sim::study_json(*study, result, rate).dump(2) + "\n"
                              : simulate_table(*study, result, rate);
  if (!write_output(a.output, text, ctx.out, err)) return kExitInputError;
  if (!a.plot.empty()) {
    std::ofstream svg(a.plot, std::ios::binary);
    svg << simulate_svg(*study, result, a.spec.network);
    if (!svg) {
      report(Error::io("cannot write the plot").at(a.plot), err);
      return kExitInputError;
    }
  }
  if (result.slot_conflicts + today_result.slot_conflicts > 0) {
    report(Error::internal(std::to_string(result.slot_conflicts + today_result.slot_conflicts) +
                           " slot conflicts: a slot was held twice (a simulator bug)"),
           err);
    return 70;
  }
  return kExitOk;
}

}  // namespace

void add_simulate_command(CLI::App& app, Context& ctx) {
  auto args = keep<SimulateArgs>(ctx);
  sim::StudySpec& s = args->spec;
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Simulate dynamic traffic: blocking against offered load, with 95 % CIs");
  cmd->add_option("network", s.network,
                  "Network file: native JSON/YAML, or NetworkX node-link JSON (TopoHub, XLRON)")
      ->required();
  cmd->add_option("--load", s.loads, "Offered load(s) in Erlang, comma-separated")
      ->required()
      ->delimiter(',')
      ->check(within(limits::kOfferedLoadErlang));
  cmd->add_option("--requests", s.requests, "Requests counted per replication, after the warm-up")
      ->default_val(10'000)
      ->check(within(limits::kSimRequests));
  cmd->add_option("--warmup", s.warmup, "Requests that only fill the network first")
      ->default_val(1'000)
      ->check(within(limits::kSimWarmup));
  cmd->add_option("--replications", s.replications,
                  "Independent replications per load (≥ 2, for the confidence intervals)")
      ->default_val(10)
      ->check(within(limits::kReplications));
  cmd->add_option("--seed", s.seed, "Seed of the random streams (same seed, same output)")
      ->default_val(1);
  cmd->add_option("--policy", s.policy, "ksp-ff, ff-ksp, ksp-bf, ksp-lf, ksp-rf or ksp-fa")
      ->default_val("ksp-ff");
  cmd->add_option("--k", s.k, "Candidate paths per pair")
      ->default_val(5)
      ->check(within(limits::kCandidatePaths));
  cmd->add_option("--path-order", s.path_order,
                  "k shortest by length, by hops, or xlron (hops, re-sorted by hops / SE)")
      ->default_val("length");
  cmd->add_option("--paths", s.paths,
                  "Candidate paths given in a JSON file (pairs[] with src, dst, paths[].nodes)");
  cmd->add_option("--modulations", s.modulations,
                  "CSV of formats: name, maximum_length (km), spectral_efficiency; or gsnr: the "
                  "modes lightmesh's planner finds feasible on each route");
  cmd->add_option("--osnr-margin", s.osnr_margin_db,
                  "With --modulations gsnr: dB of GSNR (0.1 nm) above a mode's required OSNR for "
                  "it to be feasible, as plan's")
      ->default_val(2.0)
      ->check(CLI::Range(-50.0, 50.0));
  cmd->add_option("--slots", args->slots, "Slots per link (default: the network's band)")
      ->check(within(limits::kSlotCount));
  cmd->add_option("--slot-ghz", s.slot_ghz, "Slot width in GHz")
      ->default_val(12.5)
      ->check(within(limits::kSlotGhz));
  cmd->add_option("--guard", s.guard, "Guard slots added to each request, inside its block")
      ->default_val(0)
      ->check(within(limits::kGuardSlots));
  auto* bitrate =
      cmd->add_option("--bitrate", args->bitrate,
                      "Bit rate in Gb/s, or MIN-MAX: uniform over the whole numbers in the range")
          ->default_val("100");
  cmd->add_option("--bitrate-dist", s.bitrate_dist,
                  "Bit rates from a CSV gbps,weight (a discrete distribution)")
      ->excludes(bitrate);
  cmd->add_option("--holding-mean", s.holding_mean, "Mean holding time (the load's time unit)")
      ->default_val(1)
      ->check(within(limits::kHoldingMean));
  cmd->add_flag("--truncate-holding", s.truncate_holding,
                "Redraw holding times ≥ 2 × mean (DeepRMSA, XLRON)");
  cmd->add_flag("--directed", s.directed,
                "Each direction of a fibre is a link with its own spectrum");
  cmd->add_option(
      "--traffic", s.traffic,
      "Traffic matrix: CSV src,dst,weight, or a TopoHub file's graph.demands (default uniform)");
  cmd->add_option("--from-db", s.from_db,
                  "The twin: start from the services a controller holds now (sqlite:PATH, a "
                  "SQLite file, or a postgresql:// URL); their spectrum is never offered");
  cmd->add_option("--add-fiber", s.add_fibers,
                  "What-if: add a fibre A,B,KM between two sites (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--remove-fiber", s.remove_fibers, "What-if: remove the fibre ID (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option(
      "--failures", s.failures,
      "Fibre cuts MTBF,MTTR in hours: each fibre is cut at rate km / 1000 / MTBF per hour "
      "(MTBF per 1,000 km, ≥ 0.001) and repaired after an exponential time of mean MTTR (≥ 0)");
  cmd->add_option("--failures-file", s.failures_file,
                  "Scripted fibre cuts: a CSV time_h,fiber,duration_h (hours from the start; "
                  "with --failures, both apply), or a JSON file (.json or starting with '{') with "
                  "shared-risk groups, site failures and cuts of fibres, sites or groups "
                  "(docs/simulate.md)");
  cmd->add_option("--protection", s.protection,
                  "Protection of the services: none, restore or 1+1, or a mix such as "
                  "none:0.5,restore:0.3,1+1:0.2 (default none)");
  cmd->add_option("--time-unit-hours", s.time_unit_hours,
                  "Hours in one unit of simulated time, the unit of --holding-mean (default 1: "
                  "holding times in hours)")
      ->default_val(1)
      ->check(within(limits::kTimeUnitHours));
  // An optional value: `--compare` alone runs the what-if against today; `--compare FILE` runs
  // FILE against NETWORK. The value is the word right after it, so NETWORK goes first.
  auto* compare =
      cmd->add_option(
             "--compare", args->compare_with,
             "Compare on common random numbers, with the difference's 95 % CI: the what-if "
             "against today, or with FILE that network against NETWORK (same sites)")
          ->expected(0, 1)
          ->type_name("[FILE]");
  cmd->add_option("--threads", args->threads, "Threads (default: every core)")
      ->default_val(0)
      ->check(within(limits::kThreads));
  cmd->add_flag("--check-slots", s.check_slots,
                "Verify at every event that no slot is held twice (slower)");
  cmd->add_flag("--no-timing", args->no_timing,
                "Leave requests_per_second out (null), so outputs compare byte for byte");
  cmd->add_option("-f,--format", args->format, "Output format: table or json")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("-o,--output", args->output, "Write the output to FILE instead of stdout");
  cmd->add_option("--plot", args->plot,
                  "Draw blocking against load into FILE.svg (with failures, unavailability below)");
  cmd->footer(
      "Requests arrive as a Poisson process (rate = load / holding mean), between uniformly drawn\n"
      "ordered site pairs, and hold exponential times. A path takes the best format whose reach\n"
      "covers it; a request takes ceil(rate / (slot GHz × SE)) + guard slots.\n\n"
      "Examples:\n"
      "  lightmesh simulate examples/london/network.json --load 20,40 --replications 4\n"
      "  lightmesh simulate nsfnet.json --directed --slots 100 --guard 1 --bitrate 25-100 \\\n"
      "      --holding-mean 20 --truncate-holding --warmup 3000 --requests 40000 \\\n"
      "      --load 190,210,230,250,270 --replications 50 --format json --plot nsfnet.svg\n"
      "  mpirun -n 4 lightmesh simulate nsfnet.json --load 190,230,270 --replications 40\n"
      "  lightmesh simulate examples/london/network.json --from-db sqlite:lightmesh.db \\\n"
      "      --load 20,40 --add-fiber LSE,LD4,14 --remove-fiber LSE-LD8\n"
      "  lightmesh simulate examples/london/network.json --load 150 --remove-fiber LSE-LD8 \\\n"
      "      --compare\n"
      "  lightmesh simulate today.json --compare tomorrow.json --load 150\n"
      "  lightmesh simulate examples/london/network.json --load 20 --holding-mean 24 \\\n"
      "      --failures 50000,12 --protection none:0.5,restore:0.3,1+1:0.2\n\n"
      "With --failures or --failures-file, each service follows its protection at a cut as the\n"
      "controller does (1+1 switches to its disjoint leg, restore re-routes, none goes down until\n"
      "the repair); the JSON adds availability per class and restoration figures per point.\n\n"
      "--from-db needs the network the controller serves (the file given to `serve`); a what-if\n"
      "changes the simulated network only, and the services keep the spectrum they hold.\n" +
      std::string(MpiRanks::available()
                      ? "Under mpirun, load points and replications are shared out over the ranks\n"
                        "and rank 0 writes the output: the same as one process with the same seed."
                      : "This build has no MPI (install libopenmpi-dev and rebuild for mpirun)."));
  cmd->callback([args, compare, &ctx] {
    args->compare = compare->count() > 0;
    ctx.action = [args, &ctx] { return run_simulate(*args, ctx); };
  });
}

}  // namespace lightmesh::cli
