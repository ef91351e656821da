#include "routing/dijkstra.h"

#include <algorithm>
#include <cmath>

namespace lightmesh::routing {

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
  DijkstraSearch search(g);
  return std::move(search).tree(source, max_cost);
}

std::optional<Path> shortest_path(const Graph& g, NodeIndex s, NodeIndex t, double max_cost) {
  DijkstraSearch search(g);
  return search.find(s, t, max_cost);
}

DijkstraSearch::DijkstraSearch(const Graph& g)
    : g_(&g),
      dist_(g.node_count(), kUnbounded),
      hops_(g.node_count(), kNoIndex),
      parent_(g.node_count(), kNoIndex),
      parent_edge_(g.node_count(), kNoIndex),
      banned_node_(g.node_count(), 0),
      banned_edge_(g.edge_count(), 0) {}

void DijkstraSearch::ban_node(NodeIndex n) {
  if (n >= banned_node_.size() || banned_node_[n]) return;
  banned_node_[n] = 1;
  touched_nodes_.push_back(n);
}

void DijkstraSearch::ban_edge(EdgeIndex e) {
  if (e >= banned_edge_.size() || banned_edge_[e]) return;
  banned_edge_[e] = 1;
  touched_edges_.push_back(e);
}

void DijkstraSearch::clear_bans() {
  for (NodeIndex n : touched_nodes_) banned_node_[n] = 0;
  for (EdgeIndex e : touched_edges_) banned_edge_[e] = 0;
  touched_nodes_.clear();
  touched_edges_.clear();
}

bool DijkstraSearch::run(NodeIndex s, NodeIndex t, double max_cost, double start_cost) {
  for (NodeIndex v : reached_) {
    dist_[v] = kUnbounded;
    hops_[v] = kNoIndex;
    parent_[v] = kNoIndex;
    parent_edge_[v] = kNoIndex;
  }
  reached_.clear();
  heap_.clear();
  if (s >= dist_.size() || banned_node_[s] || !(start_cost <= max_cost)) return false;
  // Pruning by lower bounds only makes sense towards a target. The margin covers the rounding
  // difference between summing a route forwards and its bound backwards from t.
  const double* remaining = t != kNoIndex && remaining_ ? remaining_->data() : nullptr;
  const double prune_above = max_cost + std::abs(max_cost) * 1e-9;
  if (remaining && start_cost + remaining[s] > prune_above) return false;
  // A min-heap on (key, hops, node): the node index makes the settling order total. The key is
  // the label, plus the lower bound to t when there is one (A*): bounds that are distances with
  // nothing banned are consistent, so a settled node's label is still final, and the search heads
  // for t instead of growing a ball around s.
  const auto later = [](const HeapEntry& x, const HeapEntry& y) {
    if (x.key != y.key) return x.key > y.key;
    if (x.hops != y.hops) return x.hops > y.hops;
    return x.node > y.node;
  };
  dist_[s] = start_cost;
  hops_[s] = 0;
  reached_.push_back(s);
  heap_.push_back({start_cost + (remaining ? remaining[s] : 0.0), start_cost, 0, s});
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const HeapEntry top = heap_.back();
    heap_.pop_back();
    const NodeIndex u = top.node;
    if (top.dist != dist_[u] || top.hops != hops_[u]) continue;  // superseded entry
    if (u == t) return true;
    const std::uint32_t nh = top.hops + 1;
    for (const Arc& a : g_->arcs(u)) {
      if (banned_edge_[a.edge] || banned_node_[a.to]) continue;
      const double nd = top.dist + a.weight;
      if (!(nd <= max_cost)) continue;
      const NodeIndex v = a.to;
      if (remaining && nd + remaining[v] > prune_above) continue;
      if (nd < dist_[v] || (nd == dist_[v] && nh < hops_[v])) {
        if (hops_[v] == kNoIndex) reached_.push_back(v);
        dist_[v] = nd;
        hops_[v] = nh;
        parent_[v] = u;
        parent_edge_[v] = a.edge;
        heap_.push_back({nd + (remaining ? remaining[v] : 0.0), nd, nh, v});
        std::push_heap(heap_.begin(), heap_.end(), later);
      }
    }
  }
  return false;
}

Path DijkstraSearch::build_path(NodeIndex s, NodeIndex t) const {
  Path p;
  p.cost = dist_[t];
  const std::uint32_t h = hops_[t];
  p.nodes.resize(h + 1);
  p.edges.resize(h);
  p.fibers.resize(h);
  NodeIndex v = t;
  for (std::uint32_t i = h; i > 0; --i) {
    p.nodes[i] = v;
    p.edges[i - 1] = parent_edge_[v];
    p.fibers[i - 1] = g_->edge(parent_edge_[v]).fiber;
    v = parent_[v];
  }
  p.nodes[0] = s;
  return p;
}

std::optional<Path> DijkstraSearch::find(NodeIndex s, NodeIndex t, double max_cost,
                                         double start_cost) {
  if (t >= dist_.size() || banned_node_[t]) return std::nullopt;
  if (!run(s, t, max_cost, start_cost)) return std::nullopt;
  return build_path(s, t);
}

ShortestPathTree DijkstraSearch::tree(NodeIndex source, double max_cost) & {
  return make_tree(source, max_cost, false);
}

ShortestPathTree DijkstraSearch::tree(NodeIndex source, double max_cost) && {
  return make_tree(source, max_cost, true);
}

ShortestPathTree DijkstraSearch::make_tree(NodeIndex source, double max_cost, bool hand_over) {
  const std::uint32_t n = g_->node_count();
  run(source, kNoIndex, max_cost, 0.0);
  ShortestPathTree tree;
  tree.source = source;
  tree.parent_fiber.assign(n, kNoIndex);
  if (hand_over) {
    tree.dist = std::move(dist_);
    tree.hops = std::move(hops_);
    tree.parent = std::move(parent_);
    tree.parent_edge = std::move(parent_edge_);
  } else {
    tree.dist.assign(n, kUnbounded);
    tree.hops.assign(n, kNoIndex);
    tree.parent.assign(n, kNoIndex);
    tree.parent_edge.assign(n, kNoIndex);
    for (NodeIndex v : reached_) {
      tree.dist[v] = dist_[v];
      tree.hops[v] = hops_[v];
      tree.parent[v] = parent_[v];
      tree.parent_edge[v] = parent_edge_[v];
    }
  }
  for (NodeIndex v : reached_) {
    if (tree.parent_edge[v] != kNoIndex) tree.parent_fiber[v] = g_->edge(tree.parent_edge[v]).fiber;
  }
  return tree;
}

}  // namespace lightmesh::routing
