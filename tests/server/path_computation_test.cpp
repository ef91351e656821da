// GNPy's REST APIs: POST /api/v1/path-computation and /api/v0.2/path-request, GNPy's body in,
// GNPy's answer out (qot/path_computation.h), and their status calls. The engine's numbers are
// checked against GNPy in tests/qot and by `make oracle`; here the routes: every body form, the
// answers' shapes, GNPy v2.12's figures for a request built from GNPy's example library, and bad
// bodies. TransportPCE's whole exchange over HTTP is in transportpce_client_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "server/server_test_support.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::call;

std::unique_ptr<Controller> controller() {
  return test_support::make_sqlite_controller(test_support::temp_dir("pathcomp") / "state.db");
}

double metric(const json& entry, const std::string& type) {
  for (const auto& m : entry["path-properties"]["path-metric"])
    if (m["metric-type"] == type) return m["accumulative-value"].get<double>();
  return NAN;
}

TEST(PathComputation, TopologyEquipmentAndServiceAnswerAsGnpy) {
  auto c = controller();
  // A read-only token may compute: nothing is booked.
  auto r = call(*c, "POST", "/api/v1/path-computation", "audit-token-1",
                test_support::gnpy_full_body().dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json answer = json::parse(r.body);
  const json& responses = answer["result"]["response"];
  ASSERT_TRUE(responses.is_array());
  std::set<std::string> ids;
  const json services_doc = test_support::gnpy_fixture("services_run.json");
  for (const auto& req : services_doc["path-request"])
    ids.insert(req["request-id"].get<std::string>());
  ASSERT_FALSE(responses.empty());
  for (const auto& entry : responses) {
    ASSERT_TRUE(entry.contains("response-id"));
    // Aggregated requests answer as "b | a": every part is a request of the service.
    std::stringstream parts(entry["response-id"].get<std::string>());
    for (std::string part; std::getline(parts, part, '|');) {
      part.erase(0, part.find_first_not_of(' '));
      part.erase(part.find_last_not_of(' ') + 1);
      EXPECT_TRUE(ids.count(part)) << part;
    }
    EXPECT_TRUE(entry.contains("path-properties") || entry.contains("no-path")) << entry.dump();
  }
  // Nothing was booked in the fabric.
  auto services = call(*c, "GET", "/api/v1/services", "admin-token-1");
  EXPECT_EQ(json::parse(services.body)["items"].size(), 0u);
}

TEST(PathComputation, ServiceAloneRunsOnTheServedNetwork) {
  auto c = controller();
  auto request = [](const std::string& trx, std::optional<std::string> mode, double spacing) {
    json te = {{"technology", "flexi-grid"},
               {"trx_type", trx},
               {"trx_mode", mode ? json(*mode) : json(nullptr)},
               {"effective-freq-slot", {{{"N", nullptr}, {"M", nullptr}}}},
               {"spacing", spacing},
               {"max-nb-of-channel", nullptr},
               {"output-power", nullptr},
               {"path_bandwidth", 100e9}};
    return json{{"request-id", trx},
                {"source", "trx LSE"},
                {"destination", "trx LD4"},
                {"src-tp-id", "trx LSE"},
                {"dst-tp-id", "trx LD4"},
                {"bidirectional", false},
                {"path-constraints", {{"te-bandwidth", te}}}};
  };
  const json service = {
      {"path-request", {request("flex-32G", std::nullopt, 50e9), request("400ZR", "400ZR", 75e9)}}};
  auto r = call(*c, "POST", "/api/v1/path-computation", "bank-token-1",
                json{{"gnpy-api:service", service}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json answer = json::parse(r.body);
  const json& responses = answer["result"]["response"];
  ASSERT_EQ(responses.size(), 2u);
  // Automatic mode on the 32 GBd transceiver: London's LSE → LD4 path crosses four ROADMs, each
  // booster starting again from GNPy's −20 dBm ROADM target, and still carries a mode.
  const json& automatic = responses[0];
  ASSERT_TRUE(automatic.contains("path-properties")) << automatic.dump();
  const double snr01 = metric(automatic, "SNR-0.1nm");
  const double snrbw = metric(automatic, "SNR-bandwidth");
  EXPECT_GT(snr01, 12.0 + 2.0);  // 100G-QPSK's required OSNR plus the 2 dB system margin
  // The 0.1 nm figure is the signal-bandwidth one re-referred by 10·log10(32 / 12.5).
  EXPECT_NEAR(snr01 - snrbw, 10 * std::log10(32.0 / 12.5), 0.02);
  // 400ZR needs 26 dB + 2 dB: an answer either way, with GNPy's figures when refused.
  const json& zr = responses[1];
  if (zr.contains("no-path")) {
    EXPECT_EQ(zr["no-path"]["no-path"], "MODE_NOT_FEASIBLE");
    EXPECT_LT(metric(zr["no-path"], "SNR-0.1nm"), 28.0);
  } else {
    EXPECT_GE(metric(zr, "SNR-0.1nm"), 28.0);
  }
}

TEST(PathComputation, BadBodiesAreRefusedNamingThePlace) {
  auto c = controller();
  json no_equipment = test_support::gnpy_full_body();
  no_equipment.erase("gnpy-api:equipment");
  json bad_element = test_support::gnpy_full_body();
  bad_element["gnpy-api:topology"]["elements"][0]["type"] = "Teleporter";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", ""},
      {"[]", ""},
      {R"({"gnpy-api:topology": {}})", "gnpy-api:service"},
      {no_equipment.dump(), "gnpy-api:equipment"},
      {bad_element.dump(), "elements/0"},
  };
  for (const auto& [body, where] : cases) {
    auto r = call(*c, "POST", "/api/v1/path-computation", "bank-token-1", body);
    EXPECT_EQ(r.status, 400) << body.substr(0, 80) << " → " << r.body;
    const json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_TRUE(j.contains("error") && j.contains("detail") && j.contains("where"));
    const std::string said = j.value("where", "") + " " + j.value("detail", "");
    EXPECT_NE(said.find(where), std::string::npos) << said;
  }
  EXPECT_EQ(call(*c, "POST", "/api/v1/path-computation", "", "{}").status, 401);
}

// tests/server/fixtures/gnpy_api (its README says how each file was made).
json gnpy_api_fixture(const std::string& name) {
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) + "/tests/server/fixtures/gnpy_api/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Compares an answer's "response" list with GNPy v2.12's for the same request: the same entries,
// each with a path or refused alike, the same mode and slot, and SNR and OSNR within 0.05 dB.
void expect_gnpy_figures(const json& responses, const json& gnpy) {
  ASSERT_TRUE(responses.is_array());
  ASSERT_EQ(responses.size(), gnpy.size());
  for (std::size_t i = 0; i < gnpy.size(); ++i) {
    const json& want = gnpy[i];
    const json& got = responses[i];
    SCOPED_TRACE("response-id " + want["response-id"].get<std::string>());
    EXPECT_EQ(got["response-id"], want["response-id"]);
    ASSERT_EQ(got.contains("path-properties"), want.contains("path-properties")) << got.dump();
    if (!want.contains("path-properties")) continue;
    for (const char* type : {"SNR-bandwidth", "SNR-0.1nm", "OSNR-bandwidth", "OSNR-0.1nm"})
      EXPECT_NEAR(metric(got, type), metric(want, type), 0.05) << type;
    EXPECT_DOUBLE_EQ(metric(got, "path_bandwidth"), metric(want, "path_bandwidth"));
    // The transponder's mode and the slot, as GNPy chose them.
    auto hops = [](const json& entry, const char* kind) {
      json out = json::array();
      for (const auto& o : entry["path-properties"]["path-route-objects"])
        if (o["path-route-object"].contains(kind)) out.push_back(o["path-route-object"][kind]);
      return out;
    };
    EXPECT_EQ(hops(got, "transponder"), hops(want, "transponder"));
    EXPECT_EQ(hops(got, "label-hop"), hops(want, "label-hop"));
  }
}

// GNPy API v0.2 (oopt-gnpy-api): a request built from GNPy's example equipment library, which
// names amplifier files GNPy ships without giving them, in both body forms. The truth is GNPy
// v2.12's answer to the same request (fixtures/gnpy_api/gnpy_v2.12_response.json).
TEST(GnpyApiV02, BothBodyFormsAnswerAsGnpyV212) {
  auto c = controller();
  const json gnpy = gnpy_api_fixture("gnpy_v2.12_response.json")["response"];
  const json yang = gnpy_api_fixture("yang_body.json");
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"legacy", gnpy_api_fixture("legacy_body.json").dump()},
      {"YANG", yang.dump()},
      // oopt-gnpy-api's own tests send the YANG form as a JSON string holding the document.
      {"YANG as a JSON string", json(yang.dump()).dump()},
  };
  for (const auto& [form, body] : bodies) {
    SCOPED_TRACE(form);
    auto r = call(*c, "POST", "/api/v0.2/path-request", "bank-token-1", body);
    ASSERT_EQ(r.status, 201) << r.body.substr(0, 600);
    const json answer = json::parse(r.body);
    // GNPy's server answers {"response": [...]}, without v1's "result" around it.
    EXPECT_FALSE(answer.contains("result"));
    expect_gnpy_figures(answer["response"], gnpy);
  }
}

