// The TAPI northbound in-process: the context and its SIPs, the topology against the network,
// connectivity services through the data tree and the 2.1 RPCs, spectrum in MHz against the grid's
// arithmetic, the same services through /api/v1, RESTCONF errors, auth, tenants and refusals.
// Every TAPI answer a test receives is also checked against the TAPI 2.1.3 YANG with libyang.
#include "server/tapi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <tuple>

#include "io/load.h"
#include "server/controller.h"
#include "server/http_server.h"
#include "server/server_test_support.h"
#include "server/tapi_ids.h"
#include "server/tapi_test_support.h"
#include "server/uuid.h"
#include "store/sqlite_store.h"

namespace lightmesh::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using test_support::kTokens;
using test_support::london;

// Every call of these tests checks its TAPI answer against TAPI 2.1.3 (tapi_test_support.h).
HttpResponse call(Controller& c, const std::string& method, const std::string& path,
                  const std::string& token, const std::string& body = "") {
  return test_support::tapi_call(c, method, path, token, body);
}

std::string temp_db() { return (test_support::temp_dir("tapi") / "state.db").string(); }

std::unique_ptr<Controller> make_controller(const std::string& db) {
  return test_support::make_sqlite_controller(db);
}

const std::string kContext = "/restconf/data/tapi-common:context";
const std::string kConnectivity = kContext + "/tapi-connectivity:connectivity-context";
const std::string kTopology = kContext + "/tapi-topology:topology-context";
const std::string kCreateRpc = "/restconf/operations/tapi-connectivity:create-connectivity-service";
const std::string kDeleteRpc = "/restconf/operations/tapi-connectivity:delete-connectivity-service";

json body_of(const HttpResponse& r) { return json::parse(r.body); }

// The single ietf-restconf error of an answer.
json restconf_error(const HttpResponse& r) {
  const json j = body_of(r);
  EXPECT_TRUE(j.contains("ietf-restconf:errors")) << r.body;
  const json& errors = j["ietf-restconf:errors"]["error"];
  EXPECT_EQ(errors.size(), 1u) << r.body;
  EXPECT_TRUE(errors[0].contains("error-type") && errors[0].contains("error-tag") &&
              errors[0].contains("error-message"))
      << r.body;
  return errors[0];
}

// A connectivity-service entry between two sites, in the data-tree form.
json service_entry(const std::string& from, const std::string& to, double gbps,
                   const std::string& protection = "NO_PROTECTION") {
  return {
      {"end-point",
       {{{"local-id", "a"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid(from)}}}},
        {{"local-id", "z"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid(to)}}}}}},
      {"requested-capacity", {{"total-size", {{"value", gbps}, {"unit", "GBPS"}}}}},
      {"resilience-constraint",
       {{{"resilience-type", {{"restoration-policy", "NA"}, {"protection-type", protection}}}}}}};
}

std::string data_body(const json& entry) {
  return json{{"tapi-connectivity:connectivity-service", {entry}}}.dump();
}

// Creates through the data tree and returns the created service.
json create(Controller& c, const std::string& token, const json& entry) {
  const HttpResponse r = call(c, "POST", kConnectivity, token, data_body(entry));
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.content_type, "application/yang-data+json");
  return body_of(r)["tapi-connectivity:connectivity-service"][0];
}

std::string service_path(const std::string& uuid) {
  return kConnectivity + "/connectivity-service=" + uuid;
}

std::string name_value(const json& object, const std::string& value_name) {
  for (const auto& n : object["name"])
    if (n["value-name"] == value_name) return n["value"];
  return "";
}

