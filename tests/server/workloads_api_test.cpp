// POST/GET/DELETE /api/v1/workloads: a placement provisions its lightpaths and grants its compute
// in one transaction, survives a restart, is visible only to its tenant, and a delete releases all
// of it. Bad documents are 400 with the field; refusals are 409 and book nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server/server_test_support.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::call;

// 4,096 GPUs: more than any London site holds, so the job spans sites and needs lightpaths.
const std::string kTraining = R"({"kind": "training", "name": "llm", "gpus": 4096,
  "gpu_model": "H100", "params_b": 7, "layers": 32, "hidden": 4096, "seq": 4096,
  "micro_batch": 1, "tp": 8, "pp": 1, "dp": 512, "step_compute_s": 30, "sync": "dp"})";

const std::string kInference = R"({"kind": "inference", "data_site": "LD8",
  "allowed_jurisdictions": ["GB"], "confidential": true, "diskless": true, "gpus": 64,
  "bandwidth_gbps": 100, "max_rtt_us": 2000})";

TEST(WorkloadsApi, PlaceListGetDeleteReleasesEverything) {
  const auto db = test_support::temp_dir("workloads") / "state.db";
  auto c = test_support::make_sqlite_controller(db);
  auto created = call(*c, "POST", "/api/v1/workloads", "bank-token-1", kTraining);
  ASSERT_EQ(created.status, 201) << created.body;
  const json w = json::parse(created.body);
  const std::string id = w["id"];
  EXPECT_EQ(w["kind"], "training");
  EXPECT_EQ(w["tenant"], "bank");
  EXPECT_LE(w["prediction"]["slowdown"].get<double>(), 1.05);
  std::uint32_t granted = 0;
  for (const auto& g : w["grants"]) granted += g["gpus"].get<std::uint32_t>();
  EXPECT_EQ(granted, 4096u);
  ASSERT_GE(w["services"].size(), 1u);
  EXPECT_FALSE(w["lightpaths"].empty());

  // Each service is a real one, and cannot be deleted on its own.
  const std::string svc = w["services"][0]["id"];
  EXPECT_EQ(call(*c, "GET", "/api/v1/services/" + svc, "bank-token-1").status, 200);
  EXPECT_GE(call(*c, "DELETE", "/api/v1/services/" + svc, "bank-token-1").status, 400);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services/" + svc, "bank-token-1").status, 200);

  // Another tenant sees nothing of it.
  EXPECT_EQ(call(*c, "GET", "/api/v1/workloads/" + id, "tv-token-123").status, 404);
  EXPECT_EQ(json::parse(call(*c, "GET", "/api/v1/workloads", "tv-token-123").body)["items"].size(),
            0u);
  EXPECT_EQ(call(*c, "DELETE", "/api/v1/workloads/" + id, "tv-token-123").status, 404);
  EXPECT_EQ(call(*c, "POST", "/api/v1/workloads", "audit-token-1", kTraining).status, 403);

  // A restart keeps the workload, its grants and its services.
  c = test_support::make_sqlite_controller(db);
  auto got = call(*c, "GET", "/api/v1/workloads/" + id, "bank-token-1");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(json::parse(got.body)["grants"], w["grants"]);

  EXPECT_EQ(call(*c, "DELETE", "/api/v1/workloads/" + id, "bank-token-1").status, 204);
  EXPECT_EQ(call(*c, "GET", "/api/v1/workloads/" + id, "bank-token-1").status, 404);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services/" + svc, "bank-token-1").status, 404);
  const json services = json::parse(call(*c, "GET", "/api/v1/services", "admin-token-1").body);
  EXPECT_TRUE(services["items"].empty());
}

TEST(WorkloadsApi, ComputeIsNeverGrantedTwice) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("workloads") / "s.db");
  // RDG is London's only confidential, diskless GPU site (512 H100): eight 64-GPU jobs fill it.
  int placed = 0, refused = 0;
  for (int i = 0; i < 10; ++i) {
    auto r = call(*c, "POST", "/api/v1/workloads", "bank-token-1", kInference);
    if (r.status == 201) {
      ++placed;
      const json w = json::parse(r.body);
      EXPECT_EQ(w["audit"]["data_at_rest"], json::array({"LD8"}));
    } else {
      ASSERT_EQ(r.status, 409) << r.body;
      const json j = json::parse(r.body);
      EXPECT_TRUE(j.contains("refused"));
      EXPECT_FALSE(j["refused"]["rule"].get<std::string>().empty());
      ++refused;
    }
  }
  EXPECT_EQ(placed, 8);
  EXPECT_EQ(refused, 2);
  // The metrics count them: 8 × 64 GPUs granted.
  const std::string metrics = call(*c, "GET", "/metrics", "admin-token-1").body;
  EXPECT_NE(metrics.find("lightmesh_workloads 8\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("lightmesh_gpus{state=\"granted\"} 512\n"), std::string::npos) << metrics;
}

