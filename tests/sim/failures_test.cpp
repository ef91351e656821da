// Fibre cuts and protection in the simulator, against truths computed apart from it: repairs that
// take no time leave every service up; 1+1 services ride out every single cut; unprotected
// services on one link are up as often as the two-state (cut / repaired) process predicts; a
// restoration adds exactly the latency of the detour; and the run without any cut is the run
// without failures.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>

#include "physics/latency.h"
#include "sim/fiber_failures.h"
#include "sim/study.h"
#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

using testing::fixture;
using testing::nsfnet_spec;
using testing::prepare;

constexpr std::size_t kNone = static_cast<std::size_t>(Protection::kNone);
constexpr std::size_t kRestore = static_cast<std::size_t>(Protection::kRestore);
constexpr std::size_t kOnePlusOne = static_cast<std::size_t>(Protection::kOnePlusOne);

TEST(Failures, RepairsThatTakeNoTimeLeaveEveryServiceUp) {
  StudySpec spec = nsfnet_spec({230});
  spec.holding_mean = 20;      // hours (the default time unit)
  spec.failures = "200,1e-9";  // a cut every 200 h per 1,000 km: hundreds per replication
  spec.protection = "none:1,restore:1,1+1:1";
  const PreparedStudy study = prepare(spec);
  const SimulationResult r = run_study(study, 2);
  const PointResult& p = r.points[0];
  ASSERT_TRUE(p.failures);
  for (std::size_t k : {kNone, kRestore, kOnePlusOne}) {
    ASSERT_TRUE(p.availability[k]) << k;
    EXPECT_NEAR(p.availability[k]->mean, 1.0, std::max(p.availability[k]->ci95, 1e-6)) << k;
  }
  EXPECT_GT(p.restore_attempts.mean, 10);  // the cuts did hit services
  EXPECT_EQ(r.slot_conflicts, 0u);
}

// Every fibre of NSFNET cut in turn for 10 h, never two at once: a 1+1 service always has one leg
// whole (its legs share no fibre), so it is never down, while unprotected services are.
TEST(Failures, OnePlusOneServicesRideOutEverySingleCut) {
  StudySpec spec = nsfnet_spec({150});
  spec.holding_mean = 5;
  spec.truncate_holding = false;
  spec.warmup = 500;     // 50 h at 10 requests per hour
  spec.requests = 5000;  // 500 h
  const auto net = load_sim_network(spec.network);
  ASSERT_TRUE(net);
  const std::string script = ::testing::TempDir() + "nsfnet_single_cuts.csv";
  {
    std::ofstream out(script);
    out << "time_h,fiber,duration_h\n";
    double at = 60;
    for (const Fiber& f : net->network.fibers()) {
      out << at << "," << f.id << ",10\n";
      at += 20;
    }
  }
  spec.failures_file = script;
  spec.protection = "none:1,1+1:1";
  const PreparedStudy study = prepare(spec);
  ASSERT_EQ(study.run.failures->script.size(), net->network.fibers().size());
  const auto totals = run_study_share(study, 2, TaskShare{});
  for (const ReplicationTotals& t : totals) {
    ASSERT_GT(t.held_time[kOnePlusOne], 0);
    EXPECT_EQ(t.up_time[kOnePlusOne], t.held_time[kOnePlusOne]);
    EXPECT_LT(t.up_time[kNone], t.held_time[kNone]);
  }
  const SimulationResult r = merge_study(study, totals);
  EXPECT_EQ(r.points[0].availability[kOnePlusOne]->mean, 1.0);
  EXPECT_EQ(r.slot_conflicts, 0u);
}

// One 100 km fibre cut at rate λ and repaired at rate ρ: its state is a two-state Markov process.
// A service arrives when the fibre is up (else it is blocked) and holds for an exponential time
// of rate μ; the expected share of that time the fibre is down is λ / (λ + ρ + μ), so the
// availability is (ρ + μ) / (λ + ρ + μ). With holding times long beside a cut cycle that is the
// alternating-renewal value MTBF / (MTBF + MTTR); with short ones services see fewer cuts.
TEST(Failures, UnprotectedAvailabilityOnOneLinkIsTheTwoStateProcesss) {
  for (const double hold : {1000.0, 1.0}) {
    StudySpec spec;
    spec.network = fixture("one_link.json");
    spec.loads = {10};
    spec.slots = 100;
    spec.holding_mean = hold;  // hours
    spec.requests = 20'000;
    spec.warmup = 1'000;
    spec.replications = 8;
    spec.seed = 11;
    spec.failures = "0.9,1";  // per 1,000 km: the 100 km fibre's MTBF is 9 h
    const PreparedStudy study = prepare(spec);
    const SimulationResult r = run_study(study, 2);
    const auto& a = r.points[0].availability[kNone];
    ASSERT_TRUE(a);
    const double mtbf = 9, mttr = 1;
    const double exact = (1 / mttr + 1 / hold) / (1 / mtbf + 1 / mttr + 1 / hold);
    const double renewal = mtbf / (mtbf + mttr);
    EXPECT_NEAR(a->mean, exact, a->ci95) << hold;
    EXPECT_LT(a->ci95, 0.01) << hold;
    if (hold > 100) {
      EXPECT_NEAR(a->mean, renewal, a->ci95 + std::abs(exact - renewal));
    }
    // Arrivals see the fibre as time does (Poisson arrivals): blocked while it is cut.
    EXPECT_NEAR(r.points[0].service_blocking.mean, mttr / (mtbf + mttr),
                2 * r.points[0].service_blocking.ci95 + 1e-3)
        << hold;
  }
}

