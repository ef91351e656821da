// The REST API's handling of bad input (nothing changes) and the real listener over loopback. The
// behaviours that depend on the store — create/get/delete, refusals, auth and tenants, idempotency,
// pagination, failures — run over SQLite and PostgreSQL alike in store_scenario_test.cpp.
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

using json = nlohmann::json;
using test_support::call;

std::string temp_db() { return (test_support::temp_dir("server") / "state.db").string(); }

std::unique_ptr<Controller> make_controller(const std::string& db) {
  return test_support::make_sqlite_controller(db);
}

const std::string kLseLd4 =
    R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 400, "max_rtt_us": 1000})";

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
