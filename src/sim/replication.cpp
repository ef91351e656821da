#include "sim/replication.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/departure_calendar.h"
#include "sim/link_spectrum.h"
#include "sim/random.h"

namespace lightmesh::sim {

namespace {

struct Placement {
  std::uint32_t path = 0;
  std::int32_t start = -1;  // −1: blocked
};

// The policies, each a search over the pair's candidate paths. A template parameter, so the
// hot loop is compiled once per policy with no dispatch per request.
template <Policy P>
Placement place(const PathTable& t, LinkSpectrum& s, std::uint32_t pair, std::uint32_t cls,
                RandomStream& rng, std::vector<std::uint32_t>& scratch) {
  const std::uint32_t first = t.first_path(pair), end = t.end_path(pair);
  if constexpr (P == Policy::kFirstFitKsp) {
    Placement best;
    for (std::uint32_t p = first; p < end; ++p) {
      const std::int32_t at = s.first_fit(t.links(p), t.path(p).hops, t.slots(p, cls));
      if (at >= 0 && (best.start < 0 || at < best.start)) best = {p, at};
    }
    return best;
  } else if constexpr (P == Policy::kKspFrag) {
    Placement best;
    std::uint32_t best_loss = ~0u;
    for (std::uint32_t p = first; p < end; ++p) {
      const std::uint32_t n = t.slots(p, cls);
      const std::uint32_t* links = t.links(p);
      const std::uint32_t hops = t.path(p).hops;
      // The narrowest request on this path: runs narrower than that are lost capacity.
      std::uint32_t min_run = ~0u;
      for (std::uint32_t c = 0; c < t.class_count(); ++c)
        min_run = std::min(min_run, t.slots(p, c));
      const std::uint32_t before = s.usable_after(links, hops, 0, 0, min_run);
      s.feasible_starts(links, hops, n, scratch);
      for (std::uint32_t at : scratch) {
        const std::uint32_t loss = before - s.usable_after(links, hops, at, n, min_run);
        if (loss < best_loss) {
          best_loss = loss;
          best = {p, static_cast<std::int32_t>(at)};
        }
      }
    }
    return best;
  } else {
    for (std::uint32_t p = first; p < end; ++p) {
      const std::uint32_t* links = t.links(p);
      const std::uint32_t hops = t.path(p).hops;
      const std::uint32_t n = t.slots(p, cls);
      std::int32_t at;
      if constexpr (P == Policy::kKspFirstFit) at = s.first_fit(links, hops, n);
      if constexpr (P == Policy::kKspLastFit) at = s.last_fit(links, hops, n);
      if constexpr (P == Policy::kKspBestFit) at = s.best_fit(links, hops, n);
      if constexpr (P == Policy::kKspRandomFit) at = s.random_fit(links, hops, n, rng);
      if (at >= 0) return {p, at};
    }
    return {};
  }
}

template <Policy P>
ReplicationTotals run(const PathTable& t, const PairSampler& pairs, const TrafficModel& traffic,
                      const RunOptions& run, double load, std::uint64_t stream) {
  ReplicationTotals out;
  RandomStream rng = RandomStream::for_stream(run.seed, stream);
  LinkSpectrum spectrum(t.link_count(), t.slot_count());
  // Held spectrum, in pieces of at most 64 slots (the widest the fast paths mark at once).
  std::uint64_t booked_slots = 0;
  for (const BookedBlock& b : run.booked) {
    for (std::uint32_t at = b.start; at < b.start + b.slots; at += 64) {
      const std::uint32_t n = std::min<std::uint32_t>(64, b.start + b.slots - at);
      if (!spectrum.occupy(&b.link, 1, at, n)) ++out.slot_conflicts;
      booked_slots += n;
    }
  }
  const double mean_gap =
      load > 0 ? traffic.holding_mean / load : std::numeric_limits<double>::infinity();
  // Buckets one mean gap wide spanning eight mean holding times: about one connection per bucket.
  DepartureCalendar calendar(mean_gap, 8 * traffic.holding_mean);
  std::vector<std::uint32_t> starts;  // ksp-fa's feasible starts, reused
  starts.reserve(t.slot_count());
  const double holding_cap = 2 * traffic.holding_mean;
  const auto classes = static_cast<std::uint32_t>(traffic.rates_gbps.size());
  const std::uint64_t total = run.warmup + run.requests;
  const double capacity = static_cast<double>(t.link_count()) * t.slot_count();

  double now = 0, start_time = 0, area = 0;
  double frag_sum = 0;
  std::uint64_t frag_samples = 0;
  bool measuring = false;
  // Utilisation: each connection adds width × hops × the part of its stay inside the measured
  // window, when it leaves (or at the end), so releases need no order among themselves.
  auto add_area = [&](const Connection& c, double until) {
    if (!measuring) return;
    const double from = std::max(c.arrival, start_time);
    if (until > from && std::isfinite(until))
      area += static_cast<double>(c.slots) * t.path(c.path).hops * (until - from);
  };
  auto release = [&](const Connection& c) {
    add_area(c, c.departure);
    if (!spectrum.release(t.links(c.path), t.path(c.path).hops, c.start, c.slots))
      ++out.slot_conflicts;
  };

  for (std::uint64_t n = 0; n < total; ++n) {
    now += rng.exponential(mean_gap);
    calendar.release_until(now, release);
    if (n == run.warmup) {
      measuring = true;
      start_time = std::isfinite(now) ? now : 0;
    }
    const std::uint32_t pair = pairs.draw(rng);
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
    double holding = rng.exponential(traffic.holding_mean);
    if (traffic.truncate_holding)
      while (holding >= holding_cap) holding = rng.exponential(traffic.holding_mean);

    const Placement at = place<P>(t, spectrum, pair, cls, rng, starts);
    if (at.start >= 0) {
      const std::uint32_t hops = t.path(at.path).hops;
      const std::uint32_t width = t.slots(at.path, cls);
      const auto start = static_cast<std::uint32_t>(at.start);
      if (run.check_slots) {
        if (!spectrum.occupy(t.links(at.path), hops, start, width)) ++out.slot_conflicts;
        if (run.on_placement) run.on_placement(at.path, start, width);
      } else {
        spectrum.occupy(t.links(at.path), hops, start, width);
      }
      calendar.add({now + holding, now, at.path, static_cast<std::uint16_t>(start),
                    static_cast<std::uint16_t>(width)});
    }
    if (measuring) {
      const double rate = traffic.rates_gbps[cls];
      ++out.requests;
      out.requested_gbps += rate;
      if (at.start < 0) {
        ++out.blocked;
        out.blocked_gbps += rate;
      }
      // Fragmentation is sampled every 1,024 counted requests: the scan of every link costs about
      // as much as a hundred requests, and the average over thousands of samples is what matters.
      if ((out.requests & 1023) == 0) {
        double f = 0;
        for (std::uint32_t l = 0; l < t.link_count(); ++l) {
          const std::uint32_t free = spectrum.free_slots(l);
          if (free > 0) f += 1.0 - static_cast<double>(spectrum.largest_free_run(l)) / free;
        }
        frag_sum += f / std::max<std::uint32_t>(t.link_count(), 1);
        ++frag_samples;
      }
    }
  }
  out.arrivals = total;
  calendar.for_each([&](const Connection& c) { add_area(c, std::min(c.departure, now)); });
  const double span = now - start_time;
  if (std::isfinite(span) && span > 0) area += static_cast<double>(booked_slots) * span;
  out.utilisation = std::isfinite(span) && span > 0 && capacity > 0 ? area / (span * capacity) : 0;
  out.fragmentation = frag_samples ? frag_sum / static_cast<double>(frag_samples) : 0;
  return out;
}

}  // namespace

ReplicationTotals run_replication(const PathTable& table, const PairSampler& pairs,
                                  const TrafficModel& traffic, const RunOptions& options,
                                  double load, std::uint64_t stream) {
  switch (options.policy) {
    case Policy::kKspFirstFit:
      return run<Policy::kKspFirstFit>(table, pairs, traffic, options, load, stream);
    case Policy::kFirstFitKsp:
      return run<Policy::kFirstFitKsp>(table, pairs, traffic, options, load, stream);
    case Policy::kKspBestFit:
      return run<Policy::kKspBestFit>(table, pairs, traffic, options, load, stream);
    case Policy::kKspLastFit:
      return run<Policy::kKspLastFit>(table, pairs, traffic, options, load, stream);
    case Policy::kKspRandomFit:
      return run<Policy::kKspRandomFit>(table, pairs, traffic, options, load, stream);
    case Policy::kKspFrag:
      return run<Policy::kKspFrag>(table, pairs, traffic, options, load, stream);
  }
  return {};
}

}  // namespace lightmesh::sim
