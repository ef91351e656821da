// Path: a route through a Graph as its nodes, the edges (and their fibre labels) between them, and
// its total weight.
//
//   std::optional<Path> p = shortest_path(g, s, t);
//   if (p) assert(p->nodes.size() == p->fibers.size() + 1);
//
// Every search here sums a path's cost from its first edge to its last, so two searches that find
// the same path report bit-identical costs and cost comparisons between them are exact.
//
// Thread-safety: a plain value type (thread-compatible).
#pragma once

#include <cstdint>
#include <tuple>
#include <vector>

#include "core/ids.h"

namespace lightmesh::routing {

struct Path {
  std::vector<NodeIndex> nodes;      // from source to target; one node when source == target
  std::vector<FiberIndex> fibers;    // fibres[i] joins nodes[i] and nodes[i + 1]
  std::vector<std::uint32_t> edges;  // EdgeIndex of each hop: tells apart parallel edges
  double cost = 0;                   // sum of edge weights, added from the source onwards

  std::size_t hops() const { return edges.size(); }
};

// The order every function here uses to break ties: lower cost, then fewer hops, then the
// lexicographically smaller edge sequence. A strict weak order, total on distinct paths.
inline bool precedes(const Path& x, const Path& y) {
  const std::size_t hx = x.edges.size(), hy = y.edges.size();
  return std::tie(x.cost, hx, x.edges) < std::tie(y.cost, hy, y.edges);
}

}  // namespace lightmesh::routing
