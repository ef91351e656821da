// `export --to gnpy` then `import --from gnpy` gives back the same network: the native file written
// from the import equals the one written from the original, for every bundled example and a
// network that states its equipment. The truth is the original file itself. Also: a library the
// network names by path comes back beside the topology, spans edited in GNPy's form win over the
// carried block, and a broken block is an error at its pointer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/gnpy_carried.h"
#include "io/gnpy_equipment_writer.h"
#include "io/gnpy_export.h"
#include "io/gnpy_reader.h"
#include "io/gnpy_topology.h"
#include "io/load.h"
#include "io/native_writer.h"
#include "physics/line_model.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;

// The exported topology, with the network carried beside the elements.
std::string exported_topology(const Network& net, const std::optional<std::string>& library) {
  const physics::LineModel model = physics::LineModel::build(net).value();
  const io::GnpyExport out = io::gnpy_export_of(net, model).value();
  return io::write_gnpy_topology(out.topology, io::carried_network_json(net, library));
}

// A native file without the notes on where a derived length came from: a fibre whose length the
// original derives from coordinates comes back with the same length, stated.
std::string without_length_notes(const std::string& native) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(native);
  for (auto& f : j["fibers"]) f.erase("_length_from");
  return j.dump(2);
}

Network import_back(const std::string& topology, std::vector<std::string>* warnings = nullptr) {
  auto imported = io::import_network(topology, "topology.json", io::ImportFormat::kGnpy, {});
  EXPECT_TRUE(imported) << imported.error().to_string();
  if (warnings) *warnings = imported->warnings;
  auto back = build_network(std::move(imported->spec));
  EXPECT_TRUE(back) << back.error().to_string();
  return std::move(back).value();
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, ImportOfTheExportGivesBackTheSameNetwork) {
  const fs::path file = fs::path(LIGHTMESH_SOURCE_DIR) / GetParam();
  const Network net = io::load_network(file.string()).value();
  std::vector<std::string> warnings;
  const Network back = import_back(exported_topology(net, std::nullopt), &warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(without_length_notes(io::write_native_json(back)),
            without_length_notes(io::write_native_json(net)));
}

INSTANTIATE_TEST_SUITE_P(Examples, RoundTrip,
                         ::testing::Values("examples/london/network.json",
                                           "examples/tokyo/network.json",
                                           "examples/nsfnet/network.json",
                                           "examples/sovereign/network.json",
                                           "tests/cli/fixtures/stated_equipment.json"));

class RoundTripFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-round-trip-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "lib");
    fs::create_directories(dir_ / "out");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }
  fs::path dir_;
};

// A library the network names by path is written beside the topology and named relative to it,
// so the import reads the same varieties.
TEST_F(RoundTripFiles, ANamedLibraryComesBackBesideTheTopology) {
  fs::copy_file(fs::path(LIGHTMESH_SOURCE_DIR) / "tests/qot/fixtures/eqpt_config.json",
                dir_ / "lib/eqpt.json");
  write(dir_ / "n.json", R"({"name": "two", "sites": [
      {"id": "A", "lat": 51.5, "lon": -0.1}, {"id": "B", "lat": 51.6, "lon": 0.2}],
    "fibers": [{"id": "A-B", "a": "A", "b": "B", "length_km": 70}],
    "physics": {"equipment": "lib/eqpt.json", "roadm": {"booster": "short_amp"}}})");
  const Network net = io::load_network((dir_ / "n.json").string()).value();
  const physics::LineModel model = physics::LineModel::build(net).value();
  const io::GnpyExport out = io::gnpy_export_of(net, model).value();
  write(dir_ / "out/eqpt_config.json", io::write_gnpy_equipment(out.equipment));
  write(dir_ / "out/topology.json",
        io::write_gnpy_topology(out.topology, io::carried_network_json(net, "eqpt_config.json")));

  auto imported =
      io::import_network_file((dir_ / "out/topology.json").string(), io::ImportFormat::kGnpy, {});
  ASSERT_TRUE(imported) << imported.error().to_string();
  EXPECT_EQ(imported->spec.physics.equipment_file, "eqpt_config.json");
  ASSERT_NE(imported->spec.physics.equipment, nullptr);
  EXPECT_EQ(imported->spec.physics.roadm.booster, "short_amp");
  auto back = build_network(std::move(imported->spec));
  ASSERT_TRUE(back) << back.error().to_string();
  // The same design: every lightpath's GSNR as the original's.
  const physics::LineModel again = physics::LineModel::build(*back).value();
  const std::vector<NodeIndex> nodes{0, 1};
  const std::vector<FiberIndex> fibers{0};
  for (ModeIndex m = 0; m < net.catalogue().modes().size(); ++m) {
    if (!model.judged_by_gsnr(m)) continue;
    EXPECT_NEAR(again.worst_01nm_db(nodes, fibers, m), model.worst_01nm_db(nodes, fibers, m), 1e-9);
  }

  // Without the library beside it, the import says where it looked.
  fs::remove(dir_ / "out/eqpt_config.json");
  auto missing =
      io::import_network_file((dir_ / "out/topology.json").string(), io::ImportFormat::kGnpy, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().to_string(),
            (dir_ / "out/topology.json").string() +
                ": /lightmesh:network/physics/equipment: cannot read the equipment library "
                "\"eqpt_config.json\" (expected a GNPy eqpt_config.json, relative to this file)");
}

