// One replication of the dynamic-traffic simulation: requests arrive (Poisson), are routed and
// assigned spectrum by a policy or blocked, hold their slots for a random time and leave.
//
//   ReplicationTotals r = run_replication(table, pairs, traffic, run, 250.0, /*stream=*/3);
//   double blocking = static_cast<double>(r.blocked) / r.requests;
//
// Each event is: draw the gap to the next arrival, release every connection that left before it,
// draw pair, bit rate and holding time, place the request or block it. The first `warmup`
// requests only fill the network; every figure counts the requests after them.
//
// Pure function of its inputs (the tables are read only, the random stream is its own), so
// replications run on any thread in any order and give the same result.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "sim/bitrate_classes.h"
#include "sim/booked_spectrum.h"
#include "sim/failure_model.h"
#include "sim/pair_sampler.h"
#include "sim/path_table.h"
#include "sim/policy.h"

namespace lightmesh::sim {

struct TrafficModel {
  std::vector<double> rates_gbps;  // bit-rate classes; set with set_rates()
  // Running sums of the classes' weights (--bitrate-dist); empty: every class equally likely.
  std::vector<double> rate_cumulative;
  // The reporting class of each rate (bitrate_classes().of_rate), one per rate: the loops index
  // it by rate without a check, so set_rates() sets it with the rates.
  std::vector<std::uint8_t> rate_class;
  double holding_mean = 1.0;      // in the time unit of the load (load = arrival rate × mean)
  bool truncate_holding = false;  // redraw while ≥ 2 × mean (as DeepRMSA and XLRON do)

  // The rates, ascending and distinct, and each one's reporting class with them.
  void set_rates(std::vector<double> rates);
};

// Told of every placement (the path, its first slot and its width) when set and check_slots is on
// (so the normal run has no branch for it): a test's window on what the policies offer. Called
// from the replications' threads; the callee serialises.
using PlacementHook =
    std::function<void(std::uint32_t path, std::uint32_t start, std::uint32_t slots)>;

struct RunOptions {
  Policy policy = Policy::kKspFirstFit;
  std::uint64_t requests = 10'000;  // counted, after the warm-up
  std::uint64_t warmup = 0;
  std::uint64_t seed = 1;
  bool check_slots = false;  // verify every occupy and release (a slot never held twice)
  // Spectrum held for the whole run (a controller's services, for the twin): occupied before the
  // first request, never released, counted in the utilisation.
  std::vector<BookedBlock> booked;
  PlacementHook on_placement;
  // Fibre cuts and protected services: set, the replication runs the loop of
  // sim/failure_replication.h (the loop without failures has no branch for them).
  std::optional<FailureModel> failures;
};

// The counted requests of one bit-rate class (BitrateClasses) and those blocked.
struct ClassTotals {
  std::uint64_t requests = 0;
  std::uint64_t blocked = 0;
  double requested_gbps = 0;
  double blocked_gbps = 0;
};

struct ReplicationTotals {
  std::uint64_t requests = 0;  // after the warm-up
  std::uint64_t blocked = 0;
  double requested_gbps = 0;
  double blocked_gbps = 0;
  double utilisation = 0;      // time-average share of used slots over all links
  double fragmentation = 0;    // mean over samples and links of 1 − largest free run / free slots
  std::uint64_t arrivals = 0;  // processed, warm-up included
  std::uint64_t slot_conflicts = 0;  // occupy/release that found a slot in the wrong state
  // With failures, over the services that arrived after the warm-up, by protection class
  // (Protection as index): the time they were held (up to the end of the run) and the part of it
  // they were up.
  std::array<double, kProtectionClasses> held_time{};
  std::array<double, kProtectionClasses> up_time{};
  // Restorations of those services at cuts: tried, succeeded, and the latency the successful ones
  // added (new route − route before the cut, summed, µs).
  std::uint64_t restore_attempts = 0;
  std::uint64_t restore_successes = 0;
  double restore_added_latency_us = 0;
  // The counted requests by bit-rate class: the first `bitrate_classes` entries are used.
  std::uint32_t bitrate_classes = 0;
  std::array<ClassTotals, kMaxBitrateClasses> by_class{};
};

// `stream` selects the random stream under run.seed: replication r uses stream r at every load, so
// load points share common random numbers.
ReplicationTotals run_replication(const PathTable& table, const PairSampler& pairs,
                                  const TrafficModel& traffic, const RunOptions& run, double load,
                                  std::uint64_t stream);

}  // namespace lightmesh::sim
