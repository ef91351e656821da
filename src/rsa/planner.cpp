#include "rsa/planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "physics/latency.h"
#include "routing/dijkstra.h"
#include "routing/yen.h"
#include "rsa/format_detail.h"
#include "rsa/lightpath_json.h"

namespace lightmesh::rsa {

const char* reason_name(Reason r) {
  switch (r) {
    case Reason::kUnknownEndpoint:
      return "UNKNOWN_ENDPOINT";
    case Reason::kNoPath:
      return "NO_PATH";
    case Reason::kLatencyBound:
      return "LATENCY_BOUND";
    case Reason::kNoFeasibleMode:
      return "NO_FEASIBLE_MODE";
    case Reason::kNoSpectrum:
      return "NO_SPECTRUM";
  }
  return "NO_PATH";
}

const char* role_name(Role r) { return r == Role::kProtect ? "protect" : "working"; }

Result<Metric> parse_metric(std::string_view name) {
  if (name == "latency") return Metric::kLatency;
  if (name == "length") return Metric::kLength;
  if (name == "hops") return Metric::kHops;
  return Error::invalid("unknown metric \"" + std::string(name) +
                        "\" (expected latency, length or hops)");
}

const char* metric_name(Metric m) {
  switch (m) {
    case Metric::kLatency:
      return "latency";
    case Metric::kLength:
      return "length";
    case Metric::kHops:
      return "hops";
  }
  return "latency";
}

// What went wrong while trying routes, kept so the reason reported is the most specific one:
// the first stage (route → bound → mode → spectrum) that no candidate got past.
struct Planner::Attempt {
  bool within_bound = false;   // some route met the bound with some mode
  bool mode_feasible = false;  // some route within the bound had a feasible mode
  Km shortest_within_bound{std::numeric_limits<double>::infinity()};
  std::uint32_t slots_needed = 0;
  // The best GSNR margin seen (route within the bound × mode judged by GSNR), for the reason.
  std::optional<double> best_margin_db;
  ModeIndex best_margin_mode = kNoIndex;
  Km best_margin_length{0};

  void note_margin(double margin, ModeIndex m, Km length) {
    if (!best_margin_db || margin > *best_margin_db) {
      best_margin_db = margin;
      best_margin_mode = m;
      best_margin_length = length;
    }
  }
};

namespace {

// Edges of every working fibre; a failed fibre is left out of the graph altogether.
std::vector<routing::EdgeSpec> edges_for(const Network& net, Metric metric,
                                         const std::vector<char>& down) {
  std::vector<routing::EdgeSpec> edges;
  edges.reserve(net.fibers().size());
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    if (down[f]) continue;
    const Fiber& fiber = net.fiber(f);
    double w = 1.0;
    switch (metric) {
      case Metric::kLatency:
        w = physics::latency_edge_weight(net, f);
        break;
      case Metric::kLength:
        w = fiber.length.value();
        break;
      case Metric::kHops:
        w = 1.0;
        break;
    }
    edges.push_back({fiber.a, fiber.b, f, w});
  }
  return edges;
}

bool fibers_disjoint(const routing::Path& x, const routing::Path& y) {
  for (FiberIndex f : x.fibers) {
    if (std::find(y.fibers.begin(), y.fibers.end(), f) != y.fibers.end()) return false;
  }
  return true;
}

bool nodes_disjoint(const routing::Path& x, const routing::Path& y) {
  for (std::size_t i = 1; i + 1 < x.nodes.size(); ++i) {
    if (std::find(y.nodes.begin() + 1, y.nodes.end() - 1, x.nodes[i]) != y.nodes.end() - 1)
      return false;
  }
  return fibers_disjoint(x, y);
}

}  // namespace

Planner::Planner(const Network& net, const PlanOptions& options, spectrum::SpectrumState state,
                 std::shared_ptr<const physics::LineModel> qot)
    : net_(&net),
      options_(options),
      qot_(std::move(qot)),
      fiber_down_(net.fibers().size(), 0),
      graph_(static_cast<std::uint32_t>(net.nodes().size()),
             edges_for(net, options.metric, fiber_down_)),
      state_(std::move(state)),
      rng_(options.seed),
      occupancy_(state_.grid().slot_count()) {}

