// POST /api/v1/twin/simulate: a blocking-against-load study from the controller's live state.
// Truths: an empty controller's twin is the simulation of its network file (run here through the
// simulator directly); the spectrum held equals what the services' lightpaths hold, counted from
// their own answers; a cut fibre is held whole; booked services raise blocking beyond both CIs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server/server_test_support.h"
#include "sim/study.h"
#include "sim/study_json.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::call;

constexpr const char* kAdmin = "admin-token-1";

json twin(Controller& c, const json& body, int expected = 200) {
  const HttpResponse r = call(c, "POST", "/api/v1/twin/simulate", kAdmin, body.dump());
  EXPECT_EQ(r.status, expected) << r.body;
  return json::parse(r.body);
}

TEST(TwinRoute, EmptyControllerIsTheSimulationOfItsNetworkFile) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("twin") / "state.db");
  const json body = {{"loads", {600, 1200}}, {"requests", 4000}, {"warmup", 400},
                     {"replications", 3},    {"seed", 11},       {"k", 3}};
  const json got = twin(*c, body);

  sim::StudySpec spec;
  spec.network = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
  spec.loads = {600, 1200};
  spec.requests = 4000;
  spec.warmup = 400;
  spec.replications = 3;
  spec.seed = 11;
  spec.k = 3;
  const sim::PreparedStudy study = sim::prepare_study(spec).value();
  const json direct =
      json::parse(sim::study_json(study, sim::run_study(study, 1), std::nullopt).dump());
  EXPECT_EQ(got["points"], direct["points"]);
  EXPECT_EQ(got["config"]["candidate_paths"], direct["config"]["candidate_paths"]);
  EXPECT_EQ(got["config"]["from_db"]["services"], 0);
  EXPECT_EQ(got["config"]["from_db"]["booked_link_slots"], 0);
  // The loads are high enough to block on London's 384 slots: the comparison is not of zeros.
  EXPECT_GT(got["points"][1]["service_blocking"]["mean"].get<double>(), 0.01);
  EXPECT_GT(got["requests_per_second"].get<double>(), 0);
}

TEST(TwinRoute, HoldsExactlyTheServicesSpectrumAndCutFibresWhole) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("twin") / "state.db");
  std::uint64_t held = 0;  // 6.25 GHz slots × fibres over every lightpath
  const char* pairs[][2] = {{"LSE", "LD4"}, {"THN", "RDG"}, {"LD8", "CAMBRIDGE"}, {"LSE", "MAN"}};
  for (const auto& p : pairs) {
    const json req = {{"from", p[0]}, {"to", p[1]}, {"bandwidth_gbps", 400}};
    const HttpResponse r = call(*c, "POST", "/api/v1/services", kAdmin, req.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    const json created = json::parse(r.body);
    for (const json& lp : created["lightpaths"])
      held += lp["slot_count"].get<std::uint64_t>() * lp["fibers"].size();
  }
  ASSERT_GT(held, 0u);
  // On the flex grid's own 6.25 GHz slots each booked slot is one simulated slot; undirected, a
  // lightpath's two directions are one link.
  const json body = {{"loads", {100}}, {"requests", 500}, {"slot_ghz", 6.25}};
  json got = twin(*c, body);
  EXPECT_EQ(got["config"]["from_db"]["services"], 4);
  EXPECT_EQ(got["config"]["from_db"]["booked_link_slots"].get<std::uint64_t>(), held);

  // A cut fibre carries nothing new: every one of its slots is held.
  const json fibers = json::parse(call(*c, "GET", "/api/v1/fibers", kAdmin).body)["items"];
  std::string spare;  // a fibre no service uses
  for (const json& f : fibers)
    if (f["slots_used"] == 0) spare = f["id"];
  ASSERT_FALSE(spare.empty());
  ASSERT_EQ(call(*c, "POST", "/api/v1/failures", kAdmin, json{{"fiber", spare}}.dump()).status,
            200);
  got = twin(*c, body);
  EXPECT_EQ(got["config"]["from_db"]["cut_fibers"], 1);
  EXPECT_EQ(got["config"]["from_db"]["booked_link_slots"].get<std::uint64_t>(),
            held + got["config"]["slots"].get<std::uint64_t>());
}

