// Path: a route through a Graph as node indices, the fibres between them, and its total weight.
//
//   Path p = *shortest_path(g, s, t);
//   p.nodes.size() == p.fibers.size() + 1;
//
// Plain value type; thread-compatible.
#pragma once

#include <cstdint>
#include <vector>

#include "core/ids.h"

namespace lightmesh::routing {

struct Path {
  std::vector<NodeIndex> nodes;
  std::vector<FiberIndex> fibers;  // the EdgeSpec fibre labels
  std::vector<std::uint32_t>
      edges;  // the EdgeSpec indices (distinguish parallel edges with one label)
  double cost = 0;
};

}  // namespace lightmesh::routing