TEST(GnpyApiV02, StatusAnswersAsGnpysServer) {
  auto c = controller();
  auto r = call(*c, "GET", "/api/v0.2/status", "audit-token-1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), json::parse(R"({"version": "/api/v0.2", "status": "ok"})"));
  EXPECT_EQ(call(*c, "GET", "/api/v0.2/status", "").status, 401);
}

// Errors keep lightmesh's {error, detail, where}, with GNPy's server's status (400 for what the
// body gets wrong), and `where` points into the body as it was sent.
TEST(GnpyApiV02, BadBodiesAreRefusedWhereTheyAreWrong) {
  auto c = controller();
  json yang = gnpy_api_fixture("yang_body.json");
  json& elements = yang["gnpy-api:api"]["gnpy-network-topology:topology"]["elements"];
  std::size_t fiber = 0;
  while (elements[fiber]["type"] != "Fiber") ++fiber;
  elements[fiber]["params"]["length"] = "-3.0";
  json legacy_by_id = {
      {"gnpy-api:service", gnpy_api_fixture("legacy_body.json")["gnpy-api:service"]},
      {"gnpy-api:topology_id", "stored-topology"},
      {"gnpy-api:equipment_id", "stored-equipment"}};
  json spectrum = gnpy_api_fixture("yang_body.json");
  spectrum["gnpy-api:api"]["gnpy-spectrum:spectrum"] = {{{"f_min", "191.3e12"}}};
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", ""},
      {yang.dump(), "/gnpy-api:api/gnpy-network-topology:topology/elements/" +
                        std::to_string(fiber) + "/params/length"},
      {legacy_by_id.dump(), "/gnpy-api:topology_id"},
      {spectrum.dump(), "/gnpy-api:api/gnpy-spectrum:spectrum"},
      {R"({"gnpy-api:api": []})", "/gnpy-api:api"},
  };
  for (const auto& [body, where] : cases) {
    auto r = call(*c, "POST", "/api/v0.2/path-request", "bank-token-1", body);
    EXPECT_EQ(r.status, 400) << body.substr(0, 80) << " → " << r.body;
    const json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_TRUE(j.contains("error") && j.contains("detail") && j.contains("where"));
    EXPECT_EQ(j.value("where", "?"), where) << j.dump();
  }
}

