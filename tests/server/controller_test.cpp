// The REST API in-process and over loopback: auth (401/403), tenant isolation, idempotency,
// pagination, bad input that changes nothing, failures, and durability across a restart.
#include "server/controller.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "io/load.h"
#include "server/http_server.h"
#include "server/server_test_support.h"
#include "store/sqlite_store.h"

namespace lightmesh::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using test_support::call;
using test_support::kTokens;
using test_support::london;

std::string temp_db() { return (test_support::temp_dir("server") / "state.db").string(); }

std::unique_ptr<Controller> make_controller(const std::string& db) {
  return test_support::make_sqlite_controller(db);
}

const std::string kLseLd4 =
    R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 400, "max_rtt_us": 1000})";

TEST(Controller, CreateGetDeleteWithContractFields) {
  auto c = make_controller(temp_db());
  auto r = call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
  ASSERT_EQ(r.status, 201) << r.body;
  const json s = json::parse(r.body);
  EXPECT_EQ(s["tenant"], "bank");
  EXPECT_EQ(s["state"], "up");
  ASSERT_EQ(s["lightpaths"].size(), 1u);
  for (const char* field :
       {"route", "fibers", "length_km", "one_way_us", "rtt_us", "mode", "bit_rate_gbps",
        "center_thz", "width_ghz", "n", "m", "added_delay_us"}) {
    EXPECT_TRUE(s["lightpaths"][0].contains(field)) << field;
  }
  EXPECT_LE(s["lightpaths"][0]["rtt_us"].get<double>(), 1000.0);
  const std::string id = s["id"];
  EXPECT_EQ(call(*c, "GET", "/api/v1/services/" + id, "bank-token-1").status, 200);
  EXPECT_EQ(call(*c, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services/" + id, "bank-token-1").status, 404);
}

TEST(Controller, RefusalsAre409WithTheReason) {
  auto c = make_controller(temp_db());
  auto r = call(*c, "POST", "/api/v1/services", "bank-token-1",
                R"({"from": "LSE", "to": "MAN", "bandwidth_gbps": 100, "max_rtt_us": 1000})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(json::parse(r.body)["error"], "LATENCY_BOUND");
}

TEST(Controller, AuthAndTenantIsolation) {
  auto c = make_controller(temp_db());
  EXPECT_EQ(call(*c, "GET", "/healthz", "").status, 200);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services", "").status, 401);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services", "wrong-token").status, 401);
  EXPECT_EQ(call(*c, "POST", "/api/v1/services", "audit-token-1", kLseLd4).status, 403);
  EXPECT_EQ(call(*c, "POST", "/api/v1/failures", "bank-token-1", R"({"fiber": "LSE-LD8"})").status,
            403);
  const std::string id =
      json::parse(call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4).body)["id"];
  // Another tenant cannot see, list or delete it, and learns nothing (404, as for a missing id).
  EXPECT_EQ(call(*c, "GET", "/api/v1/services/" + id, "tv-token-123").status, 404);
  EXPECT_EQ(call(*c, "DELETE", "/api/v1/services/" + id, "tv-token-123").status, 404);
  EXPECT_TRUE(
      json::parse(call(*c, "GET", "/api/v1/services", "tv-token-123").body)["items"].empty());
  EXPECT_EQ(json::parse(call(*c, "GET", "/api/v1/services", "admin-token-1").body)["items"].size(),
            1u);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services/" + id, "bank-token-1").status, 200);
}

TEST(Controller, IdempotencyKeyReturnsTheFirstAnswer) {
  auto c = make_controller(temp_db());
  auto a =
      call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4, {{"idempotency-key", "k1"}});
  auto b =
      call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4, {{"idempotency-key", "k1"}});
  EXPECT_EQ(a.status, 201);
  EXPECT_EQ(b.body, a.body);
  EXPECT_EQ(json::parse(call(*c, "GET", "/api/v1/services", "bank-token-1").body)["items"].size(),
            1u);
  auto other =
      call(*c, "POST", "/api/v1/services", "bank-token-1",
           R"({"from": "LSE", "to": "LD8", "bandwidth_gbps": 100})", {{"idempotency-key", "k1"}});
  EXPECT_EQ(other.status, 409);
  // Keys are per tenant: another tenant's k1 is a new request.
  auto tv =
      call(*c, "POST", "/api/v1/services", "tv-token-123", kLseLd4, {{"idempotency-key", "k1"}});
  EXPECT_EQ(tv.status, 201);
  EXPECT_NE(json::parse(tv.body)["id"], json::parse(a.body)["id"]);
}

TEST(Controller, IdempotencyKeySurvivesARestart) {
  const std::string db = temp_db();
  std::string first;
  {
    auto c = make_controller(db);
    auto a =
        call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4, {{"idempotency-key", "k9"}});
    ASSERT_EQ(a.status, 201);
    first = a.body;
  }
  auto c = make_controller(db);
  auto again =
      call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4, {{"idempotency-key", "k9"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first);
  EXPECT_EQ(json::parse(call(*c, "GET", "/api/v1/services", "bank-token-1").body)["items"].size(),
            1u);
  auto too_long = call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4,
                       {{"idempotency-key", std::string(256, 'k')}});
  EXPECT_EQ(too_long.status, 400);
}

