// Site losses and shared-risk groups in failure runs, against truths computed apart from the
// simulator: repairs that take no time leave every service up; a service over one fibre of a
// group is up as often as the group's two-state process predicts; a 1+1 service whose legs share a
// group is not protected against that group's cut, one with disjoint legs rides out every group
// cut; a site loss is the cut of every fibre of the site at once and reaches exactly the services
// that touch the site; overlapping cuts keep a fibre down until both are repaired; and a failures
// file that is wrong says where.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "sim/failures_file.h"
#include "sim/study.h"
#include "sim/study_json.h"
#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

using testing::fixture;
using testing::nsfnet_spec;
using testing::prepare;

constexpr std::size_t kNone = static_cast<std::size_t>(Protection::kNone);
constexpr std::size_t kOnePlusOne = static_cast<std::size_t>(Protection::kOnePlusOne);

std::string write(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

// Traffic between A and B of the triangle (A–B 100 km; A–C and C–B 300 km), one replication
// stream per replication.
StudySpec triangle_ab(const std::string& failures_file) {
  StudySpec spec;
  spec.network = fixture("triangle.json");
  spec.traffic = fixture("triangle_ab_traffic.csv");
  spec.failures_file = failures_file;
  spec.loads = {10};
  spec.slots = 100;
  spec.k = 1;  // A–B direct only
  spec.holding_mean = 1;
  spec.requests = 4'000;
  spec.warmup = 100;
  spec.replications = 3;
  spec.seed = 3;
  return spec;
}

void expect_same_totals(const std::vector<ReplicationTotals>& a,
                        const std::vector<ReplicationTotals>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].requests, b[i].requests) << i;
    EXPECT_EQ(a[i].blocked, b[i].blocked) << i;
    EXPECT_EQ(a[i].held_time, b[i].held_time) << i;
    EXPECT_EQ(a[i].up_time, b[i].up_time) << i;
    EXPECT_EQ(a[i].utilisation, b[i].utilisation) << i;
    EXPECT_EQ(a[i].restore_attempts, b[i].restore_attempts) << i;
  }
}

TEST(FailureGroups, RepairsThatTakeNoTimeLeaveEveryServiceUp) {
  StudySpec spec = nsfnet_spec({230});
  spec.requests = 10'000;
  spec.failures_file = write("srg_instant.json", R"({
    "shared_risk_groups": [
      {"id": "west", "fibers": ["WA-CA1", "WA-CA2", "WA-IL"], "mtbf_hours": 50, "mttr_hours": 1e-9},
      {"id": "mid", "fibers": ["TX-GA", "NE-GA", "PA-GA"], "mtbf_hours": 50, "mttr_hours": 1e-9}],
    "sites": {"mtbf_hours": 500, "mttr_hours": 1e-9}})");
  spec.protection = "none:1,restore:1,1+1:1";
  const SimulationResult r = run_study(prepare(spec), 2);
  const PointResult& p = r.points[0];
  for (std::size_t k = 0; k < kProtectionClasses; ++k) {
    ASSERT_TRUE(p.availability[k]) << k;
    EXPECT_NEAR(p.availability[k]->mean, 1.0, std::max(p.availability[k]->ci95, 1e-6)) << k;
  }
  EXPECT_GT(p.restore_attempts.mean, 10);  // the groups' cuts did hit services
  EXPECT_EQ(r.slot_conflicts, 0u);
}

// A–B and A–C share a duct that fails at rate λ = 1/9 per hour and is repaired at rate ρ = 1; the
// fibres have no failures of their own. Services on A–B see the two-state process of the duct, so
// (as for one fibre in failures_test.cpp) their availability is (ρ + μ) / (λ + ρ + μ) for holding
// rate μ, and arrivals are blocked for the duct's down share MTTR / (MTBF + MTTR).
TEST(FailureGroups, AServiceOverOneFibreOfAGroupHasTheGroupsTwoStateAvailability) {
  const std::string file = write("srg_ab_ac.json", R"({"shared_risk_groups": [
      {"id": "duct", "fibers": ["A-B", "A-C"], "mtbf_hours": 9, "mttr_hours": 1}]})");
  for (const double hold : {1000.0, 1.0}) {
    StudySpec spec = triangle_ab(file);
    spec.holding_mean = hold;
    spec.requests = 20'000;
    spec.warmup = 1'000;
    spec.replications = 8;
    spec.seed = 11;
    const SimulationResult r = run_study(prepare(spec), 2);
    const auto& a = r.points[0].availability[kNone];
    ASSERT_TRUE(a);
    const double mtbf = 9, mttr = 1;
    const double exact = (1 / mttr + 1 / hold) / (1 / mtbf + 1 / mttr + 1 / hold);
    EXPECT_NEAR(a->mean, exact, a->ci95) << hold;
    EXPECT_LT(a->ci95, 0.01) << hold;
    EXPECT_NEAR(r.points[0].service_blocking.mean, mttr / (mtbf + mttr),
                2 * r.points[0].service_blocking.ci95 + 1e-3)
        << hold;
  }
}

