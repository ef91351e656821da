// Disjoint pairs: two s–t paths that share no edge (link-disjoint) or no intermediate node
// (node-disjoint) with the least total cost, by Suurballe's method.
//
//   auto pair = disjoint_pair(g, s, t, Disjointness::kLink);
//   if (pair) protect(pair->first, pair->second);   // first.cost ≤ second.cost
//
// Why Suurballe: the obvious method (take the shortest path, remove it, take the shortest path of
// what is left) fails on "trap" topologies, where the shortest path cuts every other route although
// a disjoint pair exists, and where it succeeds it can still cost more than the best pair.
// Suurballe (1974, and Suurballe & Tarjan 1984; Bhandari's book gives the same idea for undirected
// graphs) is exact: the best pair is a minimum-cost flow of two units, found by two shortest-path
// searches.
//
// How: (1) Dijkstra from s gives the shortest path P1 and distances d(v). (2) In the residual
// graph, P1's edges can only be crossed backwards, at cost −w; with the potential transform
// w'(u→v) = w + d(u) − d(v) every cost is ≥ 0 again (P1's reversed edges cost exactly 0), so a
// second Dijkstra finds P2. (3) Edges that P2 crossed backwards cancel out of P1; the remaining
// edges of P1 and P2 form two disjoint s–t paths, which are read off by walking from s. Both
// searches stop once t is settled; d(v) is capped at d(t) for nodes the first search did not
// settle, which keeps every reduced cost non-negative. Node-disjointness splits each intermediate
// node of P1 into an entry and an exit half joined by P1 (unit node capacity); the split is
// implicit, no graph copy.
//
// Cost: two Dijkstra searches plus linear work, O((V + E) log V).
//
// Disjointness is by edge: "link-disjoint" is fibre-disjoint as long as fibre labels are unique per
// edge, as they are for graphs built from a Network. Parallel fibres between two nodes are distinct
// links, so they can carry the two paths of a link-disjoint pair (and of a node-disjoint one only
// between s and t themselves). Shared-risk groups (two fibres in one duct) are beyond this: finding
// the best SRLG-disjoint pair is NP-hard in general.
//
// Determinism: P1 is shortest_path's path; the second search settles states in (reduced cost,
// index) order; when the two paths meet at a node (link-disjoint only) the walk from s leaves by
// the outgoing edge with the smaller EdgeIndex. The pair is then ordered by `precedes` (path.h).
//
// Thread-safety: disjoint_pair is thread-safe. A DisjointPairSearch holds mutable buffers: use one
// per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "routing/dijkstra.h"
#include "routing/graph.h"
#include "routing/path.h"

namespace lightmesh::routing {

enum class Disjointness {
  kLink,  // no edge (fibre) in common
  kNode,  // no intermediate node in common, hence no edge either
};

// The minimum-total-cost disjoint pair, ordered so that first precedes second (first.cost ≤
// second.cost). Returns nullopt when no such pair exists, when s == t (a pair of one-node paths
// protects nothing), or when s or t is out of range.
std::optional<std::pair<Path, Path>> disjoint_pair(const Graph& g, NodeIndex s, NodeIndex t,
                                                   Disjointness d);

// The same search with buffers kept between calls, for callers that ask for many pairs on one
// Graph (which must outlive it). Not thread-safe.
class DisjointPairSearch {
 public:
  explicit DisjointPairSearch(const Graph& g);
  std::optional<std::pair<Path, Path>> find(NodeIndex s, NodeIndex t, Disjointness d);

 private:
  struct FlowArc {
    NodeIndex from, to;
    EdgeIndex edge;
  };
  bool second_search(NodeIndex s, NodeIndex t, bool split, double dist_t);
  double potential(NodeIndex v, double dist_t) const;
  void reset();

  const Graph* g_;
  DijkstraSearch first_;
  Path p1_;
  std::vector<std::uint32_t> p1_pos_;       // per node: position on P1, kNoIndex off it
  std::vector<std::uint32_t> p1_edge_pos_;  // per edge: position on P1, kNoIndex off it
  // Second search over states: v is node v (its entry half if split), n + v its exit half.
  std::vector<double> dist_;
  std::vector<std::uint32_t> parent_state_;
  std::vector<EdgeIndex> parent_edge_;  // kNoIndex for the internal exit → entry arc
  std::vector<std::uint32_t> reached_;
  std::vector<std::pair<double, std::uint32_t>> heap_;
  std::vector<char> cancelled_;          // per P1 edge position: crossed backwards by P2
  std::vector<FlowArc> flow_;            // sorted by (from, edge)
  std::vector<char> used_;               // per flow_ entry: taken by a walk
  std::vector<std::uint32_t> walk_pos_;  // per node: index on the path being walked
};

}  // namespace lightmesh::routing
