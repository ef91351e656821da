#include "routing/disjoint.h"

#include <algorithm>
#include <functional>
#include <tuple>

namespace lightmesh::routing {

std::optional<std::pair<Path, Path>> disjoint_pair(const Graph& g, NodeIndex s, NodeIndex t,
                                                   Disjointness d) {
  DisjointPairSearch search(g);
  return search.find(s, t, d);
}

DisjointPairSearch::DisjointPairSearch(const Graph& g)
    : g_(&g),
      first_(g),
      p1_pos_(g.node_count(), kNoIndex),
      p1_edge_pos_(g.edge_count(), kNoIndex),
      dist_(2 * static_cast<std::size_t>(g.node_count()), kUnbounded),
      parent_state_(dist_.size(), kNoIndex),
      parent_edge_(dist_.size(), kNoIndex),
      walk_pos_(g.node_count(), kNoIndex) {}

double DisjointPairSearch::potential(NodeIndex v, double dist_t) const {
  // Capping at d(t) keeps w + π(u) − π(v) ≥ 0 for nodes the early-stopped first search left
  // unsettled: their labels are already ≥ d(t).
  return std::min(first_.label(v), dist_t);
}

void DisjointPairSearch::reset() {
  for (NodeIndex v : p1_.nodes) p1_pos_[v] = kNoIndex;
  for (EdgeIndex e : p1_.edges) p1_edge_pos_[e] = kNoIndex;
  for (std::uint32_t x : reached_) {
    dist_[x] = kUnbounded;
    parent_state_[x] = kNoIndex;
    parent_edge_[x] = kNoIndex;
  }
  reached_.clear();
  p1_ = Path{};
}

// Dijkstra on reduced costs over the residual graph of the one-unit flow along P1. States are
// nodes, plus (split == true) an exit half n + v for each intermediate node v of P1; every other
// node's two halves are merged into one state since no flow passes through it.
bool DisjointPairSearch::second_search(NodeIndex s, NodeIndex t, bool split, double dist_t) {
  const Graph& g = *g_;
  const std::uint32_t n = g.node_count();
  const std::uint32_t last = static_cast<std::uint32_t>(p1_.nodes.size()) - 1;
  auto interior = [&](NodeIndex v) {
    return p1_pos_[v] != kNoIndex && p1_pos_[v] != 0 && p1_pos_[v] != last;
  };
  heap_.clear();
  const auto later = std::greater<std::pair<double, std::uint32_t>>();
  dist_[s] = 0;
  reached_.push_back(s);
  heap_.push_back({0.0, s});
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const double d = heap_.back().first;
    const std::uint32_t x = heap_.back().second;
    heap_.pop_back();
    if (d != dist_[x]) continue;  // superseded entry
    if (x == t) return true;
    const NodeIndex u = x < n ? x : x - n;
    const double pu = potential(u, dist_t);
    auto relax = [&](std::uint32_t y, double cost, EdgeIndex edge) {
      const NodeIndex v = y < n ? y : y - n;
      // Reduced costs are ≥ 0 in exact arithmetic; clamp the rounding noise of P1's reversed
      // edges (exactly 0 in theory).
      const double nd = d + std::max(0.0, cost + pu - potential(v, dist_t));
      if (nd < dist_[y]) {
        if (dist_[y] == kUnbounded) reached_.push_back(y);
        dist_[y] = nd;
        parent_state_[y] = x;
        parent_edge_[y] = edge;
        heap_.push_back({nd, y});
        std::push_heap(heap_.begin(), heap_.end(), later);
      }
    };
    if (!split) {
      for (const Arc& a : g.arcs(u)) {
        // A P1 edge is full in P1's direction; against it, crossing cancels P1's use of it.
        const std::uint32_t i = p1_edge_pos_[a.edge];
        if (i == kNoIndex) {
          relax(a.to, a.weight, a.edge);
        } else if (p1_.nodes[i + 1] == u) {
          relax(a.to, -a.weight, a.edge);
        }
      }
      continue;
    }
    if (x >= n) {
      // Exit half of an intermediate P1 node, entered against P1: may step back to its entry
      // half (undoing the node's use by P1) or leave over any edge P1 does not use.
      relax(u, 0.0, kNoIndex);
      for (const Arc& a : g.arcs(u)) {
        if (p1_edge_pos_[a.edge] == kNoIndex) relax(a.to, a.weight, a.edge);
      }
    } else if (interior(u)) {
      // Entry half of an intermediate P1 node: its only way on is back along P1's incoming edge,
      // since the node's unit of capacity is taken.
      const std::uint32_t i = p1_pos_[u];
      const NodeIndex prev = p1_.nodes[i - 1];
      const EdgeIndex e = p1_.edges[i - 1];
      relax(interior(prev) ? n + prev : prev, -g.edge(e).weight, e);
    } else {
      // A node P1 does not cross (or s itself): P1's edges here are full or lead back to s.
      for (const Arc& a : g.arcs(u)) {
        if (p1_edge_pos_[a.edge] == kNoIndex) relax(a.to, a.weight, a.edge);
      }
    }
  }
  return false;
}