// 1+1 services between A and B: working leg A–B, protect leg A–C–B. Cutting {A–B} alone, then
// {A–C, C–B} alone, never takes both legs: always up. A duct {A–B, A–C} takes both at once: every
// 1+1 service in the network is down while it is cut.
TEST(FailureGroups, OnePlusOneIsNotProtectedAgainstAGroupBothLegsShare) {
  const std::string groups = R"("shared_risk_groups": [
      {"id": "direct", "fibers": ["A-B"]},
      {"id": "detour", "fibers": ["A-C", "C-B"]},
      {"id": "duct", "fibers": ["A-B", "A-C"]}])";
  StudySpec disjoint = triangle_ab(write("srg_disjoint.json", "{" + groups + R"(, "cuts": [
      {"at_hours": 50, "srg": "direct", "duration_hours": 20},
      {"at_hours": 100, "srg": "detour", "duration_hours": 20},
      {"at_hours": 150, "srg": "direct", "duration_hours": 20},
      {"at_hours": 170, "srg": "detour", "duration_hours": 20}]})"));
  disjoint.protection = "1+1";
  disjoint.k = 2;
  const SimulationResult a = run_study(prepare(disjoint), 2);
  ASSERT_TRUE(a.points[0].availability[kOnePlusOne]);
  EXPECT_EQ(a.points[0].availability[kOnePlusOne]->mean, 1.0);

  StudySpec shared = disjoint;
  shared.failures_file = write("srg_shared.json", "{" + groups + R"(, "cuts": [
      {"at_hours": 100, "srg": "duct", "duration_hours": 20}]})");
  const auto totals = run_study_share(prepare(shared), 2, TaskShare{});
  for (const ReplicationTotals& t : totals) {
    ASSERT_GT(t.held_time[kOnePlusOne], 0);
    // Every service in the network at the cut (about load = 10 of them, each holding about 1 h
    // more) goes down until it leaves: some 10 h down in all.
    EXPECT_LT(t.up_time[kOnePlusOne], t.held_time[kOnePlusOne] - 1.0);
  }
  const SimulationResult b = merge_study(prepare(shared), totals);
  EXPECT_LT(b.points[0].availability[kOnePlusOne]->mean, 1.0);
}

// Traffic A–B on the direct fibre. Losing C touches none of it: the run is the run without any
// failure. Losing A touches all of it: services are down and arrivals blocked while A is lost.
TEST(FailureGroups, ASiteLossBringsDownExactlyTheServicesTouchingTheSite) {
  StudySpec none = triangle_ab(write("nothing.json", "{}"));  // the failure loop, nothing cut
  const auto plain = run_study_share(prepare(none), 2, TaskShare{});
  StudySpec lose_c = triangle_ab(write("site_c.json", R"({"cuts": [
      {"at_hours": 100, "site": "C", "duration_hours": 50}]})"));
  const auto c = run_study_share(prepare(lose_c), 2, TaskShare{});
  expect_same_totals(plain, c);
  for (const ReplicationTotals& t : c) EXPECT_EQ(t.up_time[kNone], t.held_time[kNone]);

  StudySpec lose_a = triangle_ab(write("site_a.json", R"({"cuts": [
      {"at_hours": 100, "site": "A", "duration_hours": 50}]})"));
  const auto a = run_study_share(prepare(lose_a), 2, TaskShare{});
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_LT(a[i].up_time[kNone], a[i].held_time[kNone]);
    EXPECT_GT(a[i].blocked, plain[i].blocked);
  }
}

