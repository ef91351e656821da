// GNPy v2.12's own results, reproduced by reading its designed topology (io/gnpy_topology.h) and
// propagating each request along the element path GNPy chose (physics/line_propagation.h): the
// summaries of expected.json and the per-channel figures of expected_per_channel.json. Uses the
// oracle folder named by LIGHTMESH_GNPY_DATA and is skipped when the variable is unset.
//
// Two ways in: GNPy's saved (designed) topology of the cases designed once; and GNPy's undesigned
// topology designed here (physics/auto_design.h), once and, for --redesign-per-request, again for
// each request's path with the request as the reference channel, as GNPy does before propagating
// it (its saved topology only holds the last request's design).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "io/gnpy_equipment.h"
#include "io/gnpy_topology.h"
#include "physics/auto_design.h"
#include "physics/line_propagation.h"

namespace lightmesh {
namespace {

using nlohmann::json;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Case {
  Equipment eq;
  physics::ElementNetwork net;
  json expected, per_channel, details;
};

std::optional<Case> load_case(const std::string& folder) {
  Case c;
  auto eq = io::read_gnpy_equipment(folder + "/eqpt_config.json");
  EXPECT_TRUE(eq) << eq.error().to_string();
  if (!eq) return std::nullopt;
  c.eq = std::move(*eq);
  auto net = io::read_gnpy_topology_file(folder + "/gnpy_network_after_autodesign.json", c.eq);
  EXPECT_TRUE(net) << net.error().to_string();
  if (!net) return std::nullopt;
  c.net = std::move(*net);
  c.expected = json::parse(read_text(folder + "/expected.json"));
  c.per_channel = json::parse(read_text(folder + "/expected_per_channel.json"));
  const std::string details = read_text(folder + "/expected_details.json");
  if (!details.empty()) c.details = json::parse(details);
  return c;
}

std::vector<physics::ElementIndex> element_path(const physics::ElementNetwork& net,
                                                const json& uids) {
  std::vector<physics::ElementIndex> path;
  for (const json& uid : uids) {
    auto i = net.find(uid.get<std::string>());
    EXPECT_TRUE(i) << uid;
    if (i) path.push_back(*i);
  }
  return path;
}

void expect_matches(const physics::PathTrace& t, const json& expected, const json& per_channel) {
  const physics::QotSummary& q = t.receiver.summary;
  const std::string id = expected["request_id"];
  EXPECT_NEAR(q.gsnr_bw_db, expected["gsnr_bw_db"].get<double>(), 1e-3) << id;
  EXPECT_NEAR(q.gsnr_01nm_db, expected["gsnr_01nm_db"].get<double>(), 1e-3) << id;
  EXPECT_NEAR(q.min_gsnr_01nm_db, expected["min_gsnr_01nm_db"].get<double>(), 1e-3) << id;
  EXPECT_NEAR(q.osnr_ase_bw_db, expected["osnr_ase_bw_db"].get<double>(), 1e-3) << id;
  EXPECT_NEAR(q.osnr_ase_01nm_db, expected["osnr_ase_01nm_db"].get<double>(), 1e-3) << id;
  EXPECT_NEAR(q.snr_nli_bw_db, expected["snr_nli_bw_db"].get<double>(), 1e-3) << id;
  EXPECT_NEAR(q.latency_ms, expected["latency_ms"].get<double>(), 1e-5) << id;
  EXPECT_NEAR(q.cd_ps_per_nm, expected["cd_ps_nm"].get<double>(), 1e-3) << id;
  EXPECT_NEAR(q.pmd_ps, expected["pmd_ps"].get<double>(), 1e-5) << id;
  EXPECT_NEAR(q.pdl_db, expected["pdl_db"].get<double>(), 1e-5) << id;
  const auto& gsnr = per_channel["gsnr_01nm_db"];
  ASSERT_EQ(gsnr.size(), t.receiver.gsnr_01nm_db.size()) << id;
  for (std::size_t i = 0; i < gsnr.size(); ++i) {
    // expected_per_channel.json is rounded to 4 decimals.
    EXPECT_NEAR(t.receiver.gsnr_01nm_db[i], gsnr[i].get<double>(), 1e-3) << id << " " << i;
    EXPECT_NEAR(t.receiver.osnr_ase_01nm_db[i], per_channel["osnr_ase_01nm_db"][i].get<double>(),
                1e-3)
        << id << " " << i;
    EXPECT_NEAR(t.receiver.snr_nli_bw_db[i], per_channel["snr_nli_bw_db"][i].get<double>(), 1e-3)
        << id << " " << i;
  }
}

TEST(GnpyPropagationOracle, SingleSpanTransmission) {
  const char* root = std::getenv("LIGHTMESH_GNPY_DATA");
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  auto c = load_case(std::string(root) + "/public/single_span");
  ASSERT_TRUE(c);
  const SpectralInformation& si = c->eq.reference_channel();
  auto s = physics::uniform_spectrum({.f_min_hz = si.f_min_hz,
                                      .f_max_hz = si.f_max_hz,
                                      .spacing_hz = si.spacing_hz,
                                      .baud_rate_hz = si.baud_rate_baud,
                                      .roll_off = si.roll_off,
                                      .power_w = physics::db_to_linear(si.power_dbm) * 1e-3,
                                      .tx_osnr_db = si.tx_osnr_db});
  ASSERT_TRUE(s);
  const json path = {"Site_A", "Span1", "Edfa1", "Site_B"};
  auto t = physics::propagate_path(c->net, element_path(c->net, path), c->eq, *s,
                                   {.reference_pch_dbm = si.power_dbm});
  ASSERT_TRUE(t) << t.error().to_string();
  expect_matches(*t, c->expected[0], c->per_channel[0]);
}

// Propagates every request of the case along GNPy's element path and compares. With `redesign`,
// the path's elements are designed again before each request, with the request as reference.
void check_requests(Case& c, bool redesign) {
  std::map<std::string, json> details, per_channel;
  for (const json& d : c.details) details[d["request_id"]] = d;
  for (const json& p : c.per_channel) per_channel[p["request_id"]] = p;
  const std::optional<double> tx_power = c.eq.reference_channel().tx_power_dbm;
  for (const json& x : c.expected) {
    const std::string id = x["request_id"];
    const TransceiverType* trx = c.eq.find_transceiver(x["trx_type"]);
    ASSERT_NE(trx, nullptr) << id;
    const TransceiverTypeMode* mode = nullptr;
    for (const TransceiverTypeMode& m : trx->modes)
      if (m.format == x["chosen_mode"]) mode = &m;
    ASSERT_NE(mode, nullptr) << id;
    const auto path = element_path(c.net, details[id]["path_elements"]);
    const double power = x["reference_power_dbm"];
    const int nb = x["nb_channels_propagated"];
    if (redesign) {
      auto report = physics::auto_design(
          c.net, c.eq,
          {.insert_edfas = false,
           .set_connector_losses = false,
           .reference_power_dbm = power,
           .reference_channel = physics::DesignChannel{mode->baud_rate_baud, x["spacing_hz"], nb},
           .only_elements = path});
      ASSERT_TRUE(report) << id << ": " << report.error().to_string();
    }
    auto s = physics::request_spectrum(*trx, *mode, x["spacing_hz"], nb, power, tx_power);
    ASSERT_TRUE(s) << s.error().to_string();
    auto dropped = physics::drop_channels_outside_amplifier_bands(c.net, path, c.eq, *s);
    ASSERT_TRUE(dropped) << dropped.error().to_string();
    auto t = physics::propagate_path(c.net, path, c.eq, *s,
                                     {.reference_pch_dbm = power,
                                      .reference_baud_rate_hz = mode->baud_rate_baud,
                                      .reference_slot_width_hz = x["spacing_hz"]});
    ASSERT_TRUE(t) << id << ": " << t.error().to_string();
    expect_matches(*t, x, per_channel[id]);
  }
}

TEST(GnpyPropagationOracle, MeshRequestsDesignedOnce) {
  const char* root = std::getenv("LIGHTMESH_GNPY_DATA");
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  auto c = load_case(std::string(root) + "/public/mesh_requests_design_once");
  ASSERT_TRUE(c);
  check_requests(*c, false);
}

// GNPy's undesigned topology, designed here once (and per request): the whole chain.
void check_designed_here(const std::string& folder, bool redesign) {
  auto c = load_case(folder);
  ASSERT_TRUE(c);
  auto net = io::read_gnpy_topology_file(folder + "/meshTopologyExampleV2_from_xls.json", c->eq);
  ASSERT_TRUE(net) << net.error().to_string();
  c->net = std::move(*net);
  auto report = physics::auto_design(c->net, c->eq, {});
  ASSERT_TRUE(report) << report.error().to_string();
  check_requests(*c, redesign);
}

TEST(GnpyPropagationOracle, MeshRequestsDesignedHereOnce) {
  const char* root = std::getenv("LIGHTMESH_GNPY_DATA");
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  check_designed_here(std::string(root) + "/public/mesh_requests_design_once", false);
}

TEST(GnpyPropagationOracle, MeshRequestsRedesignedPerRequest) {
  const char* root = std::getenv("LIGHTMESH_GNPY_DATA");
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  check_designed_here(std::string(root) + "/public/mesh_requests", true);
}

}  // namespace
}  // namespace lightmesh
