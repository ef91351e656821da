#include "routing/disjoint.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace lightmesh::routing {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A directed network with unit capacities for the two-unit min-cost flow.
struct FlowNetwork {
  struct DArc {
    std::uint32_t from, to;
    double cost;
    std::uint32_t edge;  // the Graph edge, or kNoIndex for a node's in→out arc
    bool flow = false;
  };
  std::uint32_t n = 0;
  std::vector<DArc> arcs;
  std::vector<std::vector<std::uint32_t>> out, in;

  void add(std::uint32_t from, std::uint32_t to, double cost, std::uint32_t edge) {
    out[from].push_back(static_cast<std::uint32_t>(arcs.size()));
    in[to].push_back(static_cast<std::uint32_t>(arcs.size()));
    arcs.push_back({from, to, cost, edge});
  }
};

// One augmenting path in the residual network by Dijkstra on reduced costs c + π(u) − π(v) (never
// negative once π holds the previous shortest distances). Updates π. Returns false if t is
// unreachable.
bool augment(FlowNetwork& f, std::uint32_t s, std::uint32_t t, std::vector<double>& potential) {
  std::vector<double> dist(f.n, kInf);
  std::vector<std::uint32_t> via(f.n, kNoIndex);  // arc used to reach a node
  std::vector<bool> backward(f.n, false);
  using Entry = std::pair<double, std::uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  dist[s] = 0;
  heap.push({0, s});
  auto relax = [&](std::uint32_t u, std::uint32_t v, double reduced, std::uint32_t arc, bool back) {
    const double nd = dist[u] + std::max(0.0, reduced);  // clamp rounding noise below zero
    if (nd < dist[v]) {
      dist[v] = nd;
      via[v] = arc;
      backward[v] = back;
      heap.push({nd, v});
    }
  };
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    if (d > dist[u]) continue;
    if (potential[u] == kInf) continue;
    for (std::uint32_t a : f.out[u]) {
      const auto& arc = f.arcs[a];
      if (arc.flow || potential[arc.to] == kInf) continue;
      relax(u, arc.to, arc.cost + potential[u] - potential[arc.to], a, false);
    }
    for (std::uint32_t a : f.in[u]) {
      const auto& arc = f.arcs[a];
      if (!arc.flow) continue;  // only arcs carrying flow can be undone
      relax(u, arc.from, -arc.cost + potential[u] - potential[arc.from], a, true);
    }
  }
  if (dist[t] == kInf) return false;
  for (std::uint32_t v = t; v != s;) {
    auto& arc = f.arcs[via[v]];
    arc.flow = !backward[v];
    v = backward[v] ? arc.to : arc.from;
  }
  for (std::uint32_t v = 0; v < f.n; ++v) {
    if (dist[v] < kInf && potential[v] < kInf) potential[v] += dist[v];
  }
  return true;
}

}  // namespace

std::optional<std::pair<Path, Path>> disjoint_pair(const Graph& g, NodeIndex s, NodeIndex t,
                                                   Disjointness d) {
  const std::uint32_t n = g.node_count();
  if (s >= n || t >= n || s == t) return std::nullopt;
  const bool split = d == Disjointness::kNode;
  // Node v is v (link) or in = 2v, out = 2v + 1 (node); paths leave s's out half and enter t's in
  // half.
  auto in_of = [&](NodeIndex v) { return split ? 2 * v : v; };
  auto out_of = [&](NodeIndex v) { return split ? 2 * v + 1 : v; };
  FlowNetwork f;
  f.n = split ? 2 * n : n;
  f.out.resize(f.n);
  f.in.resize(f.n);
  if (split) {
    for (NodeIndex v = 0; v < n; ++v) f.add(2 * v, 2 * v + 1, 0.0, kNoIndex);
  }
  for (std::uint32_t e = 0; e < g.edge_count(); ++e) {
    const auto& edge = g.edge(e);
    f.add(out_of(edge.a), in_of(edge.b), edge.weight, e);
    f.add(out_of(edge.b), in_of(edge.a), edge.weight, e);
  }
  const std::uint32_t source = out_of(s), sink = in_of(t);

  // Potentials: plain shortest distances from the source (all costs are non-negative).
  std::vector<double> potential(f.n, kInf);
  {
    using Entry = std::pair<double, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    potential[source] = 0;
    heap.push({0, source});
    while (!heap.empty()) {
      const auto [dd, u] = heap.top();
      heap.pop();
      if (dd > potential[u]) continue;
      for (std::uint32_t a : f.out[u]) {
        const auto& arc = f.arcs[a];
        if (dd + arc.cost < potential[arc.to]) {
          potential[arc.to] = dd + arc.cost;
          heap.push({potential[arc.to], arc.to});
        }
      }
    }
  }
  if (potential[sink] == kInf) return std::nullopt;
  if (!augment(f, source, sink, potential) || !augment(f, source, sink, potential))
    return std::nullopt;

  // An undirected edge carrying flow both ways is used by neither path.
  for (std::uint32_t a = 0; a + 1 < f.arcs.size(); ++a) {
    auto& x = f.arcs[a];
    if (x.edge == kNoIndex || !x.flow) continue;
    for (std::uint32_t b : f.out[x.to]) {
      auto& y = f.arcs[b];
      if (y.flow && y.edge == x.edge && y.to == x.from) {
        x.flow = y.flow = false;
        break;
      }
    }
  }

  // Decompose the flow into two paths, walking arcs that carry flow from the source.
  Path paths[2];
  for (Path& p : paths) {
    std::uint32_t u = source;
    p.nodes.push_back(s);
    std::uint32_t guard = 0;
    while (u != sink && guard++ <= f.arcs.size()) {
      std::uint32_t next = kNoIndex;
      for (std::uint32_t a : f.out[u]) {
        if (f.arcs[a].flow) {
          next = a;
          break;
        }
      }
      if (next == kNoIndex) return std::nullopt;  // cannot happen for a valid two-unit flow
      auto& arc = f.arcs[next];
      arc.flow = false;
      if (arc.edge != kNoIndex) {
        const NodeIndex v = split ? arc.to / 2 : arc.to;
        // A zero-cost cycle in the flow would revisit a node: cut the loop out.
        auto seen = std::find(p.nodes.begin(), p.nodes.end(), v);
        if (seen != p.nodes.end()) {
          const auto keep = static_cast<std::size_t>(seen - p.nodes.begin());
          p.nodes.resize(keep + 1);
          p.edges.resize(keep);
        } else {
          p.nodes.push_back(v);
          p.edges.push_back(arc.edge);
        }
      }
      u = arc.to;
    }
    if (u != sink) return std::nullopt;
    for (auto e : p.edges) {
      p.fibers.push_back(g.edge(e).fiber);
      p.cost += g.edge(e).weight;
    }
  }
  if (paths[1].cost < paths[0].cost ||
      (paths[1].cost == paths[0].cost && paths[1].edges < paths[0].edges)) {
    std::swap(paths[0], paths[1]);
  }
  return std::make_pair(std::move(paths[0]), std::move(paths[1]));
}

}  // namespace lightmesh::routing
