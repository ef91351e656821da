// Routing over the element-level network the way GNPy's path-request run does it: every element
// is a node, every connection a directed edge whose weight is the length in metres of the fibre it
// leaves (0.01 when it leaves anything else). Shortest paths, the k-shortest simple paths in
// order (Yen), every simple path up to a hop cutoff (what GNPy's disjunction enumerates), and the
// "is this list of nodes part of that path, in order" test of include constraints.
//
//   ElementRouting routing(net);
//   std::optional<ElementPath> p = routing.shortest_path(src, dst);
//   SimplePathGenerator gen = routing.simple_paths(src, dst);
//   while (auto next = gen.next()) if (is_ordered_subset(nodes, *next)) break;
//
// routing/ works on undirected CSR graphs of sites; GNPy's element graph is directed and its
// weights come from the elements, so this small directed variant lives here. Immutable after
// construction; const members are safe to call from many threads (a generator is not shared).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "physics/element_network.h"

namespace lightmesh::qot {

using physics::ElementIndex;
using ElementPath = std::vector<ElementIndex>;

class ElementRouting;

// The simple paths from s to t in order of total weight (ties: first found first), computed
// lazily: each next() costs one round of Yen's algorithm.
class SimplePathGenerator {
 public:
  std::optional<ElementPath> next();

 private:
  friend class ElementRouting;
  struct Candidate {
    double cost;
    std::uint64_t order;
    ElementPath path;
  };
  SimplePathGenerator(const ElementRouting& routing, ElementIndex s, ElementIndex t)
      : routing_(&routing), s_(s), t_(t) {}
  const ElementRouting* routing_;
  ElementIndex s_, t_;
  bool started_ = false;
  std::vector<ElementPath> found_;
  std::vector<Candidate> candidates_;  // a heap by (cost, order)
  std::uint64_t counter_ = 0;
};

class ElementRouting {
 public:
  explicit ElementRouting(const physics::ElementNetwork& net);

  const physics::ElementNetwork& network() const { return *net_; }
  // Weight of the connection from → to (GNPy's: the fibre length of `from`, else 0.01).
  double weight(ElementIndex from) const { return weight_[from]; }
  double path_cost(std::span<const ElementIndex> path) const;

  // Dijkstra from s to t, never entering a banned node nor using a banned edge (from, to).
  std::optional<ElementPath> shortest_path(
      ElementIndex s, ElementIndex t, const std::vector<char>* banned_nodes = nullptr,
      const std::vector<std::pair<ElementIndex, ElementIndex>>* banned_edges = nullptr) const;

  SimplePathGenerator simple_paths(ElementIndex s, ElementIndex t) const {
    return SimplePathGenerator(*this, s, t);
  }

  // Every simple path from s to t with at most `cutoff` edges, in depth-first order over each
  // element's connections in the order they were added (networkx's all_simple_paths order).
  // Stops after `limit` paths so a dense network cannot exhaust memory.
  std::vector<ElementPath> all_simple_paths(ElementIndex s, ElementIndex t, std::uint32_t cutoff,
                                            std::size_t limit) const;

 private:
  const physics::ElementNetwork* net_;
  std::vector<double> weight_;
};

// True when every node of `nodes` appears in `path`, in the same order (GNPy's ispart).
bool is_ordered_subset(std::span<const ElementIndex> nodes, std::span<const ElementIndex> path);

}  // namespace lightmesh::qot
