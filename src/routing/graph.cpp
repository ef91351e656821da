#include "routing/graph.h"

#include <cmath>

namespace lightmesh::routing {

Graph::Graph(std::uint32_t node_count, const std::vector<EdgeSpec>& edges)
    : offsets_(static_cast<std::size_t>(node_count) + 1, 0),
      edges_(edges),
      usable_(edges.size(), 0) {
  for (std::size_t i = 0; i < edges_.size(); ++i) {
    const EdgeSpec& e = edges_[i];
    const bool ok = e.a < node_count && e.b < node_count && e.a != e.b && e.weight >= 0 &&
                    std::isfinite(e.weight);
    if (!ok) continue;
    usable_[i] = 1;
    offsets_[e.a + 1]++;
    offsets_[e.b + 1]++;
  }
  for (std::uint32_t u = 0; u < node_count; ++u) offsets_[u + 1] += offsets_[u];
  arcs_.resize(offsets_[node_count]);
  // Filling in input order keeps each node's arcs in edge order, which the tie-breaking rules of
  // the searches rely on.
  std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (std::size_t i = 0; i < edges_.size(); ++i) {
    if (!usable_[i]) continue;
    const EdgeSpec& e = edges_[i];
    const auto index = static_cast<EdgeIndex>(i);
    arcs_[fill[e.a]++] = Arc{e.b, e.fiber, e.weight, index};
    arcs_[fill[e.b]++] = Arc{e.a, e.fiber, e.weight, index};
  }
}

}  // namespace lightmesh::routing
