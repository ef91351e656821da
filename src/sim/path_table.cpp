#include "sim/path_table.h"

#include <algorithm>

#include "physics/latency.h"
#include "routing/graph.h"
#include "routing/yen.h"

namespace lightmesh::sim {

namespace {

// A route as nodes and fibres, before it becomes links.
struct Route {
  std::vector<NodeIndex> nodes;
  std::vector<FiberIndex> fibers;
};

std::uint32_t link_of(const Network& net, FiberIndex f, NodeIndex from, bool directed) {
  if (!directed) return f;
  return net.fiber(f).a == from ? 2 * f : 2 * f + 1;
}

double route_km(const Network& net, const Route& r) {
  double km = 0;
  for (FiberIndex f : r.fibers) km += net.fiber(f).length.value();
  return km;
}

Route reversed(const Route& r) {
  return {{r.nodes.rbegin(), r.nodes.rend()}, {r.fibers.rbegin(), r.fibers.rend()}};
}

// The k routes of one pair from Yen, in the order asked for.
std::vector<Route> k_routes(const Network& net, const routing::Graph& g, NodeIndex s, NodeIndex t,
                            const PathTableOptions& o, const ModulationTable& mods) {
  std::vector<Route> out;
  for (routing::Path& p : routing::k_shortest_paths(g, s, t, o.k))
    out.push_back({std::move(p.nodes), std::move(p.fibers)});
  if (o.order == PathOrder::kXlron) {
    // XLRON's "spectral_resources" sort: hops / SE, stable over the hop-count order, so that a
    // short path on a poor format can rank after a longer path on a good one.
    auto key = [&](const Route& r) {
      const double se = mods.spectral_efficiency(Km{route_km(net, r)}).value_or(0);
      return static_cast<double>(r.fibers.size()) / std::max(se, 1.0);
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const Route& a, const Route& b) { return key(a) < key(b); });
  }
  return out;
}

// The given site sequence as a route: consecutive sites joined by their shortest fibre.
Result<Route> given_route(const Network& net, const std::vector<SiteIndex>& sites,
                          const std::string& where) {
  Route r;
  for (SiteIndex s : sites) r.nodes.push_back(net.site(s).node);
  for (std::size_t i = 0; i + 1 < r.nodes.size(); ++i) {
    FiberIndex best = kNoIndex;
    for (FiberIndex f : net.fibers_at(r.nodes[i])) {
      if (net.fiber(f).other_end(r.nodes[i]) != r.nodes[i + 1]) continue;
      if (best == kNoIndex || net.fiber(f).length < net.fiber(best).length) best = f;
    }
    if (best == kNoIndex)
      return Error::invalid("no fibre joins " + net.site(sites[i]).id + " and " +
                            net.site(sites[i + 1]).id + " (a path must follow fibres)")
          .at(where);
    r.fibers.push_back(best);
  }
  return r;
}

}  // namespace

