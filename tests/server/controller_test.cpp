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

// A service's answers (create, get, list) are written member by member rather than dumped from a
// tree. They must still read as dump(2) writes them, carry every field of the contract in order,
// and agree with themselves: the latency parts add up to one_way_us, one leg of 1+1 is active.
TEST(Controller, AServiceAnswerIsCanonicalJsonWithEveryField) {
  using ordered = nlohmann::ordered_json;
  auto c = make_controller(temp_db());
  const std::string body =
      R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100, "max_rtt_us": 1000,)"
      R"( "protection": "1+1", "latency_group": "g \"1\"", "name": "tab\there ✓ \u0001"})";
  const HttpResponse created = call(*c, "POST", "/api/v1/services", "bank-token-1", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const ordered made = ordered::parse(created.body);
  const std::string id = made["id"];
  const HttpResponse got = call(*c, "GET", "/api/v1/services/" + id, "bank-token-1");
  const HttpResponse listed = call(*c, "GET", "/api/v1/services", "bank-token-1");
  for (const HttpResponse* r : {&created, &got, &listed})
    EXPECT_EQ(r->body, ordered::parse(r->body).dump(2) + "\n");
  EXPECT_EQ(got.body, created.body);
  const ordered page = ordered::parse(listed.body);
  EXPECT_EQ(page["items"][0], made);
  EXPECT_TRUE(page["next"].is_null());

  EXPECT_EQ(made["name"], "tab\there ✓ \u0001");
  EXPECT_EQ(made["latency_group"], "g \"1\"");
  EXPECT_EQ(made["max_rtt_us"], 1000.0);
  const std::vector<std::string> service_keys = {
      "id",         "tenant",     "name",          "state",     "from", "to", "bandwidth_gbps",
      "protection", "max_rtt_us", "latency_group", "lightpaths"};
  std::vector<std::string> keys;
  for (const auto& [k, v] : made.items()) keys.push_back(k);
  EXPECT_EQ(keys, service_keys);
  const std::vector<std::string> lightpath_keys = {"demand",
                                                   "role",
                                                   "route",
                                                   "fibers",
                                                   "length_km",
                                                   "one_way_us",
                                                   "rtt_us",
                                                   "mode",
                                                   "bit_rate_gbps",
                                                   "center_thz",
                                                   "width_ghz",
                                                   "n",
                                                   "m",
                                                   "spectrum",
                                                   "first_slot",
                                                   "slot_count",
                                                   "gsnr_db",
                                                   "gsnr_bw_db",
                                                   "gsnr_mean_db",
                                                   "gsnr_reverse_mean_db",
                                                   "gsnr_channel_db",
                                                   "required_osnr_db",
                                                   "margin_db",
                                                   "added_delay_us",
                                                   "active",
                                                   "latency_us"};
  ASSERT_EQ(made["lightpaths"].size(), 2u);
  int active = 0;
  for (const ordered& lp : made["lightpaths"]) {
    keys.clear();
    for (const auto& [k, v] : lp.items()) keys.push_back(k);
    EXPECT_EQ(keys, lightpath_keys);
    EXPECT_EQ(lp["demand"], id);
    active += lp["active"].get<bool>();
    double parts = 0;
    for (const auto& [k, v] : lp["latency_us"].items()) parts += v.get<double>();
    EXPECT_NEAR(parts, lp["one_way_us"].get<double>(), 0.01);
    EXPECT_NEAR(lp["rtt_us"].get<double>(), 2 * lp["one_way_us"].get<double>(), 0.002);
  }
  EXPECT_EQ(active, 1);
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
