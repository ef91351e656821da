// The path-request engine on a hand-built ring with a fake propagation (qot_fixture.h): routing
// with include constraints and disjunction, aggregation, fixed and automatic mode, every blocking
// reason, and first-fit N/M booked in both directions, following GNPy v2.12's path_requests_run.
#include "qot/path_request_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "qot_fixture.h"

namespace lightmesh::qot {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ServiceRequest request(std::string id, std::string from, std::string to,
                       std::optional<std::string> mode, double spacing = 50e9,
                       double bandwidth = 100e9) {
  ServiceRequest r;
  r.request_id = std::move(id);
  r.source = "trx " + from;
  r.destination = "trx " + to;
  r.src_tp_id = r.source;
  r.dst_tp_id = r.destination;
  r.trx_type = "trx";
  r.trx_mode = std::move(mode);
  r.spacing_hz = spacing;
  r.path_bandwidth_bps = bandwidth;
  r.effective_freq_slot = {FreqSlot{}};
  return r;
}

std::vector<std::string> roadms(const RequestResult& r, const physics::ElementNetwork& net) {
  std::vector<std::string> out;
  for (auto e : r.path)
    if (net.at(e).kind() == physics::ElementKind::kRoadm) out.push_back(net.at(e).uid);
  return out;
}

struct Fixture {
  Equipment eq = testing::equipment();
  Result<RunReport> run(ServiceDocument doc,
                        physics::ElementNetwork net = testing::ring(100, 100, 120, 100),
                        RunOptions opt = {}) {
    PathRequestRun engine(std::move(net), eq, testing::fake_physics());
    auto r = engine.run(doc, opt);
    last_net = engine.network();
    return r;
  }
  physics::ElementNetwork last_net;
};

TEST(PathRequestRun, ShortestPathFixedModeAndFirstFitSpectrum) {
  Fixture f;
  auto rep = f.run({.requests = {request("1", "a", "c", "m100"), request("2", "a", "b", "m100")}});
  ASSERT_TRUE(rep) << rep.error().to_string();
  ASSERT_EQ(rep->results.size(), 2u);
  const RequestResult& r1 = rep->results[0];
  EXPECT_TRUE(r1.feasible());
  EXPECT_THAT(roadms(r1, f.last_net), ElementsAre("roadm a", "roadm b", "roadm c"));
  EXPECT_EQ(f.last_net.at(r1.path.front()).uid, "trx a");
  EXPECT_EQ(r1.mode, "m100");
  // The bitmap starts at the amplifiers' band (191.275 THz) and a channel keeps 25 GHz from it:
  // the first 50 GHz channel is centred on 191.325 THz, N = −284, as in GNPy.
  EXPECT_THAT(r1.n, ElementsAre(-284));
  EXPECT_THAT(r1.m, ElementsAre(4));
  EXPECT_NEAR(r1.qot->gsnr_01nm_db, 36, 1e-9);  // 200 km in the fake model
  EXPECT_EQ(r1.required_osnr_db, 14);
  EXPECT_EQ(r1.nb_channels, 95u);  // floor((196.1 − 191.35) THz / 50 GHz)
  // Request 2 shares the a→b OMS: next free slot.
  EXPECT_THAT(rep->results[1].n, ElementsAre(-276));
}

TEST(PathRequestRun, BooksBothDirectionsEvenForUnidirectionalRequests) {
  Fixture f;
  auto rep = f.run({.requests = {request("1", "a", "b", "m100"), request("2", "b", "a", "m100")}});
  ASSERT_TRUE(rep) << rep.error().to_string();
  EXPECT_THAT(rep->results[0].n, ElementsAre(-284));
  EXPECT_THAT(rep->results[1].n, ElementsAre(-276));
  // The reverse route runs from the destination's transceiver back to the source's.
  const auto& rev = rep->results[0].reverse_path;
  ASSERT_FALSE(rev.empty());
  EXPECT_EQ(f.last_net.at(rev.front()).uid, "trx b");
  EXPECT_EQ(f.last_net.at(rev.back()).uid, "trx a");
}

TEST(PathRequestRun, IncludeConstraints) {
  Fixture f;
  ServiceRequest loose = request("1", "a", "c", "m100");
  loose.route = {{0, "roadm d", HopType::kLoose}};
  ServiceRequest missing_loose = request("2", "a", "c", "m100");
  missing_loose.route = {{0, "roadm nowhere", HopType::kLoose}};
  auto rep = f.run({.requests = {loose, missing_loose}});
  ASSERT_TRUE(rep) << rep.error().to_string();
  EXPECT_THAT(roadms(rep->results[0], f.last_net), ElementsAre("roadm a", "roadm d", "roadm c"));
  // A LOOSE hop the network lacks is skipped.
  EXPECT_THAT(roadms(rep->results[1], f.last_net), ElementsAre("roadm a", "roadm b", "roadm c"));

  ServiceRequest strict = request("3", "a", "c", "m100");
  strict.route = {{0, "roadm nowhere", HopType::kStrict}};
  auto err = f.run({.requests = {strict}});
  ASSERT_FALSE(err);
  EXPECT_THAT(err.error().message(), HasSubstr("roadm nowhere"));
}

TEST(PathRequestRun, AggregatesIdenticalRequestsIntoTheLast) {
  Fixture f;
  auto rep = f.run({.requests = {request("6", "a", "b", "m100"), request("x", "b", "c", "m100"),
                                 request("7", "a", "b", "m100")}});
  ASSERT_TRUE(rep) << rep.error().to_string();
  ASSERT_EQ(rep->results.size(), 2u);
  EXPECT_EQ(rep->results[0].request_id, "x");
  EXPECT_EQ(rep->results[1].request_id, "7 | 6");
  EXPECT_EQ(rep->results[1].path_bandwidth_bps, 200e9);
  EXPECT_EQ(rep->results[1].nb_transceivers, 2u);
  EXPECT_THAT(rep->results[1].m, ElementsAre(8));  // one slot for both: GNPy drops the other
  // Automatic-mode requests are not aggregated.
  auto autos = f.run(
      {.requests = {request("1", "a", "b", std::nullopt), request("2", "a", "b", std::nullopt)}});
  ASSERT_TRUE(autos);
  EXPECT_EQ(autos->results.size(), 2u);
}

TEST(PathRequestRun, AutomaticModePicksTheHighestRateThatPasses) {
  Fixture f;
  auto rep = f.run({.requests = {request("1", "a", "b", std::nullopt, 75e9, 300e9),
                                 request("2", "a", "b", std::nullopt, 50e9)}});
  ASSERT_TRUE(rep) << rep.error().to_string();
  EXPECT_EQ(rep->results[0].mode, "m300");  // 34 dB > 20 + 2
  EXPECT_THAT(rep->results[0].m, ElementsAre(6));
  EXPECT_EQ(rep->results[1].mode, "m100");  // only 32 GBd fits 50 GHz
}

TEST(PathRequestRun, BlockingReasons) {
  Fixture f;
  auto net = testing::ring(1500, 900, 100, 1500);
  testing::add(net, "trx e", physics::TransceiverElement{});  // connected to nothing
  ServiceRequest pinned = request("pinned", "c", "d", std::nullopt, 50e9, 300e9);
  pinned.effective_freq_slot = {FreqSlot{std::nullopt, 4}};
  auto rep = f.run({.requests = {request("nomode", "a", "b", std::nullopt, 75e9),
                                 request("fixed", "a", "b", "m300", 75e9),
                                 request("spacing", "a", "b", std::nullopt, 37.5e9),
                                 request("nopath", "a", "e", "m100"),
                                 request("huge", "b", "c", "m100", 50e9, 100 * 100e9), pinned}},
                   std::move(net));
  ASSERT_TRUE(rep) << rep.error().to_string();
  const auto& r = rep->results;
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].blocking_reason, "NO_FEASIBLE_MODE");
  EXPECT_EQ(r[0].mode, "m100");  // the last mode explored (lowest baud rate) is reported
  EXPECT_TRUE(r[0].qot);
  EXPECT_TRUE(r[0].n.empty());
  EXPECT_EQ(r[1].blocking_reason, "MODE_NOT_FEASIBLE");
  EXPECT_TRUE(r[1].qot);  // metrics are still reported
  EXPECT_EQ(r[2].blocking_reason, "NO_FEASIBLE_BAUDRATE_WITH_SPACING");
  EXPECT_TRUE(r[2].path.empty());
  EXPECT_EQ(r[3].blocking_reason, "NO_PATH");
  EXPECT_EQ(r[4].blocking_reason, "NO_SPECTRUM");
  EXPECT_EQ(r[5].blocking_reason, "NOT_ENOUGH_RESERVED_SPECTRUM");
}

