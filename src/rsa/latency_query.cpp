#include "rsa/latency_query.h"

#include <algorithm>
#include <limits>

#include "physics/latency.h"
#include "routing/dijkstra.h"
#include "routing/graph.h"

namespace lightmesh::rsa {

std::vector<SiteLatency> sites_within(const Network& net, SiteIndex from,
                                      std::optional<Microseconds> max_rtt,
                                      const std::vector<FiberIndex>& out_of_service) {
  std::vector<SiteLatency> out;
  if (from >= net.sites().size()) return out;
  std::vector<routing::EdgeSpec> edges;
  edges.reserve(net.fibers().size());
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    if (std::find(out_of_service.begin(), out_of_service.end(), f) != out_of_service.end())
      continue;
    edges.push_back({net.fiber(f).a, net.fiber(f).b, f, physics::latency_edge_weight(net, f)});
  }
  const routing::Graph graph(static_cast<std::uint32_t>(net.nodes().size()), edges);
  const NodeIndex source = net.site(from).node;
  const auto tree = routing::shortest_path_tree(graph, source);
  for (SiteIndex s = 0; s < net.sites().size(); ++s) {
    if (s == from) continue;
    const NodeIndex target = net.site(s).node;
    if (!tree.reachable(target)) continue;
    routing::Path path = tree.path_to(target);
    const auto breakdown = physics::route_latency(net, path.nodes, path.fibers);
    if (max_rtt && breakdown.total() * 2.0 > *max_rtt) continue;
    out.push_back(
        {s, std::move(path.nodes), std::move(path.fibers), breakdown.length, breakdown.total()});
  }
  std::sort(out.begin(), out.end(), [&](const SiteLatency& a, const SiteLatency& b) {
    if (a.one_way != b.one_way) return a.one_way < b.one_way;
    return net.site(a.site).id < net.site(b.site).id;
  });
  return out;
}

}  // namespace lightmesh::rsa
