// Limits on work, checked before the work starts (names, path-computation requests, elements and
// spans), stored idempotency replies expiring, and answers that used to be quietly wrong: every
// refusal is a 4xx whose `where` points at the field.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "qot/path_computation.h"
#include "server/controller.h"
#include "server/http_server.h"
#include "server/server_test_support.h"
#include "server/tapi_ids.h"
#include "store/sqlite_store.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::call;

std::unique_ptr<Controller> fresh(const std::string& name) {
  return test_support::make_sqlite_controller(test_support::temp_dir("limits") / (name + ".db"));
}

// The status and `where` of an answer.
std::pair<int, std::string> refusal(const HttpResponse& r) {
  const json j = json::parse(r.body, nullptr, false);
  EXPECT_TRUE(j.is_object()) << r.body;
  return {r.status, j.is_object() ? j.value("where", "<none>") : "<unparsable>"};
}

TEST(Limits, NamesAreAtMost256Bytes) {
  auto c = fresh("names");
  const std::string longest(fabric::kMaxNameBytes, 'n');
  const std::string too_long(fabric::kMaxNameBytes + 1, 'n');
  auto service = [](const std::string& member, const std::string& value) {
    return json{{"from", "LSE"}, {"to", "LD4"}, {"bandwidth_gbps", 100}, {member, value}}.dump();
  };
  for (const char* member : {"name", "latency_group"}) {
    EXPECT_EQ(
        refusal(call(*c, "POST", "/api/v1/services", "bank-token-1", service(member, too_long))),
        std::make_pair(400, "/" + std::string(member)));
    EXPECT_EQ(call(*c, "POST", "/api/v1/services", "bank-token-1", service(member, longest)).status,
              201);
  }
  const std::string workload = R"({"kind": "sites", "anchor": "LSE", "max_rtt_us": 1000,
                                   "reserve": 1, "bandwidth_gbps": 10, "name": ")";
  EXPECT_EQ(
      refusal(call(*c, "POST", "/api/v1/workloads", "bank-token-1", workload + too_long + "\"}")),
      std::make_pair(400, std::string("/name")));
  EXPECT_EQ(
      call(*c, "POST", "/api/v1/workloads", "bank-token-1", workload + longest + "\"}").status,
      201);
  // TAPI names and groups too, at the name entry's value.
  for (const char* value_name : {"SERVICE_NAME", "LATENCY_GROUP"}) {
    const json entry = {
        {"end-point",
         {{{"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LSE")}}}},
          {{"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LD4")}}}}}},
        {"requested-capacity", {{"total-size", {{"value", 100}, {"unit", "GBPS"}}}}},
        {"name", {{{"value-name", value_name}, {"value", too_long}}}}};
    const HttpResponse r = call(
        *c, "POST", "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context",
        "bank-token-1", json{{"tapi-connectivity:connectivity-service", {entry}}}.dump());
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(json::parse(r.body)["ietf-restconf:errors"]["error"][0]["error-path"],
              "/tapi-connectivity:connectivity-service/0/name/0/value");
  }
}

TEST(Limits, PathComputationWorkIsBoundedBeforeItStarts) {
  auto c = fresh("pathcomp");
  auto post = [&](const json& body) {
    return refusal(call(*c, "POST", "/api/v1/path-computation", "audit-token-1", body.dump()));
  };
  // The issue's reproducers: a 2e8 km fibre and 16,000 requests.
  json long_fibre = test_support::gnpy_full_body();
  for (auto& e : long_fibre["gnpy-api:topology"]["elements"]) {
    if (e["type"] == "Fiber") {
      e["params"]["length"] = 2e8;
      break;
    }
  }
  EXPECT_EQ(post(long_fibre).first, 400);
  EXPECT_EQ(post(long_fibre).second.rfind("/gnpy-api:topology/elements", 0), 0u);
  json many = {{"gnpy-api:service", test_support::gnpy_fixture("services_run.json")}};
  json& requests = many["gnpy-api:service"]["path-request"];
  const json one = requests[0];
  while (requests.size() < 16000) requests.push_back(one);
  EXPECT_EQ(post(many), std::make_pair(400, std::string("/gnpy-api:service/path-request")));
  // A body within every limit runs.
  EXPECT_EQ(call(*c, "POST", "/api/v1/path-computation", "audit-token-1",
                 test_support::gnpy_full_body().dump())
                .status,
            201);
  // Elements: one more than the limit, each a transceiver, is refused on the count alone.
  json wide = test_support::gnpy_full_body();
  json& elements = wide["gnpy-api:topology"]["elements"];
  for (std::size_t i = elements.size(); i <= qot::kMaxTopologyElements; ++i)
    elements.push_back({{"uid", "t" + std::to_string(i)}, {"type", "Transceiver"}});
  EXPECT_EQ(post(wide), std::make_pair(400, std::string("/gnpy-api:topology/elements")));
  // Spans in total: fibres each at the per-fibre limit, together beyond the total.
  json spans = test_support::gnpy_full_body();
  const double km = (qot::kMaxSpansPerFiber - 1) * qot::kMinSplitSpanKm;
  const int fibres = static_cast<int>(qot::kMaxSpans / qot::kMaxSpansPerFiber) + 1;
  for (int i = 0; i < fibres; ++i) {
    spans["gnpy-api:topology"]["elements"].push_back(
        {{"uid", "long " + std::to_string(i)},
         {"type", "Fiber"},
         {"type_variety", "SSMF"},
         {"params", {{"length", km}, {"length_units", "km"}, {"loss_coef", 0.2}}}});
  }
  const auto [status, where] = post(spans);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(where.rfind("/gnpy-api:topology/elements", 0), 0u) << where;
}

