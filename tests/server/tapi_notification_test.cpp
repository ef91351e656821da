// TAPI 2.1.3 notifications: every RPC's output validates against tapi-notification@2020-06-16
// (libyang, through tapi_call), every notification a subscription's stream carries validates as
// that module's `notification`, the filter and the tenant decide what a subscription carries, and
// a deleted service is named by the uuid its client gave it.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/server_test_support.h"
#include "server/tapi_ids.h"
#include "server/tapi_schema.h"
#include "server/tapi_test_support.h"
#include "server/uuid.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
using test_support::call;
using test_support::tapi_call;

const std::string kOps = "/restconf/operations/tapi-notification:";

json rpc(Controller& c, const std::string& op, const std::string& token, const json& input,
         int status = 200) {
  const HttpResponse r =
      tapi_call(c, "POST", kOps + op, token, json{{"tapi-notification:input", input}}.dump());
  EXPECT_EQ(r.status, status) << op << ": " << r.body;
  return json::parse(r.body, nullptr, false);
}

json subscribe(Controller& c, const std::string& token, const json& filter = json::object()) {
  json input = json::object();
  if (!filter.empty()) input["subscription-filter"] = filter;
  return rpc(c, "create-notification-subscription-service", token,
             input)["tapi-notification:output"]["subscription-service"];
}

std::vector<json> notifications(Controller& c, const std::string& token, const json& sub) {
  return test_support::stream_notifications(c, token,
                                            sub["notification-channel"]["stream-address"]);
}

json rest_service(Controller& c, const std::string& token, const std::string& to) {
  const HttpResponse r = call(
      c, "POST", "/api/v1/services", token,
      json{{"from", "LSE"}, {"to", to}, {"bandwidth_gbps", 100}, {"protection", "restore"}}.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return json::parse(r.body);
}

TEST(TapiNotification, EveryOperationAnswersValidTapi) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("tapi-notif") / "s.db");
  const json supported =
      rpc(*c, "get-supported-notification-types", "bank-token-1", json::object());
  EXPECT_EQ(supported["tapi-notification:output"]["supported-object-types"],
            json({"CONNECTIVITY_SERVICE", "LINK"}));

  const json sub = subscribe(*c, "bank-token-1",
                             {{"requested-notification-types", {"OBJECT_CREATION"}},
                              {"requested-object-types", {"CONNECTIVITY_SERVICE"}},
                              {"include-content", true}});
  const std::string uuid = sub["uuid"];
  EXPECT_TRUE(is_uuid(uuid));
  EXPECT_EQ(sub["subscription-state"], "ACTIVE");
  EXPECT_EQ(sub["notification-channel"]["stream-address"],
            "/restconf/streams/tapi-notification/" + uuid);
  EXPECT_EQ(sub["notification-channel"]["next-sequence-no"], "1");
  const json id = {{"subscription-id-or-name", uuid}};
  EXPECT_EQ(rpc(*c, "get-notification-subscription-service-details", "bank-token-1",
                id)["tapi-notification:output"]["subscription-service"]["uuid"],
            uuid);
  EXPECT_EQ(rpc(*c, "get-notification-subscription-service-list", "bank-token-1",
                json::object())["tapi-notification:output"]["subscription-service"]
                .size(),
            1u);
  rest_service(*c, "bank-token-1", "LD8");
  json suspend = id;
  suspend["subscription-state"] = "SUSPENDED";
  EXPECT_EQ(rpc(*c, "update-notification-subscription-service", "bank-token-1",
                suspend)["tapi-notification:output"]["subscription-service"]["subscription-state"],
            "SUSPENDED");
  rest_service(*c, "bank-token-1", "LD4");  // while suspended: not carried
  const json listed = rpc(*c, "get-notification-list", "bank-token-1", id);
  ASSERT_EQ(listed["tapi-notification:output"]["notification"].size(), 1u) << listed;
  EXPECT_EQ(listed["tapi-notification:output"]["notification"][0]["notification-type"],
            "OBJECT_CREATION");
  rpc(*c, "delete-notification-subscription-service", "bank-token-1", id);
  rpc(*c, "get-notification-subscription-service-details", "bank-token-1", id, 404);
  // No subscriptions: an empty output, which is still valid.
  EXPECT_EQ(rpc(*c, "get-notification-subscription-service-list", "bank-token-1",
                json::object())["tapi-notification:output"],
            json::object());
}

