// Graph: a compact (CSR) undirected multigraph over dense node indices, with one weight per edge.
//
//   Graph g(3, {{0, 1, /*fiber*/ 0, 10.0}, {1, 2, 1, 5.0}});
//   for (const Arc& a : g.arcs(1)) …           // arcs out of node 1, in edge-input order
//
// Generic: it knows fibres only as labels and weights as non-negative numbers (latency, km or
// hops). Immutable after construction; thread-safe to read.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"

namespace lightmesh::routing {

struct EdgeSpec {
  NodeIndex a = 0;
  NodeIndex b = 0;
  FiberIndex fiber = 0;  // a label carried into paths
  double weight = 0;     // ≥ 0
};

// One direction of an edge, as stored in the CSR arrays.
struct Arc {
  NodeIndex to;
  std::uint32_t edge;  // index into the EdgeSpec list
  double weight;
};

class Graph {
 public:
  // Edges with an endpoint ≥ node_count are dropped (a programmer error upstream, never a crash
  // here).
  Graph(std::uint32_t node_count, const std::vector<EdgeSpec>& edges);

  std::uint32_t node_count() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  std::uint32_t edge_count() const { return static_cast<std::uint32_t>(edges_.size()); }
  std::span<const Arc> arcs(NodeIndex u) const {
    return {arcs_.data() + offsets_[u], arcs_.data() + offsets_[u + 1]};
  }
  const EdgeSpec& edge(std::uint32_t e) const { return edges_[e]; }

 private:
  std::vector<std::uint32_t> offsets_;
  std::vector<Arc> arcs_;
  std::vector<EdgeSpec> edges_;
};

}  // namespace lightmesh::routing