// Sixteen clients at once: each choice is made without the controller's lock, so some are made
// on a snapshot another placement has changed since. Those are chosen again under the lock, and
// the GPUs are still granted once: eight jobs fill RDG, eight are refused.
TEST(WorkloadsApi, ConcurrentPlacementsNeverGrantTheSameGpus) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("workloads") / "p.db");
  std::atomic<int> placed = 0, refused = 0, other = 0;
  std::vector<std::thread> clients;
  for (int i = 0; i < 16; ++i) {
    clients.emplace_back([&] {
      const int status = call(*c, "POST", "/api/v1/workloads", "bank-token-1", kInference).status;
      (status == 201 ? placed : status == 409 ? refused : other)++;
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(placed.load(), 8);
  EXPECT_EQ(refused.load(), 8);
  EXPECT_EQ(other.load(), 0);
  const std::string metrics = call(*c, "GET", "/metrics", "admin-token-1").body;
  EXPECT_NE(metrics.find("lightmesh_gpus{state=\"granted\"} 512\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("lightmesh_workload_decisions_redone_total "), std::string::npos);
}

TEST(WorkloadsApi, GetShowsTheLightpathsAsTheyAreAfterACut) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("workloads") / "c.db");
  auto created = call(*c, "POST", "/api/v1/workloads", "bank-token-1", kInference);
  ASSERT_EQ(created.status, 201) << created.body;
  const json w = json::parse(created.body);
  const std::string fiber = w["lightpaths"][0]["fibers"][0];
  auto cut = call(*c, "POST", "/api/v1/failures", "admin-token-1", json{{"fiber", fiber}}.dump());
  ASSERT_EQ(cut.status, 200) << cut.body;
  EXPECT_EQ(json::parse(cut.body)["affected"][0]["outcome"], "restored") << cut.body;
  const json now = json::parse(
      call(*c, "GET", "/api/v1/workloads/" + w["id"].get<std::string>(), "bank-token-1").body);
  EXPECT_EQ(now["state"], "up");
  ASSERT_FALSE(now["lightpaths"].empty());
  for (const auto& lp : now["lightpaths"]) {
    for (const auto& f : lp["fibers"]) EXPECT_NE(f, fiber);
    EXPECT_LE(lp["rtt_us"].get<double>(), 2000.0);
    EXPECT_TRUE(lp.contains("purpose"));
  }
}

TEST(WorkloadsApi, BadDocumentsNameTheField) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("workloads") / "b.db");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"kind": "teleport"})", "/kind"},
      {R"({"kind": "inference", "data_site": "NOWHERE", "allowed_jurisdictions": ["GB"],
          "gpus": 8, "bandwidth_gbps": 10, "max_rtt_us": 1000})",
       "/data_site"},
      {R"({"kind": "training", "gpus": 96, "gpu_model": "H100", "params_b": 7, "layers": 32,
          "hidden": 4096, "seq": 4096, "micro_batch": 1, "tp": 8, "pp": 2, "dp": 4,
          "step_compute_s": 1, "sync": "dp"})",
       "/gpus"},
      {R"({"kind": "training", "gpus": 1000000, "gpu_model": "H100", "params_b": 7,
          "layers": 32, "hidden": 4096, "seq": 4096, "micro_batch": 1, "tp": 8, "pp": 1,
          "dp": 125000, "step_compute_s": 1, "sync": "dp"})",
       "/gpus"},
  };
  for (const auto& [body, where] : cases) {
    auto r = call(*c, "POST", "/api/v1/workloads", "bank-token-1", body);
    EXPECT_EQ(r.status, 400) << body << "\n" << r.body;
    const json j = json::parse(r.body);
    EXPECT_EQ(j["where"], where) << r.body;
  }
  EXPECT_TRUE(
      json::parse(call(*c, "GET", "/api/v1/services", "admin-token-1").body)["items"].empty());
}

}  // namespace
}  // namespace lightmesh::server