// A client-named TAPI service, created, cut over and deleted: each step a notification naming it
// by the client's uuid, the deletion too, and the cut link's own.
TEST(TapiNotification, StreamCarriesEachChangeOfAServiceByItsClientUuid) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("tapi-notif") / "s.db");
  const json sub = subscribe(*c, "admin-token-1");
  const std::string own = "5e1d2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
  json entry = {
      {"uuid", own},
      {"name", {{{"value-name", "SERVICE_NAME"}, {"value", "payroll"}}}},
      {"end-point",
       {{{"local-id", "a"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LSE")}}}},
        {{"local-id", "z"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LD8")}}}}}},
      {"requested-capacity", {{"total-size", {{"value", 100}, {"unit", "GBPS"}}}}},
      {"resilience-constraint",
       {{{"resilience-type",
          {{"restoration-policy", "NA"}, {"protection-type", "ONE_PLUS_ONE_PROTECTION"}}}}}}};
  const HttpResponse created =
      call(*c, "POST", test_support::kTapiContext + "/tapi-connectivity:connectivity-context",
           "bank-token-1", json{{"tapi-connectivity:connectivity-service", {entry}}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const json svc = json::parse(call(*c, "GET", "/api/v1/services/svc-000001", "bank-token-1").body);
  const std::string fiber = svc["lightpaths"][0]["fibers"][0];
  ASSERT_EQ(
      call(*c, "POST", "/api/v1/failures", "admin-token-1", json{{"fiber", fiber}}.dump()).status,
      200);
  ASSERT_EQ(call(*c, "DELETE", "/api/v1/services/svc-000001", "bank-token-1").status, 204);

  const auto got = notifications(*c, "admin-token-1", sub);
  ASSERT_GE(got.size(), 4u);
  EXPECT_EQ(got.front()["notification-type"], "OBJECT_CREATION");
  EXPECT_EQ(got.front()["source-indicator"], "MANAGEMENT_OPERATION");
  EXPECT_EQ(got.back()["notification-type"], "OBJECT_DELETION");
  bool link_cut = false, service_changed = false;
  for (const json& n : got) {
    if (n["target-object-type"] == "LINK") {
      link_cut = true;
      EXPECT_EQ(n["target-object-identifier"], link_uuid(fiber));
      EXPECT_EQ(n["changed-attributes"][0]["new-value"], "DISABLED");
      continue;
    }
    EXPECT_EQ(n["target-object-identifier"], own) << n;
    EXPECT_EQ(n["target-object-name"][0]["value"], "payroll") << n;
    service_changed = service_changed || n["notification-type"] == "ATTRIBUTE_VALUE_CHANGE";
  }
  EXPECT_TRUE(link_cut);
  EXPECT_TRUE(service_changed);
  // Sequence numbers rise one by one, as the event log's do.
  for (std::size_t i = 1; i < got.size(); ++i)
    EXPECT_EQ(std::stoull(got[i]["sequence-number"].get<std::string>()),
              std::stoull(got[i - 1]["sequence-number"].get<std::string>()) + 1);
}

TEST(TapiNotification, FilterDecidesWhatASubscriptionCarries) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("tapi-notif") / "s.db");
  const json links = subscribe(*c, "admin-token-1", {{"requested-object-types", {"LINK"}}});
  const json a = rest_service(*c, "bank-token-1", "LD8");
  const std::string a_uuid = service_uuid(a["id"].get<std::string>(), "");
  const json only_a = subscribe(*c, "admin-token-1", {{"requested-object-identifier", {a_uuid}}});
  rest_service(*c, "bank-token-1", "LD4");
  ASSERT_EQ(call(*c, "POST", "/api/v1/failures", "admin-token-1",
                 json{{"fiber", a["lightpaths"][0]["fibers"][0]}}.dump())
                .status,
            200);
  ASSERT_EQ(
      call(*c, "DELETE", "/api/v1/services/" + a["id"].get<std::string>(), "bank-token-1").status,
      204);
  const auto link_events = notifications(*c, "admin-token-1", links);
  ASSERT_EQ(link_events.size(), 1u);
  EXPECT_EQ(link_events[0]["target-object-type"], "LINK");
  // Created before this subscription, so only what happened to A since: its cut, its deletion.
  const auto a_events = notifications(*c, "admin-token-1", only_a);
  ASSERT_GE(a_events.size(), 2u);
  for (const json& n : a_events) EXPECT_EQ(n["target-object-identifier"], a_uuid);
  EXPECT_EQ(a_events.back()["notification-type"], "OBJECT_DELETION");
}

TEST(TapiNotification, SuspendedSubscriptionCarriesNothingUntilActiveAgain) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("tapi-notif") / "s.db");
  json sub = subscribe(*c, "bank-token-1");
  const json id = {{"subscription-id-or-name", sub["uuid"]}};
  json suspend = id;
  suspend["subscription-state"] = "SUSPENDED";
  rpc(*c, "update-notification-subscription-service", "bank-token-1", suspend);
  rest_service(*c, "bank-token-1", "LD8");
  EXPECT_TRUE(notifications(*c, "bank-token-1", sub).empty());
  json resume = id;
  resume["subscription-state"] = "ACTIVE";
  rpc(*c, "update-notification-subscription-service", "bank-token-1", resume);
  rest_service(*c, "bank-token-1", "LD4");
  const auto got = notifications(*c, "bank-token-1", sub);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["sequence-number"], "2");
}

TEST(TapiNotification, TenantsNeitherSeeNorReadEachOthers) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("tapi-notif") / "s.db");
  const json bank = subscribe(*c, "bank-token-1");
  const json tv = subscribe(*c, "tv-token-123");
  rest_service(*c, "bank-token-1", "LD8");
  rest_service(*c, "tv-token-123", "LD4");
  ASSERT_EQ(call(*c, "POST", "/api/v1/failures", "admin-token-1", R"({"fiber": "LSE-LD8"})").status,
            200);
  for (const json& n : notifications(*c, "tv-token-123", tv))
    EXPECT_EQ(n["additional-info"][0]["value"], "tv") << n;
  // Another tenant's subscription is as unknown as a missing one, by RPC and by stream.
  const json id = {{"subscription-id-or-name", bank["uuid"]}};
  const json refused =
      rpc(*c, "get-notification-subscription-service-details", "tv-token-123", id, 404);
  EXPECT_EQ(refused["ietf-restconf:errors"]["error"][0]["error-tag"], "data-missing");
  rpc(*c, "delete-notification-subscription-service", "tv-token-123", id, 404);
  EXPECT_EQ(call(*c, "GET", bank["notification-channel"]["stream-address"], "tv-token-123").status,
            404);
  EXPECT_EQ(call(*c, "GET", bank["notification-channel"]["stream-address"], "").status, 401);
  // Admins see every subscription.
  EXPECT_EQ(rpc(*c, "get-notification-subscription-service-list", "admin-token-1",
                json::object())["tapi-notification:output"]["subscription-service"]
                .size(),
            2u);
}