Result<Planner> Planner::create(const Network& net, const PlanOptions& options) {
  if (options.k == 0) return Error::invalid("k must be at least 1");
  if (!std::isfinite(options.osnr_margin_db))
    return Error::invalid("the OSNR margin must be a finite number of dB");
  LM_ASSIGN_OR_RETURN(spectrum::Grid grid,
                      spectrum::Grid::make(net.band_first_thz(), net.band_last_thz()));
  spectrum::SpectrumState state(grid, static_cast<std::uint32_t>(net.fibers().size()));
  LM_ASSIGN_OR_RETURN(physics::LineModel qot, physics::LineModel::build(net));
  return Planner(net, options, std::move(state),
                 std::make_shared<const physics::LineModel>(std::move(qot)));
}

Planner Planner::fresh() const {
  spectrum::SpectrumState state(state_.grid(), static_cast<std::uint32_t>(net_->fibers().size()));
  return Planner(*net_, options_, std::move(state), qot_);
}

bool Planner::feasible(const routing::Path& route, Km length, ModeIndex m, double* margin_db,
                       physics::LineModel::RouteCache* cache, Margin margin_wanted) const {
  const TransceiverMode& mode = net_->catalogue().mode(m);
  if (!qot_->judged_by_gsnr(m)) return mode.reach >= length;
  const double needed = mode.required_osnr->value() + options_.osnr_margin_db;
  // A lightpath carries both ways: the worse one decides. Each way's O(hops) bound settles that
  // way when it clears the threshold, and only a way whose bound fails needs the exact sum, so a
  // refused mode's margin is still the worse way's exact figure. A feasible mode's margin may be
  // only a lower bound, which is enough: margins are reported only when no mode is feasible.
  using Way = physics::LineModel::Way;
  double worse = std::numeric_limits<double>::infinity();
  for (const Way way : {Way::kForward, Way::kReverse}) {
    const double at_least = qot_->worst_01nm_db_at_least(route.nodes, route.fibers, m, way);
    if (at_least >= needed) {
      worse = std::min(worse, at_least);
      continue;
    }
    if (margin_wanted == Margin::kVerdictOnly) {
      // One channel that misses the threshold refuses the mode, at O(hops).
      const double at_most = qot_->worst_01nm_db_at_most(route.nodes, route.fibers, m, way);
      if (at_most < needed) {
        worse = at_most;
        break;
      }
    }
    worse = std::min(worse, qot_->worst_01nm_db(route.nodes, route.fibers, m, cache, way));
  }
  const double margin = worse - needed;
  if (margin_db) *margin_db = margin;
  return margin >= 0;
}

std::vector<ModeIndex> Planner::feasible_modes(std::span<const NodeIndex> nodes,
                                               std::span<const FiberIndex> fibers) const {
  routing::Path route;
  route.nodes.assign(nodes.begin(), nodes.end());
  route.fibers.assign(fibers.begin(), fibers.end());
  Km length{0};
  for (FiberIndex f : fibers) length += net_->fiber(f).length;
  physics::LineModel::RouteCache cache;  // the route's line noise, shared by every mode
  std::vector<ModeIndex> out;
  for (ModeIndex m : net_->catalogue().by_rate_desc())
    if (feasible(route, length, m, nullptr, &cache, Margin::kVerdictOnly)) out.push_back(m);
  return out;
}

