// The steps shared by the replication loops (with and without failures): the held spectrum put in
// place, the draws of one request (bit-rate class, holding time) — so that on the same random
// stream both loops see the same traffic — and the fragmentation sample.
//
//   std::uint64_t held = occupy_booked(spectrum, run.booked, out.slot_conflicts);
//   std::uint32_t cls = draw_class(traffic, rng);  double h = draw_holding(traffic, rng);
//
// Inline: they sit in the simulator's hot loop. Thread-compatible (the stream is the caller's).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/link_spectrum.h"
#include "sim/random.h"
#include "sim/replication.h"

namespace lightmesh::sim {

// Held spectrum (RunOptions::booked), in pieces of at most 64 slots (the widest the fast paths
// mark at once). Returns the link-slots held; counts a slot found already held in `conflicts`.
inline std::uint64_t occupy_booked(LinkSpectrum& spectrum, const std::vector<BookedBlock>& booked,
                                   std::uint64_t& conflicts) {
  std::uint64_t slots = 0;
  for (const BookedBlock& b : booked) {
    for (std::uint32_t at = b.start; at < b.start + b.slots; at += 64) {
      const std::uint32_t n = std::min<std::uint32_t>(64, b.start + b.slots - at);
      if (!spectrum.occupy(&b.link, 1, at, n)) ++conflicts;
      slots += n;
    }
  }
  return slots;
}

inline std::uint32_t draw_class(const TrafficModel& traffic, RandomStream& rng) {
  const auto classes = static_cast<std::uint32_t>(traffic.rates_gbps.size());
  std::uint32_t cls = 0;
  if (!traffic.rate_cumulative.empty()) {
    const double u =
        static_cast<double>(rng.next() >> 11) * 0x1.0p-53 * traffic.rate_cumulative.back();
    cls = static_cast<std::uint32_t>(
        std::upper_bound(traffic.rate_cumulative.begin(), traffic.rate_cumulative.end(), u) -
        traffic.rate_cumulative.begin());
    cls = std::min(cls, classes - 1);
  } else if (classes > 1) {
    cls = rng.below(classes);
  }
  return cls;
}

// Exponential, redrawn while ≥ 2 × mean when truncated.
inline double draw_holding(const TrafficModel& traffic, RandomStream& rng) {
  double holding = rng.exponential(traffic.holding_mean);
  if (traffic.truncate_holding)
    while (holding >= 2 * traffic.holding_mean) holding = rng.exponential(traffic.holding_mean);
  return holding;
}

// Mean over the links of 1 − largest free run / free slots (links with no free slot count 0).
inline double fragmentation_now(const LinkSpectrum& spectrum, std::uint32_t links) {
  double f = 0;
  for (std::uint32_t l = 0; l < links; ++l) {
    const std::uint32_t free = spectrum.free_slots(l);
    if (free > 0) f += 1.0 - static_cast<double>(spectrum.largest_free_run(l)) / free;
  }
  return f / std::max<std::uint32_t>(links, 1);
}

}  // namespace lightmesh::sim
