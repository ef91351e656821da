// The REST behaviours that depend on the store, run against SQLite and PostgreSQL alike
// (StoreScenario), and several controllers sharing one PostgreSQL database (PostgresShared): what
// one writes the others see, and concurrent writers through different controllers never book a
// slot twice.
//
//   LIGHTMESH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres build/server_tests
//     --gtest_filter='Postgres*'
//
// Without LIGHTMESH_PG_URL (or LIGHTMESH_PG_URL_FILE, naming a file holding it: ctest's shared
// cluster) the first PostgreSQL test starts a throwaway cluster with scripts/pg-test-cluster.sh and
// the process stops it on exit. If PostgreSQL cannot be installed or started the PostgreSQL tests
// skip, or fail when LIGHTMESH_PG_REQUIRED=1 (CI). docs/testing.md.
#include <gtest/gtest.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "io/load.h"
#include "server/controller.h"
#include "server/pg_test_server.h"
#include "server/server_test_support.h"
#include "server/tapi_ids.h"
#include "server/tapi_test_support.h"
#include "store/migrations.h"
#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace lightmesh::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using test_support::call;
using test_support::kTokens;
using test_support::london;

const std::string kLseLd4 =
    R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 400, "max_rtt_us": 1000})";

using test_support::env;
using test_support::PgServer;

enum class Backend { kSqlite, kPostgres };

// Names the parameter in test names: Postgres/StoreScenario.CreateGetDelete/postgres.
void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::kSqlite ? "sqlite" : "postgres");
}

// Opens stores and controllers over one database made fresh for the test.
class StoreFixture {
 protected:
  // Skips the test (fails it when LIGHTMESH_PG_REQUIRED=1) if PostgreSQL is unavailable.
  void prepare(Backend b) {
    backend_ = b;
    if (b == Backend::kSqlite) {
      // A parameterised test's name has a '/' ("CreateGetDelete/sqlite"): one directory, not two.
      std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
      std::replace(name.begin(), name.end(), '/', '-');
      const fs::path dir = fs::temp_directory_path() /
                           ("lightmesh-scenario-" + std::to_string(::getpid()) + "-" + name);
      fs::remove_all(dir);
      fs::create_directories(dir);
      sqlite_dir_ = dir;
      db_ = (dir / "state.db").string();
      return;
    }
    PgServer& pg = PgServer::get();
    if (!pg.ok()) {
      if (env("LIGHTMESH_PG_REQUIRED") == "1") FAIL() << pg.why_not();
      GTEST_SKIP() << pg.why_not();
    }
    auto url = pg.fresh_database();
    ASSERT_TRUE(url) << url.error().to_string();
    db_ = *url;
  }
  void cleanup() {
    if (!sqlite_dir_.empty()) fs::remove_all(sqlite_dir_);
  }

  std::unique_ptr<store::Store> open_store() {
    if (backend_ == Backend::kSqlite) {
      auto s = store::SqliteStore::open(db_);
      EXPECT_TRUE(s) << s.error().to_string();
      return s ? std::unique_ptr<store::Store>(std::move(*s)) : nullptr;
    }
    auto s = store::PostgresStore::open(db_);
    EXPECT_TRUE(s) << s.error().to_string();
    return s ? std::unique_ptr<store::Store>(std::move(*s)) : nullptr;
  }

  // A controller as `lightmesh serve` builds one: a fabric loaded from the store. Calling it again
  // is a restart, or a second server over the same database.
  std::unique_ptr<Controller> make() {
    auto fabric =
        fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
    auto store = open_store();
    if (!store) return nullptr;
    auto st = store->load_into(fabric);
    EXPECT_TRUE(st) << st.error().to_string();
    return std::make_unique<Controller>(london(), std::move(fabric), std::move(store),
                                        Tokens::parse(kTokens, "t").value());
  }

  Backend backend_ = Backend::kSqlite;
  std::string db_;
  fs::path sqlite_dir_;
};

json get_json(Controller& c, const std::string& path, const std::string& token) {
  const HttpResponse r = call(c, "GET", path, token);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return json::parse(r.body);
}

// Every service the admin sees, all pages.
std::vector<json> all_services(Controller& c) {
  std::vector<json> out;
  std::string cursor;
  while (true) {
    const json page =
        get_json(c, "/api/v1/services?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor),
                 "admin-token-1");
    for (const auto& s : page["items"]) out.push_back(s);
    if (page["next"].is_null()) break;
    cursor = page["next"];
  }
  return out;
}