std::optional<LightpathGsnr> Planner::gsnr_of(std::span<const NodeIndex> nodes,
                                              std::span<const FiberIndex> fibers, ModeIndex mode,
                                              std::optional<spectrum::SlotBlock> slots) const {
  if (mode >= net_->catalogue().modes().size() || !qot_->judged_by_gsnr(mode)) return std::nullopt;
  std::optional<double> channel_hz;
  if (slots) channel_hz = spectrum::center_thz(state_.grid(), *slots) * 1e12;
  using Way = physics::LineModel::Way;
  const physics::RouteGsnr q = qot_->route(nodes, fibers, mode, channel_hz, Way::kForward);
  const physics::RouteGsnr back = qot_->route(nodes, fibers, mode, channel_hz, Way::kReverse);
  // The worse way's worst channel, as feasibility was judged; the means one per way, as GNPy
  // reports a request from either end.
  const bool back_worse = back.worst_01nm_db < q.worst_01nm_db;
  LightpathGsnr g{.at_01nm_db = std::min(q.worst_01nm_db, back.worst_01nm_db),
                  .bw_db = std::min(q.worst_bw_db, back.worst_bw_db),
                  .mean_01nm_db = q.mean_01nm_db,
                  .reverse_mean_01nm_db = back.mean_01nm_db,
                  .channel_01nm_db = back_worse ? back.channel_01nm_db : q.channel_01nm_db};
  if (q.channel_01nm_db && back.channel_01nm_db)
    g.channel_01nm_db = std::min(*q.channel_01nm_db, *back.channel_01nm_db);
  return g;
}

void Planner::set_fiber_down(FiberIndex f, bool down) {
  if (f >= fiber_down_.size() || static_cast<bool>(fiber_down_[f]) == down) return;
  fiber_down_[f] = down ? 1 : 0;
  graph_ = routing::Graph(static_cast<std::uint32_t>(net_->nodes().size()),
                          edges_for(*net_, options_.metric, fiber_down_));
}

Status Planner::book_exact(const Lightpath& lp) {
  links_.clear();
  for (FiberIndex f : lp.fibers) {
    links_.push_back(spectrum::link_index(f, false));
    links_.push_back(spectrum::link_index(f, true));
  }
  return state_.book(links_, lp.slots);
}

Microseconds Planner::route_one_way(const routing::Path& route, ModeIndex mode) const {
  const TransceiverMode* m = mode == kNoIndex ? nullptr : &net_->catalogue().mode(mode);
  return physics::route_latency(*net_, route.nodes, route.fibers, m).total();
}

Planner::RouteCheck Planner::check_route(const routing::Path& route, ModeIndex forced,
                                         std::optional<Microseconds> bound) const {
  RouteCheck c;
  for (FiberIndex f : route.fibers) c.length += net_->fiber(f).length;
  const TransceiverCatalogue& cat = net_->catalogue();
  physics::LineModel::RouteCache cache;
  // Modes by rate, as book_set tries them, so the best margin breaks ties the same way.
  for (ModeIndex m : cat.by_rate_desc()) {
    if (forced != kNoIndex && m != forced) continue;
    if (bound && route_one_way(route, m) > *bound) continue;
    c.within_bound = true;
    double margin = 0;
    if (feasible(route, c.length, m, &margin, &cache)) c.mode_feasible = true;
    if (qot_->judged_by_gsnr(m) && (!c.best_margin_db || margin > *c.best_margin_db)) {
      c.best_margin_db = margin;
      c.best_margin_mode = m;
    }
  }
  return c;
}

bool Planner::book_one(const routing::Path& route, ModeIndex mode, Lightpath& lp) {
  links_.clear();
  for (FiberIndex f : route.fibers) {
    links_.push_back(spectrum::link_index(f, false));
    links_.push_back(spectrum::link_index(f, true));
  }
  const std::uint32_t count = spectrum::slots_for_width(net_->catalogue().mode(mode).channel_width);
  state_.path_occupancy(links_, occupancy_);
  const auto block = spectrum::choose_block(occupancy_, count, options_.policy, rng_);
  if (!block) return false;
  if (!state_.book(links_, *block)) return false;
  lp.nodes = route.nodes;
  lp.fibers = route.fibers;
  lp.mode = mode;
  lp.slots = *block;
  const auto breakdown =
      physics::route_latency(*net_, route.nodes, route.fibers, &net_->catalogue().mode(mode));
  lp.length = breakdown.length;
  lp.one_way = breakdown.total();
  lp.gsnr = gsnr_of(route.nodes, route.fibers, mode, *block);
  return true;
}

