// PathTable: every ordered site pair's candidate paths as the simulator's hot loop reads them —
// flat arrays of link indices and, per path and bit-rate class, the slots a request takes.
//
//   LM_ASSIGN_OR_RETURN(PathTable t, build_path_table(net, {.k = 5, .directed = true}, mods,
//   rates)); for (std::uint32_t p = t.first_path(pair); p < t.end_path(pair); ++p) try(t.links(p),
//   t.slots(p, c));
//
// Why precomputed: a request must cost no allocation and no search. Routing (routing/yen.h) and the
// modulation table run once here; the simulator then only indexes arrays.
//
// Links: with `directed`, fibre f gives link 2f (from its end a to b) and 2f + 1 (b to a), each
// with its own spectrum, as XLRON's directed topologies model a fibre pair; otherwise link f
// carries both directions.
//
// Immutable once built; thread-safe to read from every replication at once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "sim/gsnr_slots.h"
#include "sim/modulation_table.h"

namespace lightmesh::sim {

enum class PathOrder {
  kLength,  // k shortest by length in km
  kHops,    // k shortest by hop count (ties: shorter first)
  kXlron,   // k shortest by hops, then stably re-sorted by hops / spectral efficiency
};

struct PathTableOptions {
  std::uint32_t k = 5;
  PathOrder order = PathOrder::kLength;
  bool directed = false;
  std::uint32_t slots = 100;  // per link
  double slot_ghz = 12.5;
  std::uint32_t guard = 0;  // slots added to every request, inside its block
  // Set: slots come from lightmesh's mode choice on each route (the modes feasible there), not
  // from the modulation table, which then only orders paths for PathOrder::kXlron.
  const GsnrSlots* gsnr = nullptr;
};

// Candidate paths given as site indices, in rank order, per ordered pair (from --paths).
struct GivenPaths {
  SiteIndex src = 0;
  SiteIndex dst = 0;
  std::vector<std::vector<SiteIndex>> paths;
  std::string where;  // "file: /pairs/3" for messages
};

struct CandidatePath {
  std::uint32_t first_link = 0;  // into links()
  std::uint32_t hops = 0;
  std::uint32_t format = 0;  // index of its spectral efficiency among the table's distinct ones
  double length_km = 0;
  double spectral_efficiency = 0;
};

class PathTable {
 public:
  std::uint32_t site_count() const { return sites_; }
  std::uint32_t link_count() const { return link_count_; }
  std::uint32_t slot_count() const { return slots_per_link_; }
  std::uint32_t class_count() const { return classes_; }
  std::uint32_t path_count() const { return static_cast<std::uint32_t>(paths_.size()); }
  // Ordered pair (s, d), s ≠ d, as one index.
  std::uint32_t pair(SiteIndex s, SiteIndex d) const { return s * sites_ + d; }
  std::uint32_t first_path(std::uint32_t pair) const { return pair_first_[pair]; }
  std::uint32_t end_path(std::uint32_t pair) const { return pair_first_[pair + 1]; }
  const CandidatePath& path(std::uint32_t p) const { return paths_[p]; }
  const std::uint32_t* links(std::uint32_t p) const { return links_.data() + paths_[p].first_link; }
  // Slots a request of bit-rate class c takes on path p (guard included). Indexed by the path's
  // format (its spectral efficiency, or with GsnrSlots its set of feasible modes), not the path: a
  // few formats × classes fit the first-level cache, which one row per path would not.
  std::uint32_t slots(std::uint32_t p, std::uint32_t c) const {
    return slots_[paths_[p].format * classes_ + c];
  }
  const std::vector<double>& link_km() const { return link_km_; }
  // One-way latency of path p in µs (physics::route_latency(), as the controller computes a
  // lightpath's): what restoration adds is the difference of two paths' latencies. Kept apart from
  // CandidatePath, which the hot loop reads, so that stays small.
  double latency_us(std::uint32_t p) const { return latency_us_[p]; }

  friend Result<PathTable> build_path_table(const Network&, const PathTableOptions&,
                                            const ModulationTable&, const std::vector<double>&,
                                            const std::vector<GivenPaths>*,
                                            const std::vector<double>*);

 private:
  std::uint32_t sites_ = 0;
  std::uint32_t link_count_ = 0;
  std::uint32_t slots_per_link_ = 0;
  std::uint32_t classes_ = 0;
  std::vector<std::uint32_t> pair_first_;  // sites² + 1 entries
  std::vector<CandidatePath> paths_;
  std::vector<std::uint32_t> links_;
  std::vector<std::uint32_t> slots_;  // format × class
  std::vector<double> formats_;       // distinct spectral efficiencies
  std::vector<double> link_km_;
  std::vector<double> latency_us_;  // per path
};

// Builds the table for every ordered pair of sites. `rates_gbps` are the bit-rate classes. With
// `given`, the paths are those (the first k of each pair, where k > 0) and a pair not listed has
// none; otherwise they come from k_shortest_paths in `options.order`, for every pair, or with
// `pair_weights` (sites² entries, as PairSampler::weighted takes) only for the pairs whose weight
// in either direction is positive: a traffic matrix over a few pairs of a large network needs
// routes for those alone. A path that no format of
// `mods` reaches is left out. Errors: a given path whose consecutive sites no fibre joins, or
// that does not start and end at its pair (the message names `where`).
Result<PathTable> build_path_table(const Network& net, const PathTableOptions& options,
                                   const ModulationTable& mods,
                                   const std::vector<double>& rates_gbps,
                                   const std::vector<GivenPaths>* given = nullptr,
                                   const std::vector<double>* pair_weights = nullptr);

}  // namespace lightmesh::sim
