#include "routing/yen.h"

#include <algorithm>
#include <tuple>

namespace lightmesh::routing {

namespace {

bool better(const Path& a, const Path& b) {
  return std::forward_as_tuple(a.cost, a.edges.size(), a.edges) <
         std::forward_as_tuple(b.cost, b.edges.size(), b.edges);
}

}  // namespace

std::vector<Path> k_shortest_paths(const Graph& g, NodeIndex s, NodeIndex t, std::uint32_t k,
                                   double max_cost) {
  std::vector<Path> found;
  if (k == 0) return found;
  DijkstraSearch search(g);
  auto first = search.find(s, t, max_cost);
  if (!first) return found;
  found.push_back(std::move(*first));
  if (s == t) return found;

  std::vector<Path> candidates;
  while (found.size() < k) {
    const Path& last = found.back();
    double root_cost = 0;
    for (std::size_t i = 0; i + 1 < last.nodes.size(); ++i) {
      const NodeIndex spur = last.nodes[i];
      // Forbid the next edge of every found path that shares this root, and the root's own nodes.
      search.clear_bans();
      for (const Path& p : found) {
        if (p.edges.size() > i &&
            std::equal(last.edges.begin(), last.edges.begin() + static_cast<long>(i),
                       p.edges.begin())) {
          search.ban_edge(p.edges[i]);
        }
      }
      for (std::size_t j = 0; j < i; ++j) search.ban_node(last.nodes[j]);
      if (auto spur_path = search.find(spur, t, max_cost - root_cost)) {
        Path total;
        total.nodes.assign(last.nodes.begin(), last.nodes.begin() + static_cast<long>(i));
        total.edges.assign(last.edges.begin(), last.edges.begin() + static_cast<long>(i));
        total.nodes.insert(total.nodes.end(), spur_path->nodes.begin(), spur_path->nodes.end());
        total.edges.insert(total.edges.end(), spur_path->edges.begin(), spur_path->edges.end());
        total.cost = root_cost + spur_path->cost;
        for (auto e : total.edges) total.fibers.push_back(g.edge(e).fiber);
        const bool known = std::any_of(candidates.begin(), candidates.end(),
                                       [&](const Path& c) { return c.edges == total.edges; });
        if (!known && total.cost <= max_cost) candidates.push_back(std::move(total));
      }
      root_cost += g.edge(last.edges[i]).weight;
    }
    search.clear_bans();
    if (candidates.empty()) break;
    auto best = std::min_element(candidates.begin(), candidates.end(), better);
    found.push_back(std::move(*best));
    candidates.erase(best);
  }
  return found;
}

}  // namespace lightmesh::routing