void Planner::release(const Lightpath& lp) {
  links_.clear();
  for (FiberIndex f : lp.fibers) {
    links_.push_back(spectrum::link_index(f, false));
    links_.push_back(spectrum::link_index(f, true));
  }
  state_.release(links_, lp.slots);
}

void Planner::rollback(std::vector<Lightpath>& booked) {
  for (const auto& lp : booked) release(lp);
  booked.clear();
}

bool Planner::book_set(const std::vector<const routing::Path*>& routes, const Demand& d,
                       std::uint32_t index, Role role, ModeIndex forced,
                       std::optional<Microseconds> bound, Attempt& attempt,
                       std::vector<Lightpath>& out) {
  const TransceiverCatalogue& cat = net_->catalogue();
  // Each route's line noise, kept while its lightpaths are placed one by one.
  std::vector<physics::LineModel::RouteCache> caches(routes.size());
  double remaining = d.bandwidth.value();
  while (remaining > 1e-9) {
    bool placed = false;
    for (std::size_t r = 0; r < routes.size(); ++r) {
      const routing::Path* route = routes[r];
      // Modes feasible on the route (GSNR, or reach) whose latency (its DSP/FEC included) meets
      // the bound, highest rate first.
      ModeIndex best = kNoIndex;
      ModeIndex fit = kNoIndex;  // narrowest mode that carries all that remains
      Km length{0};
      for (FiberIndex f : route->fibers) length += net_->fiber(f).length;
      for (ModeIndex m : cat.by_rate_desc()) {
        if (forced != kNoIndex && m != forced) continue;
        if (bound && route_one_way(*route, m) > *bound) continue;
        attempt.within_bound = true;
        attempt.shortest_within_bound = std::min(attempt.shortest_within_bound, length);
        double margin = 0;
        const bool ok = feasible(*route, length, m, &margin, &caches[r], Margin::kVerdictOnly);
        if (qot_->judged_by_gsnr(m)) attempt.note_margin(margin, m, length);
        if (!ok) continue;
        attempt.mode_feasible = true;
        if (best == kNoIndex) best = m;
        if (cat.mode(m).bit_rate.value() + 1e-9 >= remaining &&
            (fit == kNoIndex || cat.mode(m).channel_width < cat.mode(fit).channel_width ||
             (cat.mode(m).channel_width == cat.mode(fit).channel_width &&
              cat.mode(m).bit_rate < cat.mode(fit).bit_rate))) {
          fit = m;
        }
      }
      if (best == kNoIndex) continue;
      const ModeIndex mode =
          cat.mode(best).bit_rate.value() + 1e-9 >= remaining && fit != kNoIndex ? fit : best;
      attempt.slots_needed = spectrum::slots_for_width(cat.mode(mode).channel_width);
      Lightpath lp;
      lp.demand = index;
      lp.role = role;
      if (!book_one(*route, mode, lp)) continue;
      remaining -= cat.mode(mode).bit_rate.value();
      out.push_back(std::move(lp));
      placed = true;
      break;
    }
    if (!placed) return false;
  }
  return true;
}

void Planner::note_exact_margins(const std::vector<const routing::Path*>& routes, ModeIndex forced,
                                 std::optional<Microseconds> bound, Attempt& attempt) const {
  attempt.best_margin_db.reset();
  for (const routing::Path* route : routes) {
    const RouteCheck c = check_route(*route, forced, bound);
    if (c.best_margin_db) attempt.note_margin(*c.best_margin_db, c.best_margin_mode, c.length);
  }
}

namespace {

Unserved make_unserved(std::uint32_t index, Reason reason, std::string detail) {
  return Unserved{index, reason, std::move(detail)};
}

}  // namespace

