// The simulator's routing-and-spectrum policies as searches over a pair's candidate paths, shared
// by the replication loops (with and without failures).
//
//   Placement at = place<Policy::kKspFirstFit>(table, spectrum, pair, cls, rng, scratch);
//   if (at.start >= 0) spectrum.occupy(table.links(at.path), …);
//
// `usable` filters the candidate paths (a path over a cut fibre, a protect leg that shares a fibre
// with its working leg). Its default, AnyPath, compiles away, so the loop without failures pays
// nothing for it.
//
// Thread-compatible: the spectrum and scratch are the caller's.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/link_spectrum.h"
#include "sim/path_table.h"
#include "sim/policy.h"
#include "sim/random.h"

namespace lightmesh::sim {

struct Placement {
  std::uint32_t path = 0;
  std::int32_t start = -1;  // −1: blocked
};

struct AnyPath {
  constexpr bool operator()(std::uint32_t /*path*/) const { return true; }
};

// The policies, each a search over the pair's candidate paths. A template parameter, so the
// hot loop is compiled once per policy with no dispatch per request.
template <Policy P, typename Usable = AnyPath>
Placement place(const PathTable& t, LinkSpectrum& s, std::uint32_t pair, std::uint32_t cls,
                RandomStream& rng, std::vector<std::uint32_t>& scratch, Usable usable = {}) {
  const std::uint32_t first = t.first_path(pair), end = t.end_path(pair);
  if constexpr (P == Policy::kFirstFitKsp) {
    Placement best;
    for (std::uint32_t p = first; p < end; ++p) {
      if (!usable(p)) continue;
      const std::int32_t at = s.first_fit(t.links(p), t.path(p).hops, t.slots(p, cls));
      if (at >= 0 && (best.start < 0 || at < best.start)) best = {p, at};
    }
    return best;
  } else if constexpr (P == Policy::kKspFrag) {
    Placement best;
    std::uint32_t best_loss = ~0u;
    for (std::uint32_t p = first; p < end; ++p) {
      if (!usable(p)) continue;
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
      if (!usable(p)) continue;
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

}  // namespace lightmesh::sim
