// POST /api/v1/path-computation: GNPy's REST body in, GNPy's answer out (qot/path_computation.h).
// The engine's numbers are checked against GNPy in tests/qot and by `make oracle`; here the route
// itself: both body forms, the answer's shape, and bad bodies.
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

}  // namespace
}  // namespace lightmesh::server
