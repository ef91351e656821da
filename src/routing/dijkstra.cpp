#include "routing/dijkstra.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace lightmesh::routing {

namespace {
using HeapEntry = std::pair<double, NodeIndex>;
using MinHeap = std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<>>;

Path build_path(const Graph& g, NodeIndex s, NodeIndex t, double cost,
                const std::vector<NodeIndex>& parent,
                const std::vector<std::uint32_t>& parent_edge) {
  Path p;
  p.cost = cost;
  for (NodeIndex v = t; v != s; v = parent[v]) {
    p.nodes.push_back(v);
    p.edges.push_back(parent_edge[v]);
  }
  p.nodes.push_back(s);
  std::reverse(p.nodes.begin(), p.nodes.end());
  std::reverse(p.edges.begin(), p.edges.end());
  for (auto e : p.edges) p.fibers.push_back(g.edge(e).fiber);
  return p;
}
}  // namespace

Path ShortestPathTree::path_to(NodeIndex t) const {
  Path p;
  if (!reachable(t)) return p;
  p.cost = dist[t];
  for (NodeIndex v = t; v != source; v = parent[v]) {
    p.nodes.push_back(v);
    p.edges.push_back(parent_edge[v]);
    p.fibers.push_back(parent_fiber[v]);
  }
  p.nodes.push_back(source);
  std::reverse(p.nodes.begin(), p.nodes.end());
  std::reverse(p.edges.begin(), p.edges.end());
  std::reverse(p.fibers.begin(), p.fibers.end());
  return p;
}

ShortestPathTree shortest_path_tree(const Graph& g, NodeIndex source, double max_cost) {
  const std::uint32_t n = g.node_count();
  ShortestPathTree tree;
  tree.source = source;
  tree.dist.assign(n, kUnbounded);
  tree.parent.assign(n, kNoIndex);
  tree.parent_edge.assign(n, kNoIndex);
  tree.parent_fiber.assign(n, kNoIndex);
  if (source >= n) return tree;
  MinHeap heap;
  tree.dist[source] = 0;
  heap.push({0.0, source});
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    if (d > tree.dist[u]) continue;
    for (const Arc& a : g.arcs(u)) {
      const double nd = d + a.weight;
      if (nd < tree.dist[a.to] && nd <= max_cost) {
        tree.dist[a.to] = nd;
        tree.parent[a.to] = u;
        tree.parent_edge[a.to] = a.edge;
        tree.parent_fiber[a.to] = g.edge(a.edge).fiber;
        heap.push({nd, a.to});
      }
    }
  }
  return tree;
}

std::optional<Path> shortest_path(const Graph& g, NodeIndex s, NodeIndex t, double max_cost) {
  DijkstraSearch search(g);
  return search.find(s, t, max_cost);
}

DijkstraSearch::DijkstraSearch(const Graph& g)
    : g_(&g),
      dist_(g.node_count(), kUnbounded),
      parent_(g.node_count(), kNoIndex),
      parent_edge_(g.node_count(), kNoIndex),
      banned_node_(g.node_count(), 0),
      banned_edge_(g.edge_count(), 0) {}

void DijkstraSearch::clear_bans() {
  for (NodeIndex n : touched_nodes_) banned_node_[n] = 0;
  for (std::uint32_t e : touched_edges_) banned_edge_[e] = 0;
  touched_nodes_.clear();
  touched_edges_.clear();
}

std::optional<Path> DijkstraSearch::find(NodeIndex s, NodeIndex t, double max_cost) {
  const std::uint32_t n = g_->node_count();
  if (s >= n || t >= n || banned_node_[s] || banned_node_[t]) return std::nullopt;
  if (s == t) return Path{{s}, {}, {}, 0.0};
  // Reset only what the previous search touched.
  for (NodeIndex v : reached_) {
    dist_[v] = kUnbounded;
    parent_[v] = kNoIndex;
  }
  reached_.clear();
  heap_.clear();
  auto cmp = std::greater<HeapEntry>();
  dist_[s] = 0;
  reached_.push_back(s);
  heap_.push_back({0.0, s});
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), cmp);
    const auto [d, u] = heap_.back();
    heap_.pop_back();
    if (d > dist_[u]) continue;
    if (u == t) return build_path(*g_, s, t, d, parent_, parent_edge_);
    for (const Arc& a : g_->arcs(u)) {
      if (banned_edge_[a.edge] || banned_node_[a.to]) continue;
      const double nd = d + a.weight;
      if (nd < dist_[a.to] && nd <= max_cost) {
        if (dist_[a.to] == kUnbounded) reached_.push_back(a.to);
        dist_[a.to] = nd;
        parent_[a.to] = u;
        parent_edge_[a.to] = a.edge;
        heap_.push_back({nd, a.to});
        std::push_heap(heap_.begin(), heap_.end(), cmp);
      }
    }
  }
  return std::nullopt;
}

}  // namespace lightmesh::routing