// No two lightpaths on one fibre overlap in spectrum: a lightpath centred on n × 6.25 GHz and
// m × 12.5 GHz wide takes slots [n − m, n + m).
void expect_no_slot_booked_twice(const std::vector<json>& services) {
  struct Booking {
    std::string service;
    long lo, hi;
  };
  std::map<std::string, std::vector<Booking>> by_fiber;
  for (const auto& s : services) {
    for (const auto& lp : s["lightpaths"]) {
      const long n = lp["n"].get<long>(), m = lp["m"].get<long>();
      for (const auto& f : lp["fibers"])
        by_fiber[f.get<std::string>()].push_back({s["id"].get<std::string>(), n - m, n + m});
    }
  }
  std::size_t pairs = 0;
  for (const auto& [fiber, bookings] : by_fiber) {
    for (std::size_t i = 0; i < bookings.size(); ++i) {
      for (std::size_t j = i + 1; j < bookings.size(); ++j) {
        const auto& a = bookings[i];
        const auto& b = bookings[j];
        ++pairs;
        EXPECT_TRUE(a.hi <= b.lo || b.hi <= a.lo)
            << fiber << ": " << a.service << " [" << a.lo << "," << a.hi << ") and " << b.service
            << " [" << b.lo << "," << b.hi << ")";
      }
    }
  }
  ::testing::Test::RecordProperty("fibre_sharing_pairs", static_cast<int>(pairs));
}

// ---------------------------------------------------------------------------------------------
// The REST behaviours that depend on storage, over each store: each scenario also restarts the
// controller on the same database, so what it checks survives a restart.

class StoreScenario : public StoreFixture, public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { prepare(GetParam()); }
  void TearDown() override { cleanup(); }
};

TEST_P(StoreScenario, CreateGetDelete) {
  auto c = make();
  ASSERT_TRUE(c);
  auto r = call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
  ASSERT_EQ(r.status, 201) << r.body;
  const json s = json::parse(r.body);
  EXPECT_EQ(s["tenant"], "bank");
  EXPECT_EQ(s["state"], "up");
  // 400G over LSE–LD4's four hops: two 200G-16QAM lightpaths (400ZR does not pass there).
  ASSERT_EQ(s["lightpaths"].size(), 2u);
  for (const char* field : {"route", "fibers", "length_km", "one_way_us", "rtt_us", "mode",
                            "bit_rate_gbps", "center_thz", "width_ghz", "n", "m", "gsnr_db",
                            "gsnr_mean_db", "gsnr_channel_db", "margin_db", "added_delay_us"}) {
    EXPECT_TRUE(s["lightpaths"][0].contains(field)) << field;
  }
  EXPECT_LE(s["lightpaths"][0]["rtt_us"].get<double>(), 1000.0);
  const std::string id = s["id"];
  EXPECT_EQ(get_json(*c, "/api/v1/services/" + id, "bank-token-1"), s);
  // What was stored reads back the same after a restart.
  auto again = make();
  EXPECT_EQ(get_json(*again, "/api/v1/services/" + id, "bank-token-1"), s);
  EXPECT_EQ(call(*again, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  EXPECT_EQ(call(*again, "GET", "/api/v1/services/" + id, "bank-token-1").status, 404);
  auto third = make();
  EXPECT_EQ(call(*third, "GET", "/api/v1/services/" + id, "bank-token-1").status, 404);
  EXPECT_EQ(get_json(*third, "/api/v1/events", "admin-token-1")["items"].size(), 2u);
}

TEST_P(StoreScenario, LatencyBoundRefusalStoresNothing) {
  auto c = make();
  auto r = call(*c, "POST", "/api/v1/services", "bank-token-1",
                R"({"from": "LSE", "to": "MAN", "bandwidth_gbps": 100, "max_rtt_us": 1000})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(json::parse(r.body)["error"], "LATENCY_BOUND");
  auto again = make();
  EXPECT_TRUE(all_services(*again).empty());
  EXPECT_TRUE(get_json(*again, "/api/v1/events", "admin-token-1")["items"].empty());
}

TEST_P(StoreScenario, OnePlusOneSwitchesAndStaysSwitchedAcrossARestart) {
  std::string id, fiber;
  {
    auto c = make();
    const auto r =
        call(*c, "POST", "/api/v1/services", "bank-token-1",
             R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100, "protection": "1+1"})");
    ASSERT_EQ(r.status, 201) << r.body;
    const json s = json::parse(r.body);
    id = s["id"];
    ASSERT_EQ(s["lightpaths"].size(), 2u);
    const json& working = s["lightpaths"][0]["active"] ? s["lightpaths"][0] : s["lightpaths"][1];
    fiber = working["fibers"][0];
    const json cut = json::parse(
        call(*c, "POST", "/api/v1/failures", "admin-token-1", "{\"fiber\": \"" + fiber + "\"}")
            .body);
    ASSERT_EQ(cut["affected"].size(), 1u);
    EXPECT_EQ(cut["affected"][0]["outcome"], "switched");
  }
  auto again = make();
  const json s = get_json(*again, "/api/v1/services/" + id, "bank-token-1");
  EXPECT_EQ(s["state"], "up");
  int active = 0;
  for (const auto& lp : s["lightpaths"]) {
    if (!lp["active"]) continue;
    ++active;
    for (const auto& f : lp["fibers"]) EXPECT_NE(f, fiber);
  }
  EXPECT_EQ(active, 1);
}

TEST_P(StoreScenario, CutRestoresAndStateSurvivesARestart) {
  std::string id, fiber;
  {
    auto c = make();
    const json s = json::parse(
        call(*c, "POST", "/api/v1/services", "bank-token-1",
             R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100, "protection": "restore"})")
            .body);
    id = s["id"];
    fiber = s["lightpaths"][0]["fibers"][0];
    const json cut = json::parse(
        call(*c, "POST", "/api/v1/failures", "admin-token-1", "{\"fiber\": \"" + fiber + "\"}")
            .body);
    ASSERT_EQ(cut["affected"].size(), 1u);
    EXPECT_EQ(cut["affected"][0]["outcome"], "restored");
  }
  auto again = make();
  const json back = get_json(*again, "/api/v1/services/" + id, "bank-token-1");
  EXPECT_EQ(back["state"], "up");
  for (const auto& f : back["lightpaths"][0]["fibers"]) EXPECT_NE(f, fiber);
  EXPECT_EQ(get_json(*again, "/api/v1/failures", "admin-token-1")["items"].size(), 1u);
  EXPECT_GE(get_json(*again, "/api/v1/events", "admin-token-1")["items"].size(), 3u);
}

TEST_P(StoreScenario, LatencyGroupStaysEqualisedAcrossARestart) {
  std::vector<std::string> ids;
  {
    auto c = make();
    for (const char* to : {"LD8", "LD4", "THN"}) {
      const auto r = call(*c, "POST", "/api/v1/services", "bank-token-1",
                          std::string(R"({"from": "LSE", "to": ")") + to +
                              R"(", "bandwidth_gbps": 100, "latency_group": "feeds"})");
      ASSERT_EQ(r.status, 201) << r.body;
      ids.push_back(json::parse(r.body)["id"]);
    }
  }
  auto again = make();
  std::vector<double> one_way;
  for (const auto& id : ids) {
    const json s = get_json(*again, "/api/v1/services/" + id, "bank-token-1");
    one_way.push_back(s["lightpaths"][0]["one_way_us"].get<double>());
  }
  for (double v : one_way) EXPECT_NEAR(v, one_way[0], 1.0);
}

