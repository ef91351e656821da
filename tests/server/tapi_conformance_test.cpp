// TAPI conformance (ctest -L conformance, `make conformance`): a scripted session on every bundled
// example — create services of each protection through both the data tree and the 2.1 RPCs, cut a
// fibre so a 1+1 service switches, cut another so a restorable service is restored, repair, then
// delete — in which every TAPI answer, read by each kind of token, must validate against the TAPI
// 2.1.3 YANG modules with libyang (tapi_test_support.h). The requests are valid 2.1.3 too.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "io/load.h"
#include "server/controller.h"
#include "server/server_test_support.h"
#include "server/tapi_ids.h"
#include "server/tapi_test_support.h"
#include "store/sqlite_store.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::kTapiContext;
using test_support::tapi_call;

const std::string kConnectivity = kTapiContext + "/tapi-connectivity:connectivity-context";
const std::string kTopology = kTapiContext + "/tapi-topology:topology-context";
const std::string kOperations = "/restconf/operations/";
const std::vector<std::string> kReaders = {"admin-token-1", "bank-token-1", "tv-token-123",
                                           "audit-token-1"};

// A controller over one example, as `lightmesh serve` builds it, with its own SQLite file.
struct Served {
  Network net;
  std::unique_ptr<Controller> controller;
};

