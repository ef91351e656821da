// The equipment a native network file states in its physics block (docs/formats.md, `physics`):
// each field is read, held to its range and written back; contradictions and varieties the
// library lacks are one error naming the file, the JSON pointer and the element; a GNPy
// equipment library is read from a path relative to the network file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/load.h"
#include "io/native_writer.h"
#include "physics/native_network.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;

// Two sites and one 60 km fibre; `physics` and `fiber_extra` are spliced in as JSON text.
std::string network(const std::string& physics, const std::string& fiber_extra = "") {
  return R"({"sites": [{"id": "A"}, {"id": "B"}], )" +
         (physics.empty() ? std::string() : "\"physics\": " + physics + ", ") +
         R"("fibers": [{"id": "AB", "a": "A", "b": "B", "length_km": 60)" + fiber_extra + "}]}";
}

std::string load_error(const std::string& text, const std::string& file = "n.json") {
  auto net = io::load_network_text(text, file);
  if (net) return "(loaded)";
  return net.error().to_string();
}

TEST(NativeEquipment, EveryFieldIsReadAndWrittenBack) {
  const std::string text = network(
      R"({"launch_power_dbm": 1, "roadm": {"target_pch_out_dbm": -18, "booster": "std_medium_gain",
          "preamp_nf_db": 5.5, "add_drop_osnr_db": 35, "pmd_ps": 0.5, "pdl_db": 0.3},
          "amplifiers": ["std_medium_gain", "std_high_gain"]})",
      R"(, "amplifiers": 1, "amplifier_variety": "std_low_gain")");
  auto net = io::load_network_text(text, "n.json");
  ASSERT_TRUE(net) << net.error().to_string();
  const LinePhysics& p = net->physics();
  EXPECT_EQ(p.launch_power_dbm, 1.0);
  EXPECT_EQ(p.roadm.target_pch_out_dbm, -18.0);
  EXPECT_EQ(p.roadm.booster, "std_medium_gain");
  EXPECT_EQ(p.roadm.preamp_nf_db, 5.5);
  EXPECT_EQ(p.roadm_add_drop_osnr_db, 35.0);
  EXPECT_EQ(p.roadm.pmd_ps, 0.5);
  EXPECT_EQ(p.roadm.pdl_db, 0.3);
  EXPECT_EQ(p.inline_amplifiers, (std::vector<std::string>{"std_medium_gain", "std_high_gain"}));
  EXPECT_EQ(net->fiber(0).amplifier_variety, "std_low_gain");

  // The equipment built from it: the stated ROADM and restrictions, the in-line choice.
  auto eq = physics::native_equipment(*net);
  ASSERT_TRUE(eq) << eq.error().to_string();
  const RoadmType& roadm = eq->roadms.at(0);
  EXPECT_EQ(roadm.target, -18);
  EXPECT_EQ(roadm.add_drop_osnr_db, 35);
  EXPECT_DOUBLE_EQ(roadm.pmd_s, 0.5e-12);
  EXPECT_EQ(roadm.pdl_db, 0.3);
  EXPECT_EQ(roadm.booster_variety_list, std::vector<std::string>{"std_medium_gain"});
  EXPECT_EQ(roadm.preamp_variety_list, std::vector<std::string>{physics::kFixedNfPreamp});
  EXPECT_EQ(eq->find_edfa(physics::kFixedNfPreamp)->nf0_db, 5.5);
  EXPECT_FALSE(eq->find_edfa(physics::kFixedNfPreamp)->allowed_for_design);
  EXPECT_FALSE(eq->find_edfa("std_low_gain")->allowed_for_design);
  EXPECT_TRUE(eq->find_edfa("std_high_gain")->allowed_for_design);
  EXPECT_EQ(eq->reference_channel().power_dbm, 1);

  const std::string written = io::write_native_json(*net);
  auto again = io::load_network_text(written, "again.json");
  ASSERT_TRUE(again) << again.error().to_string() << "\n" << written;
  EXPECT_EQ(io::write_native_json(*again), written);
  EXPECT_NE(written.find("\"amplifier_variety\": \"std_low_gain\""), std::string::npos);
  EXPECT_NE(written.find("\"booster\": \"std_medium_gain\""), std::string::npos);
}