TEST(TapiUuid, NameBasedUuidsMatchRfc4122) {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
  EXPECT_EQ(name_uuid(kDnsNamespace, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_EQ(name_uuid(kUrlNamespace, "urn:lightmesh:sip:LD4"),
            "2e856e6d-6a66-592b-8255-01e3860e494e");
  EXPECT_EQ(sip_uuid("LD4"), "2e856e6d-6a66-592b-8255-01e3860e494e");
  EXPECT_TRUE(is_uuid(sip_uuid("LSE")));
  EXPECT_NE(sip_uuid("LSE"), sip_uuid("LD4"));
}

TEST(TapiUuid, ServiceIdsAndUuidsMapBothWays) {
  EXPECT_EQ(service_uuid("svc-000123", ""), "00000000-7376-8000-8000-000000000123");
  EXPECT_EQ(service_id_of("00000000-7376-8000-8000-000000000123"), "svc-000123");
  EXPECT_EQ(service_uuid("svc-1234567", ""), "00000000-7376-8000-8000-000001234567");
  EXPECT_EQ(service_id_of(service_uuid("svc-1234567", "")), "svc-1234567");
  EXPECT_EQ(service_id_of(service_uuid("svc-98765432109876", "")), "svc-98765432109876");
  EXPECT_FALSE(service_id_of(sip_uuid("LD4")));
  // A client's uuid kept in the name wins; other ids get a name-based uuid.
  const std::string own = "3f2a1b4c-0000-4000-8000-00000000abcd";
  EXPECT_EQ(service_uuid("svc-000001", "tapi-uuid:" + own + " payroll"), own);
  EXPECT_EQ(name_without_client_uuid("tapi-uuid:" + own + " payroll"), "payroll");
  EXPECT_TRUE(is_uuid(service_uuid("odd", "")));
  EXPECT_FALSE(service_id_of(service_uuid("odd", "")));
}

// The check every test relies on: what a strict client rejects, libyang rejects, saying where.
TEST(TapiSchema, RejectsWhatAStrictClientWould) {
  auto c = make_controller(temp_db());
  create(*c, "bank-token-1", service_entry("LSE", "LD4", 100));
  const test_support::TapiSchema& schema = test_support::TapiSchema::get();
  const std::string context = test_support::call(*c, "GET", kContext, "bank-token-1").body;
  ASSERT_EQ(schema.data_errors(context), "");
  const json doc = json::parse(context);
  auto sip = [](json& d) -> json& {
    return d["tapi-common:context"]["service-interface-point"][0];
  };
  auto connectivity = [](json& d) -> json& {
    return d["tapi-common:context"]["tapi-connectivity:connectivity-context"];
  };
  using ::testing::HasSubstr;

  json bad = doc;  // a uint64 as a JSON number: RFC 7951 writes it as a string
  sip(bad)["tapi-photonic-media:media-channel-service-interface-point-spec"]["mc-pool"]
          ["supportable-spectrum"][0]["lower-frequency"] = 191325000;
  EXPECT_THAT(schema.data_errors(bad.dump()), HasSubstr("supportable-spectrum"));
  bad = doc;  // an identity without its module
  sip(bad)["supported-layer-protocol-qualifier"][0] = "PHOTONIC_LAYER_QUALIFIER_OTSi";
  EXPECT_THAT(schema.data_errors(bad.dump()), HasSubstr("supported-layer-protocol-qualifier"));
  bad = doc;  // a member 2.1.3 does not have there
  connectivity(bad)["connectivity-service"][0]["layer-protocol-name"] = "PHOTONIC_MEDIA";
  EXPECT_THAT(schema.data_errors(bad.dump()), HasSubstr("layer-protocol-name"));
  bad = doc;  // a connection without the end-points 2.1.3 requires
  connectivity(bad)["connection"][0].erase("connection-end-point");
  EXPECT_THAT(schema.data_errors(bad.dump()), HasSubstr("connection-end-point"));

  // A resource whose reference does not resolve in the whole tree.
  json copy = doc;
  json connection = connectivity(copy)["connection"][0];
  connection["connection-end-point"][0]["connection-end-point-uuid"] = sip_uuid("LD4");
  EXPECT_THAT(
      schema.subtree_errors(json{{"tapi-connectivity:connection", {connection}}}.dump(),
                            "/tapi-common:context/tapi-connectivity:connectivity-context", context),
      HasSubstr("leafref"));
  // An RPC output with a member its output lacks.
  json service = connectivity(copy)["connectivity-service"][0];
  const std::string list = "tapi-connectivity:get-connectivity-service-list";
  EXPECT_EQ(schema.output_errors(
                list, json{{"tapi-connectivity:output", {{"service", {service}}}}}.dump(), context),
            "");
  service["bogus"] = 1;
  EXPECT_THAT(
      schema.output_errors(
          list, json{{"tapi-connectivity:output", {{"service", {service}}}}}.dump(), context),
      HasSubstr("bogus"));
  // An RPC input: 2.5's requested-capacity beside the end-points is not 2.1.3's create input.
  const std::string create_rpc = "tapi-connectivity:create-connectivity-service";
  EXPECT_THAT(
      schema.input_errors(
          create_rpc,
          json{{"tapi-connectivity:input",
                {{"requested-capacity", {{"total-size", {{"value", "100"}, {"unit", "GBPS"}}}}}}}}
              .dump(),
          context),
      HasSubstr("requested-capacity"));
  EXPECT_EQ(schema.input_errors(
                "tapi-connectivity:delete-connectivity-service",
                json{{"tapi-connectivity:input", {{"service-id-or-name", "svc-000001"}}}}.dump(),
                context),
            "");
}

TEST(Tapi, ContextHasOneSipPerSite) {
  auto c = make_controller(temp_db());
  const HttpResponse r = call(*c, "GET", kContext, "bank-token-1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/yang-data+json");
  const json ctx = body_of(r)["tapi-common:context"];
  EXPECT_TRUE(is_uuid(ctx["uuid"].get<std::string>()));
  EXPECT_FALSE(ctx["name"].empty());
  ASSERT_EQ(ctx["service-interface-point"].size(), london().sites().size());
  std::set<std::string> uuids;
  for (const auto& sip : ctx["service-interface-point"]) {
    const std::string site = name_value(sip, "SIP_NAME");
    ASSERT_NE(london().find_site(site), kNoIndex) << site;
    EXPECT_EQ(sip["uuid"], sip_uuid(site));
    uuids.insert(sip["uuid"]);
    EXPECT_EQ(sip["layer-protocol-name"], "PHOTONIC_MEDIA");
    EXPECT_EQ(sip["supported-layer-protocol-qualifier"][0],
              "tapi-photonic-media:PHOTONIC_LAYER_QUALIFIER_OTSi");
    EXPECT_EQ(sip["administrative-state"], "UNLOCKED");
    EXPECT_EQ(sip["operational-state"], "ENABLED");
    EXPECT_EQ(sip["lifecycle-state"], "INSTALLED");
  }
  EXPECT_EQ(uuids.size(), london().sites().size());
  EXPECT_TRUE(ctx.contains("tapi-topology:topology-context"));
  EXPECT_TRUE(ctx.contains("tapi-connectivity:connectivity-context"));

  // The same uuid on every start, and each SIP on its own.
  auto again = make_controller(temp_db());
  EXPECT_EQ(body_of(call(*again, "GET", kContext,
                         "bank-token-1"))["tapi-common:context"]["service-interface-point"],
            ctx["service-interface-point"]);
  const HttpResponse one =
      call(*c, "GET", kContext + "/service-interface-point=" + sip_uuid("LD4"), "bank-token-1");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(name_value(body_of(one)["tapi-common:service-interface-point"][0], "SIP_NAME"), "LD4");
  EXPECT_EQ(
      call(*c, "GET", kContext + "/service-interface-point=" + sip_uuid("NOPE"), "bank-token-1")
          .status,
      404);
}

TEST(Tapi, TopologyHasANodePerNodeAndALinkPerFibre) {
  auto c = make_controller(temp_db());
  const HttpResponse r = call(*c, "GET", kTopology, "bank-token-1");
  ASSERT_EQ(r.status, 200) << r.body;
  const json topologies = body_of(r)["tapi-topology:topology-context"]["topology"];
  ASSERT_EQ(topologies.size(), 1u);
  const std::string uuid = topologies[0]["uuid"];

  const HttpResponse one = call(*c, "GET", kTopology + "/topology=" + uuid, "bank-token-1");
  ASSERT_EQ(one.status, 200) << one.body;
  const json topo = body_of(one)["tapi-topology:topology"][0];
  EXPECT_EQ(topo, topologies[0]);
  ASSERT_EQ(topo["node"].size(), london().nodes().size());
  ASSERT_EQ(topo["link"].size(), london().fibers().size());

  std::map<std::string, std::set<std::string>> neps;  // node uuid → its NEP uuids
  std::set<std::string> sips_mapped;
  for (const auto& n : topo["node"]) {
    for (const auto& nep : n["owned-node-edge-point"]) {
      neps[n["uuid"]].insert(nep["uuid"].get<std::string>());
      for (const auto& m : nep.value("mapped-service-interface-point", json::array()))
        sips_mapped.insert(m["service-interface-point-uuid"].get<std::string>());
    }
  }
  EXPECT_EQ(neps.size(), london().nodes().size());
  EXPECT_EQ(sips_mapped.size(), london().sites().size());
  std::set<std::string> link_uuids;
  for (const auto& l : topo["link"]) {
    link_uuids.insert(l["uuid"].get<std::string>());
    ASSERT_EQ(l["node-edge-point"].size(), 2u);
    for (const auto& ref : l["node-edge-point"]) {
      EXPECT_EQ(ref["topology-uuid"], uuid);
      ASSERT_TRUE(neps.count(ref["node-uuid"])) << ref;
      EXPECT_TRUE(neps[ref["node-uuid"]].count(ref["node-edge-point-uuid"])) << ref;
    }
    const FiberIndex f = london().find_fiber(name_value(l, "LINK_NAME"));
    ASSERT_NE(f, kNoIndex);
    EXPECT_DOUBLE_EQ(std::stod(l["cost-characteristic"][0]["cost-value"].get<std::string>()),
                     std::round(london().fiber(f).length.value() * 1000) / 1000);
  }
  EXPECT_EQ(link_uuids.size(), london().fibers().size());
  EXPECT_EQ(call(*c, "GET", kTopology + "/topology=" + sip_uuid("LD4"), "bank-token-1").status,
            404);
}

TEST(Tapi, CreateGetListDeleteThroughTheDataTree) {
  auto c = make_controller(temp_db());
  // 200G: one 200G-16QAM lightpath (400ZR does not pass on LSE–LD4's four hops).
  json entry = service_entry("LSE", "LD4", 200);
  entry["name"] = {{{"value-name", "SERVICE_NAME"}, {"value", "payroll"}}};
  entry["latency-characteristic"] = {
      {{"traffic-property-name", "ROUND_TRIP"}, {"fixed-latency-characteristic", "1000"}}};
  const HttpResponse r = call(*c, "POST", kConnectivity, "bank-token-1", data_body(entry));
  ASSERT_EQ(r.status, 201) << r.body;
  const json s = body_of(r)["tapi-connectivity:connectivity-service"][0];
  const std::string uuid = s["uuid"];
  EXPECT_EQ(service_id_of(uuid), name_value(s, "SERVICE_ID"));
  bool located = false;
  for (const auto& [k, v] : r.headers) located |= k == "Location" && v == service_path(uuid);
  EXPECT_TRUE(located);
  EXPECT_EQ(name_value(s, "SERVICE_NAME"), "payroll");
  EXPECT_EQ(name_value(s, "TENANT"), "bank");
  EXPECT_EQ(s["operational-state"], "ENABLED");
  // uint64 in TAPI, so a string in RFC 7951.
  EXPECT_EQ(s["requested-capacity"]["total-size"]["value"], "200");
  EXPECT_EQ(s["requested-capacity"]["total-size"]["unit"], "GBPS");
  // TAPI 2.1.3's own spelling.
  EXPECT_EQ(s["resilience-type"]["protection-type"], "NO_PROTECTON");
  EXPECT_EQ(s["latency-characteristic"][0]["fixed-latency-characteristic"], "1000");
  ASSERT_EQ(s["end-point"].size(), 2u);
  EXPECT_EQ(s["end-point"][0]["service-interface-point"]["service-interface-point-uuid"],
            sip_uuid("LSE"));
  EXPECT_EQ(s["end-point"][1]["service-interface-point"]["service-interface-point-uuid"],
            sip_uuid("LD4"));
  ASSERT_EQ(s["connection"].size(), 1u);

  const HttpResponse got = call(*c, "GET", service_path(uuid), "bank-token-1");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(body_of(got)["tapi-connectivity:connectivity-service"][0], s);
  // Upper-case uuids name the same service.
  std::string upper = uuid;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(ch));
  EXPECT_EQ(call(*c, "GET", service_path(upper), "bank-token-1").status, 200);

  const json list = body_of(call(*c, "GET", kConnectivity, "bank-token-1"));
  const json& ctx = list["tapi-connectivity:connectivity-context"];
  ASSERT_EQ(ctx["connectivity-service"].size(), 1u);
  EXPECT_EQ(ctx["connectivity-service"][0]["uuid"], uuid);
  ASSERT_EQ(ctx["connection"].size(), 1u);
  EXPECT_EQ(ctx["connection"][0]["uuid"], s["connection"][0]["connection-uuid"]);
  const double one_way = std::stod(name_value(ctx["connection"][0], "ONE_WAY_US"));
  EXPECT_LE(2 * one_way, 1000.0);
  // The line model's figures, as in the REST view: admitted at required OSNR + 2 dB.
  const double gsnr = std::stod(name_value(ctx["connection"][0], "GSNR_DB"));
  const double required = std::stod(name_value(ctx["connection"][0], "REQUIRED_OSNR_DB"));
  EXPECT_GE(gsnr, required + 2.0);
  EXPECT_NEAR(std::stod(name_value(ctx["connection"][0], "MARGIN_DB")), gsnr - required, 0.011);

  const HttpResponse deleted = call(*c, "DELETE", service_path(uuid), "bank-token-1");
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  const HttpResponse gone = call(*c, "GET", service_path(uuid), "bank-token-1");
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(restconf_error(gone)["error-tag"], "data-missing");
  EXPECT_EQ(call(*c, "DELETE", service_path(uuid), "bank-token-1").status, 404);
  EXPECT_TRUE(body_of(call(
      *c, "GET", kConnectivity,
      "bank-token-1"))["tapi-connectivity:connectivity-context"]["connectivity-service"]
                  .empty());
}

TEST(Tapi, UuidsSurviveARestart) {
  const std::string db = temp_db();
  const std::string own = "3f2a1b4c-1111-4222-8333-444455556666";
  std::string derived;
  {
    auto c = make_controller(db);
    derived = create(*c, "bank-token-1", service_entry("LSE", "LD4", 100))["uuid"];
    json entry = service_entry("LSE", "LD8", 100);
    entry["uuid"] = own;
    const json s = create(*c, "bank-token-1", entry);
    EXPECT_EQ(s["uuid"], own);
    const HttpResponse again = call(*c, "POST", kConnectivity, "tv-token-123", data_body(entry));
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(restconf_error(again)["error-tag"], "data-exists");
    entry["uuid"] = "00000000-7376-8000-8000-000000000042";  // the controller's own form
    EXPECT_EQ(call(*c, "POST", kConnectivity, "bank-token-1", data_body(entry)).status, 400);
  }
  auto c = make_controller(db);
  EXPECT_EQ(call(*c, "GET", service_path(own), "bank-token-1").status, 200);
  EXPECT_EQ(call(*c, "GET", service_path(derived), "bank-token-1").status, 200);
}

TEST(Tapi, CreateAndDeleteThroughThe21Rpcs) {
  auto c = make_controller(temp_db());
  // 2.1 puts requested-capacity in connectivity-constraint; RFC 7951 writes numbers as strings.
  json input = service_entry("LSE", "LD4", 0);
  input.erase("requested-capacity");
  input["connectivity-constraint"] = {
      {"service-type", "POINT_TO_POINT_CONNECTIVITY"},
      {"requested-capacity", {{"total-size", {{"value", "100"}, {"unit", "tapi-common:GBPS"}}}}}};
  const HttpResponse r =
      call(*c, "POST", kCreateRpc, "bank-token-1", json{{"tapi-connectivity:input", input}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const json s = body_of(r)["tapi-connectivity:output"]["service"];
  EXPECT_EQ(s["requested-capacity"]["total-size"]["value"], "100");
  const std::string uuid = s["uuid"];
  EXPECT_EQ(call(*c, "GET", service_path(uuid), "bank-token-1").status, 200);

  // {"input": …} is accepted too; delete by uuid, by fabric id and by name.
  input["name"] = {{{"value-name", "SERVICE_NAME"}, {"value", "backup"}}};
  const json second =
      body_of(call(*c, "POST", kCreateRpc, "bank-token-1",
                   json{{"input", input}}.dump()))["tapi-connectivity:output"]["service"];
  const json third = create(*c, "bank-token-1", service_entry("LSE", "LD8", 100));
  // A name two services share names neither.
  json twin = service_entry("LSE", "LD8", 100);
  twin["name"] = {{{"value-name", "SERVICE_NAME"}, {"value", "twin"}}};
  const std::string twin_a = create(*c, "bank-token-1", twin)["uuid"];
  create(*c, "bank-token-1", twin);
  const HttpResponse ambiguous = call(*c, "POST", kDeleteRpc, "bank-token-1",
                                      json{{"input", {{"service-id-or-name", "twin"}}}}.dump());
  EXPECT_EQ(ambiguous.status, 400);
  EXPECT_EQ(restconf_error(ambiguous)["error-path"], "/input/service-id-or-name");
  EXPECT_EQ(call(*c, "GET", service_path(twin_a), "bank-token-1").status, 200);

  const HttpResponse d1 =
      call(*c, "POST", kDeleteRpc, "bank-token-1",
           json{{"tapi-connectivity:input", {{"service-id-or-name", uuid}}}}.dump());
  // TAPI 2.1.3's delete-connectivity-service has no output: 204 (RFC 8040 §3.6.2).
  EXPECT_EQ(d1.status, 204) << d1.body;
  EXPECT_EQ(d1.body, "");
  EXPECT_EQ(call(*c, "GET", service_path(uuid), "bank-token-1").status, 404);
  EXPECT_EQ(call(*c, "POST", kDeleteRpc, "bank-token-1",
                 json{{"input", {{"service-id-or-name", "backup"}}}}.dump())
                .status,
            204);
  EXPECT_EQ(call(*c, "GET", service_path(second["uuid"]), "bank-token-1").status, 404);
  EXPECT_EQ(call(*c, "POST", kDeleteRpc, "bank-token-1",
                 json{{"input", {{"uuid", name_value(third, "SERVICE_ID")}}}}.dump())
                .status,
            204);
  const HttpResponse again = call(*c, "POST", kDeleteRpc, "bank-token-1",
                                  json{{"input", {{"service-id-or-name", uuid}}}}.dump());
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(restconf_error(again)["error-tag"], "data-missing");
}

TEST(Tapi, The21ReadRpcsAnswerLikeTheDataTree) {
  auto c = make_controller(temp_db());
  const json s = create(*c, "bank-token-1", service_entry("LSE", "LD4", 100));
  create(*c, "tv-token-123", service_entry("LSE", "LD8", 100));

  const HttpResponse list =
      call(*c, "POST", "/restconf/operations/tapi-connectivity:get-connectivity-service-list",
           "bank-token-1");
  ASSERT_EQ(list.status, 200) << list.body;
  const json services = body_of(list)["tapi-connectivity:output"]["service"];
  ASSERT_EQ(services.size(), 1u);  // the caller's own only
  EXPECT_EQ(services[0], s);
  EXPECT_EQ(body_of(call(
                *c, "POST", "/restconf/operations/tapi-connectivity:get-connectivity-service-list",
                "audit-token-1", R"({"input": {}})"))["tapi-connectivity:output"]["service"]
                .size(),
            2u);

  const std::string details =
      "/restconf/operations/tapi-connectivity:get-connectivity-service-details";
  const HttpResponse one =
      call(*c, "POST", details, "bank-token-1",
           json{{"tapi-connectivity:input", {{"service-id-or-name", s["uuid"]}}}}.dump());
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(body_of(one)["tapi-connectivity:output"]["service"], s);
  EXPECT_EQ(call(*c, "POST", details, "tv-token-123", json{{"input", {{"uuid", s["uuid"]}}}}.dump())
                .status,
            404);

  const HttpResponse sips =
      call(*c, "POST", "/restconf/operations/tapi-common:get-service-interface-point-list",
           "tv-token-123");
  ASSERT_EQ(sips.status, 200) << sips.body;
  EXPECT_EQ(body_of(sips)["tapi-common:output"]["sip"],
            body_of(call(*c, "GET", kContext,
                         "tv-token-123"))["tapi-common:context"]["service-interface-point"]);

  json topo = body_of(
      call(*c, "GET", kTopology, "bank-token-1"))["tapi-topology:topology-context"]["topology"][0];
  // The RPC's output is the same topology without the connection-end-points, which TAPI 2.1.3
  // places only in the data tree.
  std::size_t ceps = 0;
  for (auto& n : topo["node"]) {
    for (auto& nep : n["owned-node-edge-point"]) ceps += nep.erase("tapi-connectivity:cep-list");
  }
  EXPECT_EQ(ceps, 2u);  // the bank's service ends at LSE and LD4
  const std::string topology_rpc = "/restconf/operations/tapi-topology:get-topology-details";
  for (const std::string& id : {topo["uuid"].get<std::string>(), london().name()}) {
    const HttpResponse r =
        call(*c, "POST", topology_rpc, "audit-token-1",
             json{{"tapi-topology:input", {{"topology-id-or-name", id}}}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(body_of(r)["tapi-topology:output"]["topology"], topo);
  }
  const HttpResponse nope = call(*c, "POST", topology_rpc, "bank-token-1",
                                 json{{"input", {{"topology-id-or-name", "nope"}}}}.dump());
  EXPECT_EQ(nope.status, 404);
  EXPECT_EQ(restconf_error(nope)["error-tag"], "data-missing");
  EXPECT_EQ(call(*c, "POST", topology_rpc, "bank-token-1", "{\"input\": {}}").status, 400);
}

TEST(Tapi, OnePlusOneHasTwoConnectionsWithSpectrumInMhz) {
  auto c = make_controller(temp_db());
  const json s = create(*c, "bank-token-1",
                        service_entry("LSE", "LD4", 100, "tapi-topology:ONE_PLUS_ONE_PROTECTION"));
  EXPECT_EQ(s["resilience-type"]["protection-type"], "ONE_PLUS_ONE_PROTECTION");
  ASSERT_EQ(s["connection"].size(), 2u);

  // Every connection-end-point in the topology, by uuid, with the NEP it sits on.
  const json topo = body_of(
      call(*c, "GET", kTopology, "bank-token-1"))["tapi-topology:topology-context"]["topology"][0];
  std::map<std::string, json> ceps, neps;
  for (const auto& n : topo["node"]) {
    for (const auto& nep : n["owned-node-edge-point"]) {
      neps[nep["uuid"]] = nep;
      if (!nep.contains("tapi-connectivity:cep-list")) continue;
      for (const auto& cep : nep["tapi-connectivity:cep-list"]["connection-end-point"]) {
        EXPECT_EQ(cep["parent-node-edge-point"]["node-uuid"], n["uuid"]);
        EXPECT_EQ(cep["parent-node-edge-point"]["node-edge-point-uuid"], nep["uuid"]);
        ceps[cep["uuid"]] = cep;
      }
    }
  }
  EXPECT_EQ(ceps.size(), 4u);  // two connections, each ending at LSE and at LD4

  // The same lightpaths through the REST API, with their N and M.
  const std::string id = name_value(s, "SERVICE_ID");
  const json rest = body_of(call(*c, "GET", "/api/v1/services/" + id, "bank-token-1"));
  ASSERT_EQ(rest["lightpaths"].size(), 2u);
  std::set<std::string> roles;
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string conn_uuid = s["connection"][i]["connection-uuid"];
    const HttpResponse r =
        call(*c, "GET", kConnectivity + "/connection=" + conn_uuid, "bank-token-1");
    ASSERT_EQ(r.status, 200) << r.body;
    const json conn = body_of(r)["tapi-connectivity:connection"][0];
    roles.insert(name_value(conn, "ROLE"));
    const json& lp = rest["lightpaths"][i];
    EXPECT_EQ(name_value(conn, "ROLE"), lp["role"]);
    // Independent arithmetic: centre 193.1 THz + n × 6.25 GHz, width m × 12.5 GHz, in MHz.
    const std::int64_t n = lp["n"], m = lp["m"];
    const std::int64_t centre = 193'100'000 + n * 6'250;
    const std::int64_t width = m * 12'500;
    // The connection ends on the add-drop ports mapped to the two sites' SIPs, and its channel is
    // on those end-points, where TAPI 2.1.3 places it.
    ASSERT_EQ(conn["connection-end-point"].size(), 2u);
    std::set<std::string> sips;
    for (const auto& ref : conn["connection-end-point"]) {
      ASSERT_TRUE(ceps.count(ref["connection-end-point-uuid"])) << ref;
      const json& nep = neps[ref["node-edge-point-uuid"]];
      sips.insert(nep["mapped-service-interface-point"][0]["service-interface-point-uuid"]);
      const json& termination =
          ceps[ref["connection-end-point-uuid"]]
              ["tapi-photonic-media:otsi-connection-end-point-spec"]["otsi-termination"];
      const json& central = termination["selected-central-frequency"];
      const json& band = termination["selected-spectrum"];
      EXPECT_EQ(std::stoll(central["central-frequency"].get<std::string>()), centre);
      EXPECT_EQ(std::stoll(band["lower-frequency"].get<std::string>()), centre - width / 2);
      EXPECT_EQ(std::stoll(band["upper-frequency"].get<std::string>()), centre + width / 2);
      EXPECT_EQ(band["frequency-constraint"]["adjustment-granularity"], "G_6_25GHZ");
      EXPECT_EQ(band["frequency-constraint"]["grid-type"], "FLEX");
      EXPECT_NEAR(std::stod(central["central-frequency"].get<std::string>()),
                  lp["center_thz"].get<double>() * 1e6, 1.0);
    }
    EXPECT_EQ(sips, (std::set<std::string>{sip_uuid("LSE"), sip_uuid("LD4")}));
  }
  EXPECT_EQ(roles, (std::set<std::string>{"working", "protect"}));
  // Each service end-point names the end-points of both connections at its site.
  for (const auto& e : s["end-point"]) EXPECT_EQ(e["connection-end-point"].size(), 2u);
  EXPECT_EQ(
      call(*c, "GET", kConnectivity + "/connection=" + sip_uuid("LD4"), "bank-token-1").status,
      404);
}

TEST(Tapi, ServicesAreTheSameThroughBothApis) {
  auto c = make_controller(temp_db());
  const json rest = body_of(
      call(*c, "POST", "/api/v1/services", "bank-token-1",
           R"({"from": "LSE", "to": "LD8", "bandwidth_gbps": 100, "protection": "restore"})"));
  const std::string rest_id = rest["id"];
  const json tapi = create(*c, "bank-token-1", service_entry("LSE", "LD4", 200));

  const json items = body_of(call(*c, "GET", "/api/v1/services", "bank-token-1"))["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["id"], name_value(tapi, "SERVICE_ID"));
  EXPECT_EQ(items[1]["bandwidth_gbps"], 200);

  const HttpResponse got = call(*c, "GET", service_path(service_uuid(rest_id, "")), "bank-token-1");
  ASSERT_EQ(got.status, 200) << got.body;
  const json s = body_of(got)["tapi-connectivity:connectivity-service"][0];
  EXPECT_EQ(s["resilience-type"]["protection-type"], "DYNAMIC_RESTORATION");
  EXPECT_EQ(s["end-point"][1]["local-id"], "LD8");
  EXPECT_EQ(body_of(call(
                *c, "GET", kConnectivity,
                "bank-token-1"))["tapi-connectivity:connectivity-context"]["connectivity-service"]
                .size(),
            2u);
  // Deleted through TAPI, gone from /api/v1.
  EXPECT_EQ(call(*c, "DELETE", service_path(tapi["uuid"]), "bank-token-1").status, 204);
  EXPECT_EQ(
      call(*c, "GET", "/api/v1/services/" + name_value(tapi, "SERVICE_ID"), "bank-token-1").status,
      404);
}

TEST(Tapi, BandwidthOfNoWholeGbpsIsWrittenInMbps) {
  auto c = make_controller(temp_db());
  const json rest = body_of(call(*c, "POST", "/api/v1/services", "bank-token-1",
                                 R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 12.5})"));
  const HttpResponse got = call(
      *c, "GET", service_path(service_uuid(rest["id"].get<std::string>(), "")), "bank-token-1");
  ASSERT_EQ(got.status, 200) << got.body;
  // TAPI's capacity value is a whole number (uint64), so 12.5 Gb/s is 12500 Mb/s.
  const json size =
      body_of(got)["tapi-connectivity:connectivity-service"][0]["requested-capacity"]["total-size"];
  EXPECT_EQ(size["value"], "12500");
  EXPECT_EQ(size["unit"], "MBPS");
}

TEST(Tapi, ErrorsAreRestconfErrors) {
  auto c = make_controller(temp_db());
  const HttpResponse malformed = call(*c, "POST", kConnectivity, "bank-token-1", "{");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.content_type, "application/yang-data+json");
  EXPECT_EQ(restconf_error(malformed)["error-tag"], "malformed-message");
  EXPECT_EQ(restconf_error(malformed)["error-type"], "protocol");

  json unknown_sip = service_entry("LSE", "LD4", 100);
  unknown_sip["end-point"][1]["service-interface-point"]["service-interface-point-uuid"] =
      sip_uuid("ATLANTIS");
  const HttpResponse bad_sip =
      call(*c, "POST", kConnectivity, "bank-token-1", data_body(unknown_sip));
  EXPECT_EQ(bad_sip.status, 400);
  EXPECT_EQ(restconf_error(bad_sip)["error-tag"], "invalid-value");
  EXPECT_EQ(restconf_error(bad_sip)["error-path"],
            "/tapi-connectivity:connectivity-service/0/end-point/1/service-interface-point/"
            "service-interface-point-uuid");

  const std::vector<json> invalid = {
      service_entry("LSE", "LD4", -5),
      service_entry("LSE", "LD4", 100, "ONE_PLUS_ONE_PROTECTION_WITH_DYNAMIC_RESTORATION"),
      json{{"end-point", json::array()}},
      json::array(),
  };
  for (const json& e : invalid) {
    const HttpResponse r = call(*c, "POST", kConnectivity, "bank-token-1", data_body(e));
    EXPECT_EQ(r.status, 400) << e;
    EXPECT_EQ(restconf_error(r)["error-tag"], "invalid-value") << e;
  }
  EXPECT_EQ(call(*c, "POST", kConnectivity, "bank-token-1", R"({"something": []})").status, 400);
  EXPECT_EQ(call(*c, "POST", kCreateRpc, "bank-token-1", R"({"output": {}})").status, 400);

  const HttpResponse unknown =
      call(*c, "GET", service_path("00000000-7376-8000-8000-000000999999"), "bank-token-1");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(restconf_error(unknown)["error-tag"], "data-missing");
  EXPECT_EQ(call(*c, "GET", service_path("not-a-uuid"), "bank-token-1").status, 404);
  EXPECT_EQ(call(*c, "GET", kContext + "/nothing", "bank-token-1").status, 404);
  EXPECT_EQ(call(*c, "GET", "/restconf/operations/tapi-nothing:rpc", "bank-token-1").status, 404);
  EXPECT_EQ(call(*c, "PUT", kConnectivity, "bank-token-1").status, 405);
  EXPECT_EQ(call(*c, "GET", kCreateRpc, "bank-token-1").status, 405);
  // Nothing was booked by any of it.
  EXPECT_TRUE(body_of(call(*c, "GET", "/api/v1/services", "admin-token-1"))["items"].empty());
}

TEST(Tapi, RefusalsAre409WithThePlannerReason) {
  auto c = make_controller(temp_db());
  json entry = service_entry("LSE", "MAN", 100);
  entry["routing-constraint"] = {
      {"latency-characteristic",
       {{{"traffic-property-name", "ROUND_TRIP"}, {"fixed-latency-characteristic", 1000}}}}};
  const HttpResponse r = call(*c, "POST", kConnectivity, "bank-token-1", data_body(entry));
  EXPECT_EQ(r.status, 409);
  const json e = restconf_error(r);
  EXPECT_EQ(e["error-tag"], "resource-denied");
  EXPECT_EQ(e["error-app-tag"], "LATENCY_BOUND");
  const HttpResponse rpc =
      call(*c, "POST", kCreateRpc, "bank-token-1", json{{"tapi-connectivity:input", entry}}.dump());
  EXPECT_EQ(rpc.status, 409);
  EXPECT_TRUE(body_of(call(*c, "GET", "/api/v1/services", "admin-token-1"))["items"].empty());
}

TEST(Tapi, AuthRolesAndTenants) {
  auto c = make_controller(temp_db());
  const HttpResponse anonymous = call(*c, "GET", kContext, "");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(restconf_error(anonymous)["error-tag"], "access-denied");
  // Both schemes the server accepts are offered, Basic first (a JDK client answers only that).
  ASSERT_EQ(anonymous.headers.size(), 2u);
  EXPECT_EQ(anonymous.headers[0].second.rfind("Basic realm=", 0), 0u);
  EXPECT_EQ(anonymous.headers[1].second, "Bearer");
  const HttpResponse wrong = call(*c, "GET", kTopology, "wrong-token");
  EXPECT_EQ(wrong.status, 401);
  ASSERT_EQ(wrong.headers.size(), 1u);  // a bearer client is offered Bearer only
  EXPECT_EQ(wrong.headers[0].second, "Bearer");
  EXPECT_EQ(call(*c, "POST", kCreateRpc, "", "{}").status, 401);

  const std::string body = data_body(service_entry("LSE", "LD4", 100));
  const HttpResponse read_only = call(*c, "POST", kConnectivity, "audit-token-1", body);
  EXPECT_EQ(read_only.status, 403);
  EXPECT_EQ(restconf_error(read_only)["error-tag"], "access-denied");
  EXPECT_EQ(call(*c, "POST", kCreateRpc, "audit-token-1",
                 json{{"input", service_entry("LSE", "LD4", 100)}}.dump())
                .status,
            403);

  const json s = create(*c, "bank-token-1", service_entry("LSE", "LD4", 100));
  const std::string uuid = s["uuid"];
  // Another tenant: 404, exactly as for a missing uuid, and an empty list.
  EXPECT_EQ(call(*c, "GET", service_path(uuid), "tv-token-123").status, 404);
  EXPECT_EQ(call(*c, "DELETE", service_path(uuid), "tv-token-123").status, 404);
  EXPECT_EQ(call(*c, "POST", kDeleteRpc, "tv-token-123",
                 json{{"input", {{"service-id-or-name", uuid}}}}.dump())
                .status,
            404);
  EXPECT_EQ(call(*c, "GET",
                 kConnectivity +
                     "/connection=" + s["connection"][0]["connection-uuid"].get<std::string>(),
                 "tv-token-123")
                .status,
            404);
  EXPECT_TRUE(
      body_of(call(*c, "GET", kContext,
                   "tv-token-123"))["tapi-common:context"]["tapi-connectivity:connectivity-context"]
                                   ["connectivity-service"]
                                       .empty());
  // Read-only and admin tokens see every tenant's services; read-only cannot delete.
  EXPECT_EQ(call(*c, "GET", service_path(uuid), "audit-token-1").status, 200);
  EXPECT_EQ(call(*c, "DELETE", service_path(uuid), "audit-token-1").status, 403);
  EXPECT_EQ(call(*c, "POST", kDeleteRpc, "audit-token-1",
                 json{{"input", {{"service-id-or-name", uuid}}}}.dump())
                .status,
            403);
  EXPECT_EQ(body_of(call(
                *c, "GET", kConnectivity,
                "admin-token-1"))["tapi-connectivity:connectivity-context"]["connectivity-service"]
                .size(),
            1u);
  EXPECT_EQ(call(*c, "DELETE", service_path(uuid), "admin-token-1").status, 204);
}

TEST(Tapi, FibreCutsShowInOperationalStates) {
  auto c = make_controller(temp_db());
  const json plain = create(*c, "bank-token-1", service_entry("LSE", "LD4", 100));
  const json protected_ =
      create(*c, "bank-token-1", service_entry("LSE", "LD4", 100, "ONE_PLUS_ONE_PROTECTION"));
  auto connection_of = [&](const json& s, std::size_t i) {
    return body_of(call(
        *c, "GET",
        kConnectivity + "/connection=" + s["connection"][i]["connection-uuid"].get<std::string>(),
        "bank-token-1"))["tapi-connectivity:connection"][0];
  };
  auto service_of = [&](const json& s) {
    return body_of(call(*c, "GET", service_path(s["uuid"]),
                        "bank-token-1"))["tapi-connectivity:connectivity-service"][0];
  };
  // Cut the first fibre of the 1+1 service's working leg.
  const std::string working = name_value(connection_of(protected_, 0), "FIBERS");
  const std::string fiber = working.substr(0, working.find(' '));
  ASSERT_EQ(
      call(*c, "POST", "/api/v1/failures", "admin-token-1", json{{"fiber", fiber}}.dump()).status,
      200);

  EXPECT_EQ(service_of(protected_)["operational-state"], "ENABLED");
  EXPECT_EQ(connection_of(protected_, 0)["operational-state"], "DISABLED");
  EXPECT_EQ(name_value(connection_of(protected_, 1), "ACTIVE"), "true");
  const json p = connection_of(plain, 0);
  const bool plain_hit =
      (" " + name_value(p, "FIBERS") + " ").find(" " + fiber + " ") != std::string::npos;
  EXPECT_EQ(service_of(plain)["operational-state"], plain_hit ? "DISABLED" : "ENABLED");

  const json topo = body_of(
      call(*c, "GET", kTopology, "bank-token-1"))["tapi-topology:topology-context"]["topology"][0];
  std::set<std::string> down_neps;
  for (const auto& l : topo["link"]) {
    const bool cut = name_value(l, "LINK_NAME") == fiber;
    EXPECT_EQ(l["operational-state"], cut ? "DISABLED" : "ENABLED");
    if (cut)
      for (const auto& ref : l["node-edge-point"]) down_neps.insert(ref["node-edge-point-uuid"]);
  }
  ASSERT_EQ(down_neps.size(), 2u);
  // The cut leg's connection-end-points are down with it; the protect leg's are not.
  const json working_leg = connection_of(protected_, 0), protect_leg = connection_of(protected_, 1);
  std::set<std::string> cut_ceps, protect_ceps;
  for (const auto& ref : working_leg["connection-end-point"])
    cut_ceps.insert(ref["connection-end-point-uuid"]);
  for (const auto& ref : protect_leg["connection-end-point"])
    protect_ceps.insert(ref["connection-end-point-uuid"]);
  std::size_t ceps_seen = 0;
  for (const auto& n : topo["node"]) {
    for (const auto& nep : n["owned-node-edge-point"]) {
      if (down_neps.count(nep["uuid"])) {
        EXPECT_EQ(nep["operational-state"], "DISABLED");
      }
      if (!nep.contains("tapi-connectivity:cep-list")) continue;
      for (const auto& cep : nep["tapi-connectivity:cep-list"]["connection-end-point"]) {
        if (cut_ceps.count(cep["uuid"])) {
          EXPECT_EQ(cep["operational-state"], "DISABLED");
          ++ceps_seen;
        }
        if (protect_ceps.count(cep["uuid"])) {
          EXPECT_EQ(cep["operational-state"], "ENABLED");
          ++ceps_seen;
        }
      }
    }
  }
  EXPECT_EQ(ceps_seen, 4u);

  ASSERT_EQ(call(*c, "DELETE", "/api/v1/failures/" + fiber, "admin-token-1").status, 200);
  EXPECT_EQ(connection_of(protected_, 0)["operational-state"], "ENABLED");
  EXPECT_EQ(service_of(plain)["operational-state"], "ENABLED");
}

TEST(Tapi, PercentEncodedPathsAreDecoded) {
  auto c = make_controller(temp_db());
  EXPECT_EQ(call(*c, "GET", "/restconf/data/tapi-common%3Acontext/", "bank-token-1").status, 200);
  // Bytes that are not UTF-8 are not echoed into the JSON answer.
  const HttpResponse odd = call(*c, "GET", kContext + "/x%FF%C3", "bank-token-1");
  EXPECT_EQ(odd.status, 404);
  EXPECT_EQ(restconf_error(odd)["error-path"], kContext + "/x??");
  EXPECT_EQ(call(*c, "GET", service_path("%FF"), "bank-token-1").status, 404);
}

TEST(TapiHttp, ServesOverLoopback) {
  auto c = make_controller(temp_db());
  HttpServer http(*c);
  auto port = http.bind("127.0.0.1", 0);
  ASSERT_TRUE(port) << port.error().to_string();
  std::thread t([&] { http.serve(); });
  httplib::Client client("127.0.0.1", *port);
  client.set_connection_timeout(5, 0);
  httplib::Headers auth = {{"Authorization", "Bearer bank-token-1"}};
  auto created = client.Post(kConnectivity, auth, data_body(service_entry("LSE", "LD4", 100)),
                             "application/yang-data+json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201);
  EXPECT_EQ(created->get_header_value("Content-Type"), "application/yang-data+json");
  const std::string uuid =
      json::parse(created->body)["tapi-connectivity:connectivity-service"][0]["uuid"];
  EXPECT_EQ(created->get_header_value("Location"), service_path(uuid));
  auto got = client.Get(service_path(uuid), auth);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200);
  // What went over the wire is valid TAPI 2.1.3 too.
  for (const auto& [method, path, answer] :
       {std::tuple{"POST", kConnectivity, &created}, std::tuple{"GET", service_path(uuid), &got}}) {
    HttpResponse r;
    r.status = (*answer)->status;
    r.body = (*answer)->body;
    EXPECT_EQ(test_support::tapi_answer_errors(*c, method, path, "bank-token-1", r), "") << path;
  }
  auto anonymous = client.Get(kContext);
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_TRUE(json::parse(anonymous->body).contains("ietf-restconf:errors"));
  http.stop();
  t.join();
}

}  // namespace
}  // namespace lightmesh::server
