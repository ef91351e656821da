// Latency of routes against sums computed by hand from docs/sources.md §1 figures.
#include "physics/latency.h"

#include <gtest/gtest.h>

#include "rsa/latency_query.h"
#include "rsa/plan.h"
#include "test_networks.h"

namespace lightmesh {
namespace {

using testing::fiber;
using testing::site;

// A — B — C in a line, plus a hollow-core shortcut A — X — C through a gateway X.
Network line_network() {
  NetworkSpec spec;
  spec.file = "line.json";
  spec.modes = testing::test_modes();
  spec.sites = {site("A"), site("B"), site("C")};
  NodeSpec x;
  x.id = "X";
  x.kind = NodeKind::kGateway;
  x.where = "/nodes/0";
  spec.nodes = {x};
  spec.fibers.push_back(fiber("AB", "A", "B", 10));
  FiberSpec bc = fiber("BC", "B", "C", 20);
  bc.spans = {{Km{10}, {}}, {Km{10}, {}}};  // two spans → one inline amplifier by default
  spec.fibers.push_back(bc);
  FiberSpec ax = fiber("AX", "A", "X", 25);
  ax.type = FiberType::kHollowCore;
  spec.fibers.push_back(ax);
  spec.fibers.push_back(fiber("XC", "X", "C", 30));
  auto net = build_network(std::move(spec));
  EXPECT_TRUE(net) << (net ? "" : net.error().to_string());
  return std::move(net).value();
}

TEST(Latency, SumOfFibresAmplifiersNodesAndTransceivers) {
  const Network net = line_network();
  const NodeIndex a = net.find_node("A"), b = net.find_node("B"), c = net.find_node("C");
  const std::vector<NodeIndex> nodes{a, b, c};
  const std::vector<FiberIndex> fibers{net.find_fiber("AB"), net.find_fiber("BC")};
  const auto l = physics::route_latency(net, nodes, fibers);
  // By hand: 30 km × 4.90 µs/km = 147 µs; one EDFA 0.15 µs; three ROADMs × 0.5 µs = 1.5 µs;
  // transceiver pair 15 µs. Total 163.65 µs.
  EXPECT_DOUBLE_EQ(l.length.value(), 30.0);
  EXPECT_NEAR(l.fiber.value(), 147.0, 1e-9);
  EXPECT_NEAR(l.amplifiers.value(), 0.15, 1e-12);
  EXPECT_NEAR(l.nodes.value(), 1.5, 1e-12);
  EXPECT_NEAR(l.transceivers.value(), 15.0, 1e-12);
  EXPECT_NEAR(l.total().value(), 163.65, 1e-9);
}

TEST(Latency, EdgeWeightsPlusConstantEqualTheBreakdown) {
  const Network net = line_network();
  const std::vector<NodeIndex> nodes{net.find_node("A"), net.find_node("X"), net.find_node("C")};
  const std::vector<FiberIndex> fibers{net.find_fiber("AX"), net.find_fiber("XC")};
  double weights = 0;
  for (FiberIndex f : fibers) weights += physics::latency_edge_weight(net, f);
  const auto constant = physics::route_latency_constant(net, nodes.front(), nodes.back());
  // By hand: 25 km hollow-core × 3.34 = 83.5; 30 km SSMF × 4.90 = 147; nodes 3 × 0.5; trx 15 → 247
  // µs.
  EXPECT_NEAR(weights + constant.value(), 247.0, 1e-9);
  EXPECT_NEAR(physics::route_latency(net, nodes, fibers).total().value(), 247.0, 1e-9);
}

TEST(Latency, SitesWithinBoundNearestFirst) {
  const Network net = line_network();
  // From A: B is 10 km → 49 + 1 + 15 = 65 µs one way; C via B is 163.65 µs (shorter than 247 via
  // X).
  auto all = rsa::sites_within(net, net.find_site("A"), std::nullopt);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(net.site(all[0].site).id, "B");
  EXPECT_NEAR(all[0].one_way.value(), 65.0, 1e-9);
  EXPECT_EQ(net.site(all[1].site).id, "C");
  EXPECT_NEAR(all[1].rtt().value(), 327.3, 1e-9);
  auto near = rsa::sites_within(net, net.find_site("A"), Microseconds{300});
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(net.site(near[0].site).id, "B");
}

TEST(Latency, PlannedLightpathReportsTheSameLatency) {
  const Network net = line_network();
  Demand d;
  d.id = "d1";
  d.from = "A";
  d.to = "C";
  d.bandwidth = Gbps{100};
  auto r = rsa::plan(net, std::vector<Demand>{d}, rsa::PlanOptions{});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->lightpaths.size(), 1u);
  EXPECT_NEAR(r->lightpaths[0].one_way.value(), 163.65, 1e-9);
  EXPECT_DOUBLE_EQ(r->lightpaths[0].length.value(), 30.0);
}

}  // namespace
}  // namespace lightmesh
