// Planning by GSNR under a full load (docs/physics.md, "QoT inside lightmesh"): the analytic
// invariants of the per-fibre noise, mode choice by GSNR against required OSNR + margin, and the
// independence of a lightpath's GSNR from every other lightpath.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "physics/span_design.h"
#include "rsa/plan.h"
#include "rsa/planner.h"
#include "rsa/test_networks.h"

namespace lightmesh {
namespace {

using testing::fiber;
using testing::site;

// Modes judged by GSNR, figures of the built-in catalogue's kind (required OSNR in 0.1 nm).
std::vector<TransceiverMode> gsnr_modes() {
  auto mode = [](std::string name, double rate, double baud, double width, double osnr) {
    TransceiverMode m;
    m.name = std::move(name);
    m.transceiver = "test";
    m.bit_rate = Gbps{rate};
    m.baud_rate = GBaud{baud};
    m.channel_width = GHz{width};
    m.required_osnr = Decibel{osnr};
    m.where = "/transceivers/0";
    return m;
  };
  return {mode("Q400", 400, 60, 75, 26), mode("Q200", 200, 32, 50, 18.5),
          mode("Q100", 100, 32, 50, 12)};
}

FiberSpec with_spans(FiberSpec f, int count, double km) {
  for (int i = 0; i < count; ++i) f.spans.push_back({Km{km}, std::nullopt});
  f.length.reset();
  return f;
}

Demand demand(std::string from, std::string to, double gbps) {
  Demand d;
  d.id = from + to;
  d.from = std::move(from);
  d.to = std::move(to);
  d.bandwidth = Gbps{gbps};
  return d;
}

TEST(Gsnr, SpansFollowTheFileOrTheAmplifierCountOrTheMaximumSpan) {
  NetworkSpec spec;
  spec.modes = gsnr_modes();
  spec.sites = {site("A"), site("B"), site("C"), site("D")};
  FiberSpec counted = fiber("AB", "A", "B", 1100);
  counted.amplifiers = 13;
  FiberSpec stated = with_spans(fiber("BC", "B", "C", 0), 2, 60);
  stated.spans[1].loss = Decibel{20};
  spec.fibers = {counted, stated, fiber("CD", "C", "D", 170)};
  const Network net = build_network(std::move(spec)).value();
  const auto a = physics::span_design(net, 0);
  ASSERT_EQ(a.size(), 14u);
  EXPECT_NEAR(a[0].length_km, 1100.0 / 14, 1e-9);
  EXPECT_NEAR(a[0].loss_db, 0.2 * 1100.0 / 14 + 1.0, 1e-9);
  const auto b = physics::span_design(net, 1);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_NEAR(b[0].loss_db, 13.0, 1e-9);
  EXPECT_TRUE(b[1].loss_stated);
  EXPECT_EQ(b[1].loss_db, 20.0);
  EXPECT_EQ(physics::span_design(net, 2).size(), 3u);  // 170 km in spans of at most 80 km
}

// A — B short (one 60 km span); A — C long (20 spans of 80 km).
Network short_and_long() {
  NetworkSpec spec;
  spec.modes = gsnr_modes();
  spec.sites = {site("A"), site("B"), site("C")};
  spec.fibers = {with_spans(fiber("AB", "A", "B", 0), 1, 60),
                 with_spans(fiber("AC", "A", "C", 0), 20, 80)};
  return build_network(std::move(spec)).value();
}

TEST(Gsnr, ShortRouteGetsTheHighestRateAndALongOneFallsBack) {
  const Network net = short_and_long();
  const std::vector<Demand> demands = {demand("A", "B", 400), demand("A", "C", 100)};
  const auto r = rsa::plan(net, demands, rsa::PlanOptions{}).value();
  ASSERT_EQ(r.lightpaths.size(), 2u);
  EXPECT_EQ(net.catalogue().mode(r.lightpaths[0].mode).name, "Q400");
  EXPECT_EQ(net.catalogue().mode(r.lightpaths[1].mode).name, "Q100");
  for (const auto& lp : r.lightpaths) {
    ASSERT_TRUE(lp.gsnr.has_value());
    const double required = net.catalogue().mode(lp.mode).required_osnr->value();
    EXPECT_GE(lp.gsnr->at_01nm_db, required + 2.0);
  }
  // 1,600 km is too far for Q200 (18.5 + 2 dB) but not for Q100 (12 + 2 dB).
  rsa::Planner p = rsa::Planner::create(net, rsa::PlanOptions{}).value();
  const auto g200 = p.gsnr_of(r.lightpaths[1].nodes, r.lightpaths[1].fibers, 1, std::nullopt);
  ASSERT_TRUE(g200.has_value());
  EXPECT_LT(g200->at_01nm_db, 18.5 + 2.0);
}

TEST(Gsnr, TheMarginMovesTheThreshold) {
  const Network net = short_and_long();
  const std::vector<Demand> demands = {demand("A", "C", 200)};
  rsa::Planner probe = rsa::Planner::create(net, rsa::PlanOptions{}).value();
  const std::vector<NodeIndex> nodes = {net.find_node("A"), net.find_node("C")};
  const std::vector<FiberIndex> fibers = {net.find_fiber("AC")};
  const double g = probe.gsnr_of(nodes, fibers, 2, std::nullopt)->at_01nm_db;  // Q100
  rsa::PlanOptions loose, tight;
  loose.osnr_margin_db = g - 12.0 - 0.01;
  tight.osnr_margin_db = g - 12.0 + 0.01;
  const auto a = rsa::plan(net, demands, loose).value();
  ASSERT_EQ(a.lightpaths.size(), 2u);  // 2 × Q100: Q200 is out of reach at this margin too
  EXPECT_EQ(net.catalogue().mode(a.lightpaths[0].mode).name, "Q100");
  const auto b = rsa::plan(net, demands, tight).value();
  ASSERT_EQ(b.unserved.size(), 1u);
  EXPECT_EQ(b.unserved[0].reason, rsa::Reason::kNoFeasibleMode);
  EXPECT_NE(b.unserved[0].detail.find("gives Q100 a GSNR of"), std::string::npos)
      << b.unserved[0].detail;
  // A negative margin admits a mode below its required OSNR: the threshold moves both ways.
  rsa::PlanOptions negative;
  negative.osnr_margin_db = -20;
  const auto c = rsa::plan(net, demands, negative).value();
  ASSERT_EQ(c.lightpaths.size(), 1u);
  EXPECT_EQ(net.catalogue().mode(c.lightpaths[0].mode).name, "Q200");
}

// A lightpath carries both ways, and the two ways differ: each ROADM equalises signal plus the
// noise already gathered, so the OMS after a noisy one sees a weaker signal (more ASE over
// signal, less NLI), and which OMS comes first depends on the way. The worse way decides the mode.
TEST(Gsnr, TheWorseWayDecides) {
  NetworkSpec spec;
  spec.modes = gsnr_modes();
  spec.sites = {site("A"), site("B"), site("C")};
  spec.fibers = {with_spans(fiber("AB", "A", "B", 0), 10, 80),
                 with_spans(fiber("BC", "B", "C", 0), 12, 35)};
  const Network net = build_network(std::move(spec)).value();
  rsa::Planner probe = rsa::Planner::create(net, rsa::PlanOptions{}).value();
  const std::vector<NodeIndex> nodes = {net.find_node("A"), net.find_node("B"), net.find_node("C")};
  const std::vector<FiberIndex> fibers = {net.find_fiber("AB"), net.find_fiber("BC")};
  const ModeIndex q100 = 2;
  using Way = physics::LineModel::Way;
  const double forward = probe.qot().worst_01nm_db(nodes, fibers, q100, nullptr, Way::kForward);
  const double reverse = probe.qot().worst_01nm_db(nodes, fibers, q100, nullptr, Way::kReverse);
  ASSERT_GT(std::abs(forward - reverse), 0.001) << forward << " " << reverse;
  const auto g = probe.gsnr_of(nodes, fibers, q100, std::nullopt);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->at_01nm_db, std::min(forward, reverse));
  EXPECT_NE(g->mean_01nm_db, g->reverse_mean_01nm_db);

