// The k shortest loopless paths between two nodes, by Yen's algorithm with Lawler's refinement.
//
//   std::vector<Path> routes = k_shortest_paths(g, s, t, 5, /*max_cost=*/bound);
//   for (const Path& r : routes) try_spectrum(r);   // cheapest first
//
// Why Yen: routing-and-spectrum assignment wants a handful of alternative routes, cheapest first,
// none with a loop (a lightpath cannot cross a node twice). Yen (1971) yields exactly that with
// only a Dijkstra search as its engine. Eppstein's algorithm is faster asymptotically but lists
// walks with loops, and filtering those out costs more than it saves at the small k of RSA.
//
// How: each found path P is split at every node i into a root P[0..i] and a spur. The spur search
// bans the root's nodes (so the result stays loopless) and the next edge of every found path with
// the same root (so it differs from all of them); root + spur is a candidate, and the cheapest
// candidate is the next path. Every candidate stands for a disjoint class of remaining paths.
// Lawler's refinement: a path only spurs from the node where it left its parent onwards, since the
// classes before that node belong to the parent and their candidates are already pooled.
// Candidates that can no longer make the first k are dropped. Once the pool holds as many as
// paths are still wanted, the worst of them bounds every later spur search (as a finite max_cost
// does from the start). With a finite bound, one full search from t gives each node's distance to
// t, a lower bound whatever is banned, and a spur search skips nodes that cannot reach t within
// the bound: it explores an ellipse between spur and t rather than a ball around the spur. The
// root's cost is the spur search's starting cost, so every cost is summed from s in path order and
// costs compare exactly.
//
// Cost: at most k · (V − 1) + 2 Dijkstra searches, O(k · V · (V + E) log V); in practice a path
// spurs only past its deviation node and bounded spur searches stay small.
//
// Determinism: paths come out in non-decreasing (cost, hops) order; candidates that tie on both
// are taken in the order of `precedes` (path.h). The i-th path is always the same for the same
// graph and query, and does not depend on k: a smaller k returns a prefix of a larger k's list.
//
// Parallel edges: two paths over the same nodes but different parallel edges are different paths.
//
// Thread-safety: thread-safe (reads the Graph only).
#pragma once

#include <cstdint>
#include <vector>

#include "routing/dijkstra.h"

namespace lightmesh::routing {

// Up to k loopless s–t paths with cost ≤ max_cost, in the order above. Returns an empty list when
// k == 0, s or t is out of range, or no path meets the bound. s == t has exactly one loopless path,
// the one-node path of cost 0.
std::vector<Path> k_shortest_paths(const Graph& g, NodeIndex s, NodeIndex t, std::uint32_t k,
                                   double max_cost = kUnbounded);

}  // namespace lightmesh::routing