TEST(Limits, EveryBadRequestPointsAtItsField) {
  auto c = fresh("pointers");
  EXPECT_EQ(refusal(call(*c, "POST", "/api/v1/services", "bank-token-1",
                         R"({"from": "LSE", "bandwidth_gbps": 100})")),
            std::make_pair(400, std::string("/to")));
  EXPECT_EQ(refusal(call(*c, "POST", "/api/v1/services", "bank-token-1",
                         R"({"from": "LSE", "to": "LD4"})")),
            std::make_pair(400, std::string("/bandwidth_gbps")));
  EXPECT_EQ(refusal(call(*c, "POST", "/api/v1/workloads", "bank-token-1",
                         R"({"kind": "training", "gpus": 64, "params_b": 7, "layers": 32,
                             "hidden": 4096, "seq": 4096, "micro_batch": 1, "tp": 8, "pp": 1,
                             "dp": 8, "step_compute_s": 1, "sync": "dp"})")),
            std::make_pair(400, std::string("/gpu_model")));
  json unknown_trx = test_support::gnpy_full_body();
  unknown_trx["gnpy-api:service"]["path-request"][2]["path-constraints"]["te-bandwidth"]
             ["trx_type"] = "no-such-trx";
  EXPECT_EQ(
      refusal(call(*c, "POST", "/api/v1/path-computation", "bank-token-1", unknown_trx.dump())),
      std::make_pair(400, std::string("/gnpy-api:service/path-request/2/path-constraints/"
                                      "te-bandwidth/trx_type")));
  json unknown_mode = test_support::gnpy_full_body();
  unknown_mode["gnpy-api:service"]["path-request"][0]["path-constraints"]["te-bandwidth"]
              ["trx_mode"] = "no-such-mode";
  EXPECT_EQ(
      refusal(call(*c, "POST", "/api/v1/path-computation", "bank-token-1", unknown_mode.dump())),
      std::make_pair(400, std::string("/gnpy-api:service/path-request/0/path-constraints/"
                                      "te-bandwidth/trx_mode")));
  json unknown_end = test_support::gnpy_full_body();
  unknown_end["gnpy-api:service"]["path-request"][1]["destination"] = "trx nowhere";
  EXPECT_EQ(
      refusal(call(*c, "POST", "/api/v1/path-computation", "bank-token-1", unknown_end.dump())),
      std::make_pair(400, std::string("/gnpy-api:service/path-request/1/destination")));
}

TEST(Limits, EventCursorsAreWholeNumbers) {
  auto c = fresh("cursor");
  for (const char* bad : {"-1", "abc", "", "1.5", "99999999999999999999999", "+3"}) {
    EXPECT_EQ(
        refusal(call(*c, "GET", std::string("/api/v1/events?cursor=") + bad, "admin-token-1")),
        std::make_pair(400, std::string("cursor")))
        << bad;
  }
  ASSERT_EQ(call(*c, "POST", "/api/v1/services", "bank-token-1",
                 R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})")
                .status,
            201);
  const json all = json::parse(call(*c, "GET", "/api/v1/events?cursor=0", "admin-token-1").body);
  ASSERT_FALSE(all["items"].empty());
  const json none = json::parse(
      call(*c, "GET", "/api/v1/events?cursor=18446744073709551615", "admin-token-1").body);
  EXPECT_TRUE(none["items"].empty());
}

