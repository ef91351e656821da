#include "sim/failure_replication.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/departure_calendar.h"
#include "sim/fiber_failures.h"
#include "sim/link_spectrum.h"
#include "sim/placement.h"
#include "sim/random.h"
#include "sim/replication_steps.h"

namespace lightmesh::sim {

namespace {

// Distinct salts, so the failure and protection streams are not the arrivals' stream.
constexpr std::uint64_t kFailureSalt = 0x6a09e667f3bcc908ULL;
constexpr std::uint64_t kProtectionSalt = 0xbb67ae8584caa73bULL;

struct Leg {
  std::uint32_t path = 0;
  std::uint32_t start = 0;
  std::uint32_t slots = 0;
};

// A service in the network and what failures did to it.
struct LiveService {
  std::uint64_t sequence = 0;  // arrival order
  double arrival = 0;
  double departure = 0;
  double area_since = 0;  // utilisation is counted up to here
  double down_since = 0;
  double down_time = 0;
  std::array<Leg, 2> legs{};  // working (restore: its current route), and 1+1's protect leg
  std::uint32_t pair = 0;
  std::uint32_t cls = 0;
  Protection protection = Protection::kNone;
  bool on_protect = false;
  bool down = false;
  bool measured = false;  // arrived after the warm-up
};

struct Departure {
  double departure = 0;
  std::uint32_t service = 0;  // index into the records
};

template <Policy P>
class FailureRun {
 public:
  FailureRun(const PathTable& t, const PairSampler& pairs, const TrafficModel& traffic,
             const RunOptions& run, double load, std::uint64_t stream)
      : t_(t),
        pairs_(pairs),
        traffic_(traffic),
        run_(run),
        model_(*run.failures),
        rng_(RandomStream::for_stream(run.seed, stream)),
        protection_rng_(RandomStream::for_stream(run.seed ^ kProtectionSalt, stream)),
        failures_(model_, RandomStream::for_stream(run.seed ^ kFailureSalt, stream)),
        spectrum_(t.link_count(), t.slot_count()),
        mean_gap_(load > 0 ? traffic.holding_mean / load : std::numeric_limits<double>::infinity()),
        calendar_(mean_gap_, 8 * traffic.holding_mean),
        links_per_fiber_(model_.fiber_km.empty()
                             ? 1
                             : t.link_count() / static_cast<std::uint32_t>(model_.fiber_km.size())),
        fiber_down_(model_.fiber_km.size(), 0),
        changed_mark_(model_.fiber_km.size(), 0) {
    starts_.reserve(t.slot_count());
  }

  ReplicationTotals run() {
    const std::uint64_t booked_slots = occupy_booked(spectrum_, run_.booked, out_.slot_conflicts);
    const std::uint64_t total = run_.warmup + run_.requests;
    for (std::uint64_t n = 0; n < total; ++n) {
      now_ += rng_.exponential(mean_gap_);
      advance_to(now_);
      if (n == run_.warmup) {
        measuring_ = true;
        start_time_ = std::isfinite(now_) ? now_ : 0;
      }
      arrive();
    }
    out_.arrivals = total;
    // The services still in the network count up to the end of the run.
    calendar_.for_each([&](const Departure& d) {
      LiveService& s = services_[d.service];
      const double until = std::min(s.departure, now_);
      add_area(s, until);
      if (s.measured && std::isfinite(until)) account(s, until);
    });
    const double span = now_ - start_time_;
    const double capacity = static_cast<double>(t_.link_count()) * t_.slot_count();
    if (std::isfinite(span) && span > 0) area_ += static_cast<double>(booked_slots) * span;
    out_.utilisation =
        std::isfinite(span) && span > 0 && capacity > 0 ? area_ / (span * capacity) : 0;
    out_.fragmentation = frag_samples_ ? frag_sum_ / static_cast<double>(frag_samples_) : 0;
    return out_;
  }