TEST(TapiNotification, RefusesBadInputNamingWhere) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("tapi-notif") / "s.db");
  auto error_of = [&](const json& input) {
    return rpc(*c, "create-notification-subscription-service", "bank-token-1", input,
               400)["ietf-restconf:errors"]["error"][0];
  };
  EXPECT_EQ(error_of({{"subscription-filter",
                       {{"requested-notification-types", {"NOPE"}}}}})["error-path"],
            "/tapi-notification:input/subscription-filter/requested-notification-types/0");
  EXPECT_EQ(
      error_of({{"subscription-filter", {{"requested-object-identifier", {"x"}}}}})["error-path"],
      "/tapi-notification:input/subscription-filter/requested-object-identifier/0");
  EXPECT_EQ(error_of({{"subscription-state", "ON"}})["error-path"],
            "/tapi-notification:input/subscription-state");
  EXPECT_EQ(error_of({{"subscription-filter", 3}})["error-path"],
            "/tapi-notification:input/subscription-filter");
  EXPECT_EQ(call(*c, "POST", kOps + "create-notification-subscription-service", "bank-token-1",
                 R"({"tapi-notification:input": )")
                .status,
            400);
  rpc(*c, "get-notification-subscription-service-details", "bank-token-1", json::object(), 400);
  // A tenant may hold only so many.
  for (std::size_t i = 0; i < NotificationSubscriptions::kMaxPerOwner; ++i)
    subscribe(*c, "tv-token-123");
  const json full =
      rpc(*c, "create-notification-subscription-service", "tv-token-123", json::object(), 409);
  EXPECT_EQ(full["ietf-restconf:errors"]["error"][0]["error-tag"], "resource-denied");
}

}  // namespace
}  // namespace lightmesh::server