Planner::Outcome Planner::serve(const Demand& d, std::uint32_t index) {
  const SiteIndex from = net_->find_site(d.from);
  const SiteIndex to = net_->find_site(d.to);
  if (from == kNoIndex || to == kNoIndex) {
    const std::string& bad = from == kNoIndex ? d.from : d.to;
    return {{}, make_unserved(index, Reason::kUnknownEndpoint, "unknown site \"" + bad + "\"")};
  }
  if (from == to) {
    return {
        {},
        make_unserved(index, Reason::kNoPath, "from and to are the same site \"" + d.from + "\"")};
  }
  ModeIndex forced = kNoIndex;
  if (!d.mode.empty()) {
    forced = net_->catalogue().find(d.mode);
    if (forced == kNoIndex) {
      return {{}, make_unserved(index, Reason::kNoFeasibleMode, "unknown mode \"" + d.mode + "\"")};
    }
  }
  if (net_->catalogue().empty()) {
    return {{},
            make_unserved(index, Reason::kNoFeasibleMode, "the transceiver catalogue is empty")};
  }
  // A demand needing more lightpaths than one fibre could ever hold is refused up front, so an
  // absurd bandwidth cannot make the planner loop for long.
  double top_rate = 0;
  for (const auto& m : net_->catalogue().modes()) {
    if (forced == kNoIndex || &m == &net_->catalogue().mode(forced))
      top_rate = std::max(top_rate, m.bit_rate.value());
  }
  const double needed = std::ceil(d.bandwidth.value() / top_rate);
  if (needed > state_.grid().slot_count()) {
    return {{},
            make_unserved(index, Reason::kNoSpectrum,
                          fmt::format("{} Gbps needs {:g} lightpaths, more than a fibre can carry",
                                      format_number(d.bandwidth.value()), needed))};
  }
  const NodeIndex s = net_->site(from).node;
  const NodeIndex t = net_->site(to).node;
  const auto bound = d.one_way_bound();
  return d.protection == Protection::kOnePlusOne ? serve_protected(d, index, s, t, forced, bound)
                                                 : serve_unprotected(d, index, s, t, forced, bound);
}

namespace {

// "shortest route is 1,240 µs RTT, bound 1,000 µs RTT" in the form the demand stated its bound.
std::string bound_detail(const Demand& d, std::string_view what, Microseconds one_way,
                         Microseconds bound) {
  const bool rtt = d.max_rtt.has_value() && (!d.max_one_way || *d.max_rtt * 0.5 <= *d.max_one_way);
  if (rtt) {
    return fmt::format("{} is {} µs RTT, bound {} µs RTT", what, format_number(2 * one_way.value()),
                       format_number(2 * bound.value()));
  }
  return fmt::format("{} is {} µs one way, bound {} µs one way", what,
                     format_number(one_way.value()), format_number(bound.value()));
}

std::string mode_detail(const TransceiverCatalogue& cat, ModeIndex forced, Km shortest,
                        bool bounded, std::string_view what = "shortest route") {
  double reach = 0;
  for (const auto& m : cat.modes()) {
    if (forced == kNoIndex || m.name == cat.mode(forced).name)
      reach = std::max(reach, m.reach.value());
  }
  return fmt::format("{}{} is {} km, longest reach{} is {} km", what,
                     bounded ? " within the bound" : "", format_number(shortest.value()),
                     forced == kNoIndex ? std::string() : " of " + cat.mode(forced).name,
                     format_number(reach));
}

// "the 3,100 km route gives 100G-QPSK a GSNR of 12.9 dB (0.1 nm), below its 12 dB + 2 dB margin":
// the mode and route that came closest.
std::string gsnr_detail(const TransceiverMode& mode, std::string_view what, Km length,
                        double margin_db, double osnr_margin_db) {
  const double required = mode.required_osnr->value();
  return fmt::format(
      "{} ({} km) gives {} a GSNR of {} dB (0.1 nm), below its required {} dB + {} dB margin", what,
      format_number(length.value()), mode.name,
      format_number(round_to(margin_db + required + osnr_margin_db, 2)), format_number(required),
      format_number(osnr_margin_db));
}

}  // namespace