TEST(Controller, PaginationWalksEveryServiceOnce) {
  auto c = make_controller(temp_db());
  for (int i = 0; i < 7; ++i) {
    ASSERT_EQ(call(*c, "POST", "/api/v1/services", "bank-token-1",
                   R"({"from": "LSE", "to": "LD8", "bandwidth_gbps": 100})")
                  .status,
              201);
  }
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  while (true) {
    const json page = json::parse(
        call(*c, "GET", "/api/v1/services?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor),
             "bank-token-1")
            .body);
    for (const auto& s : page["items"]) EXPECT_TRUE(seen.insert(s["id"].get<std::string>()).second);
    ++pages;
    if (page["next"].is_null()) break;
    cursor = page["next"];
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services?limit=0", "bank-token-1").status, 400);
}

TEST(Controller, BadInputChangesNothing) {
  auto c = make_controller(temp_db());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", "parse_error"},
      {"[]", "invalid_input"},
      {R"({"from": 3, "to": "LD4", "bandwidth_gbps": 1})", "invalid_input"},
      {R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": -1})", "invalid_input"},
      {R"({"from": "LSE", "to": "LD4"})", "invalid_input"},
      {R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 1, "protection": "2+2"})",
       "invalid_input"},
      {R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 1, "colour": "red"})", "invalid_input"},
  };
  for (const auto& [body, error] : cases) {
    auto r = call(*c, "POST", "/api/v1/services", "bank-token-1", body);
    EXPECT_EQ(r.status, 400) << body;
    const json j = json::parse(r.body);
    EXPECT_EQ(j["error"], error) << body;
    EXPECT_TRUE(j.contains("detail") && j.contains("where"));
  }
  EXPECT_EQ(call(*c, "POST", "/api/v1/services", "bank-token-1",
                 R"({"from": "LSE", "to": "NOPE", "bandwidth_gbps": 1})")
                .status,
            409);
  EXPECT_EQ(call(*c, "DELETE", "/api/v1/services/svc-999999", "admin-token-1").status, 404);
  EXPECT_EQ(call(*c, "POST", "/api/v1/failures", "admin-token-1", R"({"fiber": "NOPE"})").status,
            404);
  EXPECT_EQ(call(*c, "GET", "/api/v1/nothing", "admin-token-1").status, 404);
  EXPECT_TRUE(
      json::parse(call(*c, "GET", "/api/v1/services", "admin-token-1").body)["items"].empty());
  EXPECT_TRUE(
      json::parse(call(*c, "GET", "/api/v1/events", "admin-token-1").body)["items"].empty());
}

TEST(Controller, FailuresRestoreAndStateSurvivesARestart) {
  const std::string db = temp_db();
  std::string id;
  {
    auto c = make_controller(db);
    const json s = json::parse(
        call(*c, "POST", "/api/v1/services", "bank-token-1",
             R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100, "protection": "restore"})")
            .body);
    id = s["id"];
    const std::string fiber = s["lightpaths"][0]["fibers"][0];
    const json cut = json::parse(
        call(*c, "POST", "/api/v1/failures", "admin-token-1", "{\"fiber\": \"" + fiber + "\"}")
            .body);
    ASSERT_EQ(cut["affected"].size(), 1u);
    EXPECT_EQ(cut["affected"][0]["outcome"], "restored");
    const json after = json::parse(call(*c, "GET", "/api/v1/services/" + id, "bank-token-1").body);
    for (const auto& f : after["lightpaths"][0]["fibers"]) EXPECT_NE(f, fiber);
  }
  auto again = make_controller(db);
  const json back = json::parse(call(*again, "GET", "/api/v1/services/" + id, "bank-token-1").body);
  EXPECT_EQ(back["state"], "up");
  EXPECT_EQ(
      json::parse(call(*again, "GET", "/api/v1/failures", "admin-token-1").body)["items"].size(),
      1u);
  EXPECT_GE(
      json::parse(call(*again, "GET", "/api/v1/events", "admin-token-1").body)["items"].size(), 3u);
}

TEST(HttpServer, ServesOverLoopback) {
  auto c = make_controller(temp_db());
  HttpServer http(*c);
  auto port = http.bind("127.0.0.1", 0);
  ASSERT_TRUE(port) << port.error().to_string();
  std::thread t([&] { http.serve(); });
  httplib::Client client("127.0.0.1", *port);
  client.set_connection_timeout(5, 0);
  // A second server cannot take the same port (and so cannot split its traffic).
  HttpServer second(*c);
  EXPECT_FALSE(second.bind("127.0.0.1", *port));
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  httplib::Headers auth = {{"Authorization", "Bearer bank-token-1"}};
  auto created = client.Post("/api/v1/services", auth, kLseLd4, "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201);
  auto big = client.Post("/api/v1/services", auth, std::string(Controller::kMaxBodyBytes + 10, 'x'),
                         "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto metrics = client.Get("/metrics", auth);
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("lightmesh_services{state=\"up\"} 1"), std::string::npos);
  http.stop();
  t.join();
}

}  // namespace
}  // namespace lightmesh::server