TEST(TwinRoute, BookedServicesRaiseBlockingBeyondBothIntervals) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("twin") / "state.db");
  const json body = {{"loads", {300}}, {"requests", 4000}, {"replications", 4}};
  const json empty = twin(*c, body)["points"][0]["service_blocking"];
  // Fill the spectrum out of LSE until the controller refuses.
  for (int i = 0; i < 400; ++i) {
    const json req = {{"from", "LSE"}, {"to", i % 2 ? "LD4" : "THN"}, {"bandwidth_gbps", 400}};
    if (call(*c, "POST", "/api/v1/services", kAdmin, req.dump()).status != 201) break;
  }
  const json full = twin(*c, body)["points"][0]["service_blocking"];
  EXPECT_GT(full["mean"].get<double>() - full["ci95"].get<double>(),
            empty["mean"].get<double>() + empty["ci95"].get<double>());
}

TEST(TwinRoute, AdminOnly) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("twin") / "state.db");
  const std::string body = R"({"loads":[10],"requests":100})";
  EXPECT_EQ(call(*c, "POST", "/api/v1/twin/simulate", "bank-token-1", body).status, 403);
  EXPECT_EQ(call(*c, "POST", "/api/v1/twin/simulate", "audit-token-1", body).status, 403);
  EXPECT_EQ(call(*c, "POST", "/api/v1/twin/simulate", "", body).status, 401);
  EXPECT_EQ(call(*c, "POST", "/api/v1/twin/simulate", kAdmin, body).status, 200);
}

TEST(TwinRoute, BadStudiesAre400AtTheirField) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("twin") / "state.db");
  const std::pair<std::string, std::string> cases[] = {
      {R"({})", "/loads"},
      {R"({"loads":[]})", "/loads"},
      {R"({"loads":[0]})", "/loads/0"},
      {R"({"loads":[10,-1]})", "/loads/1"},
      {R"({"loads":[1e308]})", "/loads/0"},
      {R"({"loads":["x"]})", "/loads/0"},
      {R"({"loads":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]})", "/loads"},
      {R"({"loads":[10],"requests":0})", "/requests"},
      {R"({"loads":[10],"requests":1e19})", "/requests"},
      {R"({"loads":[10],"replications":1})", "/replications"},
      {R"({"loads":[10],"k":0})", "/k"},
      {R"({"loads":[10],"policy":"best"})", "/policy"},
      {R"({"loads":[10],"bitrate_min_gbps":400,"bitrate_max_gbps":100})", "/bitrate_min_gbps"},
      {R"({"loads":[10],"holding_mean":0})", "/holding_mean"},
      {R"({"loads":[10],"slot_ghz":-1})", "/slot_ghz"},
      {R"({"loads":[10],"directed":"yes"})", "/directed"},
      {R"({"loads":[10],"network":"x.json"})", "/network"},
      // 16 × 100 × 1.1e6 arrivals: far beyond what a server runs for one request.
      {R"({"loads":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],"replications":100,
          "requests":1000000})",
       ""},
  };
  for (const auto& [body, where] : cases) {
    const HttpResponse r = call(*c, "POST", "/api/v1/twin/simulate", kAdmin, body);
    EXPECT_EQ(r.status, 400) << body << "\n" << r.body;
    if (r.status == 400) {
      EXPECT_EQ(json::parse(r.body)["where"], where) << body;
    }
  }
}

TEST(TwinRoute, SameSeedSameAnswer) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("twin") / "state.db");
  const json body = {{"loads", {800}}, {"requests", 2000}, {"replications", 2}, {"seed", 5}};
  EXPECT_EQ(twin(*c, body)["points"], twin(*c, body)["points"]);
  json other = body;
  other["seed"] = 6;
  EXPECT_NE(twin(*c, body)["points"], twin(*c, other)["points"]);
}

}  // namespace
}  // namespace lightmesh::server