Planner::Outcome Planner::serve_unprotected(const Demand& d, std::uint32_t index, NodeIndex s,
                                            NodeIndex t, ModeIndex forced,
                                            std::optional<Microseconds> bound) {
  Outcome out;
  Attempt attempt;
  const auto first = routing::shortest_path(graph_, s, t);
  if (!first) {
    out.unserved = make_unserved(index, Reason::kNoPath,
                                 "no route between \"" + d.from + "\" and \"" + d.to + "\"");
    return out;
  }
  // Most demands fit on the best route; Yen's k routes are computed only when it does not.
  if (book_set({&*first}, d, index, Role::kWorking, forced, bound, attempt, out.lightpaths))
    return out;
  rollback(out.lightpaths);

  double max_cost = std::numeric_limits<double>::infinity();
  if (bound && options_.metric == Metric::kLatency) {
    // Route weights omit the transceivers and half of each end node; prune with the smallest such
    // constant.
    Microseconds constant = physics::route_latency_constant(*net_, s, t, nullptr);
    for (const auto& m : net_->catalogue().modes()) {
      constant = std::min(constant, physics::route_latency_constant(*net_, s, t, &m));
    }
    max_cost = (*bound - constant).value() + 1e-6;
  }
  const auto routes = routing::k_shortest_paths(graph_, s, t, options_.k, max_cost);
  std::vector<const routing::Path*> candidates;
  for (const auto& r : routes) candidates.push_back(&r);
  if (!candidates.empty() &&
      book_set(candidates, d, index, Role::kWorking, forced, bound, attempt, out.lightpaths)) {
    return out;
  }
  rollback(out.lightpaths);

  if (!attempt.within_bound) {
    out.unserved =
        make_unserved(index, Reason::kLatencyBound,
                      bound_detail(d, "shortest route", route_one_way(*first, forced), *bound));
  } else if (!attempt.mode_feasible && attempt.best_margin_db) {
    std::vector<const routing::Path*> tried{&*first};
    tried.insert(tried.end(), candidates.begin(), candidates.end());
    note_exact_margins(tried, forced, bound, attempt);
    out.unserved = make_unserved(
        index, Reason::kNoFeasibleMode,
        gsnr_detail(net_->catalogue().mode(attempt.best_margin_mode),
                    bound ? "the best route within the bound" : "the best route",
                    attempt.best_margin_length, *attempt.best_margin_db, options_.osnr_margin_db));
  } else if (!attempt.mode_feasible) {
    out.unserved = make_unserved(
        index, Reason::kNoFeasibleMode,
        mode_detail(net_->catalogue(), forced, attempt.shortest_within_bound, bound.has_value()));
  } else {
    out.unserved =
        make_unserved(index, Reason::kNoSpectrum,
                      fmt::format("no {} contiguous free slots on any of {} candidate route{}",
                                  attempt.slots_needed, std::max<std::size_t>(1, candidates.size()),
                                  candidates.size() == 1 ? "" : "s"));
  }
  return out;
}

