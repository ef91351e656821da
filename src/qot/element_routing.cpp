#include "qot/element_routing.h"

#include <algorithm>
#include <limits>
#include <queue>

namespace lightmesh::qot {

namespace {

bool heap_after(double ca, std::uint64_t oa, double cb, std::uint64_t ob) {
  return ca != cb ? ca > cb : oa > ob;
}

}  // namespace

ElementRouting::ElementRouting(const physics::ElementNetwork& net)
    : net_(&net), weight_(net.size(), 0.01) {
  for (ElementIndex i = 0; i < net.size(); ++i) {
    if (const auto* f = net.at(i).as<physics::FiberElement>()) weight_[i] = f->params.length_m;
  }
}

double ElementRouting::path_cost(std::span<const ElementIndex> path) const {
  double c = 0;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) c += weight_[path[i]];
  return c;
}

std::optional<ElementPath> ElementRouting::shortest_path(
    ElementIndex s, ElementIndex t, const std::vector<char>* banned_nodes,
    const std::vector<std::pair<ElementIndex, ElementIndex>>* banned_edges) const {
  const std::size_t n = net_->size();
  if (s >= n || t >= n) return std::nullopt;
  if (banned_nodes && ((*banned_nodes)[s] || (*banned_nodes)[t])) return std::nullopt;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(n, kInf);
  std::vector<ElementIndex> prev(n, static_cast<ElementIndex>(-1));
  using Item = std::pair<double, ElementIndex>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[s] = 0;
  queue.push({0, s});
  while (!queue.empty()) {
    auto [d, u] = queue.top();
    queue.pop();
    if (d > dist[u]) continue;
    if (u == t) break;
    for (ElementIndex v : net_->successors(u)) {
      if (banned_nodes && (*banned_nodes)[v]) continue;
      if (banned_edges && std::find(banned_edges->begin(), banned_edges->end(), std::pair{u, v}) !=
                              banned_edges->end())
        continue;
      const double nd = d + weight_[u];
      if (nd < dist[v]) {
        dist[v] = nd;
        prev[v] = u;
        queue.push({nd, v});
      }
    }
  }
  if (dist[t] == kInf) return std::nullopt;
  ElementPath path;
  for (ElementIndex v = t; v != s; v = prev[v]) path.push_back(v);
  path.push_back(s);
  std::reverse(path.begin(), path.end());
  return path;
}

std::optional<ElementPath> SimplePathGenerator::next() {
  const ElementRouting& r = *routing_;
  auto push = [&](ElementPath p) {
    for (const Candidate& c : candidates_)
      if (c.path == p) return;
    for (const ElementPath& f : found_)
      if (f == p) return;
    const double cost = r.path_cost(p);
    candidates_.push_back({cost, counter_++, std::move(p)});
    std::push_heap(candidates_.begin(), candidates_.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return heap_after(a.cost, a.order, b.cost, b.order);
                   });
  };
  if (!started_) {
    started_ = true;
    if (auto p = r.shortest_path(s_, t_)) push(std::move(*p));
  } else if (!found_.empty()) {
    // Yen's spur step on the last path found, as networkx's shortest_simple_paths does: the root
    // nodes already walked are banned progressively, and the edges leaving the root that earlier
    // paths took are banned for that spur.
    const ElementPath& last = found_.back();
    std::vector<char> banned_nodes(r.network().size(), 0);
    for (std::size_t i = 1; i < last.size(); ++i) {
      const std::span<const ElementIndex> root(last.data(), i);
      std::vector<std::pair<ElementIndex, ElementIndex>> banned_edges;
      for (const ElementPath& f : found_) {
        if (f.size() > i && std::equal(root.begin(), root.end(), f.begin()))
          banned_edges.push_back({f[i - 1], f[i]});
      }
      if (auto spur = r.shortest_path(root.back(), t_, &banned_nodes, &banned_edges)) {
        ElementPath p(root.begin(), root.end() - 1);
        p.insert(p.end(), spur->begin(), spur->end());
        push(std::move(p));
      }
      banned_nodes[root.back()] = 1;
    }
  }
  if (candidates_.empty()) return std::nullopt;
  std::pop_heap(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
    return heap_after(a.cost, a.order, b.cost, b.order);
  });
  ElementPath best = std::move(candidates_.back().path);
  candidates_.pop_back();
  found_.push_back(best);
  return best;
}

std::vector<ElementPath> ElementRouting::all_simple_paths(ElementIndex s, ElementIndex t,
                                                          std::uint32_t cutoff,
                                                          std::size_t limit) const {
  std::vector<ElementPath> out;
  if (s >= net_->size() || t >= net_->size() || s == t || cutoff < 1) return out;
  std::vector<char> on_path(net_->size(), 0);
  ElementPath path{s};
  on_path[s] = 1;
  std::vector<std::size_t> next_child{0};  // per depth: the next successor to try
  while (!path.empty() && out.size() < limit) {
    const ElementIndex u = path.back();
    const auto& succ = net_->successors(u);
    std::size_t& k = next_child.back();
    if (k >= succ.size() || path.size() > cutoff) {
      on_path[u] = 0;
      path.pop_back();
      next_child.pop_back();
      continue;
    }
    const ElementIndex v = succ[k++];
    if (on_path[v]) continue;
    if (v == t) {
      ElementPath p = path;
      p.push_back(v);
      out.push_back(std::move(p));
      continue;
    }
    if (path.size() < cutoff) {
      path.push_back(v);
      on_path[v] = 1;
      next_child.push_back(0);
    }
  }
  return out;
}

bool is_ordered_subset(std::span<const ElementIndex> nodes, std::span<const ElementIndex> path) {
  std::size_t j = 0;
  for (ElementIndex n : nodes) {
    auto it = std::find(path.begin(), path.end(), n);
    if (it == path.end()) return false;
    const std::size_t at = static_cast<std::size_t>(it - path.begin());
    if (at < j) return false;
    j = at;
  }
  return true;
}

}  // namespace lightmesh::qot