 private:
  // Departures, cuts and repairs up to `time`, in time order. An event of a site or a group moves
  // all its fibres' down-counts at once and then handles the fibres that went down (or came
  // back) together, so a 1+1 service whose two legs the event hits is not switched onto a leg the
  // same event cuts.
  void advance_to(double time) {
    auto depart = [&](const Departure& d) { leave(d.service); };
    while (std::isfinite(time) && failures_.next_time() <= time) {
      const FiberEvent e = failures_.pop();
      calendar_.release_until(e.time, depart);
      changed_.clear();
      auto apply = [&](std::uint32_t f) {
        if (e.cut) {
          if (fiber_down_[f]++ == 0) changed_.push_back(f);
        } else if (fiber_down_[f] > 0 && --fiber_down_[f] == 0) {
          changed_.push_back(f);
        }
      };
      if (e.group == kNoGroup) {
        apply(e.fiber);
      } else {
        for (std::uint32_t f : model_.groups[e.group].fibers) apply(f);
      }
      if (changed_.empty()) continue;
      if (e.cut)
        cut(e.time);
      else
        repair(e.time);
    }
    calendar_.release_until(time, depart);
  }

  std::uint32_t fiber_of(std::uint32_t link) const { return link / links_per_fiber_; }

  bool path_up(std::uint32_t p) const {
    if (fibers_down_ == 0) return true;
    const std::uint32_t* links = t_.links(p);
    for (std::uint32_t h = 0; h < t_.path(p).hops; ++h)
      if (fiber_down_[fiber_of(links[h])]) return false;
    return true;
  }

  bool share_fiber(std::uint32_t p, std::uint32_t q) const {
    const std::uint32_t *a = t_.links(p), *b = t_.links(q);
    for (std::uint32_t i = 0; i < t_.path(p).hops; ++i)
      for (std::uint32_t j = 0; j < t_.path(q).hops; ++j)
        if (fiber_of(a[i]) == fiber_of(b[j])) return true;
    return false;
  }

  // Whether a leg of the service crosses a fibre marked in changed_mark_.
  bool uses_changed(const LiveService& s) const {
    const std::size_t legs = s.protection == Protection::kOnePlusOne ? 2 : 1;
    for (std::size_t l = 0; l < legs; ++l) {
      const std::uint32_t* links = t_.links(s.legs[l].path);
      for (std::uint32_t h = 0; h < t_.path(s.legs[l].path).hops; ++h)
        if (changed_mark_[fiber_of(links[h])]) return true;
    }
    return false;
  }

  std::size_t leg_count(const LiveService& s) const {
    return s.protection == Protection::kOnePlusOne ? 2 : 1;
  }

  void occupy(const Leg& leg) {
    const std::uint32_t hops = t_.path(leg.path).hops;
    if (!spectrum_.occupy(t_.links(leg.path), hops, leg.start, leg.slots)) ++out_.slot_conflicts;
    if (run_.check_slots && run_.on_placement) run_.on_placement(leg.path, leg.start, leg.slots);
  }
  void release(const Leg& leg) {
    if (!spectrum_.release(t_.links(leg.path), t_.path(leg.path).hops, leg.start, leg.slots))
      ++out_.slot_conflicts;
  }

  // Utilisation: the service's legs × the part of [area_since, until) inside the measured window.
  void add_area(LiveService& s, double until) {
    if (measuring_) {
      const double from = std::max(s.area_since, start_time_);
      if (until > from && std::isfinite(until)) {
        double width = 0;
        for (std::size_t l = 0; l < leg_count(s); ++l)
          width += static_cast<double>(s.legs[l].slots) * t_.path(s.legs[l].path).hops;
        area_ += width * (until - from);
      }
    }
    s.area_since = until;
  }

  // Availability: the service's time held and up, to `until` (its departure or the run's end).
  void account(const LiveService& s, double until) {
    const auto k = static_cast<std::size_t>(s.protection);
    const double held = until - s.arrival;
    const double down = s.down_time + (s.down ? until - s.down_since : 0);
    out_.held_time[k] += held;
    out_.up_time[k] += held - down;
  }