// A path that is not UTF-8 gets a 404 whose body is valid JSON, in-process and over the wire.
TEST(Limits, PathsThatAreNotUtf8Are404) {
  auto c = fresh("utf8");
  for (const char* path : {"/api/v1/services/\xFF", "/api/v1/workloads/\xFF\xFE",
                           "/api/v1/fibers/\xC3/spectrum", "/api/v1/\xFF"}) {
    const HttpResponse r = call(*c, "GET", path, "admin-token-1");
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_TRUE(json::parse(r.body, nullptr, false).is_object()) << r.body;
    // The next write still gets the store: nothing was left holding it.
    EXPECT_EQ(call(*c, "DELETE", path, "admin-token-1").status, 404) << path;
  }
  EXPECT_EQ(call(*c, "POST", "/api/v1/services", "bank-token-1",
                 R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})")
                .status,
            201);
  HttpServer http(*c);
  auto port = http.bind("127.0.0.1", 0);
  ASSERT_TRUE(port) << port.error().to_string();
  std::thread serving([&] { http.serve(); });
  httplib::Client client("127.0.0.1", *port);
  auto res = client.Get("/api/v1/services/%FF", {{"Authorization", "Bearer admin-token-1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404) << res->body;
  EXPECT_TRUE(json::parse(res->body, nullptr, false).is_object()) << res->body;
  http.stop();
  serving.join();
}

// A reply is kept for kReplyRetentionUs: a retry within it gets the same answer, one after it is
// a new request, and expired replies leave the database.
TEST(Limits, IdempotencyRepliesExpire) {
  const auto db = test_support::temp_dir("limits") / "expiry.db";
  std::int64_t now = 1'000'000;
  auto fabric = fabric::Fabric::make(test_support::london(), rsa::PlanOptions{}, [&now] {
                  return now;
                }).value();
  auto store = store::SqliteStore::open(db.string()).value();
  ASSERT_TRUE(store->load_into(fabric));
  Controller c(test_support::london(), std::move(fabric), std::move(store),
               Tokens::parse(test_support::kTokens, "tokens.json").value());
  const std::string body = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";
  auto create = [&](const std::string& key) {
    const HttpResponse r =
        call(c, "POST", "/api/v1/services", "bank-token-1", body, {{"idempotency-key", key}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["id"].get<std::string>();
  };
  const std::string first = create("k1");
  create("k2");
  now += Controller::kReplyRetentionUs;  // the last moment k1 is remembered
  EXPECT_EQ(create("k1"), first);
  now += 1;
  const std::string again = create("k1");  // a new request: a new service
  const std::int64_t again_at = now;
  EXPECT_NE(again, first);
  EXPECT_EQ(create("k1"), again);
  // The next expiry pass (a write a minute later) deletes k2; k1 is the new one.
  now += Controller::kReplyExpiryIntervalUs;
  create("k3");
  auto reader = store::SqliteStore::open(db.string()).value();
  EXPECT_FALSE(reader->find_reply("bank", "k2").value());
  auto k1 = reader->find_reply("bank", "k1").value();
  ASSERT_TRUE(k1);
  EXPECT_EQ(json::parse(k1->body)["id"], again);
  EXPECT_EQ(k1->stored_us, again_at);
}

// A stored reply keeps a digest of the request, not the request: a body padded to 4 MB leaves a
// 71-byte row ("sha256:" and 64 hex digits), and the digest still tells a retry from another body.
TEST(Limits, StoredRepliesKeepADigestOfTheBody) {
  const auto db = test_support::temp_dir("limits") / "digest.db";
  auto fabric = fabric::Fabric::make(test_support::london(), rsa::PlanOptions{}, [] {
                  return std::int64_t{1'000'000};
                }).value();
  auto store = store::SqliteStore::open(db.string()).value();
  ASSERT_TRUE(store->load_into(fabric));
  Controller c(test_support::london(), std::move(fabric), std::move(store),
               Tokens::parse(test_support::kTokens, "tokens.json").value());
  const std::string body =
      R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})" + std::string(4'000'000, ' ');
  const HttpResponse first =
      call(c, "POST", "/api/v1/services", "bank-token-1", body, {{"idempotency-key", "big"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto reader = store::SqliteStore::open(db.string()).value();
  const auto kept = reader->find_reply("bank", "big").value();
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->request_body.size(), 71u);
  EXPECT_EQ(kept->request_body.rfind("sha256:", 0), 0u);
  const HttpResponse retry =
      call(c, "POST", "/api/v1/services", "bank-token-1", body, {{"idempotency-key", "big"}});
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(retry.body, first.body);
  const HttpResponse other =
      call(c, "POST", "/api/v1/services", "bank-token-1", body + " ", {{"idempotency-key", "big"}});
  EXPECT_EQ(other.status, 409) << other.body;
}

}  // namespace
}  // namespace lightmesh::server
