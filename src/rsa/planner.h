// Planner: routing and spectrum assignment for one demand at a time over a Network, owning the
// spectrum state it books into. A demand is served whole or not at all.
//
//   LM_ASSIGN_OR_RETURN(Planner planner, Planner::create(net, PlanOptions{}));
//   Planner::Outcome out = planner.serve(demand, 0);
//
// Not thread-safe: one Planner per thread (the Network it reads is shared read-only).
#pragma once

#include <memory>
#include <optional>
#include <random>
#include <span>
#include <vector>

#include "core/result.h"
#include "model/demand.h"
#include "model/network.h"
#include "physics/line_model.h"
#include "routing/disjoint.h"
#include "routing/graph.h"
#include "routing/path.h"
#include "rsa/lightpath.h"
#include "spectrum/policy.h"
#include "spectrum/spectrum_state.h"

namespace lightmesh::rsa {

// Which order candidate routes are tried in. Latency bounds are always checked on true latency.
enum class Metric { kLatency, kLength, kHops };
Result<Metric> parse_metric(std::string_view name);  // "latency" | "length" | "hops"
const char* metric_name(Metric m);

struct PlanOptions {
  std::uint32_t k = 5;  // candidate routes per demand (Yen)
  spectrum::Policy policy = spectrum::Policy::kFirstFit;
  Metric metric = Metric::kLatency;
  routing::Disjointness disjointness = routing::Disjointness::kLink;  // for 1+1
  std::uint64_t seed = 1;                                             // random-fit draws
  // A mode judged by GSNR is feasible on a route when GSNR (0.1 nm) ≥ its required OSNR + this
  // margin. 2 dB is the system margin of GNPy's example equipment library (SI "sys_margins").
  double osnr_margin_db = 2.0;
};

class Planner {
 public:
  struct Outcome {
    std::vector<Lightpath> lightpaths;  // empty iff unserved
    std::optional<Unserved> unserved;
  };

  // Fails if the network's band is not a valid flex grid or options are out of range (k == 0).
  // Designs the lines and their quality of transmission once (physics::LineModel).
  static Result<Planner> create(const Network& net, const PlanOptions& options);

  // A planner over the same network and options with nothing booked, sharing this one's QoT
  // tables instead of computing them again.
  Planner fresh() const;

  // Tries the k best routes in metric order. For each lightpath it picks the highest-rate mode
  // feasible on the route (GSNR ≥ required OSNR + margin, or reach ≥ length for a mode without a
  // required OSNR), or — for the last part of a split demand — the narrowest mode
  // that still carries what remains. For 1+1 it books a working and a protect set on disjoint
  // routes, both within the bound. On failure nothing stays booked and the Outcome names one
  // reason.
  Outcome serve(const Demand& demand, std::uint32_t demand_index);

  // Releases a lightpath's spectrum (e.g. when a service is deleted).
  void release(const Lightpath& lp);

  // Books exactly this lightpath's block on its fibres (rebuilding state from a store); fails,
  // booking nothing, if any slot is taken.
  Status book_exact(const Lightpath& lp);

  // A failed fibre is left out of every route computed afterwards; its bookings stay until
  // released.
  void set_fiber_down(FiberIndex f, bool down);
  bool fiber_down(FiberIndex f) const { return fiber_down_[f] != 0; }

  // The modes feasible on the route as serve() judges them (GSNR (0.1 nm, full load, the worse
  // way) ≥ the required OSNR + the margin, or reach ≥ the route's length for a mode judged by
  // reach), in the catalogue's by_rate_desc() order: for tools that choose modes as planning
  // does (simulate --modulations gsnr).
  std::vector<ModeIndex> feasible_modes(std::span<const NodeIndex> nodes,
                                        std::span<const FiberIndex> fibers) const;

  // The GSNR a lightpath of `mode` gets on this route under the full load (its own channel's
  // figure when `slots` is given); nullopt for a mode judged by reach.
  std::optional<LightpathGsnr> gsnr_of(std::span<const NodeIndex> nodes,
                                       std::span<const FiberIndex> fibers, ModeIndex mode,
                                       std::optional<spectrum::SlotBlock> slots) const;

  const Network& network() const { return *net_; }
  const physics::LineModel& qot() const { return *qot_; }
  const PlanOptions& options() const { return options_; }
  const spectrum::SpectrumState& spectrum() const { return state_; }
  const routing::Graph& graph() const { return graph_; }

 private:
  Planner(const Network& net, const PlanOptions& options, spectrum::SpectrumState state,
          std::shared_ptr<const physics::LineModel> qot);

  // How exact feasible()'s margin must be. Refusal reasons quote the best margin, but only when
  // no mode is feasible at all, so the search for a mode takes verdicts alone and the margins are
  // made exact again (best_margin) for the few demands that end refused.
  enum class Margin { kExact, kVerdictOnly };
  // Whether mode m is feasible on `route` (whose length is `length`); `margin_db` receives how
  // far above (≥ 0) or below the GSNR threshold it is, for modes judged by GSNR: exact, or with
  // kVerdictOnly at least the exact figure when refused. `cache`, when given, holds this route's
  // line noise between calls (see LineModel::RouteCache).
  bool feasible(const routing::Path& route, Km length, ModeIndex m, double* margin_db,
                physics::LineModel::RouteCache* cache = nullptr,
                Margin margin = Margin::kExact) const;

  struct Attempt;  // what failed while trying routes, for the reason
  struct RouteCheck {
    Km length{0};
    bool within_bound = false;             // some mode meets the latency bound on this route
    bool mode_feasible = false;            // some such mode is also feasible (GSNR or reach)
    std::optional<double> best_margin_db;  // best GSNR margin of a mode judged by GSNR
    ModeIndex best_margin_mode = kNoIndex;
  };
  RouteCheck check_route(const routing::Path& route, ModeIndex forced,
                         std::optional<Microseconds> bound) const;

  // Books lightpaths carrying `bandwidth` over `route`s tried in order; appends to `out`.
  bool book_set(const std::vector<const routing::Path*>& routes, const Demand& d,
                std::uint32_t index, Role role, ModeIndex forced, std::optional<Microseconds> bound,
                Attempt& attempt, std::vector<Lightpath>& out);
  bool book_one(const routing::Path& route, ModeIndex mode, Lightpath& lp);
  // Notes in `attempt` the exact best margin of each route (check_route), in book_set's order.
  void note_exact_margins(const std::vector<const routing::Path*>& routes, ModeIndex forced,
                          std::optional<Microseconds> bound, Attempt& attempt) const;
  Outcome serve_unprotected(const Demand& d, std::uint32_t index, NodeIndex s, NodeIndex t,
                            ModeIndex forced, std::optional<Microseconds> bound);
  Outcome serve_protected(const Demand& d, std::uint32_t index, NodeIndex s, NodeIndex t,
                          ModeIndex forced, std::optional<Microseconds> bound);
  Microseconds route_one_way(const routing::Path& route, ModeIndex mode) const;
  void rollback(std::vector<Lightpath>& booked);

  const Network* net_;
  PlanOptions options_;
  std::shared_ptr<const physics::LineModel> qot_;  // shared by copies: it never changes
  std::vector<char> fiber_down_;                   // before graph_: the graph is built from it
  routing::Graph graph_;
  spectrum::SpectrumState state_;
  std::mt19937_64 rng_;
  std::vector<std::uint32_t> links_;  // scratch: links of the route being booked
  spectrum::SlotMap occupancy_;       // scratch: union of occupancy along a route
};

}  // namespace lightmesh::rsa
