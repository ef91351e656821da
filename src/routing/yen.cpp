#include "routing/yen.h"

#include <algorithm>

namespace lightmesh::routing {

namespace {

struct Found {
  Path path;
  std::size_t deviation;  // index of the node where it left the path it was spurred from
};

}  // namespace

std::vector<Path> k_shortest_paths(const Graph& g, NodeIndex s, NodeIndex t, std::uint32_t k,
                                   double max_cost) {
  std::vector<Path> out;
  if (k == 0) return out;
  DijkstraSearch search(g);
  auto first = search.find(s, t, max_cost);
  if (!first) return out;
  if (s == t) {
    out.push_back(std::move(*first));
    return out;
  }
  std::vector<Found> found;
  found.push_back({std::move(*first), 0});
  // Sorted by `precedes`, never longer than the number of paths still wanted: a candidate beyond
  // that rank can never be output, because the ones ahead of it stay in the pool until taken.
  std::vector<Found> pool;
  std::vector<double> to_t;  // unbanned distance of every node to t, once computed

  while (found.size() < k) {
    const std::size_t needed = k - found.size();
    const Path& last = found.back().path;
    const std::size_t deviation = found.back().deviation;
    double root_cost = 0;
    for (std::size_t j = 0; j < deviation; ++j) root_cost += g.edge(last.edges[j]).weight;

    for (std::size_t i = deviation; i < last.edges.size(); ++i) {
      // Once the pool is full, a spur costlier than its worst member is useless: stop there.
      const double bound =
          pool.size() >= needed ? std::min(max_cost, pool.back().path.cost) : max_cost;
      if (to_t.empty()) {
        // Distances to t with nothing banned cost one full search and pay for it many times over:
        // they steer each spur search towards t (A*) and, under a finite bound, confine it to
        // nodes that can still reach t within the bound.
        search.clear_bans();  // the bounds must hold without this spur's bans
        to_t = search.tree(t).dist;
        search.set_remaining_bounds(&to_t);
      }
      search.clear_bans();
      for (std::size_t j = 0; j < i; ++j) search.ban_node(last.nodes[j]);
      for (const Found& f : found) {
        const Path& p = f.path;
        if (p.edges.size() > i &&
            std::equal(last.edges.begin(), last.edges.begin() + static_cast<std::ptrdiff_t>(i),
                       p.edges.begin())) {
          search.ban_edge(p.edges[i]);
        }
      }
      if (auto spur = search.find(last.nodes[i], t, bound, root_cost)) {
        Found c;
        c.deviation = i;
        c.path.cost = spur->cost;  // includes root_cost, summed in path order
        const auto root = static_cast<std::ptrdiff_t>(i);
        c.path.nodes.assign(last.nodes.begin(), last.nodes.begin() + root);
        c.path.nodes.insert(c.path.nodes.end(), spur->nodes.begin(), spur->nodes.end());
        c.path.edges.assign(last.edges.begin(), last.edges.begin() + root);
        c.path.edges.insert(c.path.edges.end(), spur->edges.begin(), spur->edges.end());
        c.path.fibers.assign(last.fibers.begin(), last.fibers.begin() + root);
        c.path.fibers.insert(c.path.fibers.end(), spur->fibers.begin(), spur->fibers.end());
        auto at = std::upper_bound(pool.begin(), pool.end(), c, [](const Found& x, const Found& y) {
          return precedes(x.path, y.path);
        });
        if (static_cast<std::size_t>(at - pool.begin()) < needed) {
          pool.insert(at, std::move(c));
          if (pool.size() > needed) pool.pop_back();
        }
      }
      root_cost += g.edge(last.edges[i]).weight;
    }
    if (pool.empty()) break;
    found.push_back(std::move(pool.front()));
    pool.erase(pool.begin());
  }
  out.reserve(found.size());
  for (Found& f : found) out.push_back(std::move(f.path));
  return out;
}

}  // namespace lightmesh::routing
