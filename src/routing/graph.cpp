#include "routing/graph.h"

namespace lightmesh::routing {

Graph::Graph(std::uint32_t node_count, const std::vector<EdgeSpec>& edges)
    : offsets_(node_count + 1, 0) {
  edges_.reserve(edges.size());
  for (const auto& e : edges) {
    if (e.a < node_count && e.b < node_count) edges_.push_back(e);
  }
  for (const auto& e : edges_) {
    offsets_[e.a + 1]++;
    offsets_[e.b + 1]++;
  }
  for (std::uint32_t u = 0; u < node_count; ++u) offsets_[u + 1] += offsets_[u];
  arcs_.resize(offsets_[node_count]);
  std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (std::uint32_t i = 0; i < edges_.size(); ++i) {
    const auto& e = edges_[i];
    arcs_[fill[e.a]++] = Arc{e.b, i, e.weight};
    arcs_[fill[e.b]++] = Arc{e.a, i, e.weight};
  }
}

}  // namespace lightmesh::routing