TEST(NativeEquipment, DefaultsAreGnpysExampleLibrary) {
  // A file that states none of it gets what the design used before these fields existed.
  auto net = io::load_network_text(network(""), "n.json");
  ASSERT_TRUE(net);
  auto eq = physics::native_equipment(*net);
  ASSERT_TRUE(eq);
  ASSERT_EQ(eq->edfas.size(), 3u);
  for (const EdfaType& t : eq->edfas) EXPECT_TRUE(t.allowed_for_design) << t.type_variety;
  EXPECT_EQ(eq->roadms.at(0).target_kind, RoadmTargetKind::kPowerPerChannelDbm);
  EXPECT_EQ(eq->roadms.at(0).target, -20);
  EXPECT_EQ(eq->roadms.at(0).add_drop_osnr_db, 38);
  EXPECT_EQ(eq->roadms.at(0).pmd_s, 0);
  EXPECT_TRUE(eq->roadms.at(0).booster_variety_list.empty());
  EXPECT_EQ(eq->reference_channel().power_dbm, 0);
  EXPECT_EQ(eq->reference_channel().tx_osnr_db, 40);
  EXPECT_EQ(io::write_native_json(*net).find("physics"), std::string::npos);
}

// Each numeric field outside its range is refused naming the field and the range.
TEST(NativeEquipment, NumbersOutsideTheirRangeAreRefused) {
  struct Case {
    std::string physics, error;
  };
  const std::vector<Case> cases = {
      {R"({"roadm": {"target_pch_out_dbm": 51}})",
       "n.json: /physics/roadm/target_pch_out_dbm: 51 is out of range (expected −50 ≤ x ≤ 50 dBm)"},
      {R"({"roadm": {"target_psd_out_mw_per_ghz": 0}})",
       "n.json: /physics/roadm/target_psd_out_mw_per_ghz: 0 is out of range (expected 0 < x ≤ "
       "1,000 mW/GHz)"},
      {R"({"roadm": {"booster_nf_db": -1}})",
       "n.json: /physics/roadm/booster_nf_db: -1 is out of range (expected 0 ≤ x ≤ 100 dB)"},
      {R"({"roadm": {"preamp_nf_db": 101}})",
       "n.json: /physics/roadm/preamp_nf_db: 101 is out of range (expected 0 ≤ x ≤ 100 dB)"},
      {R"({"roadm": {"add_drop_osnr_db": 0}})",
       "n.json: /physics/roadm/add_drop_osnr_db: 0 is out of range (expected 0 < x ≤ 100 dB)"},
      {R"({"roadm": {"pmd_ps": 1001}})",
       "n.json: /physics/roadm/pmd_ps: 1001 is out of range (expected 0 ≤ x ≤ 1,000 ps)"},
      {R"({"roadm": {"pdl_db": -0.1}})",
       "n.json: /physics/roadm/pdl_db: -0.1 is out of range (expected 0 ≤ x ≤ 1,000 dB)"},
      {R"({"launch_power_dbm": -51})",
       "n.json: /physics/launch_power_dbm: -51 is out of range (expected −50 ≤ x ≤ 50 dBm)"},
  };
  for (const Case& c : cases) EXPECT_EQ(load_error(network(c.physics)), c.error) << c.physics;
}

TEST(NativeEquipment, ContradictionsAreRefused) {
  struct Case {
    std::string physics, error;
  };
  const std::vector<Case> cases = {
      {R"({"roadm": {"target_pch_out_dbm": -20, "target_psd_out_mw_per_ghz": 0.3}})",
       "n.json: /physics/roadm/target_psd_out_mw_per_ghz: \"target_psd_out_mw_per_ghz\" given "
       "with \"target_pch_out_dbm\" (expected one of them: a power or a power spectral density)"},
      {R"({"roadm": {"booster": "std_low_gain", "booster_nf_db": 5}})",
       "n.json: /physics/roadm/booster_nf_db: \"booster_nf_db\" given with \"booster\" (expected "
       "one of them: a variety or a fixed noise figure)"},
      {R"({"roadm_add_drop_osnr_db": 36, "roadm": {"add_drop_osnr_db": 35}})",
       "n.json: /physics/roadm/add_drop_osnr_db: \"add_drop_osnr_db\" given with "
       "\"roadm_add_drop_osnr_db\" (expected one of them: they are the same figure)"},
      {R"({"amplifier_nf_db": 5, "amplifiers": ["std_low_gain"]})",
       "n.json: /physics/amplifiers: \"amplifiers\" given with \"amplifier_nf_db\" (expected one "
       "of "
       "them: a fixed noise figure replaces every amplifier variety)"},
      {R"({"amplifiers": []})",
       "n.json: /physics/amplifiers: an empty list (expected the in-line amplifier varieties "
       "auto-design may choose among; omit it for the library's)"},
      {R"({"amplifiers": [3]})",
       "n.json: /physics/amplifiers/0: not a string (expected an amplifier variety)"},
      {R"({"roadm": {"target_pch_out_dbm": 0}})",
       "n.json: /physics/roadm/target_pch_out_dbm: 0 dBm is not a target GNPy can read (it takes "
       "0 as no target; expected −50 ≤ x ≤ 50 dBm, not 0)"},
      {R"({"roadm": {"colour": 1}})",
       "n.json: /physics/roadm/colour: unknown field \"colour\" (expected one of: "
       "target_pch_out_dbm, target_psd_out_mw_per_ghz, booster, booster_nf_db, preamp, "
       "preamp_nf_db, add_drop_osnr_db, pmd_ps, pdl_db)"},
  };
  for (const Case& c : cases) EXPECT_EQ(load_error(network(c.physics)), c.error) << c.physics;
}

