#include "sim/study.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/limits.h"
#include "sim/bitrate_distribution.h"
#include "sim/failures_file.h"
#include "sim/given_paths_reader.h"
#include "sim/modulation_table.h"
#include "sim/policy.h"
#include "sim/traffic_matrix.h"

namespace lightmesh::sim {

namespace {

Result<PathOrder> parse_path_order(const std::string& s) {
  if (s == "length") return PathOrder::kLength;
  if (s == "hops") return PathOrder::kHops;
  if (s == "xlron") return PathOrder::kXlron;
  return Error::invalid("--path-order: unknown order \"" + s +
                        "\" (expected one of: length, hops, xlron)");
}

// Cuts and repairs one replication may see, expected: beyond, a run would take hours.
constexpr double kMaxFailureEvents = 1e8;

// The failure model when the study has failures or protected services; nullopt otherwise (the
// run without failures).
Result<std::optional<FailureModel>> failure_model(const StudySpec& spec, const Network& net) {
  ProtectionMix mix;
  if (!spec.protection.empty()) {
    LM_ASSIGN_OR_RETURN(mix, parse_protection_mix(spec.protection));
  }
  if (spec.failures.empty() && spec.failures_file.empty() && mix.only_unprotected())
    return std::optional<FailureModel>();
  if (!limits::kTimeUnitHours.contains(spec.time_unit_hours))
    return Error::invalid("--time-unit-hours: " +
                          limits::kTimeUnitHours.refusal(spec.time_unit_hours));
  FailureModel model;
  if (!spec.failures.empty()) {
    LM_ASSIGN_OR_RETURN(FailureRates rates, parse_failure_rates(spec.failures));
    model.mtbf_hours = rates.mtbf_hours;
    model.mttr_hours = rates.mttr_hours;
  }
  if (!spec.failures_file.empty()) {
    LM_ASSIGN_OR_RETURN(FailuresFile file, read_failures_file(spec.failures_file, net));
    if (file.fibers && model.mtbf_hours > 0)
      return Error::invalid(
                 "the fibres' failure rates are given twice, by --failures and by \"fibers\" "
                 "(expected one of them)")
          .at(spec.failures_file, "/fibers");
    if (file.fibers) {
      model.mtbf_hours = file.fibers->mtbf_hours;
      model.mttr_hours = file.fibers->mttr_hours;
    }
    model.script = std::move(file.script);
    model.groups = std::move(file.groups);
    model.random_sites = file.random_sites;
    model.script_file = spec.failures_file;
  }
  model.time_unit_hours = spec.time_unit_hours;
  for (const Fiber& f : net.fibers()) model.fiber_km.push_back(f.length.value());
  model.protection = mix;
  // Each cut costs a scan of the services in the network: refuse a run whose lowest load (the
  // longest run) would see more cuts and repairs than a replication can get through.
  if (!spec.loads.empty()) {
    const double load = *std::min_element(spec.loads.begin(), spec.loads.end());
    const double hours = static_cast<double>(spec.requests + spec.warmup) * spec.holding_mean /
                         load * spec.time_unit_hours;
    double events = 0;
    if (model.mtbf_hours > 0)
      for (double km : model.fiber_km)
        if (km > 0) events += 2 * hours / (model.mtbf_hours * 1000.0 / km + model.mttr_hours);
    for (const FailureGroup& g : model.groups)
      if (g.mtbf_hours > 0) events += 2 * hours / (g.mtbf_hours + g.mttr_hours);
    if (!(events <= kMaxFailureEvents))
      return Error::invalid(fmt::format(
          "{}: about {:.2g} cuts and repairs per replication at {:g} Erlang (expected at "
          "most {:g}): raise the MTBF, or shorten the run",
          model.groups.empty() ? "--failures" : "--failures-file", events, load,
          kMaxFailureEvents));
  }
  return std::optional<FailureModel>(std::move(model));
}

// Everything but the network's loading and the controller's spectrum.
Result<PreparedStudy> prepare_on(StudySpec spec, SimNetwork network, NetworkEdit edit) {
  LM_ASSIGN_OR_RETURN(Policy policy, parse_policy(spec.policy));
  LM_ASSIGN_OR_RETURN(PathOrder order, parse_path_order(spec.path_order));
  if (!(spec.bitrate_min_gbps <= spec.bitrate_max_gbps))
    return Error::invalid("--bitrate: the range is empty (expected MIN-MAX with MIN ≤ MAX)");
  const double classes = std::floor(spec.bitrate_max_gbps) - std::ceil(spec.bitrate_min_gbps) + 1;
  if (classes < 1 || classes > limits::kMaxBitrateClasses)
    return Error::invalid("--bitrate: " + std::to_string(static_cast<long long>(classes)) +
                          " whole bit rates in the range (expected 1 … 100,000)");
  const Network& net = network.network;
  if (net.sites().size() < 2)
    return Error::invalid("a simulation needs at least two sites").at(spec.network);

  ModulationTable mods = ModulationTable::deeprmsa();
  std::string mods_name = "DeepRMSA (built in)";
  std::optional<GsnrSlots> gsnr;
  if (spec.modulations == kGsnrModulations) {
    LM_ASSIGN_OR_RETURN(gsnr, GsnrSlots::make(net, spec.osnr_margin_db));
    mods_name = gsnr->name();
  } else if (!spec.modulations.empty()) {
    LM_ASSIGN_OR_RETURN(mods, read_modulation_csv(spec.modulations));
    mods_name = spec.modulations;
  }

  std::uint32_t slots = 0;
  if (spec.slots) {
    slots = *spec.slots;
  } else {
    const double band_ghz = (net.band_last_thz() - net.band_first_thz()) * 1000.0;
    slots = static_cast<std::uint32_t>(
        std::clamp(std::floor(band_ghz / spec.slot_ghz + 1e-9), 1.0, limits::kSlotCount.max));
  }

  TrafficModel traffic;
  if (!spec.bitrate_dist.empty()) {
    LM_ASSIGN_OR_RETURN(BitrateDistribution dist, read_bitrate_csv(spec.bitrate_dist));
    traffic.set_rates(std::move(dist.rates_gbps));
    traffic.rate_cumulative = std::move(dist.cumulative);
  } else {
    std::vector<double> rates;
    for (double b = std::ceil(spec.bitrate_min_gbps); b <= spec.bitrate_max_gbps; b += 1)
      rates.push_back(b);
    traffic.set_rates(std::move(rates));
  }
  traffic.holding_mean = spec.holding_mean;
  traffic.truncate_holding = spec.truncate_holding;

  std::optional<std::vector<GivenPaths>> given;
  if (!spec.paths.empty()) {
    LM_ASSIGN_OR_RETURN(auto g, read_given_paths(spec.paths, network));
    given = std::move(g);
  }
  const auto sites = static_cast<std::uint32_t>(net.sites().size());
  PairSampler pairs = PairSampler::uniform(sites);
  std::optional<std::vector<double>> weights;
  if (!spec.traffic.empty()) {
    LM_ASSIGN_OR_RETURN(auto w, read_traffic(spec.traffic, network));
    LM_ASSIGN_OR_RETURN(pairs, PairSampler::weighted(sites, w));
    weights = std::move(w);
  }
  PathTableOptions options{spec.k,        order,      spec.directed,          slots,
                           spec.slot_ghz, spec.guard, gsnr ? &*gsnr : nullptr};
  LM_ASSIGN_OR_RETURN(PathTable table,
                      build_path_table(net, options, mods, traffic.rates_gbps,
                                       given ? &*given : nullptr, weights ? &*weights : nullptr));

  LM_ASSIGN_OR_RETURN(std::optional<FailureModel> failures, failure_model(spec, net));
  RunOptions run{policy, spec.requests,      spec.warmup, spec.seed, spec.check_slots, {},
                 {},     std::move(failures)};
  return PreparedStudy{std::move(spec),
                       std::move(network),
                       std::move(table),
                       std::move(pairs),
                       std::move(traffic),
                       std::move(run),
                       slots,
                       std::move(mods_name),
                       std::move(edit),
                       std::nullopt};
}

}  // namespace

Result<PreparedStudy> prepare_study(StudySpec spec, const fabric::Fabric* live) {
  NetworkEdit edit;
  for (const std::string& text : spec.add_fibers) {
    LM_ASSIGN_OR_RETURN(FiberAddition f, parse_fiber_addition(text));
    edit.add.push_back(std::move(f));
  }
  edit.remove = spec.remove_fibers;
  LM_ASSIGN_OR_RETURN(SimNetwork network, load_sim_network(spec.network, edit));
  LM_ASSIGN_OR_RETURN(PreparedStudy study,
                      prepare_on(std::move(spec), std::move(network), std::move(edit)));
  if (live) {
    // The services' spectrum, mapped by fibre id onto the simulated network (what-ifs included).
    LM_ASSIGN_OR_RETURN(
        BookedSpectrum booked,
        book_controller_spectrum(*live, study.network.network, spectrum_layout(study)));
    hold_spectrum(study, std::move(booked));
  }
  return study;
}

Result<PreparedStudy> prepare_study_on(StudySpec spec, const Network& net) {
  if (!spec.add_fibers.empty() || !spec.remove_fibers.empty())
    return Error::invalid("what-ifs (--add-fiber, --remove-fiber) need the network's file");
  return prepare_on(std::move(spec), SimNetwork{net, {}, {}}, NetworkEdit{});
}

SimSpectrumLayout spectrum_layout(const PreparedStudy& study) {
  return {study.slots, study.spec.slot_ghz, study.network.network.band_first_thz(),
          study.spec.directed};
}

void hold_spectrum(PreparedStudy& study, BookedSpectrum booked) {
  for (const std::string& w : booked.warnings) study.network.warnings.push_back(w);
  study.run.booked = booked.blocks;
  study.twin = std::move(booked);
}

SimulationResult run_study(const PreparedStudy& study, std::uint32_t threads,
                           const ProgressFn& progress) {
  return merge_study(study, run_study_share(study, threads, TaskShare{}, progress));
}

std::vector<ReplicationTotals> run_study_share(const PreparedStudy& study, std::uint32_t threads,
                                               TaskShare share, const ProgressFn& progress) {
  return run_tasks(study.table, study.pairs, study.traffic, study.run, study.spec.loads,
                   study.spec.replications, threads, share, progress);
}

SimulationResult merge_study(const PreparedStudy& study,
                             const std::vector<ReplicationTotals>& totals) {
  return merge_tasks(totals, study.run, study.spec.loads, study.spec.replications);
}

}  // namespace lightmesh::sim