std::unique_ptr<Served> serve(const std::string& example) {
  auto s = std::make_unique<Served>();
  s->net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/" + example + "/network.json")
          .value();
  auto fabric =
      fabric::Fabric::make(s->net, rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  const auto db = test_support::temp_dir("tapi-conformance-" + example) / "state.db";
  auto store = store::SqliteStore::open(db.string()).value();
  s->controller =
      std::make_unique<Controller>(s->net, std::move(fabric), std::move(store),
                                   Tokens::parse(test_support::kTokens, "tokens.json").value());
  return s;
}

json body_of(const HttpResponse& r) { return json::parse(r.body); }

// The requests are what a strict TAPI 2.1.3 client sends: each is checked against the schema too,
// its references (SIPs, services) resolved in the context as the caller sees it.
std::string context_of(Controller& c, const std::string& token) {
  return test_support::call(c, "GET", kTapiContext, token).body;
}

void expect_valid_input(Controller& c, const std::string& token, const std::string& rpc,
                        const std::string& body) {
  EXPECT_EQ(test_support::TapiSchema::get().input_errors(rpc, body, context_of(c, token)), "")
      << rpc << " " << body;
}

std::string name_value(const json& object, const std::string& value_name) {
  for (const auto& n : object["name"])
    if (n["value-name"] == value_name) return n["value"];
  return "";
}

// Reads every TAPI resource and RPC the caller may, each answer checked by tapi_call; returns
// how many answers were checked.
int read_everything(Controller& c, const std::string& token) {
  int answers = 0;
  auto get = [&](const std::string& path) {
    ++answers;
    const HttpResponse r = tapi_call(c, "GET", path, token);
    EXPECT_EQ(r.status, 200) << path << "\n" << r.body;
    return body_of(r);
  };
  auto rpc = [&](const std::string& op, const json& input) {
    ++answers;
    const std::string module = op.substr(0, op.find(':'));
    const std::string body = input.is_null() ? "" : json{{module + ":input", input}}.dump();
    if (!body.empty()) expect_valid_input(c, token, op, body);
    const HttpResponse r = tapi_call(c, "POST", kOperations + op, token, body);
    EXPECT_EQ(r.status, 200) << op << "\n" << r.body;
    return body_of(r);
  };
  const json context = get(kTapiContext)["tapi-common:context"];
  for (const auto& sip : context["service-interface-point"])
    get(kTapiContext + "/service-interface-point=" + sip["uuid"].get<std::string>());
  const json topology = get(kTopology)["tapi-topology:topology-context"]["topology"][0];
  get(kTopology + "/topology=" + topology["uuid"].get<std::string>());
  const json connectivity = get(kConnectivity)["tapi-connectivity:connectivity-context"];
  for (const auto& s : connectivity["connectivity-service"]) {
    get(kConnectivity + "/connectivity-service=" + s["uuid"].get<std::string>());
    rpc("tapi-connectivity:get-connectivity-service-details", {{"service-id-or-name", s["uuid"]}});
  }
  for (const auto& conn : connectivity.value("connection", json::array()))
    get(kConnectivity + "/connection=" + conn["uuid"].get<std::string>());
  rpc("tapi-connectivity:get-connectivity-service-list", nullptr);
  rpc("tapi-common:get-service-interface-point-list", json::object());
  rpc("tapi-topology:get-topology-details", {{"topology-id-or-name", topology["uuid"]}});
  return answers;
}

int read_everything_as_everyone(Controller& c) {
  int answers = 0;
  for (const std::string& token : kReaders) answers += read_everything(c, token);
  return answers;
}

json end_points(const std::string& from, const std::string& to) {
  return {{{"local-id", "a"},
           {"service-interface-point", {{"service-interface-point-uuid", sip_uuid(from)}}}},
          {{"local-id", "z"},
           {"service-interface-point", {{"service-interface-point-uuid", sip_uuid(to)}}}}};
}

// A 1+1 service through the data tree, in TAPI 2.1.3's own shape (with the client's uuid, the
// list's key), between the first pair of sites that has two disjoint paths; its answer.
json create_one_plus_one(Served& s) {
  const auto& sites = s.net.sites();
  int attempt = 0;
  for (std::size_t a = 0; a < sites.size(); ++a) {
    for (std::size_t b = a + 1; b < sites.size(); ++b) {
      const json entry = {
          {"uuid", fmt::format("5a1e0000-0000-4000-8000-{:012}", ++attempt)},
          {"end-point", end_points(sites[a].id, sites[b].id)},
          {"requested-capacity", {{"total-size", {{"value", "100"}, {"unit", "GBPS"}}}}},
          {"resilience-type", {{"protection-type", "ONE_PLUS_ONE_PROTECTION"}}}};
      const std::string body = json{{"tapi-connectivity:connectivity-service", {entry}}}.dump();
      EXPECT_EQ(test_support::TapiSchema::get().subtree_errors(
                    body, "/tapi-common:context/tapi-connectivity:connectivity-context",
                    context_of(*s.controller, "bank-token-1")),
                "")
          << body;
      const HttpResponse r = tapi_call(*s.controller, "POST", kConnectivity, "bank-token-1", body);
      if (r.status == 201) return body_of(r)["tapi-connectivity:connectivity-service"][0];
      EXPECT_EQ(r.status, 409) << r.body;
    }
  }
  ADD_FAILURE() << s.net.name() << ": no pair of sites takes a 1+1 service";
  return json::object();
}

// A service through the 2.1 create RPC, in its shape (constraints in containers).
json create_by_rpc(Served& s, const std::string& token, const std::string& from,
                   const std::string& to, const std::string& protection) {
  const json input = {
      {"end-point", end_points(from, to)},
      {"connectivity-constraint",
       {{"service-type", "POINT_TO_POINT_CONNECTIVITY"},
        {"requested-capacity", {{"total-size", {{"value", "100"}, {"unit", "GBPS"}}}}}}},
      {"resilience-constraint", {{"resilience-type", {{"protection-type", protection}}}}}};
  const std::string rpc = "tapi-connectivity:create-connectivity-service";
  const std::string body = json{{"tapi-connectivity:input", input}}.dump();
  expect_valid_input(*s.controller, token, rpc, body);
  const HttpResponse r = tapi_call(*s.controller, "POST", kOperations + rpc, token, body);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? body_of(r)["tapi-connectivity:output"]["service"] : json::object();
}

json connection(Served& s, const json& service, std::size_t i) {
  const HttpResponse r =
      tapi_call(*s.controller, "GET",
                kConnectivity +
                    "/connection=" + service["connection"][i]["connection-uuid"].get<std::string>(),
                "admin-token-1");
  return body_of(r)["tapi-connectivity:connection"][0];
}

std::string first_fiber(const json& connection) {
  const std::string fibers = name_value(connection, "FIBERS");
  return fibers.substr(0, fibers.find(' '));
}

void cut(Served& s, const std::string& fiber) {
  const HttpResponse r = test_support::call(*s.controller, "POST", "/api/v1/failures",
                                            "admin-token-1", json{{"fiber", fiber}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
}

class TapiConformance : public ::testing::TestWithParam<std::string> {};

TEST_P(TapiConformance, EveryAnswerOfASessionValidatesAgainstTapi213) {
  auto s = serve(GetParam());
  Controller& c = *s->controller;
  int answers = read_everything_as_everyone(c);

  // Every reader subscribes to notifications of everything it may see.
  std::map<std::string, std::string> streams;
  for (const std::string& token : kReaders) {
    const std::string rpc = "tapi-notification:create-notification-subscription-service";
    const std::string body = json{
        {"tapi-notification:input",
         {{"subscription-filter", {{"requested-layer-protocols", {"PHOTONIC_MEDIA"}}}},
          {"subscription-state",
           "ACTIVE"}}}}.dump();
    expect_valid_input(c, token, rpc, body);
    const json sub = body_of(tapi_call(c, "POST", kOperations + rpc, token, body));
    streams[token] = sub["tapi-notification:output"]["subscription-service"]["notification-channel"]
                        ["stream-address"];
  }

  // Create: 1+1 through the data tree; restorable and unprotected through the 2.1 RPC.
  const json protected_ = create_one_plus_one(*s);
  ASSERT_EQ(protected_["connection"].size(), 2u) << protected_;
  const std::string from = protected_["end-point"][0]["local-id"];
  const std::string to = protected_["end-point"][1]["local-id"];
  const json restorable = create_by_rpc(*s, "bank-token-1", from, to, "DYNAMIC_RESTORATION");
  const json plain = create_by_rpc(*s, "tv-token-123", from, to, "NO_PROTECTON");
  ASSERT_FALSE(restorable.empty());
  ASSERT_FALSE(plain.empty());
  answers += read_everything_as_everyone(c);

  // Cut: the 1+1 service switches to its protect leg.
  const std::string working_fiber = first_fiber(connection(*s, protected_, 0));
  cut(*s, working_fiber);
  EXPECT_EQ(name_value(connection(*s, protected_, 1), "ACTIVE"), "true");
  answers += read_everything_as_everyone(c);

  // Restore: a fibre of the restorable service's path is cut; it is rerouted where it can be.
  const std::string restorable_fiber = first_fiber(connection(*s, restorable, 0));
  if (restorable_fiber != working_fiber) cut(*s, restorable_fiber);
  answers += read_everything_as_everyone(c);

  // Repair both fibres.
  for (const std::string& fiber : std::set<std::string>{working_fiber, restorable_fiber}) {
    ASSERT_EQ(test_support::call(c, "DELETE", "/api/v1/failures/" + fiber, "admin-token-1").status,
              200);
  }
  answers += read_everything_as_everyone(c);

  // Delete: through the data tree and through the RPC (no output in 2.1.3: 204).
  EXPECT_EQ(
      tapi_call(c, "DELETE",
                kConnectivity + "/connectivity-service=" + protected_["uuid"].get<std::string>(),
                "bank-token-1")
          .status,
      204);
  for (const auto& [service, token] :
       {std::pair{restorable, "bank-token-1"}, std::pair{plain, "tv-token-123"}}) {
    const std::string rpc = "tapi-connectivity:delete-connectivity-service";
    const std::string body =
        json{{"tapi-connectivity:input", {{"service-id-or-name", service["uuid"]}}}}.dump();
    expect_valid_input(c, token, rpc, body);
    const HttpResponse r = tapi_call(c, "POST", kOperations + rpc, token, body);
    EXPECT_EQ(r.status, 204) << r.body;
  }
  answers += read_everything_as_everyone(c);
  EXPECT_TRUE(body_of(tapi_call(
      c, "GET", kConnectivity,
      "admin-token-1"))["tapi-connectivity:connectivity-context"]["connectivity-service"]
                  .empty());
  // Each reader's view, at each of the six points, and the writes.
  EXPECT_GT(answers, 6 * 4 * 8);

  // Every notification each reader's stream carried validates; the admin's saw every kind.
  std::set<std::string> kinds;
  for (const std::string& token : kReaders) {
    const auto notifications = test_support::stream_notifications(c, token, streams[token]);
    EXPECT_FALSE(notifications.empty()) << token;
    if (token != "admin-token-1") continue;
    for (const json& n : notifications)
      kinds.insert(n["notification-type"].get<std::string>() + " " +
                   n["target-object-type"].get<std::string>());
  }
  EXPECT_EQ(kinds,
            (std::set<std::string>{
                "ATTRIBUTE_VALUE_CHANGE CONNECTIVITY_SERVICE", "ATTRIBUTE_VALUE_CHANGE LINK",
                "OBJECT_CREATION CONNECTIVITY_SERVICE", "OBJECT_DELETION CONNECTIVITY_SERVICE"}));
}

INSTANTIATE_TEST_SUITE_P(Examples, TapiConformance,
                         ::testing::Values("london", "nsfnet", "sovereign", "tokyo"));

}  // namespace
}  // namespace lightmesh::server
