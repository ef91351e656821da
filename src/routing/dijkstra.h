// Shortest paths by Dijkstra's algorithm with a binary heap, and a reusable search with banned
// nodes and edges that Yen's algorithm calls in its inner loop.
//
//   ShortestPathTree tree = shortest_path_tree(g, s);
//   if (tree.reachable(t)) Path p = tree.path_to(t);
//
// Why Dijkstra with a binary heap: weights are non-negative and graphs are sparse (E ≈ 2V), where a
// binary heap with lazy deletion gives O((V + E) log V) with small constants; Fibonacci or pairing
// heaps only win on dense graphs.
//
// Determinism. Labels compare as (cost, hops): among equal-cost routes the one with fewer hops wins
// (fewer nodes to cross), which also makes zero-weight edges harmless. Nodes are settled in
// increasing (cost, hops, node index) order; a node's parent is the first arc that gave it its
// final label, i.e. the arc from the earliest-settled such predecessor, and among that node's arcs
// the one whose edge came first in the Graph's input. Same graph and query, same path.
//
// Costs are summed from the source outwards (dist[v] = dist[parent] + weight), the same order in
// which Path::cost is defined, so distances and path costs compare exactly.
//
// Thread-safety: the free functions are thread-safe (they only read the Graph). A DijkstraSearch
// holds mutable buffers: use one per thread.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "routing/graph.h"
#include "routing/path.h"

namespace lightmesh::routing {

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

struct ShortestPathTree {
  NodeIndex source = kNoIndex;
  std::vector<double> dist;              // +inf where unreachable (or beyond the bound)
  std::vector<std::uint32_t> hops;       // edges on the tree path; kNoIndex where unreachable
  std::vector<NodeIndex> parent;         // kNoIndex at the source and where unreachable
  std::vector<FiberIndex> parent_fiber;  // fibre of the arc from parent; kNoIndex likewise
  std::vector<EdgeIndex> parent_edge;    // edge of the arc from parent; kNoIndex likewise

  // False for an out-of-range t.
  bool reachable(NodeIndex t) const { return t < dist.size() && dist[t] < kUnbounded; }
  // The tree path from the source to t (one node if t is the source); an empty Path (no nodes) if
  // t is unreachable or out of range.
  Path path_to(NodeIndex t) const;
};

// Shortest (cost, hops) distances from `source` to every node whose cost is ≤ max_cost; the rest
// stay unreachable, and the search never expands past the bound. An out-of-range source, or a
// max_cost below zero or NaN, gives a tree in which nothing is reachable. O((V + E) log V).
ShortestPathTree shortest_path_tree(const Graph& g, NodeIndex source, double max_cost = kUnbounded);

// The shortest s–t path if its cost is ≤ max_cost, else nullopt; also nullopt for an out-of-range
// node. s == t gives the one-node path of cost 0 (when 0 ≤ max_cost). Stops as soon as t is
// settled.
std::optional<Path> shortest_path(const Graph& g, NodeIndex s, NodeIndex t,
                                  double max_cost = kUnbounded);

// A Dijkstra search that keeps its buffers between calls and skips banned nodes and edges. Each
// call resets only what the previous call touched, so repeated searches on a large graph cost in
// proportion to the part they explore, and the inner loop does not allocate once buffers have
// grown. Holds a pointer to the Graph, which must outlive it. Not thread-safe.
class DijkstraSearch {
 public:
  explicit DijkstraSearch(const Graph& g);

  // Banned nodes and edges are never entered or crossed until clear_bans(). Out-of-range indices
  // are ignored.
  void ban_node(NodeIndex n);
  void ban_edge(EdgeIndex e);
  void clear_bans();

  // The shortest s–t path avoiding the bans whose cost is ≤ max_cost, or nullopt (also when s or t
  // is banned or out of range). `start_cost` is a cost already paid before s (Yen's root path): the
  // search starts from it, the bound applies to the total, and the returned cost includes it, so a
  // caller that prepends the root gets the cost it would have summed itself. Same tie-breaking as
  // shortest_path.
  std::optional<Path> find(NodeIndex s, NodeIndex t, double max_cost = kUnbounded,
                           double start_cost = 0);

  // Optional lower bounds on every node's cost to the target of later find() calls, such as its
  // distance to that target with nothing banned (bans only lengthen routes), or nullptr to stop
  // using them. They must be consistent (bound(u) ≤ weight(u, v) + bound(v)), as such distances
  // are. find() then settles nodes in order of label plus bound (A*), heading for t, and skips any
  // node whose label plus its bound exceeds max_cost, as no path within the bound can cross it; the
  // bound is compared with a relative margin of 1e-9 for rounding. The path found is still a
  // shortest (cost, hops) one; among several equal in both, which one wins follows the A* order.
  // The vector must outlive its use; tree() ignores it.
  void set_remaining_bounds(const std::vector<double>* to_target) { remaining_ = to_target; }

  // Runs to exhaustion (no target) and returns the labels as a tree: the body of
  // shortest_path_tree. A search about to be discarded hands its buffers over instead of copying.
  ShortestPathTree tree(NodeIndex source, double max_cost = kUnbounded) &;
  ShortestPathTree tree(NodeIndex source, double max_cost = kUnbounded) &&;

  // The cost label the last search left on v: exact for nodes it settled, an upper bound no lower
  // than the target's cost for nodes it only reached, +inf for the rest (and out-of-range v).
  // Suurballe's method reads it as node potentials.
  double label(NodeIndex v) const { return v < dist_.size() ? dist_[v] : kUnbounded; }

 private:
  struct HeapEntry {
    double key;  // the label, plus the remaining bound when there is one
    double dist;
    std::uint32_t hops;
    NodeIndex node;
  };
  // Settles nodes from s until t (kNoIndex: none) is settled or the heap runs dry; true if t was
  // settled.
  bool run(NodeIndex s, NodeIndex t, double max_cost, double start_cost);
  Path build_path(NodeIndex s, NodeIndex t) const;
  ShortestPathTree make_tree(NodeIndex source, double max_cost, bool hand_over);

  const Graph* g_;
  std::vector<double> dist_;
  std::vector<std::uint32_t> hops_;
  std::vector<NodeIndex> parent_;
  std::vector<EdgeIndex> parent_edge_;
  std::vector<char> banned_node_, banned_edge_;
  std::vector<NodeIndex> touched_nodes_, reached_;
  std::vector<EdgeIndex> touched_edges_;
  std::vector<HeapEntry> heap_;
  const std::vector<double>* remaining_ = nullptr;
};

}  // namespace lightmesh::routing
