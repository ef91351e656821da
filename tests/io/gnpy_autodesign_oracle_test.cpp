// Auto-design checked against GNPy v2.12's own output: the mesh example read with the GNPy topology
// reader, designed (once, and again per request as --redesign-per-request does), written back and
// compared with GNPy's --save-network file; and every other oracle case designs without error. The
// oracle folder is named by LIGHTMESH_GNPY_DATA; the tests skip when it is unset.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "io/gnpy_equipment.h"
#include "io/gnpy_topology.h"
#include "physics/auto_design.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::optional<fs::path> oracle_root() {
  const char* root = std::getenv("LIGHTMESH_GNPY_DATA");
  if (!root) return std::nullopt;
  return fs::path(root);
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// Same JSON up to number formatting (−20 and −20.0) and the order of object members; arrays in
// order. Differences are listed as JSON pointers.
void compare(const json& mine, const json& gnpy, const std::string& at,
             std::vector<std::string>& diffs) {
  if (gnpy.is_number() && mine.is_number()) {
    if (std::abs(mine.get<double>() - gnpy.get<double>()) > 1e-9 ||
        std::signbit(mine.get<double>()) != std::signbit(gnpy.get<double>()))
      diffs.push_back(at + ": " + mine.dump() + " vs " + gnpy.dump());
    return;
  }
  if (gnpy.type() != mine.type()) {
    diffs.push_back(at + ": " + mine.dump() + " vs " + gnpy.dump());
    return;
  }
  if (gnpy.is_object()) {
    for (const auto& [key, value] : gnpy.items()) {
      if (!mine.contains(key))
        diffs.push_back(at + "/" + key + " missing");
      else
        compare(mine[key], value, at + "/" + key, diffs);
    }
    for (const auto& [key, value] : mine.items())
      if (!gnpy.contains(key)) diffs.push_back(at + "/" + key + " extra");
    return;
  }
  if (gnpy.is_array()) {
    if (gnpy.size() != mine.size()) {
      diffs.push_back(at + ": " + std::to_string(mine.size()) + " items vs " +
                      std::to_string(gnpy.size()));
      return;
    }
    for (std::size_t i = 0; i < gnpy.size(); ++i)
      compare(mine[i], gnpy[i], at + "/" + std::to_string(i), diffs);
    return;
  }
  if (mine != gnpy) diffs.push_back(at + ": " + mine.dump() + " vs " + gnpy.dump());
}

struct Loaded {
  Equipment eq;
  physics::ElementNetwork net;
};

Loaded load(const fs::path& folder, const std::string& topology, const std::string& equipment) {
  auto eq = io::read_gnpy_equipment((folder / equipment).string());
  EXPECT_TRUE(eq) << eq.error().to_string();
  auto net = io::read_gnpy_topology_file((folder / topology).string(), *eq);
  EXPECT_TRUE(net) << net.error().to_string();
  return {*eq, *net};
}

void expect_same_as_gnpy(const physics::ElementNetwork& net, const fs::path& gnpy_file) {
  std::vector<std::string> diffs;
  compare(json::parse(io::write_gnpy_topology(net)), read_json(gnpy_file), "", diffs);
  EXPECT_TRUE(diffs.empty()) << diffs.size() << " differences, first: " << diffs.front();
}

TEST(GnpyAutoDesignOracle, MeshExampleDesignedOnceEqualsGnpy) {
  auto root = oracle_root();
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  const fs::path folder = *root / "public" / "mesh_requests_design_once";
  Loaded l = load(folder, "meshTopologyExampleV2_from_xls.json", "eqpt_config.json");
  auto report = physics::auto_design(l.net, l.eq);
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->inserted_amplifiers.size(), 8u);
  EXPECT_EQ(report->reference_nb_channels, 76);
  expect_same_as_gnpy(l.net, folder / "gnpy_network_after_autodesign.json");
}

// The OMS elements from one ROADM to the next, both included.
std::vector<physics::ElementIndex> oms_to(const physics::ElementNetwork& net,
                                          physics::ElementIndex from, physics::ElementIndex to) {
  using physics::ElementKind;
  for (physics::ElementIndex s : net.successors(from)) {
    if (net.at(s).kind() == ElementKind::kTransceiver) continue;
    std::vector<physics::ElementIndex> oms{from};
    physics::ElementIndex n = s;
    while (net.at(n).kind() != ElementKind::kRoadm &&
           net.at(n).kind() != ElementKind::kTransceiver) {
      oms.push_back(n);
      n = net.successors(n).front();
    }
    if (n == to) {
      oms.push_back(n);
      return oms;
    }
  }
  return {};
}

TEST(GnpyAutoDesignOracle, MeshExampleRedesignedPerRequestEqualsGnpy) {
  auto root = oracle_root();
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  const fs::path folder = *root / "public" / "mesh_requests";
  Loaded l = load(folder, "meshTopologyExampleV2_from_xls.json", "eqpt_config.json");
  ASSERT_TRUE(physics::auto_design(l.net, l.eq));
  // GNPy redesigns, request after request, the subgraph of its path and reverse path with the
  // request's power and channel count as reference.
  const json expected = read_json(folder / "expected.json");
  const json details = read_json(folder / "expected_details.json");
  for (std::size_t r = 0; r < expected.size(); ++r) {
    std::vector<physics::ElementIndex> path;
    for (const json& uid : details[r]["path_elements"])
      path.push_back(*l.net.find(uid.get<std::string>()));
    std::vector<physics::ElementIndex> roadms;
    for (physics::ElementIndex i : path)
      if (l.net.at(i).kind() == physics::ElementKind::kRoadm) roadms.push_back(i);
    std::vector<physics::ElementIndex> subgraph = path;
    for (std::size_t k = roadms.size() - 1; k >= 1; --k)
      for (physics::ElementIndex i : oms_to(l.net, roadms[k], roadms[k - 1])) subgraph.push_back(i);
    auto report = physics::auto_design(
        l.net, l.eq,
        {.insert_edfas = false,
         .set_connector_losses = false,
         .reference_power_dbm = expected[r]["reference_power_dbm"].get<double>(),
         .reference_channel =
             physics::DesignChannel{expected[r]["baud_rate_baud"].get<double>(),
                                    expected[r]["spacing_hz"].get<double>(),
                                    expected[r]["nb_channels_propagated"].get<int>()},
         .only_elements = subgraph});
    ASSERT_TRUE(report) << report.error().to_string();
  }
  expect_same_as_gnpy(l.net, folder / "gnpy_network_after_autodesign.json");
}

TEST(GnpyAutoDesignOracle, EveryCaseDesigns) {
  auto root = oracle_root();
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  int designed = 0;
  for (const auto& entry : fs::directory_iterator(*root / "cases")) {
    const fs::path inputs = entry.path() / "inputs.json";
    if (!fs::exists(inputs)) continue;
    const json j = read_json(inputs);
    // "CORONET_Global_Topology.json (gnpy/example-data)": the file name is the first word.
    auto first_word = [](const std::string& s) { return s.substr(0, s.find(' ')); };
    Loaded l = load(entry.path(), first_word(j["inputs"]["topology"]),
                    first_word(j["inputs"]["equipment"]));
    const bool insert = j["options"].value("insert_edfas", true);
    auto report = physics::auto_design(l.net, l.eq, {.insert_edfas = insert});
    EXPECT_TRUE(report) << entry.path() << ": " << report.error().to_string();
    ++designed;
  }
  EXPECT_GT(designed, 0);
}

}  // namespace
}  // namespace lightmesh