TEST(NativeEquipment, AVarietyTheLibraryLacksIsRefusedOnLoad) {
  const std::string lib = "(expected one of: std_low_gain, std_medium_gain, std_high_gain)";
  EXPECT_EQ(load_error(network(R"({"roadm": {"booster": "std_huge_gain"}})")),
            "n.json: /physics/roadm/booster: ROADM boosters: amplifier variety \"std_huge_gain\" "
            "is not in the equipment library " +
                lib);
  EXPECT_EQ(load_error(network(R"({"roadm": {"preamp": "pre"}})")),
            "n.json: /physics/roadm/preamp: ROADM preamplifiers: amplifier variety \"pre\" is not "
            "in the equipment library " +
                lib);
  EXPECT_EQ(load_error(network(R"({"amplifiers": ["std_low_gain", "x"]})")),
            "n.json: /physics/amplifiers/1: in-line amplifiers: amplifier variety \"x\" is not in "
            "the equipment library " +
                lib);
  EXPECT_EQ(load_error(network("", R"(, "amplifier_variety": "y")")),
            "n.json: /fibers/0/amplifier_variety: fibre \"AB\" in-line amplifiers: amplifier "
            "variety \"y\" is not in the equipment library " +
                lib);
  // A type for in-line amplifiers the fibre does not have (60 km is one span).
  EXPECT_EQ(load_error(network("", R"(, "amplifier_variety": "std_low_gain")")),
            "n.json: /fibers/0/amplifier_variety: fibre \"AB\" has no in-line amplifier (one span) "
            "for amplifier_variety to type (expected \"amplifiers\" or \"spans\" giving it two "
            "spans or more)");
  // With a fixed noise figure for every amplifier, the library is that one type.
  EXPECT_EQ(load_error(network(R"({"amplifier_nf_db": 5})", R"(, "amplifier_variety": "y")")),
            "n.json: /fibers/0/amplifier_variety: fibre \"AB\" in-line amplifiers: amplifier "
            "variety \"y\" is not in the equipment library (expected one of: fixed_nf)");
  // YAML errors carry the line as well.
  const std::string yaml =
      "sites: [{id: A}, {id: B}]\nphysics:\n  roadm:\n    booster: nope\nfibers: []\n";
  EXPECT_EQ(load_error(yaml, "n.yaml"),
            "n.yaml: /physics/roadm/booster (line 4): ROADM boosters: amplifier variety \"nope\" "
            "is not in the equipment library " +
                lib);
}

