// Graph: a compact (CSR) undirected multigraph over dense node indices, one weight per edge.
//
//   Graph g(3, {{0, 1, /*fiber*/ 7, 10.0}, {1, 2, 8, 5.0}});
//   for (const Arc& a : g.arcs(1)) use(a.to, a.fiber, a.weight);  // arcs out of node 1
//
// Generic on purpose: a fibre is only a label carried into paths and a weight is any non-negative
// number (latency, length, hops). Every edge becomes two arcs stored contiguously per node, so a
// search walks flat arrays instead of chasing pointers; there is no mutation, so one Graph serves
// any number of threads.
//
// Thread-safety: immutable after construction; every const member is safe to call concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"

namespace lightmesh::routing {

// Position of an edge in the list the Graph was built from. It tells parallel edges apart even
// when their fibre labels coincide.
using EdgeIndex = std::uint32_t;

// One undirected edge as the caller describes it.
struct EdgeSpec {
  NodeIndex a = 0;
  NodeIndex b = 0;
  FiberIndex fiber = 0;  // a label carried into paths; expected unique per edge
  double weight = 0;     // finite and ≥ 0
};

// One direction of an edge, as stored in the CSR arrays.
struct Arc {
  NodeIndex to;
  FiberIndex fiber;
  double weight;
  EdgeIndex edge;
};

class Graph {
 public:
  // An empty graph (no nodes), so holders can be default-constructed and assigned later.
  Graph() : Graph(0, {}) {}

  // Builds the arcs of `edges`; parallel edges are kept as distinct edges. An edge that no path
  // can use keeps its index (so EdgeIndex always equals the position in `edges`) but gets no arcs:
  // an endpoint ≥ node_count, a self-loop (never part of a loopless path), or a weight that is
  // negative, NaN or infinite (Dijkstra needs finite non-negative weights). Such input is a
  // programmer error upstream; it is dropped rather than crashing here.
  Graph(std::uint32_t node_count, const std::vector<EdgeSpec>& edges);

  std::uint32_t node_count() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  // Undirected edges as given, usable or not.
  std::uint32_t edge_count() const { return static_cast<std::uint32_t>(edges_.size()); }
  // Directed arcs: twice the number of usable edges.
  std::uint32_t arc_count() const { return static_cast<std::uint32_t>(arcs_.size()); }

  // Arcs out of u, in the order their edges were given. Out-of-range u gives an empty span.
  std::span<const Arc> arcs(NodeIndex u) const {
    if (u >= node_count()) return {};
    return {arcs_.data() + offsets_[u], arcs_.data() + offsets_[u + 1]};
  }
  // The edge as given; e must be < edge_count().
  const EdgeSpec& edge(EdgeIndex e) const { return edges_[e]; }
  // Whether edge e got arcs (see the constructor); false for out-of-range e.
  bool usable(EdgeIndex e) const { return e < usable_.size() && usable_[e] != 0; }

 private:
  std::vector<std::uint32_t> offsets_;  // arcs of u are arcs_[offsets_[u], offsets_[u + 1])
  std::vector<Arc> arcs_;
  std::vector<EdgeSpec> edges_;
  std::vector<char> usable_;
};

}  // namespace lightmesh::routing