  // A threshold between the two ways: the better way alone would pass it, so judging one way
  // would book a lightpath that fails the other.
  const std::vector<Demand> demands = {demand("A", "C", 100)};
  rsa::PlanOptions between;
  between.osnr_margin_db = (forward + reverse) / 2 - 12.0;
  const auto refused = rsa::plan(net, demands, between).value();
  ASSERT_EQ(refused.unserved.size(), 1u);
  EXPECT_EQ(refused.unserved[0].reason, rsa::Reason::kNoFeasibleMode);
  rsa::PlanOptions below;
  below.osnr_margin_db = std::min(forward, reverse) - 12.0 - 1e-6;
  const auto served = rsa::plan(net, demands, below).value();
  ASSERT_EQ(served.lightpaths.size(), 1u);
  EXPECT_EQ(served.lightpaths[0].mode, q100);
}

TEST(Gsnr, FullLoadGsnrDoesNotDependOnOtherLightpaths) {
  const Network net = short_and_long();
  rsa::Planner alone = rsa::Planner::create(net, rsa::PlanOptions{}).value();
  const auto first = alone.serve(demand("A", "C", 100), 0);
  ASSERT_EQ(first.lightpaths.size(), 1u);
  const double g_alone = first.lightpaths[0].gsnr->at_01nm_db;

  rsa::Planner busy = rsa::Planner::create(net, rsa::PlanOptions{}).value();
  std::vector<rsa::Lightpath> neighbours;
  for (int i = 0; i < 40; ++i) {
    auto out = busy.serve(demand("A", "C", 100), static_cast<std::uint32_t>(i));
    ASSERT_FALSE(out.unserved.has_value());
    for (auto& lp : out.lightpaths) neighbours.push_back(lp);
  }
  const auto later = busy.serve(demand("A", "C", 100), 40);
  ASSERT_EQ(later.lightpaths.size(), 1u);
  EXPECT_NE(later.lightpaths[0].slots.first, first.lightpaths[0].slots.first);
  EXPECT_EQ(later.lightpaths[0].gsnr->at_01nm_db, g_alone);
  // Admitted lightpaths keep their GSNR however many are added or removed around them.
  for (const auto& lp : neighbours) EXPECT_EQ(lp.gsnr->at_01nm_db, g_alone);
  for (std::size_t i = 0; i + 1 < neighbours.size(); ++i) busy.release(neighbours[i]);
  EXPECT_EQ(busy.gsnr_of(neighbours.back().nodes, neighbours.back().fibers, neighbours.back().mode,
                         std::nullopt)
                ->at_01nm_db,
            g_alone);
}

TEST(Gsnr, ModesWithoutARequiredOsnrAreJudgedByReach) {
  NetworkSpec spec;
  spec.modes = testing::test_modes();  // reaches only
  spec.sites = {site("A"), site("B")};
  spec.fibers = {fiber("AB", "A", "B", 100)};
  const Network net = build_network(std::move(spec)).value();
  const std::vector<Demand> demands = {demand("A", "B", 400)};
  const auto r = rsa::plan(net, demands, rsa::PlanOptions{}).value();
  ASSERT_EQ(r.lightpaths.size(), 1u);
  EXPECT_EQ(net.catalogue().mode(r.lightpaths[0].mode).name, "T400");  // 100 km ≤ 120 km reach
  EXPECT_FALSE(r.lightpaths[0].gsnr.has_value());
}

TEST(Gsnr, HollowCoreFibreHasNegligibleNli) {
  // Two A — B lines of equal span loss: SSMF, and hollow-core fibre whose loss is stated the same.
  // Their amplifiers see the same loss, so only the NLI differs: at twice the launch power the
  // SSMF line's NLI grows eightfold, the hollow-core one's does not show.
  auto line_of = [](FiberType type, double launch_dbm) {
    NetworkSpec spec;
    spec.modes = gsnr_modes();
    spec.sites = {site("A"), site("B")};
    FiberSpec f = fiber("AB", "A", "B", 80);
    f.type = type;
    f.loss_db_per_km = 0.2;
    spec.fibers = {f};
    spec.physics.launch_power_dbm = launch_dbm;
    return build_network(std::move(spec)).value();
  };
  auto gsnr = [](const Network& net) {
    const rsa::Planner p = rsa::Planner::create(net, rsa::PlanOptions{}).value();
    return p.gsnr_of(std::vector<NodeIndex>{0, 1}, std::vector<FiberIndex>{0}, 1, std::nullopt)
        ->at_01nm_db;
  };
  const double ssmf = gsnr(line_of(FiberType::kSsmf, 0));
  const double hollow = gsnr(line_of(FiberType::kHollowCore, 0));
  EXPECT_GT(hollow, ssmf);
  const double hollow_hot = gsnr(line_of(FiberType::kHollowCore, 3));
  const double ssmf_hot = gsnr(line_of(FiberType::kSsmf, 3));
  EXPECT_GE(hollow_hot, hollow - 0.01);  // more signal, no more NLI that matters
  EXPECT_LT(ssmf_hot - ssmf, hollow_hot - hollow);
}

}  // namespace
}  // namespace lightmesh