TEST(PathRequestRun, DisjunctionChoosesDisjointPaths) {
  Fixture f;
  ServiceDocument doc{
      .requests = {request("1", "a", "c", "m100"), request("2", "a", "c", "m200", 75e9)}};
  doc.synchronizations = {{"s", false, "node link", {"1", "2"}}};
  auto rep = f.run(doc);
  ASSERT_TRUE(rep) << rep.error().to_string();
  // GNPy lists the combinations by the later request's candidates first, so the first
  // combination found gives request 1 the longer side.
  EXPECT_THAT(roadms(rep->results[0], f.last_net), ElementsAre("roadm a", "roadm d", "roadm c"));
  EXPECT_THAT(roadms(rep->results[1], f.last_net), ElementsAre("roadm a", "roadm b", "roadm c"));
  // Without the SVEC both take the shorter side.
  auto plain = f.run({.requests = doc.requests});
  ASSERT_TRUE(plain);
  EXPECT_THAT(roadms(plain->results[1], f.last_net), ElementsAre("roadm a", "roadm b", "roadm c"));
}

TEST(PathRequestRun, WholeRunErrorsAsGnpyStops) {
  Fixture f;
  ServiceRequest unknown = request("1", "a", "b", "m100");
  unknown.trx_type = "nope";
  auto e1 = f.run({.requests = {unknown}});
  ASSERT_FALSE(e1);
  EXPECT_THAT(e1.error().message(), HasSubstr("nope"));
  ServiceRequest badmode = request("1", "a", "b", "m9");
  EXPECT_FALSE(f.run({.requests = {badmode}}));
  ServiceRequest not_trx = request("1", "a", "b", "m100");
  not_trx.source = "roadm a";
  auto e2 = f.run({.requests = {not_trx}});
  ASSERT_FALSE(e2);
  EXPECT_THAT(e2.error().message(), HasSubstr("roadm a"));
  auto e3 = f.run({.requests = {request("1", "a", "b", "m100"), request("1", "b", "c", "m100")}});
  ASSERT_FALSE(e3);
  EXPECT_THAT(e3.error().message(), HasSubstr("not unique"));
  auto e4 = f.run({.requests = {request("1", "a", "b", "m200", 50e9)}});  // below min spacing
  ASSERT_FALSE(e4);
  EXPECT_THAT(e4.error().message(), HasSubstr("spacing"));
}