// Traffic between A and B only; A–B (100 km) is cut for 100 h. Every restoration moves a service
// from A–B to A–C–B, so each adds the detour's latency, summed here from the network's figures.
TEST(Failures, ARestorationAddsTheDifferenceOfTheTwoRoutesLatencies) {
  StudySpec spec;
  spec.network = fixture("triangle.json");
  spec.traffic = fixture("triangle_ab_traffic.csv");
  spec.failures_file = fixture("triangle_cut.csv");
  spec.protection = "restore";
  spec.loads = {20};
  spec.slots = 100;
  spec.k = 2;
  spec.holding_mean = 10;
  spec.requests = 2'000;  // 1,000 h
  spec.warmup = 50;       // 25 h, before the cut at 50 h
  spec.replications = 4;
  const PreparedStudy study = prepare(spec);
  const Network& net = study.network.network;
  const auto fiber = [&](const char* id) { return net.fiber(net.find_fiber(id)); };
  const auto node = [&](const char* site) {
    return net.node(net.site(net.find_site(site)).node).latency;
  };
  const auto carried = [&](const Fiber& f) {
    return (f.length * f.delay).value() +
           net.latency().amplifier.value() * static_cast<double>(f.amplifiers);
  };
  const double detour =
      carried(fiber("A-C")) + carried(fiber("C-B")) + node("C").value() - carried(fiber("A-B"));
  const SimulationResult r = run_study(study, 2);
  const PointResult& p = r.points[0];
  ASSERT_TRUE(p.restore_added_latency_us);
  EXPECT_GT(p.restore_attempts.mean, 0);
  EXPECT_NEAR(p.restore_added_latency_us->mean, detour, 1e-6);
  EXPECT_NEAR(p.restore_added_latency_us->ci95, 0, 1e-6);
  EXPECT_GT(detour, 500 * 4.8);  // 500 km more of fibre at least
  ASSERT_TRUE(p.restore_success_ratio);
  EXPECT_EQ(p.restore_success_ratio->mean, 1.0);  // the detour has room for all
  ASSERT_TRUE(p.availability[kRestore]);
  EXPECT_EQ(p.availability[kRestore]->mean, 1.0);
}

// With failures on but no cut ever (an MTBF of 10¹² h), the failure loop sees the arrivals,
// pairs, bit rates and holding times of the run without failures and places them alike.
TEST(Failures, NoCutGivesTheFiguresOfTheRunWithoutFailures) {
  StudySpec plain = nsfnet_spec({230, 270});
  plain.requests = 5'000;
  StudySpec with = plain;
  with.failures = "1e12,1";
  const SimulationResult a = run_study(prepare(plain), 2);
  const SimulationResult b = run_study(prepare(with), 2);
  ASSERT_EQ(a.points.size(), b.points.size());
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    EXPECT_EQ(a.points[i].service_blocking.mean, b.points[i].service_blocking.mean);
    EXPECT_EQ(a.points[i].bandwidth_blocking.mean, b.points[i].bandwidth_blocking.mean);
    EXPECT_NEAR(a.points[i].utilisation.mean, b.points[i].utilisation.mean, 1e-12);
    EXPECT_EQ(a.points[i].fragmentation.mean, b.points[i].fragmentation.mean);
    EXPECT_EQ(b.points[i].availability[kNone]->mean, 1.0);
  }
}

TEST(Failures, BadInputNamesTheOptionAndTheRange) {
  struct Case {
    std::string failures, file, protection;
    std::string says;
  };
  const Case cases[] = {
      {"0,1", "", "",
       "--failures: the MTBF per 1,000 km of fibre 0 is out of range (expected 0.001 ≤ x"},
      {"-5,1", "", "", "--failures: the MTBF per 1,000 km of fibre -5 is out of range"},
      {"100,-1", "", "", "--failures: the MTTR -1 is out of range (expected 0 ≤ x"},
      {"5e-324,0", "", "",
       "--failures: the MTBF per 1,000 km of fibre 4.94066e-324 is out of range"},
      {"100", "", "", "--failures: \"100\" is not MTBF,MTTR"},
      {"100,1,2", "", "", "is not MTBF,MTTR"},
      {"a,b", "", "", "is not MTBF,MTTR"},
      {"", fixture("overlapping_cuts.csv"), "", "cut again before its previous cut is repaired"},
      {"100,1", "", "2+2", "--protection: \"2+2\" names an unknown class"},
      {"100,1", "", "none:-1", "a weight that is not a number ≥ 0"},
      {"100,1", "", "none:0", "no class with a positive weight"},
      {"100,1", "", "none,none", "names \"none\" twice"},
  };
  for (const Case& c : cases) {
    StudySpec spec;
    spec.network = fixture("triangle.json");
    spec.loads = {10};
    spec.failures = c.failures;
    spec.failures_file = c.file;
    spec.protection = c.protection;
    const auto s = prepare_study(spec);
    ASSERT_FALSE(s) << c.failures << " " << c.protection;
    EXPECT_NE(s.error().to_string().find(c.says), std::string::npos) << s.error().to_string();
  }
  // Legal values that together would make a replication go through about 10¹² cuts.
  StudySpec spec;
  spec.network = fixture("triangle.json");
  spec.loads = {10};
  spec.failures = "0.001,0";
  spec.time_unit_hours = 1e6;
  const auto s = prepare_study(spec);
  ASSERT_FALSE(s);
  EXPECT_NE(
      s.error().to_string().find("--failures: about 1.5e+12 cuts and repairs per replication"),
      std::string::npos)
      << s.error().to_string();
}

}  // namespace
}  // namespace lightmesh::sim