std::optional<std::pair<Path, Path>> DisjointPairSearch::find(NodeIndex s, NodeIndex t,
                                                              Disjointness d) {
  const Graph& g = *g_;
  const std::uint32_t n = g.node_count();
  if (s >= n || t >= n || s == t) return std::nullopt;
  reset();
  auto first = first_.find(s, t);
  if (!first) return std::nullopt;
  p1_ = std::move(*first);
  for (std::uint32_t i = 0; i < p1_.nodes.size(); ++i) p1_pos_[p1_.nodes[i]] = i;
  for (std::uint32_t i = 0; i < p1_.edges.size(); ++i) p1_edge_pos_[p1_.edges[i]] = i;
  const double dist_t = p1_.cost;
  const bool split = d == Disjointness::kNode;
  if (!second_search(s, t, split, dist_t)) return std::nullopt;

  // The flow: P2's forward edges, and P1's edges that P2 did not cross backwards.
  flow_.clear();
  cancelled_.assign(p1_.edges.size(), 0);
  for (std::uint32_t y = t; y != s; y = parent_state_[y]) {
    const EdgeIndex e = parent_edge_[y];
    if (e == kNoIndex) continue;  // exit → entry half of one node
    const std::uint32_t x = parent_state_[y];
    if (p1_edge_pos_[e] != kNoIndex) {
      cancelled_[p1_edge_pos_[e]] = 1;
    } else {
      flow_.push_back({x < n ? x : x - n, y < n ? y : y - n, e});
    }
  }
  for (std::uint32_t i = 0; i < p1_.edges.size(); ++i) {
    if (!cancelled_[i]) flow_.push_back({p1_.nodes[i], p1_.nodes[i + 1], p1_.edges[i]});
  }
  std::sort(flow_.begin(), flow_.end(), [](const FlowArc& x, const FlowArc& y) {
    return std::tie(x.from, x.edge) < std::tie(y.from, y.edge);
  });
  used_.assign(flow_.size(), 0);

  // Two walks from s to t over unused flow edges. A node may be met twice only if the flow holds
  // a cycle (possible with zero-weight edges); the cycle is cut out, which cannot add cost.
  Path paths[2];
  for (Path& p : paths) {
    NodeIndex u = s;
    p.nodes.push_back(s);
    walk_pos_[s] = 0;
    while (u != t) {
      auto it = std::lower_bound(flow_.begin(), flow_.end(), u,
                                 [](const FlowArc& a, NodeIndex v) { return a.from < v; });
      std::size_t k = static_cast<std::size_t>(it - flow_.begin());
      while (k < flow_.size() && flow_[k].from == u && used_[k]) ++k;
      if (k == flow_.size() || flow_[k].from != u) break;  // a broken flow; cannot happen
      used_[k] = 1;
      const NodeIndex v = flow_[k].to;
      if (walk_pos_[v] != kNoIndex) {
        const std::uint32_t keep = walk_pos_[v];
        for (std::size_t j = keep + 1; j < p.nodes.size(); ++j) walk_pos_[p.nodes[j]] = kNoIndex;
        p.nodes.resize(keep + 1);
        p.edges.resize(keep);
      } else {
        walk_pos_[v] = static_cast<std::uint32_t>(p.nodes.size());
        p.nodes.push_back(v);
        p.edges.push_back(flow_[k].edge);
      }
      u = v;
    }
    for (NodeIndex v : p.nodes) walk_pos_[v] = kNoIndex;
    if (u != t) return std::nullopt;
    for (EdgeIndex e : p.edges) {
      p.fibers.push_back(g.edge(e).fiber);
      p.cost += g.edge(e).weight;
    }
  }
  if (precedes(paths[1], paths[0])) std::swap(paths[0], paths[1]);
  return std::make_pair(std::move(paths[0]), std::move(paths[1]));
}

}  // namespace lightmesh::routing