Planner::Outcome Planner::serve_protected(const Demand& d, std::uint32_t index, NodeIndex s,
                                          NodeIndex t, ModeIndex forced,
                                          std::optional<Microseconds> bound) {
  Outcome out;
  Attempt attempt;
  const auto best_pair = routing::disjoint_pair(graph_, s, t, options_.disjointness);
  if (!best_pair) {
    out.unserved = make_unserved(
        index, Reason::kNoPath,
        fmt::format("no two {}-disjoint routes between \"{}\" and \"{}\"",
                    options_.disjointness == routing::Disjointness::kNode ? "node" : "link", d.from,
                    d.to));
    return out;
  }
  // Candidate pairs: the min-total disjoint pair first, then disjoint pairs among Yen's k routes.
  std::vector<std::pair<const routing::Path*, const routing::Path*>> pairs;
  pairs.emplace_back(&best_pair->first, &best_pair->second);
  const auto routes = routing::k_shortest_paths(graph_, s, t, options_.k);
  for (std::size_t sum = 1; sum < 2 * routes.size(); ++sum) {
    for (std::size_t i = 0; i < routes.size(); ++i) {
      const std::size_t j = sum - i;
      if (j <= i || j >= routes.size()) continue;
      const bool disjoint = options_.disjointness == routing::Disjointness::kNode
                                ? nodes_disjoint(routes[i], routes[j])
                                : fibers_disjoint(routes[i], routes[j]);
      if (disjoint) pairs.emplace_back(&routes[i], &routes[j]);
    }
  }
  // Try the pair whose longer leg is shortest first (the latency after a switch-over), then the
  // least total; Suurballe's pair minimises only the total, which can lengthen the working leg
  // needlessly.
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
    const double mx = std::max(x.first->cost, x.second->cost),
                 my = std::max(y.first->cost, y.second->cost);
    if (mx != my) return mx < my;
    return x.first->cost + x.second->cost < y.first->cost + y.second->cost;
  });
  for (auto& [w, p] : pairs) {
    if (p->cost < w->cost) std::swap(w, p);  // the working leg is the faster one
  }
  for (const auto& [w, p] : pairs) {
    if (book_set({w}, d, index, Role::kWorking, forced, bound, attempt, out.lightpaths) &&
        book_set({p}, d, index, Role::kProtect, forced, bound, attempt, out.lightpaths)) {
      return out;
    }
    rollback(out.lightpaths);
  }
  // Both legs of a pair must pass each stage, so the reason is judged per pair, not per route.
  bool pair_within_bound = false, pair_mode_feasible = false;
  Microseconds best_longer{std::numeric_limits<double>::infinity()};
  Km best_longer_km{std::numeric_limits<double>::infinity()};
  // For GSNR: the pair whose weaker leg comes closest, that leg's margin, mode and length.
  std::optional<double> pair_margin;
  ModeIndex pair_margin_mode = kNoIndex;
  Km pair_margin_km{0};
  for (const auto& [w, p] : pairs) {
    best_longer =
        std::min(best_longer, std::max(route_one_way(*w, forced), route_one_way(*p, forced)));
    const RouteCheck cw = check_route(*w, forced, bound), cp = check_route(*p, forced, bound);
    if (cw.within_bound && cp.within_bound) {
      pair_within_bound = true;
      best_longer_km = std::min(best_longer_km, std::max(cw.length, cp.length));
      pair_mode_feasible = pair_mode_feasible || (cw.mode_feasible && cp.mode_feasible);
      if (cw.best_margin_db && cp.best_margin_db) {
        const bool work_weaker = *cw.best_margin_db < *cp.best_margin_db;
        const RouteCheck& weak = work_weaker ? cw : cp;
        if (!pair_margin || *weak.best_margin_db > *pair_margin) {
          pair_margin = weak.best_margin_db;
          pair_margin_mode = weak.best_margin_mode;
          pair_margin_km = weak.length;
        }
      }
    }
  }
  if (!pair_within_bound) {
    out.unserved = make_unserved(
        index, Reason::kLatencyBound,
        bound_detail(d, "the longer route of the best disjoint pair", best_longer, *bound));
  } else if (!pair_mode_feasible && pair_margin) {
    out.unserved =
        make_unserved(index, Reason::kNoFeasibleMode,
                      gsnr_detail(net_->catalogue().mode(pair_margin_mode),
                                  "the weaker route of the best disjoint pair", pair_margin_km,
                                  *pair_margin, options_.osnr_margin_db));
  } else if (!pair_mode_feasible) {
    out.unserved =
        make_unserved(index, Reason::kNoFeasibleMode,
                      mode_detail(net_->catalogue(), forced, best_longer_km, bound.has_value(),
                                  "the longer route of the best disjoint pair"));
  } else {
    out.unserved = make_unserved(
        index, Reason::kNoSpectrum,
        fmt::format("no {} contiguous free slots on both routes of any of {} disjoint pair{}",
                    attempt.slots_needed, pairs.size(), pairs.size() == 1 ? "" : "s"));
  }
  return out;
}

}  // namespace lightmesh::rsa