Result<PathTable> build_path_table(const Network& net, const PathTableOptions& options,
                                   const ModulationTable& mods,
                                   const std::vector<double>& rates_gbps,
                                   const std::vector<GivenPaths>* given,
                                   const std::vector<double>* pair_weights) {
  PathTable t;
  const auto n = static_cast<std::uint32_t>(net.sites().size());
  t.sites_ = n;
  t.link_count_ = static_cast<std::uint32_t>(net.fibers().size()) * (options.directed ? 2 : 1);
  t.slots_per_link_ = options.slots;
  t.classes_ = static_cast<std::uint32_t>(rates_gbps.size());
  for (const Fiber& f : net.fibers()) {
    t.link_km_.push_back(f.length.value());
    if (options.directed) t.link_km_.push_back(f.length.value());
  }

  // The routes of every ordered pair, as (pair, routes).
  std::vector<std::vector<Route>> routes(static_cast<std::size_t>(n) * n);
  if (given) {
    for (const GivenPaths& gp : *given) {
      auto& list = routes[static_cast<std::size_t>(gp.src) * n + gp.dst];
      list.clear();
      for (std::size_t i = 0; i < gp.paths.size(); ++i) {
        if (options.k > 0 && i >= options.k) break;
        const auto& sites = gp.paths[i];
        const std::string where = gp.where + "/paths/" + std::to_string(i);
        if (sites.size() < 2 || sites.front() != gp.src || sites.back() != gp.dst)
          return Error::invalid("the path must run from " + net.site(gp.src).id + " to " +
                                net.site(gp.dst).id)
              .at(where);
        LM_ASSIGN_OR_RETURN(Route r, given_route(net, sites, where));
        list.push_back(std::move(r));
      }
    }
  } else {
    std::vector<routing::EdgeSpec> edges;
    for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
      const Fiber& fb = net.fiber(f);
      const double w = options.order == PathOrder::kLength ? fb.length.value() : 1.0;
      edges.push_back({fb.a, fb.b, f, w});
    }
    const routing::Graph g(static_cast<std::uint32_t>(net.nodes().size()), edges);
    // Fibres are duplex, so d → s takes the reverses of s → d's routes: half the searches.
    for (SiteIndex s = 0; s < n; ++s)
      for (SiteIndex d = s + 1; d < n; ++d) {
        if (pair_weights && !((*pair_weights)[static_cast<std::size_t>(s) * n + d] > 0) &&
            !((*pair_weights)[static_cast<std::size_t>(d) * n + s] > 0))
          continue;
        auto list = k_routes(net, g, net.site(s).node, net.site(d).node, options, mods);
        auto& back = routes[static_cast<std::size_t>(d) * n + s];
        for (const Route& r : list) back.push_back(reversed(r));
        routes[static_cast<std::size_t>(s) * n + d] = std::move(list);
      }
  }

  t.pair_first_.reserve(static_cast<std::size_t>(n) * n + 1);
  std::vector<GsnrSlots::Feasible> mode_sets;  // with options.gsnr: each format's feasible modes
  for (std::size_t pair = 0; pair < routes.size(); ++pair) {
    t.pair_first_.push_back(static_cast<std::uint32_t>(t.paths_.size()));
    for (const Route& r : routes[pair]) {
      const double km = route_km(net, r);
      std::uint32_t format = 0;
      double se = 0;
      if (options.gsnr) {
        GsnrSlots::Feasible modes = options.gsnr->feasible(r.nodes, r.fibers);
        if (modes.empty()) continue;  // no mode is feasible: the path cannot carry anything
        se = options.gsnr->spectral_efficiency(modes);
        format = static_cast<std::uint32_t>(std::find(mode_sets.begin(), mode_sets.end(), modes) -
                                            mode_sets.begin());
        if (format == mode_sets.size()) {
          t.formats_.push_back(se);
          for (double rate : rates_gbps)
            t.slots_.push_back(options.gsnr->slots(modes, rate, options.slot_ghz, options.guard));
          mode_sets.push_back(std::move(modes));
        }
      } else {
        const auto reached = mods.spectral_efficiency(Km{km});
        if (!reached) continue;  // no format reaches: the path cannot carry anything
        se = *reached;
        format = static_cast<std::uint32_t>(std::find(t.formats_.begin(), t.formats_.end(), se) -
                                            t.formats_.begin());
        if (format == t.formats_.size()) {
          t.formats_.push_back(se);
          for (double rate : rates_gbps)
            t.slots_.push_back(slots_for(rate, se, options.slot_ghz, options.guard));
        }
      }
      CandidatePath cp{static_cast<std::uint32_t>(t.links_.size()),
                       static_cast<std::uint32_t>(r.fibers.size()), format, km, se};
      for (std::size_t h = 0; h < r.fibers.size(); ++h)
        t.links_.push_back(link_of(net, r.fibers[h], r.nodes[h], options.directed));
      t.paths_.push_back(cp);
      t.latency_us_.push_back(physics::route_latency(net, r.nodes, r.fibers).total().value());
    }
  }
  t.pair_first_.push_back(static_cast<std::uint32_t>(t.paths_.size()));
  return t;
}

}  // namespace lightmesh::sim
