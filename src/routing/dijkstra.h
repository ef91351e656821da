// Shortest paths with Dijkstra's algorithm (binary heap), and a reusable search used by Yen's
// algorithm.
//
//   ShortestPathTree tree = shortest_path_tree(g, s);
//   if (tree.reachable(t)) Path p = tree.path_to(t);
//
// Ties are broken deterministically: nodes leave the heap in (distance, index) order and a node's
// parent is the first arc, in CSR order, that reached it with its final distance. O((V + E) log V).
// Functions are thread-safe; a DijkstraSearch object is not (one per thread).
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
  std::vector<double> dist;       // +inf where unreachable
  std::vector<NodeIndex> parent;  // kNoIndex at the source and where unreachable
  std::vector<std::uint32_t> parent_edge;
  std::vector<FiberIndex> parent_fiber;

  bool reachable(NodeIndex t) const { return t < dist.size() && dist[t] < kUnbounded; }
  // The tree path from the source to t; empty Path if t is unreachable.
  Path path_to(NodeIndex t) const;
};

// Distances from `source` to every node whose distance is ≤ max_cost (others stay unreachable).
// An out-of-range source gives a tree where nothing is reachable.
ShortestPathTree shortest_path_tree(const Graph& g, NodeIndex source, double max_cost = kUnbounded);

// The shortest s–t path with cost ≤ max_cost, or nullopt. s == t gives the one-node path of cost 0.
std::optional<Path> shortest_path(const Graph& g, NodeIndex s, NodeIndex t,
                                  double max_cost = kUnbounded);

// A Dijkstra search that keeps its buffers between calls and can exclude nodes and edges: the inner
// loop of Yen's algorithm. Not thread-safe.
class DijkstraSearch {
 public:
  explicit DijkstraSearch(const Graph& g);
  // Nodes and edges marked here are skipped by find(); clear() unmarks all.
  void ban_node(NodeIndex n) {
    banned_node_[n] = 1;
    touched_nodes_.push_back(n);
  }
  void ban_edge(std::uint32_t e) {
    banned_edge_[e] = 1;
    touched_edges_.push_back(e);
  }
  void clear_bans();
  std::optional<Path> find(NodeIndex s, NodeIndex t, double max_cost = kUnbounded);

 private:
  const Graph* g_;
  std::vector<double> dist_;
  std::vector<NodeIndex> parent_;
  std::vector<std::uint32_t> parent_edge_;
  std::vector<char> banned_node_, banned_edge_;
  std::vector<NodeIndex> touched_nodes_, reached_;
  std::vector<std::uint32_t> touched_edges_;
  std::vector<std::pair<double, NodeIndex>> heap_;
};

}  // namespace lightmesh::routing