  void go_down(LiveService& s, double time) {
    s.down = true;
    s.down_since = time;
  }

  Leg leg_of(const Placement& at, std::uint32_t cls) const {
    return {at.path, static_cast<std::uint32_t>(at.start), t_.slots(at.path, cls)};
  }

  void arrive() {
    const std::uint32_t pair = pairs_.draw(rng_);
    const std::uint32_t cls = draw_class(traffic_, rng_);
    const double holding = draw_holding(traffic_, rng_);
    const Protection protection =
        model_.protection.only_unprotected()
            ? Protection::kNone
            : model_.protection.draw(static_cast<double>(protection_rng_.next() >> 11) * 0x1.0p-53);

    auto up = [&](std::uint32_t p) { return path_up(p); };
    const Placement working = place<P>(t_, spectrum_, pair, cls, rng_, starts_, up);
    Placement protect;
    bool placed = working.start >= 0;
    if (placed && protection == Protection::kOnePlusOne) {
      auto apart = [&](std::uint32_t p) { return path_up(p) && !share_fiber(p, working.path); };
      protect = place<P>(t_, spectrum_, pair, cls, rng_, starts_, apart);
      placed = protect.start >= 0;
    }
    if (placed) {
      std::uint32_t id;
      if (free_ids_.empty()) {
        id = static_cast<std::uint32_t>(services_.size());
        services_.emplace_back();
      } else {
        id = free_ids_.back();
        free_ids_.pop_back();
      }
      LiveService& s = services_[id];
      s = LiveService{};
      s.sequence = sequence_++;
      s.arrival = s.area_since = now_;
      s.departure = now_ + holding;
      s.pair = pair;
      s.cls = cls;
      s.protection = protection;
      s.measured = measuring_;
      s.legs[0] = leg_of(working, cls);
      if (protection == Protection::kOnePlusOne) s.legs[1] = leg_of(protect, cls);
      for (std::size_t l = 0; l < leg_count(s); ++l) occupy(s.legs[l]);
      calendar_.add({s.departure, id});
    }
    if (measuring_) {
      const double rate = traffic_.rates_gbps[cls];
      ClassTotals& by = out_.by_class[traffic_.rate_class[cls]];
      ++out_.requests;
      ++by.requests;
      out_.requested_gbps += rate;
      by.requested_gbps += rate;
      if (!placed) {
        ++out_.blocked;
        ++by.blocked;
        out_.blocked_gbps += rate;
        by.blocked_gbps += rate;
      }
      if ((out_.requests & 1023) == 0) {
        frag_sum_ += fragmentation_now(spectrum_, t_.link_count());
        ++frag_samples_;
      }
    }
  }

  void leave(std::uint32_t id) {
    LiveService& s = services_[id];
    add_area(s, s.departure);
    for (std::size_t l = 0; l < leg_count(s); ++l) release(s.legs[l]);
    if (s.measured) account(s, s.departure);
    free_ids_.push_back(id);
  }

  // The services over the fibres in changed_, in arrival order.
  void collect() {
    for (std::uint32_t f : changed_) changed_mark_[f] = 1;
    affected_.clear();
    calendar_.for_each([&](const Departure& d) {
      if (uses_changed(services_[d.service])) affected_.push_back(d.service);
    });
    for (std::uint32_t f : changed_) changed_mark_[f] = 0;
    std::sort(affected_.begin(), affected_.end(), [&](std::uint32_t a, std::uint32_t b) {
      return services_[a].sequence < services_[b].sequence;
    });
  }

  bool leg_up(const Leg& leg) const { return path_up(leg.path); }

