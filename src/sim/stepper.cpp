#include "sim/stepper.h"

#include <algorithm>
#include <limits>
#include <string>

#include "sim/replication_steps.h"

namespace lightmesh::sim {

namespace {

// As run_replication files its departures: buckets one mean gap wide spanning eight mean holding
// times.
DepartureCalendar calendar_for(double mean_gap, double holding_mean) {
  return DepartureCalendar(mean_gap, 8 * holding_mean);
}

}  // namespace

Stepper::Stepper(const PathTable& table, const PairSampler& pairs, const TrafficModel& traffic,
                 double load, std::uint64_t warmup, std::uint64_t requests)
    : table_(table),
      pairs_(pairs),
      traffic_(traffic),
      mean_gap_(load > 0 ? traffic.holding_mean / load : std::numeric_limits<double>::infinity()),
      warmup_(warmup),
      requests_(requests),
      spectrum_(table.link_count(), table.slot_count()),
      calendar_(calendar_for(mean_gap_, traffic.holding_mean)) {}

void Stepper::reset(std::uint64_t seed, std::uint64_t stream) {
  rng_ = RandomStream::for_stream(seed, stream);
  spectrum_ = LinkSpectrum(table_.link_count(), table_.slot_count());
  calendar_ = calendar_for(mean_gap_, traffic_.holding_mean);
  totals_ = {};
  occupy_booked(spectrum_, booked_, totals_.slot_conflicts);
  request_ = {};
  now_ = 0;
  next_index_ = 0;
  done_ = false;
  draw_next();
}

std::uint32_t Stepper::candidates() const {
  if (done_) return 0;
  return table_.end_path(request_.pair) - table_.first_path(request_.pair);
}

std::uint32_t Stepper::path(std::uint32_t candidate) const {
  return table_.first_path(request_.pair) + candidate;
}

std::uint32_t Stepper::slots_needed(std::uint32_t candidate) const {
  return table_.slots(path(candidate), request_.bitrate_class);
}

void Stepper::free_mask(std::uint32_t candidate, std::uint8_t* out) const {
  const std::uint32_t p = path(candidate);
  const std::uint32_t* links = table_.links(p);
  const std::uint32_t hops = table_.path(p).hops;
  const std::uint32_t words = spectrum_.words_per_link();
  for (std::uint32_t w = 0; w < words; ++w) {
    std::uint64_t used = 0;
    for (std::uint32_t h = 0; h < hops; ++h) used |= spectrum_.used_words(links[h])[w];
    const std::uint32_t end = std::min(table_.slot_count(), 64 * (w + 1));
    for (std::uint32_t slot = 64 * w; slot < end; ++slot)
      out[slot] = ((used >> (slot - 64 * w)) & 1) == 0 ? 1 : 0;
  }
}

Status Stepper::place(std::uint32_t candidate, std::uint32_t start) {
  if (done_) return Error::invalid("the episode is over: reset() starts another");
  const std::uint32_t count_of = candidates();
  if (candidate >= count_of)
    return Error::invalid("path " + std::to_string(candidate) +
                          " is out of range: this request has " + std::to_string(count_of) +
                          " candidate path" + (count_of == 1 ? "" : "s"));
  const std::uint32_t n = slots_needed(candidate);
  const std::uint32_t slots = table_.slot_count();
  if (start >= slots || n > slots - start)
    return Error::invalid("slots " + std::to_string(start) + "…" + std::to_string(start + n - 1) +
                          " are past the spectrum (" + std::to_string(slots) + " slots)");
  std::vector<std::uint8_t> mask(slots);
  free_mask(candidate, mask.data());
  for (std::uint32_t s = start; s < start + n; ++s)
    if (!mask[s])
      return Error::invalid("slot " + std::to_string(s) + " is not free on every link of path " +
                            std::to_string(candidate) + " (the request needs slots " +
                            std::to_string(start) + "…" + std::to_string(start + n - 1) + ")");

  const std::uint32_t p = path(candidate);
  if (!spectrum_.occupy(table_.links(p), table_.path(p).hops, start, n)) ++totals_.slot_conflicts;
  calendar_.add({now_ + request_.holding, now_, p, static_cast<std::uint16_t>(start),
                 static_cast<std::uint16_t>(n)});
  count(/*blocked=*/false);
  draw_next();
  return {};
}

Status Stepper::block() {
  if (done_) return Error::invalid("the episode is over: reset() starts another");
  count(/*blocked=*/true);
  draw_next();
  return {};
}

void Stepper::count(bool blocked) {
  if (!request_.counted) return;
  ++totals_.requests;
  totals_.requested_gbps += request_.bitrate_gbps;
  if (blocked) {
    ++totals_.blocked;
    totals_.blocked_gbps += request_.bitrate_gbps;
  }
}

void Stepper::draw_next() {
  if (next_index_ == warmup_ + requests_) {
    done_ = true;
    return;
  }
  now_ += rng_.exponential(mean_gap_);
  calendar_.release_until(now_, [&](const Connection& c) {
    if (!spectrum_.release(table_.links(c.path), table_.path(c.path).hops, c.start, c.slots))
      ++totals_.slot_conflicts;
  });
  const std::uint32_t pair = pairs_.draw(rng_);
  // The same draws, in the same order, as the replication loops (replication_steps.h), so an
  // agent that plays a policy sees simulate's own requests.
  const std::uint32_t cls = draw_class(traffic_, rng_);
  const double holding = draw_holding(traffic_, rng_);

  const std::uint32_t sites = table_.site_count();
  request_ = {next_index_, pair / sites, pair % sites,          pair, cls, traffic_.rates_gbps[cls],
              now_,        holding,      next_index_ >= warmup_};
  ++next_index_;
}

}  // namespace lightmesh::sim
