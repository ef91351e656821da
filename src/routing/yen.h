// Yen's k shortest loopless paths.
//
//   std::vector<Path> routes = k_shortest_paths(g, s, t, 5, /*max_cost=*/bound);
//
// Why Yen: RSA needs a few alternative routes in cost order, each loopless, and Yen gives exactly
// that with k × (path length) Dijkstra searches, O(k·V·(V + E) log V) at worst. Parallel edges are
// distinct paths. Paths come in non-decreasing cost; equal costs are ordered by fewer hops, then by
// their edge sequence, so the output is deterministic. Thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "routing/dijkstra.h"

namespace lightmesh::routing {

// Up to k loopless s–t paths, each with cost ≤ max_cost (a latency bound prunes the search). k ==
// 0, an out-of-range node or no path gives an empty list; s == t gives the single one-node path.
std::vector<Path> k_shortest_paths(const Graph& g, NodeIndex s, NodeIndex t, std::uint32_t k,
                                   double max_cost = kUnbounded);

}  // namespace lightmesh::routing