// On NSFNET, a site loss is the cut of every fibre at the site, at the same time and for as long
// (unprotected services: the order the fibres go down in does not matter).
TEST(FailureGroups, ASiteLossIsTheCutOfEveryFibreOfTheSite) {
  StudySpec site = nsfnet_spec({200});
  site.requests = 5'000;
  site.warmup = 500;
  site.failures_file = write("nsfnet_site_pa.json", R"({"cuts": [
      {"at_hours": 300, "site": "PA", "duration_hours": 100}]})");
  StudySpec fibers = site;
  fibers.failures_file = write("nsfnet_site_pa_fibres.json", R"({"cuts": [
      {"at_hours": 300, "fiber": "IL-PA", "duration_hours": 100},
      {"at_hours": 300, "fiber": "PA-GA", "duration_hours": 100},
      {"at_hours": 300, "fiber": "PA-NY", "duration_hours": 100},
      {"at_hours": 300, "fiber": "PA-NJ", "duration_hours": 100}]})");
  const PreparedStudy s = prepare(site);
  ASSERT_EQ(s.run.failures->groups.size(), 1u);
  EXPECT_EQ(s.run.failures->groups[0].fibers.size(), 4u);  // NSFNET's PA has degree 4
  const auto a = run_study_share(s, 2, TaskShare{});
  const auto b = run_study_share(prepare(fibers), 2, TaskShare{});
  expect_same_totals(a, b);
  for (const ReplicationTotals& t : a) EXPECT_LT(t.up_time[kNone], t.held_time[kNone]);
}

// A–B is cut on its own over [100, 150) h and with the duct {A–B, A–C} over [120, 220) h: it is
// down over [100, 220), exactly as one cut of 120 h; and nested the other way round likewise.
TEST(FailureGroups, OverlappingCutsRestoreAFibreOnlyWhenBothAreRepaired) {
  const std::string duct = R"("shared_risk_groups": [{"id": "duct", "fibers": ["A-B", "A-C"]}])";
  const std::string overlapping = write("overlap.json", "{" + duct + R"(, "cuts": [
      {"at_hours": 100, "fiber": "A-B", "duration_hours": 50},
      {"at_hours": 120, "srg": "duct", "duration_hours": 100}]})");
  const std::string nested = write("nested.json", "{" + duct + R"(, "cuts": [
      {"at_hours": 100, "srg": "duct", "duration_hours": 120},
      {"at_hours": 150, "fiber": "A-B", "duration_hours": 20}]})");
  const std::string single = write("single.csv", "time_h,fiber,duration_h\n100,A-B,120\n");
  const std::string shorter = write("shorter.csv", "time_h,fiber,duration_h\n100,A-B,50\n");
  const auto one = run_study_share(prepare(triangle_ab(single)), 2, TaskShare{});
  expect_same_totals(one, run_study_share(prepare(triangle_ab(overlapping)), 2, TaskShare{}));
  expect_same_totals(one, run_study_share(prepare(triangle_ab(nested)), 2, TaskShare{}));
  const auto less = run_study_share(prepare(triangle_ab(shorter)), 2, TaskShare{});
  for (std::size_t i = 0; i < one.size(); ++i) EXPECT_GT(one[i].blocked, less[i].blocked);
}

TEST(FailureGroups, ARunWithGroupsIsTheSameWhateverTheThreads) {
  StudySpec spec = nsfnet_spec({200, 250});
  spec.requests = 4'000;
  spec.failures_file = fixture("nsfnet_failures.json");
  spec.protection = "none:1,restore:1,1+1:1";
  const PreparedStudy study = prepare(spec);
  const SimulationResult one = run_study(study, 1);
  const SimulationResult two = run_study(study, 2);
  EXPECT_EQ(study_json(study, one, std::nullopt).dump(),
            study_json(study, two, std::nullopt).dump());
}

