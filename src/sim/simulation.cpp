#include "sim/simulation.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <thread>

namespace lightmesh::sim {

namespace {

// A replication's figure that is not defined (no request of the class, nothing held).
constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

std::optional<Estimate> estimate_if_any(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  return estimate(values);
}

// The failure figures of one point from its replications' totals.
void merge_failures(const ReplicationTotals* totals, std::uint32_t replications, PointResult& p) {
  p.failures = true;
  for (std::size_t k = 0; k < kProtectionClasses; ++k) {
    std::vector<double> a;
    for (std::uint32_t r = 0; r < replications; ++r) {
      const bool held = totals[r].held_time[k] > 0;
      if (held) a.push_back(totals[r].up_time[k] / totals[r].held_time[k]);
      p.availability_by_replication[k].push_back(held ? a.back() : kUndefined);
    }
    p.availability[k] = estimate_if_any(a);
  }
  std::vector<double> attempts, ratio, added;
  for (std::uint32_t r = 0; r < replications; ++r) {
    const ReplicationTotals& t = totals[r];
    attempts.push_back(static_cast<double>(t.restore_attempts));
    if (t.restore_attempts > 0)
      ratio.push_back(static_cast<double>(t.restore_successes) /
                      static_cast<double>(t.restore_attempts));
    p.restore_success_by_replication.push_back(t.restore_attempts > 0 ? ratio.back() : kUndefined);
    if (t.restore_successes > 0)
      added.push_back(t.restore_added_latency_us / static_cast<double>(t.restore_successes));
  }
  p.restore_attempts = estimate(attempts);
  p.restore_success_ratio = estimate_if_any(ratio);
  p.restore_added_latency_us = estimate_if_any(added);
}

// Blocking by bit-rate class: each class over the replications that drew one of its requests.
std::vector<ClassResult> merge_classes(const ReplicationTotals* totals,
                                       std::uint32_t replications) {
  std::vector<ClassResult> out(replications ? totals[0].bitrate_classes : 0);
  for (std::size_t c = 0; c < out.size(); ++c) {
    std::vector<double> sbp, bbp;
    for (std::uint32_t r = 0; r < replications; ++r) {
      const ClassTotals& t = totals[r].by_class[c];
      out[c].requests += t.requests;
      if (t.requests == 0) {
        out[c].service_blocking_by_replication.push_back(kUndefined);
        out[c].bandwidth_blocking_by_replication.push_back(kUndefined);
        continue;
      }
      sbp.push_back(static_cast<double>(t.blocked) / static_cast<double>(t.requests));
      bbp.push_back(t.requested_gbps > 0 ? t.blocked_gbps / t.requested_gbps : 0);
      out[c].service_blocking_by_replication.push_back(sbp.back());
      out[c].bandwidth_blocking_by_replication.push_back(bbp.back());
    }
    out[c].service_blocking = estimate_if_any(sbp);
    out[c].bandwidth_blocking = estimate_if_any(bbp);
  }
  return out;
}

}  // namespace

std::vector<ReplicationTotals> run_tasks(const PathTable& table, const PairSampler& pairs,
                                         const TrafficModel& traffic, const RunOptions& run,
                                         const std::vector<double>& loads,
                                         std::uint32_t replications, std::uint32_t threads,
                                         TaskShare share, const ProgressFn& progress) {
  const std::size_t tasks = loads.size() * replications;
  std::vector<ReplicationTotals> totals(tasks);
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < tasks; ++i) {
    if (share.owns(i)) mine.push_back(i);
  }
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<std::uint32_t>(
      std::min<std::size_t>(threads, std::max<std::size_t>(mine.size(), 1)));
  std::atomic<std::size_t> next{0}, done{0};
  auto worker = [&] {
    for (std::size_t k = next++; k < mine.size(); k = next++) {
      const std::size_t i = mine[k];
      const std::size_t point = i / replications, rep = i % replications;
      totals[i] = run_replication(table, pairs, traffic, run, loads[point], rep);
      const std::size_t finished = ++done;
      if (progress) progress(finished, mine.size());
    }
  };
  std::vector<std::thread> pool;
  for (std::uint32_t k = 1; k < threads; ++k) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  return totals;
}

SimulationResult merge_tasks(const std::vector<ReplicationTotals>& totals, const RunOptions& run,
                             const std::vector<double>& loads, std::uint32_t replications) {
  SimulationResult out;
  for (std::size_t p = 0; p < loads.size(); ++p) {
    std::vector<double> sbp, bbp, util, frag;
    for (std::uint32_t r = 0; r < replications; ++r) {
      const ReplicationTotals& t = totals[p * replications + r];
      sbp.push_back(t.requests ? static_cast<double>(t.blocked) / t.requests : 0);
      bbp.push_back(t.requested_gbps > 0 ? t.blocked_gbps / t.requested_gbps : 0);
      util.push_back(t.utilisation);
      frag.push_back(t.fragmentation);
      out.arrivals += t.arrivals;
      out.slot_conflicts += t.slot_conflicts;
    }
    out.points.push_back({loads[p], run.requests, run.warmup, replications, estimate(sbp),
                          estimate(bbp), estimate(util), estimate(frag), sbp, bbp});
    out.points.back().by_bitrate = merge_classes(&totals[p * replications], replications);
    if (run.failures) merge_failures(&totals[p * replications], replications, out.points.back());
  }
  return out;
}

SimulationResult simulate(const PathTable& table, const PairSampler& pairs,
                          const TrafficModel& traffic, const RunOptions& run,
                          const std::vector<double>& loads, std::uint32_t replications,
                          std::uint32_t threads, const ProgressFn& progress) {
  return merge_tasks(
      run_tasks(table, pairs, traffic, run, loads, replications, threads, TaskShare{}, progress),
      run, loads, replications);
}

}  // namespace lightmesh::sim