TEST(PathRequestRun, BidirectionalRequestsGetReverseMetrics) {
  Fixture f;
  ServiceRequest r = request("1", "a", "c", "m100");
  r.bidirectional = true;
  auto rep = f.run({.requests = {r}});
  ASSERT_TRUE(rep) << rep.error().to_string();
  ASSERT_TRUE(rep->results[0].reverse_qot);
  EXPECT_NEAR(rep->results[0].reverse_qot->gsnr_01nm_db, rep->results[0].qot->gsnr_01nm_db, 1e-9);
}

TEST(PathRequestRun, DesignHooksRunOnceOrPerRequest) {
  Equipment eq = testing::equipment();
  PhysicsHooks hooks = testing::fake_physics();
  int whole = 0, partial = 0;
  hooks.design = [&](physics::ElementNetwork&, const DesignReference& ref, bool,
                     std::span<const physics::ElementIndex> only) -> Status {
    (only.empty() ? whole : partial)++;
    EXPECT_GT(ref.nb_channels, 0u);
    return {};
  };
  ServiceDocument doc{.requests = {request("1", "a", "b", "m100"), request("2", "b", "c", "m100")}};
  PathRequestRun once(testing::ring(), eq, hooks);
  ASSERT_TRUE(once.run(doc, {}));
  EXPECT_EQ(whole, 1);
  EXPECT_EQ(partial, 0);
  PathRequestRun per(testing::ring(), eq, hooks);
  ASSERT_TRUE(per.run(doc, {.redesign_per_request = true}));
  EXPECT_EQ(whole, 2);
  EXPECT_EQ(partial, 2);
}

}  // namespace
}  // namespace lightmesh::qot