TEST_P(StoreScenario, IdempotencyKeyAnswersTheSameAcrossARestart) {
  std::string first;
  {
    auto c = make();
    auto a =
        call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4, {{"idempotency-key", "k9"}});
    ASSERT_EQ(a.status, 201);
    first = a.body;
    auto b =
        call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4, {{"idempotency-key", "k9"}});
    EXPECT_EQ(b.body, first);
  }
  auto c = make();
  auto again =
      call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4, {{"idempotency-key", "k9"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first);
  EXPECT_EQ(all_services(*c).size(), 1u);
  auto other =
      call(*c, "POST", "/api/v1/services", "bank-token-1",
           R"({"from": "LSE", "to": "LD8", "bandwidth_gbps": 100})", {{"idempotency-key", "k9"}});
  EXPECT_EQ(other.status, 409);
  auto tv =
      call(*c, "POST", "/api/v1/services", "tv-token-123", kLseLd4, {{"idempotency-key", "k9"}});
  EXPECT_EQ(tv.status, 201);
  EXPECT_NE(json::parse(tv.body)["id"], json::parse(first)["id"]);
  auto too_long = call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4,
                       {{"idempotency-key", std::string(256, 'k')}});
  EXPECT_EQ(too_long.status, 400);
}

TEST_P(StoreScenario, PaginationWalksEveryServiceOnce) {
  auto c = make();
  for (int i = 0; i < 7; ++i) {
    ASSERT_EQ(call(*c, "POST", "/api/v1/services", "bank-token-1",
                   R"({"from": "LSE", "to": "LD8", "bandwidth_gbps": 100})")
                  .status,
              201);
  }
  auto again = make();
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  while (true) {
    const json page =
        get_json(*again, "/api/v1/services?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor),
                 "bank-token-1");
    for (const auto& s : page["items"]) EXPECT_TRUE(seen.insert(s["id"].get<std::string>()).second);
    ++pages;
    if (page["next"].is_null()) break;
    cursor = page["next"];
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(call(*again, "GET", "/api/v1/services?limit=0", "bank-token-1").status, 400);
}

TEST_P(StoreScenario, AuthAndTenantIsolation) {
  auto c = make();
  EXPECT_EQ(call(*c, "GET", "/healthz", "").status, 200);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services", "").status, 401);
  EXPECT_EQ(call(*c, "GET", "/api/v1/services", "wrong-token").status, 401);
  EXPECT_EQ(call(*c, "POST", "/api/v1/services", "audit-token-1", kLseLd4).status, 403);
  EXPECT_EQ(call(*c, "POST", "/api/v1/failures", "bank-token-1", R"({"fiber": "LSE-LD8"})").status,
            403);
  const std::string id =
      json::parse(call(*c, "POST", "/api/v1/services", "bank-token-1", kLseLd4).body)["id"];
  auto again = make();
  // Another tenant cannot see, list or delete it, and learns nothing (404, as for a missing id).
  EXPECT_EQ(call(*again, "GET", "/api/v1/services/" + id, "tv-token-123").status, 404);
  EXPECT_EQ(call(*again, "DELETE", "/api/v1/services/" + id, "tv-token-123").status, 404);
  EXPECT_TRUE(get_json(*again, "/api/v1/services", "tv-token-123")["items"].empty());
  EXPECT_EQ(get_json(*again, "/api/v1/services", "audit-token-1")["items"].size(), 1u);
  EXPECT_EQ(call(*again, "GET", "/api/v1/services/" + id, "bank-token-1").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreScenario, ::testing::Values(Backend::kSqlite));
INSTANTIATE_TEST_SUITE_P(Postgres, StoreScenario, ::testing::Values(Backend::kPostgres));

// ---------------------------------------------------------------------------------------------
// Several controllers over one PostgreSQL database, as several `lightmesh serve` processes are.

class PostgresShared : public StoreFixture, public ::testing::Test {
 protected:
  void SetUp() override { prepare(Backend::kPostgres); }
};

TEST_F(PostgresShared, CreatesThroughOneAreSeenThroughAnother) {
  auto a = make();
  auto b = make();
  ASSERT_TRUE(a && b);
  const auto r = call(*a, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
  ASSERT_EQ(r.status, 201) << r.body;
  const json s = json::parse(r.body);
  EXPECT_EQ(get_json(*b, "/api/v1/services/" + s["id"].get<std::string>(), "bank-token-1"), s);
  // B's next create comes after A's: a new id, the next event, no slot shared on a shared fibre.
  const auto r2 = call(*b, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
  ASSERT_EQ(r2.status, 201) << r2.body;
  EXPECT_NE(json::parse(r2.body)["id"], s["id"]);
  const json events = get_json(*a, "/api/v1/events", "admin-token-1")["items"];
  ASSERT_EQ(events.size(), 2u);
  expect_no_slot_booked_twice(all_services(*a));
}

TEST_F(PostgresShared, TapiServicesAreSharedToo) {
  auto a = make();
  auto b = make();
  ASSERT_TRUE(a && b);
  const std::string context =
      "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context";
  const json entry = {
      {"end-point",
       {{{"local-id", "a"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LSE")}}}},
        {{"local-id", "z"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LD4")}}}}}},
      {"requested-capacity", {{"total-size", {{"value", 100}, {"unit", "GBPS"}}}}}};
  const auto created = call(*a, "POST", context, "bank-token-1",
                            json{{"tapi-connectivity:connectivity-service", {entry}}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  // The uuid of the service A created, as B reports it through both APIs.
  const json listed = get_json(*b, "/api/v1/services", "bank-token-1");
  ASSERT_EQ(listed["items"].size(), 1u);
  const std::string id = listed["items"][0]["id"];
  const std::string uuid = service_uuid(id, "");
  EXPECT_EQ(call(*b, "GET", context + "/connectivity-service=" + uuid, "bank-token-1").status, 200);
  const auto deleted =
      call(*b, "POST", "/restconf/operations/tapi-connectivity:delete-connectivity-service",
           "bank-token-1", json{{"input", {{"uuid", uuid}}}}.dump());
  EXPECT_LT(deleted.status, 300) << deleted.body;
  EXPECT_EQ(call(*a, "GET", context + "/connectivity-service=" + uuid, "bank-token-1").status, 404);
}

TEST_F(PostgresShared, EveryTapiRouteAnswersThroughEitherServer) {
  auto a = make();
  auto b = make();
  ASSERT_TRUE(a && b);
  const std::string ctx = "/restconf/data/tapi-common:context";
  const std::string conn = ctx + "/tapi-connectivity:connectivity-context";
  const std::string topo_ctx = ctx + "/tapi-topology:topology-context";
  const std::string ops = "/restconf/operations/";
  // Each step goes to the other server than the one before, so every answer depends on what the
  // other wrote to the shared database.
  int turn = 0;
  auto next = [&]() -> Controller& { return ++turn % 2 ? *a : *b; };
  auto ok = [&](const std::string& method, const std::string& path, const std::string& body = "") {
    // Each answer is also checked against TAPI 2.1.3 (tapi_test_support.h).
    const HttpResponse r = test_support::tapi_call(next(), method, path, "bank-token-1", body);
    EXPECT_LT(r.status, 300) << method << " " << path << ": " << r.body;
    return r.body.empty() ? json() : json::parse(r.body);
  };
  const json context = ok("GET", ctx);
  EXPECT_EQ(context["tapi-common:context"]["service-interface-point"].size(),
            london().sites().size());
  ok("GET", ctx + "/service-interface-point=" + sip_uuid("LSE"));
  const std::string topology =
      ok("GET", topo_ctx)["tapi-topology:topology-context"]["topology"][0]["uuid"];
  ok("GET", topo_ctx + "/topology=" + topology);
  ok("POST", ops + "tapi-topology:get-topology-details",
     json{{"input", {{"topology-id-or-name", topology}}}}.dump());
  ok("POST", ops + "tapi-common:get-service-interface-point-list", R"({"input": {}})");

  auto entry = [](const std::string& from, const std::string& to) {
    return json{{"end-point",
                 {{{"local-id", "a"},
                   {"service-interface-point", {{"service-interface-point-uuid", sip_uuid(from)}}}},
                  {{"local-id", "z"},
                   {"service-interface-point", {{"service-interface-point-uuid", sip_uuid(to)}}}}}},
                {"requested-capacity", {{"total-size", {{"value", 100}, {"unit", "GBPS"}}}}}};
  };
  ok("POST", conn, json{{"tapi-connectivity:connectivity-service", {entry("LSE", "LD4")}}}.dump());
  ok("POST", ops + "tapi-connectivity:create-connectivity-service",
     json{{"input", entry("LSE", "LD8")}}.dump());
  const json listed = ok("GET", conn)["tapi-connectivity:connectivity-context"];
  ASSERT_EQ(listed["connectivity-service"].size(), 2u) << listed.dump();
  const json rpc_list = ok("POST", ops + "tapi-connectivity:get-connectivity-service-list",
                           R"({"input": {}})")["tapi-connectivity:output"]["service"];
  EXPECT_EQ(rpc_list.size(), 2u);
  std::vector<std::string> uuids;
  for (const auto& s : listed["connectivity-service"]) uuids.push_back(s["uuid"]);
  const json one = ok("GET", conn + "/connectivity-service=" + uuids[0]);
  ok("POST", ops + "tapi-connectivity:get-connectivity-service-details",
     json{{"input", {{"service-id-or-name", uuids[1]}}}}.dump());
  const std::string connection =
      one["tapi-connectivity:connectivity-service"][0]["connection"][0]["connection-uuid"];
  ok("GET", conn + "/connection=" + connection);
  ok("DELETE", conn + "/connectivity-service=" + uuids[0]);
  ok("POST", ops + "tapi-connectivity:delete-connectivity-service",
     json{{"input", {{"uuid", uuids[1]}}}}.dump());
  for (Controller* c : {a.get(), b.get()}) {
    EXPECT_TRUE(
        json::parse(call(*c, "GET", conn, "bank-token-1")
                        .body)["tapi-connectivity:connectivity-context"]["connectivity-service"]
            .empty());
  }
}

TEST_F(PostgresShared, DeletesThroughOneOfAnothersServices) {
  auto a = make();
  auto b = make();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const auto r = call(*a, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
    ASSERT_EQ(r.status, 201) << r.body;
    ids.push_back(json::parse(r.body)["id"]);
  }
  for (const auto& id : ids)
    EXPECT_EQ(call(*b, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  for (const auto& id : ids) {
    EXPECT_EQ(call(*a, "GET", "/api/v1/services/" + id, "bank-token-1").status, 404);
    EXPECT_EQ(call(*a, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 404);
  }
  // The freed spectrum is free for A: the same request gets the same slots again.
  const auto r = call(*a, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(get_json(*b, "/api/v1/events", "admin-token-1")["items"].size(), 7u);
}

TEST_F(PostgresShared, ACutThroughOneIsSeenThroughAnother) {
  auto a = make();
  auto b = make();
  const json s = json::parse(
      call(*b, "POST", "/api/v1/services", "bank-token-1",
           R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100, "protection": "restore"})")
          .body);
  const std::string id = s["id"], fiber = s["lightpaths"][0]["fibers"][0];
  const auto cut =
      call(*a, "POST", "/api/v1/failures", "admin-token-1", "{\"fiber\": \"" + fiber + "\"}");
  ASSERT_EQ(cut.status, 200) << cut.body;
  EXPECT_EQ(json::parse(cut.body)["affected"][0]["outcome"], "restored");
  const json failures = get_json(*b, "/api/v1/failures", "admin-token-1")["items"];
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures.dump().find(fiber), std::string::npos);
  const json back = get_json(*b, "/api/v1/services/" + id, "bank-token-1");
  for (const auto& f : back["lightpaths"][0]["fibers"]) EXPECT_NE(f, fiber);
  // B plans around the cut fibre too.
  const auto r = call(*b, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
  if (r.status == 201) {
    for (const auto& f : json::parse(r.body)["lightpaths"][0]["fibers"]) EXPECT_NE(f, fiber);
  }
  // Cutting it again through B is refused: B knows it is already cut.
  EXPECT_NE(call(*b, "POST", "/api/v1/failures", "admin-token-1", "{\"fiber\": \"" + fiber + "\"}")
                .status,
            200);
}

// Threads create (and now and then delete) through two controllers at once, alternating, on a
// few shared routes so they compete for the same spectrum. Every acknowledged create is stored,
// nothing is booked twice, and the store loads into a fresh fabric (adopt refuses an overlap).
TEST_F(PostgresShared, ConcurrentWritersThroughTwoControllersNeverBookASlotTwice) {
  auto a = make();
  auto b = make();
  ASSERT_TRUE(a && b);
  Controller* controllers[] = {a.get(), b.get()};
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"LSE", "LD4"}, {"LSE", "LD8"}, {"THN", "LD4"}, {"PRK", "LD8"}, {"LSE", "THN"}};
  constexpr int kThreads = 4, kPerThread = 16;
  std::mutex mu;
  std::set<std::string> created, deleted;
  std::vector<std::string> unexpected;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(1000 + t);
      std::vector<std::string> mine;
      for (int i = 0; i < kPerThread; ++i) {
        Controller& c = *controllers[(t + i) % 2];
        if (i % 5 == 4 && !mine.empty()) {
          const std::string id = mine[rng() % mine.size()];
          const auto r = call(c, "DELETE", "/api/v1/services/" + id, "admin-token-1");
          std::lock_guard<std::mutex> lock(mu);
          if (r.status == 204) {
            deleted.insert(id);
          } else if (r.status != 404 || !deleted.count(id)) {
            unexpected.push_back("DELETE " + id + " → " + std::to_string(r.status) + r.body);
          }
          continue;
        }
        const auto& [from, to] = routes[rng() % routes.size()];
        const char* protection = rng() % 3 == 0 ? "1+1" : "none";
        const auto r =
            call(c, "POST", "/api/v1/services", "bank-token-1",
                 "{\"from\": \"" + from + "\", \"to\": \"" + to +
                     "\", \"bandwidth_gbps\": 400, \"protection\": \"" + protection + "\"}");
        std::lock_guard<std::mutex> lock(mu);
        if (r.status == 201) {
          const std::string id = json::parse(r.body)["id"];
          if (!created.insert(id).second) unexpected.push_back("id given twice: " + id);
          mine.push_back(id);
        } else if (r.status != 409) {
          unexpected.push_back("POST → " + std::to_string(r.status) + r.body);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " unexpected answers, first: "
                                  << (unexpected.empty() ? "" : unexpected[0]);
  EXPECT_GE(created.size(), 20u);

  // A fresh fabric loads from the store: adopt() refuses any slot booked twice.
  auto fresh =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  auto store = open_store();
  ASSERT_TRUE(store);
  auto st = store->load_into(fresh);
  ASSERT_TRUE(st) << st.error().to_string();
  EXPECT_EQ(fresh.size(), created.size() - deleted.size());
  EXPECT_EQ(fresh.events().size(), created.size() + deleted.size());

  // And through the API of a third controller: every pair of lightpaths on a fibre is disjoint.
  auto c = make();
  const auto services = all_services(*c);
  std::set<std::string> listed;
  for (const auto& s : services) listed.insert(s["id"].get<std::string>());
  std::set<std::string> expected;
  for (const auto& id : created)
    if (!deleted.count(id)) expected.insert(id);
  EXPECT_EQ(listed, expected);
  expect_no_slot_booked_twice(services);
}

TEST_F(PostgresShared, ServersStartingTogetherMigrateOnce) {
  std::vector<std::unique_ptr<store::Store>> stores(4);
  std::vector<std::thread> threads;
  for (auto& s : stores) threads.emplace_back([&] { s = open_store(); });
  for (auto& t : threads) t.join();
  for (const auto& s : stores) {
    ASSERT_TRUE(s);
    EXPECT_EQ(static_cast<store::PostgresStore&>(*s).schema_version(),
              store::postgres_migrations().back().version);
  }
}

TEST_F(PostgresShared, ACommitFromAStaleFabricIsRefused) {
  auto a = open_store();
  auto b = make();
  ASSERT_TRUE(a && b);
  auto fabric =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  ASSERT_TRUE(a->load_into(fabric));
  ASSERT_EQ(call(*b, "POST", "/api/v1/services", "bank-token-1", kLseLd4).status, 201);
  // A's fabric predates B's create; committing without begin() must not overwrite it.
  fabric::ServiceRequest req;
  req.tenant = "bank";
  req.from = "LSE";
  req.to = "LD4";
  req.bandwidth = Gbps{400};
  ASSERT_TRUE(fabric.create(req));
  auto st = a->commit(fabric.take_changes(), london());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(all_services(*b).size(), 1u);
  // Nor after a begin() that said "stale" and was not heeded.
  auto stale = a->begin(true);
  ASSERT_TRUE(stale && *stale);
  ASSERT_TRUE(fabric.create(req));
  auto st3 = a->commit(fabric.take_changes(), london());
  ASSERT_FALSE(st3);
  EXPECT_EQ(st3.error().code(), ErrorCode::kUnsupported);
  a->end();
  EXPECT_EQ(all_services(*b).size(), 1u);
  // Nor can a fabric that never came from the store be committed into it.
  auto never_loaded = open_store();
  auto other = fabric.empty_like();
  ASSERT_TRUE(other.create(req));
  auto st2 = never_loaded->commit(other.take_changes(), london());
  ASSERT_FALSE(st2);
  EXPECT_EQ(st2.error().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(all_services(*b).size(), 1u);
}

TEST_F(PostgresShared, ADroppedConnectionIsReopenedOnTheNextRequest) {
  auto a = make();
  auto b = make();
  ASSERT_EQ(call(*a, "POST", "/api/v1/services", "bank-token-1", kLseLd4).status, 201);
  ASSERT_EQ(all_services(*b).size(), 1u);
  ASSERT_TRUE(PgServer::get().drop_connections(PgServer::schema_of(db_)));
  // Both reconnect on their own: a write through B, a read through A that sees it.
  const auto r = call(*b, "POST", "/api/v1/services", "bank-token-1", kLseLd4);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(all_services(*a).size(), 2u);
}

// A server that dies holding the writers' lock: its connection closes, PostgreSQL rolls its
// transaction back and the lock passes on. The others wait meanwhile, never write around it.
TEST_F(PostgresShared, AServerThatDiesHoldingTheLockReleasesIt) {
  auto b = make();
  auto holder = open_store();
  auto fabric =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  ASSERT_TRUE(holder->load_into(fabric));
  auto held = holder->begin(true);
  ASSERT_TRUE(held && !*held);
  std::atomic<int> status{0};
  std::thread writer(
      [&] { status = call(*b, "POST", "/api/v1/services", "bank-token-1", kLseLd4).status; });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(status.load(), 0) << "the write did not wait for the lock";
  holder.reset();  // as the kernel does for a killed process: the connection closes
  writer.join();
  EXPECT_EQ(status.load(), 201);
}

TEST_F(PostgresShared, AGapInTheEventLogIsReported) {
  auto a = make();
  ASSERT_EQ(call(*a, "POST", "/api/v1/services", "bank-token-1", kLseLd4).status, 201);
  auto kept = open_store();
  auto fabric =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  ASSERT_TRUE(kept->load_into(fabric));
  const std::string schema = PgServer::schema_of(db_);
  ASSERT_TRUE(PgServer::get().exec("INSERT INTO " + schema +
                                   ".events VALUES (3, 7, 'bank', 'svc-000009', 'deleted', '')"));
  // Both a store reading the log whole and one fetching only what is new see the gap.
  for (auto* store : {open_store().release(), kept.release()}) {
    std::unique_ptr<store::Store> owned(store);
    auto f = fabric.empty_like();
    auto st = owned->load_into(f);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().to_string().find("gap before event 3"), std::string::npos)
        << st.error().to_string();
  }
}

// A `lightmesh serve` child process; stopped with SIGTERM and reaped when it goes out of scope.
class ServeProcess {
 public:
  // Starts the server on a free loopback port and reads the port from its first line.
  ServeProcess(const std::string& db, const fs::path& tokens) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      const std::string network =
          std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
      ::execl(LIGHTMESH_BINARY, "lightmesh", "serve", network.c_str(), "--db", db.c_str(),
              "--listen", "127.0.0.1:0", "--tokens", tokens.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') first_line_ += c;
    ::close(out[0]);
    const auto at = first_line_.find("127.0.0.1:");
    if (at != std::string::npos) port_ = std::atoi(first_line_.c_str() + at + 10);
  }
  ~ServeProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string first_line_;
};

// The real thing: two `lightmesh serve` processes over one database, clients alternating between
// them over HTTP.
TEST_F(PostgresShared, TwoServeProcessesOverHttpNeverBookASlotTwice) {
  // `serve --db` tells PostgreSQL from a SQLite file by the URL scheme.
  if (db_.rfind("postgresql://", 0) != 0 && db_.rfind("postgres://", 0) != 0)
    GTEST_SKIP() << "LIGHTMESH_PG_URL is not a postgresql:// URL, which lightmesh serve needs";
  const fs::path tokens =
      fs::temp_directory_path() / ("lightmesh-pg-tokens-" + std::to_string(::getpid()) + ".json");
  std::ofstream(tokens) << kTokens;
  std::vector<std::unique_ptr<ServeProcess>> servers;
  for (int i = 0; i < 2; ++i) {
    servers.push_back(std::make_unique<ServeProcess>(db_, tokens));
    ASSERT_GT(servers.back()->port(), 0) << "server said: " << servers.back()->first_line();
    // The URL is printed without a password (there is none here) and with the schema option.
    EXPECT_NE(servers.back()->first_line().find("postgresql://"), std::string::npos);
  }
  const httplib::Headers auth = {{"Authorization", "Bearer admin-token-1"}};
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"LSE", "LD4"}, {"LSE", "LD8"}, {"THN", "LD4"}, {"PRK", "LD8"}, {"LSE", "THN"}};
  std::mutex mu;
  std::set<std::string> created, deleted;
  std::vector<std::string> unexpected;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::unique_ptr<httplib::Client>> clients;
      for (const auto& s : servers) {
        clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", s->port()));
        clients.back()->set_read_timeout(10, 0);
      }
      std::mt19937 rng(2000 + t);
      std::vector<std::string> mine;
      for (int i = 0; i < 16; ++i) {
        httplib::Client& c = *clients[(t + i) % 2];
        if (i % 5 == 4 && !mine.empty()) {
          const std::string id = mine.back();
          mine.pop_back();
          auto r = c.Delete("/api/v1/services/" + id, auth);
          std::lock_guard<std::mutex> lock(mu);
          if (r && r->status == 204)
            deleted.insert(id);
          else
            unexpected.push_back("DELETE " + id + " → " + (r ? r->body : "no answer"));
          continue;
        }
        const auto& [from, to] = routes[rng() % routes.size()];
        auto r =
            c.Post("/api/v1/services", auth,
                   "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"bandwidth_gbps\": 400}",
                   "application/json");
        std::lock_guard<std::mutex> lock(mu);
        if (r && r->status == 201) {
          const std::string id = json::parse(r->body)["id"];
          if (!created.insert(id).second) unexpected.push_back("id given twice: " + id);
          mine.push_back(id);
        } else if (!r || r->status != 409) {
          unexpected.push_back("POST → " + (r ? r->body : std::string("no answer")));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " unexpected answers, first: "
                                  << (unexpected.empty() ? "" : unexpected[0]);
  EXPECT_GE(created.size(), 20u);
  // Each server lists exactly what was acknowledged through either.
  std::set<std::string> expected;
  for (const auto& id : created)
    if (!deleted.count(id)) expected.insert(id);
  for (const auto& s : servers) {
    httplib::Client c("127.0.0.1", s->port());
    auto r = c.Get("/api/v1/services?limit=1000", auth);
    ASSERT_TRUE(r && r->status == 200);
    const json page = json::parse(r->body);
    std::vector<json> services(page["items"].begin(), page["items"].end());
    std::set<std::string> listed;
    for (const auto& x : services) listed.insert(x["id"].get<std::string>());
    EXPECT_EQ(listed, expected) << "server on port " << s->port();
    expect_no_slot_booked_twice(services);
  }
  servers.clear();
  auto fresh =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  auto store = open_store();
  ASSERT_TRUE(store);
  auto st = store->load_into(fresh);
  EXPECT_TRUE(st) << st.error().to_string();
  fs::remove(tokens);
}

// No server needed: what the messages say about the database.
TEST(PostgresStore, MessagesNameTheDatabaseWithoutItsPassword) {
  using store::PostgresStore;
  EXPECT_EQ(PostgresStore::redact("postgresql://lm:s3cret@db.example:5432/lightmesh"),
            "postgresql://lm@db.example:5432/lightmesh");
  EXPECT_EQ(PostgresStore::redact("postgres://lm@db/x?password=s3cret&sslmode=require"),
            "postgres://lm@db/x?sslmode=require");
  EXPECT_EQ(PostgresStore::redact("host=db user=lm password=s3cret dbname=x"),
            "host=db user=lm dbname=x");
  EXPECT_EQ(PostgresStore::redact("postgresql://db/x?sslpassword=s3cret"), "postgresql://db/x");
  // Port 1 on loopback refuses at once.
  auto s = PostgresStore::open("postgresql://lm:s3cret@127.0.0.1:1/lightmesh?connect_timeout=2");
  ASSERT_FALSE(s);
  const std::string msg = s.error().to_string();
  EXPECT_EQ(msg.find("s3cret"), std::string::npos) << msg;
  EXPECT_NE(msg.find("postgresql://lm@127.0.0.1:1/lightmesh"), std::string::npos) << msg;
  EXPECT_NE(msg.find("cannot connect"), std::string::npos) << msg;
}

}  // namespace
}  // namespace lightmesh::server