// The elements are the truth of what exists: a span lengthened in GNPy's form is kept, with a
// warning, rather than overwritten by the carried length.
TEST(RoundTripEdits, SpansEditedInGnpysFormWin) {
  const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/nsfnet/network.json").value();
  auto topology = nlohmann::json::parse(exported_topology(net, std::nullopt));
  const std::string fibre = net.fiber(0).id;
  // 10 km more on one span each way (the way back's spans are "<id> reverse", with " (k/n)").
  int edited = 0;
  bool back_edited = false;
  for (auto& e : topology["elements"]) {
    const std::string uid = e["uid"];
    const bool way_back = !back_edited && uid.rfind(fibre + " reverse", 0) == 0;
    if (uid == fibre || way_back) {
      e["params"]["length"] = e["params"]["length"].get<double>() + 10;
      back_edited = back_edited || way_back;
      ++edited;
    }
  }
  ASSERT_EQ(edited, 2) << fibre;
  std::vector<std::string> warnings;
  const Network back = import_back(topology.dump(), &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find(": /lightmesh:network/fibers/0: fibre \"" + fibre + "\" is "),
            std::string::npos)
      << warnings[0];
  EXPECT_NE(warnings[0].find("the topology's spans are kept"), std::string::npos) << warnings[0];
  EXPECT_NEAR(back.fiber(back.find_fiber(fibre)).length.value(), net.fiber(0).length.value() + 10,
              1e-3);
}

TEST(RoundTripEdits, ABrokenBlockIsAnErrorAtItsPointer) {
  const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json").value();
  auto topology = nlohmann::json::parse(exported_topology(net, std::nullopt));
  topology[io::kCarriedNetworkKey]["sites"][0]["kind"] = 7;
  auto imported = io::import_network(topology.dump(), "topology.json", io::ImportFormat::kGnpy, {});
  ASSERT_FALSE(imported);
  EXPECT_EQ(
      imported.error().to_string().rfind("topology.json: /lightmesh:network/sites/0/kind: ", 0), 0u)
      << imported.error().to_string();
}

// A block fibre whose own spans do not add up to its own length is refused at its pointer, as the
// network reader would refuse it, even when GNPy's spans agree with the length (found by gnpy_fuzz:
// the import took such a fibre whole and then could not build).
TEST(RoundTripEdits, ABlockFibreWhoseSpansMissItsLengthIsAnError) {
  const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json").value();
  auto topology = nlohmann::json::parse(exported_topology(net, std::nullopt));
  auto& fibre = topology[io::kCarriedNetworkKey]["fibers"][0];
  const double km = fibre["length_km"].get<double>();
  fibre["spans"] = nlohmann::json::array({{{"length_km", km / 2}}});
  auto imported = io::import_network(topology.dump(), "topology.json", io::ImportFormat::kGnpy, {});
  ASSERT_FALSE(imported);
  EXPECT_EQ(imported.error().to_string().rfind(
                "topology.json: /lightmesh:network/fibers/0/length_km: ", 0),
            0u)
      << imported.error().to_string();
  EXPECT_NE(imported.error().to_string().find("disagrees with the sum of its spans"),
            std::string::npos);
}

}  // namespace
}  // namespace lightmesh
