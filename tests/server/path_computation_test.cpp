// POST /api/v1/path-computation: GNPy's REST body in, GNPy's answer out (qot/path_computation.h).
// The engine's numbers are checked against GNPy in tests/qot and by `make oracle`; here the route
// itself: both body forms, the answer's shape, and bad bodies.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server/server_test_support.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::call;

json fixture(const std::string& name) {
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) + "/tests/qot/fixtures/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

json full_body() {
  return {{"gnpy-api:service", fixture("services_run.json")},
          {"gnpy-api:topology", fixture("topology.json")},
          {"gnpy-api:equipment", fixture("eqpt_config.json")}};
}

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
  auto r = call(*c, "POST", "/api/v1/path-computation", "audit-token-1", full_body().dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json answer = json::parse(r.body);
  const json& responses = answer["result"]["response"];
  ASSERT_TRUE(responses.is_array());
  std::set<std::string> ids;
  for (const auto& req : fixture("services_run.json")["path-request"])
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
  const json service = {{"path-request",
                         {{{"request-id", "lse-ld4"},
                           {"source", "trx LSE"},
                           {"destination", "trx LD4"},
                           {"src-tp-id", "trx LSE"},
                           {"dst-tp-id", "trx LD4"},
                           {"bidirectional", false},
                           {"path-constraints",
                            {{"te-bandwidth",
                              {{"technology", "flexi-grid"},
                               {"trx_type", "400ZR"},
                               {"trx_mode", "400ZR"},
                               {"effective-freq-slot", {{{"N", nullptr}, {"M", nullptr}}}},
                               {"spacing", 75e9},
                               {"max-nb-of-channel", nullptr},
                               {"output-power", nullptr},
                               {"path_bandwidth", 400e9}}}}}}}}};
  auto r = call(*c, "POST", "/api/v1/path-computation", "bank-token-1",
                json{{"gnpy-api:service", service}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json entry = json::parse(r.body)["result"]["response"][0];
  ASSERT_TRUE(entry.contains("path-properties")) << entry.dump();
  // London's metro paths are short: 400ZR (26 dB required OSNR, OIF-400ZR-01.0) is feasible, and
  // the 0.1 nm figure is the signal-bandwidth one re-referred by 10·log10(59.84 / 12.5).
  const double snr01 = metric(entry, "SNR-0.1nm");
  const double snrbw = metric(entry, "SNR-bandwidth");
  EXPECT_GT(snr01, 26.0);
  EXPECT_NEAR(snr01 - snrbw, 10 * std::log10(59.84 / 12.5), 0.02);
}

TEST(PathComputation, BadBodiesAreRefusedNamingThePlace) {
  auto c = controller();
  json no_equipment = full_body();
  no_equipment.erase("gnpy-api:equipment");
  json bad_element = full_body();
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

}  // namespace
}  // namespace lightmesh::server
