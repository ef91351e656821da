// The London example's routes the end-to-end southbound tests provision, planned on a scratch
// fabric with nothing else booked, as a test's fresh controller plans them.
//
//   const auto [from, to] = southbound_test::longest_route();
//   const FiveNodeRoute r = southbound_test::five_node_route();  // r.nodes[2]: the third device
//   const RestorableCut c = southbound_test::restorable_cut();   // its cut re-routes from → to
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "server/server_test_support.h"

namespace lightmesh::southbound_test {

inline fabric::Fabric scratch_fabric() {
  return fabric::Fabric::make(server::test_support::london(), rsa::PlanOptions{},
                              [] { return std::int64_t{7}; })
      .value();
}

// The pair of sites whose planned route crosses the most nodes (first such pair in site order).
inline std::pair<std::string, std::string> longest_route() {
  auto scratch = scratch_fabric();
  std::pair<std::string, std::string> best;
  std::size_t most = 0;
  const auto& sites = server::test_support::london().sites();
  for (std::size_t a = 0; a < sites.size(); ++a) {
    for (std::size_t b = a + 1; b < sites.size(); ++b) {
      fabric::ServiceRequest r{
          .tenant = "t", .from = sites[a].id, .to = sites[b].id, .bandwidth = Gbps{100}};
      auto s = scratch.create(r);
      if (!s) continue;
      const std::size_t n = (*s)->lightpaths.front().path.nodes.size();
      if (n > most) most = n, best = {sites[a].id, sites[b].id};
      EXPECT_TRUE(scratch.remove((*s)->id));
    }
  }
  return best;
}

// The first site pair (in id order) whose route crosses exactly five nodes, and those nodes.
struct FiveNodeRoute {
  std::pair<std::string, std::string> ends;
  std::vector<std::string> nodes;
};

inline FiveNodeRoute five_node_route() {
  const Network& london = server::test_support::london();
  auto scratch = scratch_fabric();
  FiveNodeRoute out;
  for (const Site& a : london.sites()) {
    for (const Site& b : london.sites()) {
      if (a.id >= b.id || !out.nodes.empty()) continue;
      auto s = scratch.create({.tenant = "t", .from = a.id, .to = b.id, .bandwidth = Gbps{100}});
      if (!s) continue;
      if ((*s)->lightpaths.front().path.nodes.size() == 5) {
        for (NodeIndex n : (*s)->lightpaths.front().path.nodes)
          out.nodes.push_back(london.node(n).id);
        out.ends = {a.id, b.id};
      }
      EXPECT_TRUE(scratch.remove((*s)->id));
    }
  }
  return out;
}

// A restore service between two sites and a fibre of its route whose cut re-routes it so that
// each route has a node the other lacks, planned on a scratch fabric as the test's empty one
// plans it.
struct RestorableCut {
  std::string from, to, fiber;
  std::string old_only, new_only;  // a node on one route and not on the other
};

inline std::vector<std::string> route_of(const fabric::Service& s) {
  std::vector<std::string> out;
  for (NodeIndex n : s.lightpaths.front().path.nodes)
    out.push_back(server::test_support::london().node(n).id);
  return out;
}

inline bool route_has(const std::vector<std::string>& route, const std::string& node) {
  return std::find(route.begin(), route.end(), node) != route.end();
}

inline RestorableCut restorable_cut() {
  const auto& sites = server::test_support::london().sites();
  for (std::size_t a = 0; a < sites.size(); ++a) {
    for (std::size_t b = a + 1; b < sites.size(); ++b) {
      auto probe = scratch_fabric();
      fabric::ServiceRequest r{.tenant = "bank",
                               .from = sites[a].id,
                               .to = sites[b].id,
                               .bandwidth = Gbps{100},
                               .protection = fabric::ServiceProtection::kRestore};
      auto s = probe.create(r);
      if (!s || (*s)->lightpaths.size() != 1) continue;
      const std::string id = (*s)->id;
      const std::vector<std::string> before = route_of(**s);
      std::vector<std::string> fibers;
      for (FiberIndex f : (*s)->lightpaths.front().path.fibers)
        fibers.push_back(server::test_support::london().fiber(f).id);
      for (const std::string& fiber : fibers) {
        auto scratch = scratch_fabric();
        if (!scratch.create(r)) continue;
        auto report = scratch.cut(fiber);
        if (!report || report->affected.size() != 1 || report->affected[0].outcome != "restored")
          continue;
        const fabric::Service* after = scratch.find(id);
        if (after->lightpaths.size() != 1) continue;
        const std::vector<std::string> now = route_of(*after);
        RestorableCut c{sites[a].id, sites[b].id, fiber, "", ""};
        for (const std::string& n : before)
          if (!route_has(now, n) && c.old_only.empty()) c.old_only = n;
        for (const std::string& n : now)
          if (!route_has(before, n) && c.new_only.empty()) c.new_only = n;
        if (!c.old_only.empty() && !c.new_only.empty()) return c;
      }
    }
  }
  ADD_FAILURE() << "London has no cut that re-routes a service onto other nodes";
  return {};
}

}  // namespace lightmesh::southbound_test