// A body naming a stored topology and library only, in v1 as in v0.2: nothing is stored here, so
// it is refused, saying what to send instead.
TEST(PathComputation, AStoredTopologyByIdIsRefusedClearly) {
  auto c = controller();
  json body = {{"gnpy-api:service", test_support::gnpy_fixture("services_run.json")},
               {"gnpy-api:topology_id", "t1"},
               {"gnpy-api:equipment_id", "e1"}};
  auto r = call(*c, "POST", "/api/v1/path-computation", "bank-token-1", body.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  const json j = json::parse(r.body);
  EXPECT_EQ(j["where"], "/gnpy-api:topology_id");
  EXPECT_NE(j["detail"].get<std::string>().find("gnpy-api:topology"), std::string::npos);
}

// GET and HEAD /api/v1/status, which TransportPCE's consumer calls before every computation, and
// the body it then sends: the "request" container of GNPy's gnpy-api YANG module.
TEST(PathComputation, V1StatusAndTransportPceBody) {
  auto c = controller();
  for (const char* method : {"GET", "HEAD"}) {
    auto r = call(*c, method, "/api/v1/status", "bank-token-1");
    EXPECT_EQ(r.status, 200) << method;
    EXPECT_EQ(json::parse(r.body), json::parse(R"({"version": "v1", "status": "ok"})"));
  }
  const json legacy = gnpy_api_fixture("legacy_body.json");
  const json body = {{"gnpy-api:request",
                      {{"service", legacy["gnpy-api:service"]},
                       {"topology", legacy["gnpy-api:topology"]},
                       {"equipment", legacy["gnpy-api:equipment"]}}}};
  auto r = call(*c, "POST", "/api/v1/path-computation", "bank-token-1", body.dump());
  ASSERT_EQ(r.status, 201) << r.body.substr(0, 600);
  expect_gnpy_figures(json::parse(r.body)["result"]["response"],
                      gnpy_api_fixture("gnpy_v2.12_response.json")["response"]);
  // As TransportPCE sends it, without a library, to a server given none (serve
  // --gnpy-equipment): refused, pointing into its body.
  json bare = body;
  bare["gnpy-api:request"].erase("equipment");
  r = call(*c, "POST", "/api/v1/path-computation", "bank-token-1", bare.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["where"], "/gnpy-api:request/equipment");
}

}  // namespace
}  // namespace lightmesh::server