  // The fibres in changed_ have just gone down.
  void cut(double time) {
    fibers_down_ += static_cast<std::uint32_t>(changed_.size());
    collect();
    for (std::uint32_t id : affected_) {
      LiveService& s = services_[id];
      if (s.down) continue;
      switch (s.protection) {
        case Protection::kOnePlusOne: {
          const Leg& active = s.legs[s.on_protect ? 1 : 0];
          const Leg& standby = s.legs[s.on_protect ? 0 : 1];
          if (leg_up(active)) break;  // the standby leg was hit
          if (leg_up(standby))
            s.on_protect = !s.on_protect;
          else
            go_down(s, time);
          break;
        }
        case Protection::kRestore:
          restore(s, time);
          break;
        case Protection::kNone:
          go_down(s, time);
          break;
      }
    }
  }

  // Re-routes a restore service on the surviving network, as a new request of its pair and class.
  void restore(LiveService& s, double time) {
    const Leg before = s.legs[0];
    release(before);
    auto up = [&](std::uint32_t p) { return path_up(p); };
    const Placement at = place<P>(t_, spectrum_, s.pair, s.cls, rng_, starts_, up);
    if (s.measured) ++out_.restore_attempts;
    if (at.start < 0) {
      occupy(before);  // kept, so that a repair brings the service back as it was
      go_down(s, time);
      return;
    }
    add_area(s, time);  // the old route up to the cut
    s.legs[0] = leg_of(at, s.cls);
    occupy(s.legs[0]);
    if (s.measured) {
      ++out_.restore_successes;
      out_.restore_added_latency_us += t_.latency_us(at.path) - t_.latency_us(before.path);
    }
  }

  // The fibres in changed_ have just come back.
  void repair(double time) {
    fibers_down_ -= static_cast<std::uint32_t>(changed_.size());
    collect();
    for (std::uint32_t id : affected_) {
      LiveService& s = services_[id];
      if (!s.down) continue;
      bool up = false;
      if (s.protection == Protection::kOnePlusOne) {
        if (leg_up(s.legs[0])) {
          s.on_protect = false;
          up = true;
        } else if (leg_up(s.legs[1])) {
          s.on_protect = true;
          up = true;
        }
      } else {
        up = leg_up(s.legs[0]);
      }
      if (!up) continue;
      s.down = false;
      s.down_time += time - s.down_since;
    }
  }

  const PathTable& t_;
  const PairSampler& pairs_;
  const TrafficModel& traffic_;
  const RunOptions& run_;
  const FailureModel& model_;
  RandomStream rng_;
  RandomStream protection_rng_;
  FiberFailures failures_;
  LinkSpectrum spectrum_;
  double mean_gap_;
  BasicDepartureCalendar<Departure> calendar_;
  std::uint32_t links_per_fiber_;
  std::vector<std::uint32_t> fiber_down_;   // per fibre: cuts in force (random and scripted)
  std::uint32_t fibers_down_ = 0;           // fibres with a cut in force
  std::vector<std::uint32_t> changed_;      // fibres the current event took down or brought back
  std::vector<std::uint8_t> changed_mark_;  // per fibre: in changed_
  std::vector<LiveService> services_;
  std::vector<std::uint32_t> free_ids_;
  std::vector<std::uint32_t> affected_;
  std::vector<std::uint32_t> starts_;
  std::uint64_t sequence_ = 0;
  ReplicationTotals out_;
  double now_ = 0, start_time_ = 0, area_ = 0, frag_sum_ = 0;
  std::uint64_t frag_samples_ = 0;
  bool measuring_ = false;
};

template <Policy P>
ReplicationTotals run_with(const PathTable& t, const PairSampler& pairs,
                           const TrafficModel& traffic, const RunOptions& run, double load,
                           std::uint64_t stream) {
  return FailureRun<P>(t, pairs, traffic, run, load, stream).run();
}

}  // namespace

ReplicationTotals run_failure_replication(const PathTable& table, const PairSampler& pairs,
                                          const TrafficModel& traffic, const RunOptions& run,
                                          double load, std::uint64_t stream) {
  return with_policy(run.policy, [&]<Policy P>() {
    return run_with<P>(table, pairs, traffic, run, load, stream);
  });
}

}  // namespace lightmesh::sim
