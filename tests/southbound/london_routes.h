// The London example's routes the end-to-end southbound tests provision, planned on a scratch
// fabric with nothing else booked, as a test's fresh controller plans them.
//
//   const auto [from, to] = southbound_test::longest_route();
//   const FiveNodeRoute r = southbound_test::five_node_route();  // r.nodes[2]: the third device
#pragma once

#include <gtest/gtest.h>

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

}  // namespace lightmesh::southbound_test