TEST(FailureGroups, ABadFailuresFileNamesTheFileThePointerAndWhatWasExpected) {
  struct Case {
    std::string json, says;
  };
  const Case cases[] = {
      {R"({"cuts": [{"at_hours": 1, "fiber": "X-Y", "duration_hours": 1}]})",
       "/cuts/0/fiber: no fibre \"X-Y\""},
      {R"({"cuts": [{"at_hours": 1, "site": "Z", "duration_hours": 1}]})",
       "/cuts/0/site: no site \"Z\""},
      {R"({"cuts": [{"at_hours": 1, "srg": "duct", "duration_hours": 1}]})",
       "/cuts/0/srg: no shared-risk group \"duct\""},
      {R"({"cuts": [{"at_hours": -1, "fiber": "A-B", "duration_hours": 1}]})",
       "/cuts/0/at_hours: -1 is out of range (expected 0 ≤ x"},
      // JSON has no infinities: a number beyond a double's range is refused as it is parsed.
      {R"({"cuts": [{"at_hours": 1, "fiber": "A-B", "duration_hours": 1e999}]})",
       "number overflow"},
      {R"({"cuts": [{"at_hours": "soon", "fiber": "A-B", "duration_hours": 1}]})",
       "/cuts/0/at_hours: \"soon\" is not a number"},
      {R"({"cuts": [{"at_hours": 1, "fiber": "A-B", "site": "A", "duration_hours": 1}]})",
       "/cuts/0: a cut names 2 targets"},
      {R"({"cuts": [{"at_hours": 1, "fiber": "A-B"}]})",
       "/cuts/0/duration_hours: missing required field"},
      {R"({"cuts": [{"at_hours": 1, "fiber": "A-B", "duration_hours": 5},
                    {"at_hours": 3, "fiber": "A-B", "duration_hours": 1}]})",
       "/cuts/1: its target is cut again before its previous cut is repaired"},
      {R"({"cuts": {"at_hours": 1}})", "/cuts"},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": ["A-B"], "mtbf_hours": 0,
           "mttr_hours": 1}]})",
       "/shared_risk_groups/0/mtbf_hours: 0 is out of range (expected 0.001 ≤ x"},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": ["A-B"], "mtbf_hours": 10}]})",
       "/shared_risk_groups/0/mttr_hours: missing \"mttr_hours\""},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": ["A-B"], "mtbf_hours": 10,
           "mttr_hours": -2}]})",
       "/shared_risk_groups/0/mttr_hours: -2 is out of range (expected 0 ≤ x"},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": ["A-B", "Q"]}]})",
       "/shared_risk_groups/0/fibers/1: no fibre \"Q\""},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": ["A-B", "A-B"]}]})",
       "/shared_risk_groups/0/fibers/1: fibre \"A-B\" is listed twice"},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": [3]}]})",
       "/shared_risk_groups/0/fibers/0: 3 is not a fibre id"},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": []}]})",
       "/shared_risk_groups/0/fibers: an empty list"},
      {R"({"shared_risk_groups": [{"id": "d", "fibers": ["A-B"]}, {"id": "d", "fibers": ["A-C"]}]})",
       "/shared_risk_groups/1/id: shared-risk group \"d\" is listed twice"},
      {R"({"shared_risk_groups": [{"id": 7, "fibers": ["A-B"]}]})", "/shared_risk_groups/0/id"},
      {R"({"sites": {"mtbf_hours": "often", "mttr_hours": 1}})", "/sites/mtbf_hours"},
      {R"({"sites": {"mtbf_hours": 1e13, "mttr_hours": 1}})",
       "/sites/mtbf_hours: 1e+13 is out of range"},
      {R"({"sites": {}})", "/sites: no rates"},
      {R"({"fibers": {"mtbf_hours_per_1000km": 100, "mttr_hours": 1e10}})",
       "/fibers/mttr_hours: 1e+10 is out of range"},
      {R"({"cut": []})", "unknown"},
      {R"([1, 2])", "is not an object"},
      {R"({"cuts": [)", "line"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string file = write("bad_failures_" + std::to_string(n++) + ".json", c.json);
    StudySpec spec = triangle_ab(file);
    const auto s = prepare_study(spec);
    ASSERT_FALSE(s) << c.json;
    const std::string text = s.error().to_string();
    EXPECT_NE(text.find(file), std::string::npos) << text;
    EXPECT_NE(text.find(c.says), std::string::npos) << text;
  }
  // YAML has them: .inf and .nan are refused at their pointer.
  for (const char* v : {".inf", ".nan", "-.inf"}) {
    const std::string file =
        write("bad_failures.yaml", std::string("cuts:\n  - at_hours: ") + v +
                                       "\n    fiber: A-B\n    duration_hours: 1\n");
    const auto s = prepare_study(triangle_ab(file));
    ASSERT_FALSE(s) << v;
    EXPECT_NE(s.error().to_string().find("/cuts/0/at_hours"), std::string::npos)
        << s.error().to_string();
  }
  // --failures and the file's "fibers" both giving the fibres' rates.
  StudySpec twice = triangle_ab(write("twice.json", R"({"fibers": {"mtbf_hours_per_1000km": 100,
      "mttr_hours": 1}})"));
  twice.failures = "100,1";
  const auto s = prepare_study(twice);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().to_string().find("given twice"), std::string::npos) << s.error().to_string();
  // Legal rates that would make a replication go through about 10¹² site failures.
  StudySpec busy = triangle_ab(write("busy.json", R"({"sites": {"mtbf_hours": 0.001,
      "mttr_hours": 0}})"));
  busy.time_unit_hours = 1e6;
  const auto b = prepare_study(busy);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().to_string().find("--failures-file: about"), std::string::npos)
      << b.error().to_string();
}

}  // namespace
}  // namespace lightmesh::sim
