// Stepper: one replication of the simulation driven request by request from outside, the
// interface of reinforcement learning for RSA (an agent picks each request's path and slots).
//
//   Stepper s(table, pairs, traffic, /*load=*/250, /*warmup=*/3000, /*requests=*/40000);
//   s.reset(seed, /*stream=*/0);
//   while (!s.done()) {
//     s.free_mask(0, mask.data());           // slots free on every link of candidate path 0
//     Status placed = s.place(0, start);     // or s.block(); refused when the slots are not free
//   }
//
// It draws what run_replication draws, in the same order, from the same random stream: the gap
// to the next arrival, then (after the departures due by then) the pair, the bit-rate class and the
// holding time. So an episode whose agent places every request as ksp-ff would gives exactly the
// blocking of run_replication with ksp-ff and the same seed and stream. Departures happen between
// steps, when the next request is drawn. Utilisation and fragmentation are not measured here. An
// episode starts empty, or from the twin's held spectrum when given one (hold():
// RunOptions::booked, occupied at every reset() and never released, as run_replication holds it).
//
// The hot loop of run_replication stays as it is: this is a separate, slower driver (a virtual
// agent between requests costs far more than the simulator's own placement anyway).
//
// Thread-compatible: one per episode; the tables are only read and must outlive it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "sim/departure_calendar.h"
#include "sim/link_spectrum.h"
#include "sim/pair_sampler.h"
#include "sim/path_table.h"
#include "sim/random.h"
#include "sim/replication.h"

namespace lightmesh::sim {

// The request waiting for a decision.
struct StepRequest {
  std::uint64_t index = 0;  // 0-based over the episode, warm-up included
  SiteIndex source = 0;
  SiteIndex destination = 0;
  std::uint32_t pair = 0;           // PathTable::pair(source, destination)
  std::uint32_t bitrate_class = 0;  // index into TrafficModel::rates_gbps
  double bitrate_gbps = 0;
  double arrival = 0;  // simulated time
  double holding = 0;
  bool counted = false;  // after the warm-up: it counts in the totals
};

// The totals of the counted requests (after the warm-up), as ReplicationTotals has them.
struct StepTotals {
  std::uint64_t requests = 0;
  std::uint64_t blocked = 0;
  double requested_gbps = 0;
  double blocked_gbps = 0;
  std::uint64_t slot_conflicts = 0;  // occupy/release that found a slot in the wrong state: a bug
};

class Stepper {
 public:
  // load in Erlang (> 0); warmup + requests requests make an episode.
  Stepper(const PathTable& table, const PairSampler& pairs, const TrafficModel& traffic,
          double load, std::uint64_t warmup, std::uint64_t requests);

  // Empties the network and draws the first request from stream `stream` under `seed` (the
  // stream run_replication uses for replication `stream`).
  void reset(std::uint64_t seed, std::uint64_t stream);

  // Spectrum held from the next reset() on (a controller's services: BookedSpectrum::blocks).
  void hold(std::vector<BookedBlock> booked) { booked_ = std::move(booked); }

  // Every request has been decided. Before the first reset(), too.
  bool done() const { return done_; }
  const StepRequest& request() const { return request_; }

  // The current request's candidate paths (fewer than k for some pairs; 0 when none reach).
  std::uint32_t candidates() const;
  // Candidate i's path in the table, and the slots the request takes on it (guard included).
  std::uint32_t path(std::uint32_t candidate) const;
  std::uint32_t slots_needed(std::uint32_t candidate) const;
  // Writes slot_count() bytes: 1 where the slot is free on every link of candidate i, else 0.
  void free_mask(std::uint32_t candidate, std::uint8_t* out) const;

  // Places the current request on candidate i from slot `start` and draws the next request.
  // Refused, changing nothing, when the request is done, the candidate is out of range, or a slot
  // of [start, start + slots_needed) is past the spectrum or not free on every link of the path.
  Status place(std::uint32_t candidate, std::uint32_t start);
  // Refuses the current request (it counts as blocked) and draws the next one. Refused only when
  // the episode is done.
  Status block();

  const StepTotals& totals() const { return totals_; }
  const LinkSpectrum& spectrum() const { return spectrum_; }
  const PathTable& table() const { return table_; }
  // Connections in service now.
  std::size_t in_service() const { return calendar_.size(); }
  std::uint64_t episode_length() const { return warmup_ + requests_; }

 private:
  void count(bool blocked);
  // One iteration's draws, through the replication loops' own (replication_steps.h).
  void draw_next();

  const PathTable& table_;
  const PairSampler& pairs_;
  const TrafficModel& traffic_;
  double mean_gap_;
  std::uint64_t warmup_;
  std::uint64_t requests_;

  std::vector<BookedBlock> booked_;
  RandomStream rng_{0};
  LinkSpectrum spectrum_;
  DepartureCalendar calendar_;
  StepRequest request_;
  StepTotals totals_;
  double now_ = 0;
  std::uint64_t next_index_ = 0;  // of the request draw_next() draws
  bool done_ = true;
};

}  // namespace lightmesh::sim