namespace lightmesh {
namespace {

TEST(Gsnr, EveryRoadmStartsItsLineAgainFromItsTarget) {
  // A — X — B (X a ROADM, two spans on each side) against A — B (the same four spans): at X the
  // channels are equalised to the ROADM target and a booster launches them again, so the route
  // through X is neither free of X nor better than the direct line; each of its halves is better
  // than the whole.
  NetworkSpec spec;
  spec.modes = gsnr_modes();
  spec.sites = {site("A"), site("B")};
  NodeSpec x;
  x.id = "X";
  x.where = "/nodes/0";
  spec.nodes = {x};
  spec.fibers = {with_spans(fiber("AX", "A", "X", 0), 2, 80),
                 with_spans(fiber("XB", "X", "B", 0), 2, 80),
                 with_spans(fiber("AB", "A", "B", 0), 4, 80)};
  const Network net = build_network(std::move(spec)).value();
  const rsa::Planner p = rsa::Planner::create(net, rsa::PlanOptions{}).value();
  const NodeIndex a = net.find_node("A"), b = net.find_node("B"), xn = net.find_node("X");
  const std::vector<NodeIndex> via = {a, xn, b}, direct = {a, b};
  const std::vector<FiberIndex> via_f = {net.find_fiber("AX"), net.find_fiber("XB")};
  const std::vector<FiberIndex> direct_f = {net.find_fiber("AB")};
  for (ModeIndex m = 0; m < 3; ++m) {
    const double g_via = p.gsnr_of(via, via_f, m, std::nullopt)->at_01nm_db;
    const double g_half =
        p.gsnr_of(std::vector<NodeIndex>{a, xn}, std::vector<FiberIndex>{via_f[0]}, m, std::nullopt)
            ->at_01nm_db;
    const double g_direct = p.gsnr_of(direct, direct_f, m, std::nullopt)->at_01nm_db;
    EXPECT_GT(g_half, g_via);
    EXPECT_LE(g_via, g_direct + 0.01);
  }
}

}  // namespace
}  // namespace lightmesh
