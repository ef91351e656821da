// simulate(): every load point × replication of a study, on a pool of threads, merged into one
// estimate per figure and point.
//
//   SimulationResult r = simulate(table, pairs, traffic, run, {190, 210, 230}, 50, /*threads=*/2);
//   r.points[0].service_blocking.mean;  r.points[0].service_blocking.ci95;
//
// Replication r of every point uses random stream r (common random numbers across loads). Each
// task owns its spectrum and queue and reads the tables only; results are stored by task index and
// merged in a fixed order, so the output is the same whatever the number of threads.
//
// Thread-safe: the inputs are only read.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "sim/estimate.h"
#include "sim/replication.h"

namespace lightmesh::sim {

// The blocking of the requests of one bit-rate class (BitrateClasses, same order), each over the
// replications that drew a request of the class (nullopt when none did).
struct ClassResult {
  std::uint64_t requests = 0;  // counted requests of the class, summed over the replications
  std::optional<Estimate> service_blocking;
  std::optional<Estimate> bandwidth_blocking;
  // Each replication's own, in replication order (NaN where it drew no request of the class), to
  // pair two studies (--compare).
  std::vector<double> service_blocking_by_replication;
  std::vector<double> bandwidth_blocking_by_replication;
};

struct PointResult {
  double load = 0;
  std::uint64_t requests = 0;
  std::uint64_t warmup = 0;
  std::uint32_t replications = 0;
  Estimate service_blocking;
  Estimate bandwidth_blocking;
  Estimate utilisation;
  Estimate fragmentation;
  // Each replication's own blocking, in replication order: replication r of two studies with the
  // same seed saw the same arrivals, so their differences pair up (--compare).
  std::vector<double> service_blocking_by_replication;
  std::vector<double> bandwidth_blocking_by_replication;
  // With failures (RunOptions::failures), each over the replications where it is defined:
  // availability by protection class (time up / time held, over the services of the class; nullopt
  // when no replication held one), restoration attempts per replication, the share of them that
  // succeeded and the mean latency a restoration added (µs; nullopt without any attempt, success).
  bool failures = false;
  std::array<std::optional<Estimate>, kProtectionClasses> availability;
  Estimate restore_attempts;
  std::optional<Estimate> restore_success_ratio;
  std::optional<Estimate> restore_added_latency_us;
  // The same, by replication, to pair two studies (--compare): NaN where it is not defined.
  std::array<std::vector<double>, kProtectionClasses> availability_by_replication;
  std::vector<double> restore_success_by_replication;
  std::vector<ClassResult> by_bitrate;
};

struct SimulationResult {
  std::vector<PointResult> points;
  std::uint64_t arrivals = 0;        // processed over the whole study, warm-ups included
  std::uint64_t slot_conflicts = 0;  // 0 unless the simulator has a bug (see RunOptions)
};

// Told after each replication: (replications done, replications in all). Called from the worker
// threads, possibly at once; the callee serialises what it shares.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// Which of a study's tasks (load point × replication, numbered point-major) this process runs: task
// i belongs to the part i mod parts. Several processes (MPI ranks) each run their part, and their
// totals merged in task order give what one process gives.
struct TaskShare {
  std::uint32_t part = 0;
  std::uint32_t parts = 1;
  bool owns(std::size_t task) const { return task % parts == part; }
};

// The totals of every task, filled in only for the tasks `share` owns. threads = 0 means one per
// hardware thread; progress counts this share's tasks.
std::vector<ReplicationTotals> run_tasks(const PathTable& table, const PairSampler& pairs,
                                         const TrafficModel& traffic, const RunOptions& run,
                                         const std::vector<double>& loads,
                                         std::uint32_t replications, std::uint32_t threads,
                                         TaskShare share, const ProgressFn& progress = {});

// One estimate per figure and point from every task's totals (all of them filled in).
SimulationResult merge_tasks(const std::vector<ReplicationTotals>& totals, const RunOptions& run,
                             const std::vector<double>& loads, std::uint32_t replications);

// run_tasks() for every task, merged. threads = 0 means one per hardware thread. Never fails.
SimulationResult simulate(const PathTable& table, const PairSampler& pairs,
                          const TrafficModel& traffic, const RunOptions& run,
                          const std::vector<double>& loads, std::uint32_t replications,
                          std::uint32_t threads, const ProgressFn& progress = {});

}  // namespace lightmesh::sim
