// Independent oracles for the routing tests: every simple path of a small multigraph, enumerated by
// depth-first search over the raw edge list (not the Graph's CSR arrays), and seeded random
// multigraphs with parallel edges, zero weights and ties.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "routing/graph.h"
#include "routing/path.h"

namespace lightmesh::routing::testing {

struct SimplePath {
  std::vector<NodeIndex> nodes;
  std::vector<EdgeIndex> edges;
  double cost = 0;               // summed from the source, edge by edge
  std::uint64_t edge_mask = 0;   // bit e set when edge e is used (tests keep E ≤ 64)
  std::uint64_t inner_mask = 0;  // bit v set for intermediate nodes
  std::size_t hops() const { return edges.size(); }
};

inline double fold_cost(const std::vector<EdgeSpec>& edges, const std::vector<EdgeIndex>& path) {
  double c = 0;
  for (EdgeIndex e : path) c += edges[e].weight;
  return c;
}

// Every s–t path without a repeated node (s == t gives the one-node path only).
inline std::vector<SimplePath> all_simple_paths(std::uint32_t n, const std::vector<EdgeSpec>& edges,
                                                NodeIndex s, NodeIndex t) {
  std::vector<SimplePath> out;
  if (s >= n || t >= n) return out;
  std::vector<char> on_path(n, 0);
  SimplePath cur;
  cur.nodes.push_back(s);
  on_path[s] = 1;
  std::function<void(NodeIndex)> dfs = [&](NodeIndex u) {
    if (u == t) {
      SimplePath p = cur;
      p.cost = fold_cost(edges, p.edges);
      for (EdgeIndex e : p.edges) p.edge_mask |= std::uint64_t{1} << e;
      for (std::size_t i = 1; i + 1 < p.nodes.size(); ++i)
        p.inner_mask |= std::uint64_t{1} << p.nodes[i];
      out.push_back(std::move(p));
      return;
    }
    for (EdgeIndex e = 0; e < edges.size(); ++e) {
      const EdgeSpec& spec = edges[e];
      NodeIndex v;
      if (spec.a == u) {
        v = spec.b;
      } else if (spec.b == u) {
        v = spec.a;
      } else {
        continue;
      }
      if (v >= n || on_path[v]) continue;
      on_path[v] = 1;
      cur.nodes.push_back(v);
      cur.edges.push_back(e);
      dfs(v);
      cur.edges.pop_back();
      cur.nodes.pop_back();
      on_path[v] = 0;
    }
  };
  dfs(s);
  return out;
}

struct RandomGraph {
  std::uint32_t n = 0;
  std::vector<EdgeSpec> edges;
};

// n nodes, m edges between distinct random endpoints; about one edge in four runs parallel to an
// earlier one. Integer weights in [0, 4] make many ties and some zero-weight edges; real weights in
// [0.5, 10) make ties rare. Fibre labels are 100 + edge index, so a label never equals an index.
inline RandomGraph random_graph(std::mt19937_64& rng, std::uint32_t n, std::uint32_t m,
                                bool integer_weights) {
  RandomGraph g;
  g.n = n;
  std::uniform_int_distribution<NodeIndex> node(0, n - 1);
  std::uniform_int_distribution<int> wi(0, 4);
  std::uniform_real_distribution<double> wr(0.5, 10.0);
  std::bernoulli_distribution parallel(0.25);
  for (std::uint32_t i = 0; i < m; ++i) {
    NodeIndex a, b;
    if (!g.edges.empty() && parallel(rng)) {
      const auto& prev =
          g.edges[std::uniform_int_distribution<std::size_t>(0, g.edges.size() - 1)(rng)];
      a = prev.a;
      b = prev.b;
    } else {
      do {
        a = node(rng);
        b = node(rng);
      } while (a == b);
    }
    const double w = integer_weights ? static_cast<double>(wi(rng)) : wr(rng);
    g.edges.push_back({a, b, 100 + i, w});
  }
  return g;
}

// Whether p is a loopless s–t path of `edges` whose fibres, hops and cost agree with its edges
// (cost compared exactly: both sides add the same weights in the same order).
inline bool consistent(const std::vector<EdgeSpec>& edges, const Path& p, NodeIndex s,
                       NodeIndex t) {
  if (p.nodes.empty() || p.nodes.front() != s || p.nodes.back() != t) return false;
  if (p.nodes.size() != p.edges.size() + 1 || p.fibers.size() != p.edges.size()) return false;
  for (std::size_t i = 0; i < p.edges.size(); ++i) {
    if (p.edges[i] >= edges.size()) return false;
    const EdgeSpec& e = edges[p.edges[i]];
    const bool joins = (e.a == p.nodes[i] && e.b == p.nodes[i + 1]) ||
                       (e.b == p.nodes[i] && e.a == p.nodes[i + 1]);
    if (!joins || e.fiber != p.fibers[i]) return false;
  }
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    for (std::size_t j = i + 1; j < p.nodes.size(); ++j) {
      if (p.nodes[i] == p.nodes[j]) return false;
    }
  }
  return p.cost == fold_cost(edges, p.edges);
}

}  // namespace lightmesh::routing::testing
