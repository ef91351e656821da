// Disjoint pairs: two s–t paths sharing no edge (link-disjoint) or no intermediate node
// (node-disjoint), with the least total cost, by Suurballe's method.
//
//   auto pair = disjoint_pair(g, s, t, Disjointness::kLink);
//   if (pair) { const Path& working = pair->first; const Path& protect = pair->second; }
//
// Why Suurballe: taking the shortest path and then the shortest path avoiding it fails on "trap"
// topologies, where the shortest path blocks every second route although a disjoint pair exists.
// Suurballe solves a min-cost flow of two units: one Dijkstra, a potential transform that makes the
// residual costs non-negative, a second Dijkstra, and a cancellation of edges used in both
// directions. O((V + E) log V). Node disjointness splits each node into an in and an out half
// joined by one arc. Thread-safe.
#pragma once

#include <optional>
#include <utility>

#include "routing/graph.h"
#include "routing/path.h"

namespace lightmesh::routing {

enum class Disjointness {
  kLink,  // no edge (fibre) in common
  kNode,  // no intermediate node in common, hence no edge either
};

// The minimum-total-cost disjoint pair, first.cost ≤ second.cost; nullopt if none exists, if s ==
// t, or if a node is out of range.
std::optional<std::pair<Path, Path>> disjoint_pair(const Graph& g, NodeIndex s, NodeIndex t,
                                                   Disjointness d);

}  // namespace lightmesh::routing