TEST(NativeEquipment, ALaunchPowerPerModeIsAnEqualisationOffset) {
  auto net = io::load_network_text(
      network(
          R"({"launch_power_dbm": 1, "mode_launch_power_dbm": {"400ZR": 2.5, "100G-QPSK": -1}})"),
      "n.json");
  ASSERT_TRUE(net) << net.error().to_string();
  EXPECT_EQ(net->physics().mode_launch_power_dbm,
            (std::vector<std::pair<std::string, double>>{{"100G-QPSK", -1}, {"400ZR", 2.5}}));
  auto eq = physics::native_equipment(*net);
  ASSERT_TRUE(eq);
  // GNPy's equalization_offset_db: the mode's launch power less the reference's.
  for (const TransceiverType& t : eq->transceivers)
    for (const TransceiverTypeMode& m : t.modes)
      EXPECT_EQ(m.equalization_offset_db, m.format == "400ZR"       ? 1.5
                                          : m.format == "100G-QPSK" ? -2
                                                                    : 0)
          << m.format;
  const std::string written = io::write_native_json(*net);
  EXPECT_NE(written.find("\"mode_launch_power_dbm\""), std::string::npos);
  auto again = io::load_network_text(written, "again.json");
  ASSERT_TRUE(again) << again.error().to_string();
  EXPECT_EQ(again->physics().mode_launch_power_dbm, net->physics().mode_launch_power_dbm);

  EXPECT_EQ(load_error(network(R"({"mode_launch_power_dbm": {"NOPE": 1}})")),
            "n.json: /physics/mode_launch_power_dbm/NOPE: unknown mode \"NOPE\" (expected a mode "
            "of the catalogue)");
  EXPECT_EQ(load_error(network(R"({"mode_launch_power_dbm": {"400ZR": 60}})")),
            "n.json: /physics/mode_launch_power_dbm/400ZR: 60 is out of range (expected −50 ≤ x ≤ "
            "50 dBm)");
  EXPECT_EQ(load_error(network(R"({"mode_launch_power_dbm": [1]})")),
            "n.json: /physics/mode_launch_power_dbm: a list is not an object (expected {…})");
  // A mode judged by its reach has no physics to launch into.
  const std::string reach_only =
      R"({"sites": [{"id": "A"}], "physics": {"mode_launch_power_dbm": {"R": 0}},
          "transceivers": [{"id": "T", "modes": [{"name": "R", "bit_rate_gbps": 100,
                                                  "width_ghz": 50, "reach_km": 100}]}]})";
  EXPECT_EQ(load_error(reach_only),
            "n.json: /physics/mode_launch_power_dbm/R: mode \"R\" is judged by its reach, not by "
            "GSNR (expected a mode with required_osnr_db)");
}

class NativeEquipmentLibrary : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-eqpt-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "lib");
    fs::copy_file(fs::path(LIGHTMESH_SOURCE_DIR) / "tests/qot/fixtures/eqpt_config.json",
                  dir_ / "lib/eqpt.json", fs::copy_options::overwrite_existing);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& text) {
    const fs::path p = dir_ / "net.json";
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path dir_;
};

TEST_F(NativeEquipmentLibrary, SuppliesVarietiesAndDefaults) {
  // tests/qot/fixtures/eqpt_config.json: line_amp and short_amp, a −20 dBm ROADM, SI at 0 dBm,
  // delta_power_range_db [−1, 1, 0.5].
  const std::string path =
      write(network(R"({"equipment": "lib/eqpt.json", "roadm": {"booster": "short_amp"}})"));
  auto net = io::load_network(path);
  ASSERT_TRUE(net) << net.error().to_string();
  auto eq = physics::native_equipment(*net);
  ASSERT_TRUE(eq) << eq.error().to_string();
  ASSERT_EQ(eq->edfas.size(), 2u);
  EXPECT_EQ(eq->edfas[0].type_variety, "line_amp");
  EXPECT_EQ(eq->roadms.at(0).booster_variety_list, std::vector<std::string>{"short_amp"});
  EXPECT_EQ(eq->roadms.at(0).target, -20);
  EXPECT_EQ(eq->span.delta_power_range_db[0], -1);
  // The network's own band and connectors, whatever the library says.
  EXPECT_DOUBLE_EQ(eq->reference_channel().f_min_hz, 191.325e12);
  EXPECT_EQ(eq->span.con_in_db, 0.5);
  // A standard EDFA is not in this library.
  EXPECT_EQ(
      load_error(network(R"({"equipment": "lib/eqpt.json", "amplifiers": ["std_low_gain"]})"),
                 (dir_ / "n.json").string()),
      (dir_ / "n.json").string() +
          ": /physics/amplifiers/0: in-line amplifiers: amplifier variety \"std_low_gain\" is "
          "not in the equipment library (expected one of: line_amp, short_amp)");
}

TEST_F(NativeEquipmentLibrary, AMissingLibraryIsAnErrorAtTheField) {
  const std::string path = write(network(R"({"equipment": "lib/none.json"})"));
  auto net = io::load_network(path);
  ASSERT_FALSE(net);
  EXPECT_EQ(net.error().to_string(),
            path +
                ": /physics/equipment: cannot read the equipment library \"lib/none.json\" "
                "(expected a GNPy eqpt_config.json, relative to this file)");
  // An error inside the library names the library, its pointer and its element.
  std::ofstream(dir_ / "lib/bad.json") << R"({"Edfa": []})";
  auto bad = io::load_network(write(network(R"({"equipment": "lib/bad.json"})")));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().to_string().find("bad.json"), std::string::npos) << bad.error().to_string();
}

}  // namespace
}  // namespace lightmesh
