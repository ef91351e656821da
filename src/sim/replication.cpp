#include "sim/replication.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/departure_calendar.h"
#include "sim/failure_replication.h"
#include "sim/link_spectrum.h"
#include "sim/placement.h"
#include "sim/random.h"
#include "sim/replication_steps.h"

namespace lightmesh::sim {

namespace {

template <Policy P>
ReplicationTotals run(const PathTable& t, const PairSampler& pairs, const TrafficModel& traffic,
                      const RunOptions& run, double load, std::uint64_t stream) {
  ReplicationTotals out;
  RandomStream rng = RandomStream::for_stream(run.seed, stream);
  LinkSpectrum spectrum(t.link_count(), t.slot_count());
  const std::uint64_t booked_slots = occupy_booked(spectrum, run.booked, out.slot_conflicts);
  const double mean_gap =
      load > 0 ? traffic.holding_mean / load : std::numeric_limits<double>::infinity();
  // Buckets one mean gap wide spanning eight mean holding times: about one connection per bucket.
  DepartureCalendar calendar(mean_gap, 8 * traffic.holding_mean);
  std::vector<std::uint32_t> starts;  // ksp-fa's feasible starts, reused
  starts.reserve(t.slot_count());
  const std::uint64_t total = run.warmup + run.requests;
  const double capacity = static_cast<double>(t.link_count()) * t.slot_count();
  const std::uint8_t* const rate_class = traffic.rate_class.data();  // hoisted out of the loop

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
    const std::uint32_t cls = draw_class(traffic, rng);
    const double holding = draw_holding(traffic, rng);

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
      // Requests and blocked ones are counted by class only (the totals are their sums, below);
      // the Gb/s overall too, so that the overall sums keep their order of addition.
      ClassTotals& by = out.by_class[rate_class[cls]];
      ++by.requests;
      out.requested_gbps += rate;
      by.requested_gbps += rate;
      if (at.start < 0) {
        ++by.blocked;
        out.blocked_gbps += rate;
        by.blocked_gbps += rate;
      }
      // Fragmentation is sampled every 1,024 counted requests: the scan of every link costs about
      // as much as a hundred requests, and the average over thousands of samples is what matters.
      if (((n - run.warmup + 1) & 1023) == 0) {
        frag_sum += fragmentation_now(spectrum, t.link_count());
        ++frag_samples;
      }
    }
  }
  out.arrivals = total;
  for (const ClassTotals& c : out.by_class) {
    out.requests += c.requests;
    out.blocked += c.blocked;
  }
  calendar.for_each([&](const Connection& c) { add_area(c, std::min(c.departure, now)); });
  const double span = now - start_time;
  if (std::isfinite(span) && span > 0) area += static_cast<double>(booked_slots) * span;
  out.utilisation = std::isfinite(span) && span > 0 && capacity > 0 ? area / (span * capacity) : 0;
  out.fragmentation = frag_samples ? frag_sum / static_cast<double>(frag_samples) : 0;
  return out;
}

}  // namespace

void TrafficModel::set_rates(std::vector<double> rates) {
  rates_gbps = std::move(rates);
  rate_class = bitrate_classes(rates_gbps).of_rate;
}

ReplicationTotals run_replication(const PathTable& table, const PairSampler& pairs,
                                  const TrafficModel& traffic, const RunOptions& options,
                                  double load, std::uint64_t stream) {
  ReplicationTotals out;
  // Failures (or any protected service) take their own loop, so this one stays as it is.
  if (options.failures)
    out = run_failure_replication(table, pairs, traffic, options, load, stream);
  else
    out = with_policy(options.policy, [&]<Policy P>() {
      return run<P>(table, pairs, traffic, options, load, stream);
    });
  out.bitrate_classes = traffic.rate_class.empty() ? 0u : traffic.rate_class.back() + 1u;
  return out;
}

}  // namespace lightmesh::sim
