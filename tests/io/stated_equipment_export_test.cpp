// `lightmesh export --to gnpy` writes the equipment a network file states, so that GNPy v2.12
// designs nothing of its own and propagates what lightmesh planned with: the ROADM target and
// restrictions, the fixed-NF preamplifier type, the in-line choice (allowed_for_design), a mode's
// equalisation offset and the typed in-line amplifiers (docs/physics.md, "Equipment the network
// file states"; `scripts/gnpy-export-oracle.py` runs GNPy on such an export).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/gnpy_equipment.h"
#include "io/gnpy_equipment_writer.h"
#include "io/gnpy_export.h"
#include "io/gnpy_topology.h"
#include "io/load.h"
#include "physics/line_model.h"

namespace lightmesh {
namespace {

using nlohmann::json;

TEST(StatedEquipmentExport, TheLibraryAndTheElementsStateWhatTheFileStates) {
  // tests/cli/fixtures/stated_equipment.json: launch 1 dBm, 100G-QPSK at 2 dBm, a −18 dBm ROADM
  // with std_medium_gain boosters and 5.5 dB fixed-NF preamplifiers, add/drop OSNR 36 dB, PMD
  // 0.2 ps, PDL 0.5 dB, in-line amplifiers from std_medium_gain and std_high_gain, and fibre B-C's
  // in-line amplifier typed std_medium_gain.
  const std::string file =
      std::string(LIGHTMESH_SOURCE_DIR) + "/tests/cli/fixtures/stated_equipment.json";
  const Network net = io::load_network(file).value();
  const physics::LineModel model = physics::LineModel::build(net).value();
  const io::GnpyExport out = io::gnpy_export_of(net, model).value();
  const json eq = json::parse(io::write_gnpy_equipment(out.equipment));

  const json& roadm = eq["Roadm"].at(0);
  EXPECT_EQ(roadm["target_pch_out_db"], -18.0);
  EXPECT_EQ(roadm["add_drop_osnr"], 36.0);
  EXPECT_DOUBLE_EQ(roadm["pmd"].get<double>(), 0.2e-12);
  EXPECT_EQ(roadm["pdl"], 0.5);
  EXPECT_EQ(roadm["restrictions"]["booster_variety_list"], json::array({"std_medium_gain"}));
  EXPECT_EQ(roadm["restrictions"]["preamp_variety_list"], json::array({"fixed_nf_preamp"}));
  EXPECT_EQ(eq["SI"].at(0)["power_dbm"], 1.0);
  std::map<std::string, json> edfas;
  for (const json& e : eq["Edfa"]) edfas[e["type_variety"]] = e;
  EXPECT_EQ(edfas.at("fixed_nf_preamp")["type_def"], "fixed_gain");
  EXPECT_EQ(edfas.at("fixed_nf_preamp")["nf0"], 5.5);
  EXPECT_EQ(edfas.at("fixed_nf_preamp")["allowed_for_design"], false);
  EXPECT_EQ(edfas.at("std_low_gain")["allowed_for_design"], false);
  EXPECT_EQ(edfas.at("std_high_gain")["allowed_for_design"], true);
  bool offset_seen = false;
  for (const json& t : eq["Transceiver"])
    for (const json& m : t["mode"]) {
      if (m["format"] == "100G-QPSK") {
        EXPECT_EQ(m["equalization_offset_db"], 1.0);  // 2 dBm less the 1 dBm reference
        offset_seen = true;
      } else {
        EXPECT_FALSE(m.contains("equalization_offset_db")) << m["format"];
      }
    }
  EXPECT_TRUE(offset_seen);

  // Read back by GNPy's reader, the offset is the mode's.
  const Equipment again =
      io::read_gnpy_equipment_text(io::write_gnpy_equipment(out.equipment), "eqpt_config.json")
          .value();
  EXPECT_EQ(again.find_transceiver("flex-32G")->modes.back().equalization_offset_db, 1.0);

  // Every amplifier of the topology carries its designed type; B-C's in-line one is the stated
  // std_medium_gain, the boosters std_medium_gain, the preamplifiers fixed_nf_preamp.
  const json topo = json::parse(io::write_gnpy_topology(out.topology));
  std::size_t boosters = 0, preamps = 0, bc_inline = 0;
  for (const json& e : topo["elements"]) {
    if (e["type"] != "Edfa") continue;
    const std::string uid = e["uid"];
    const std::string type = e["type_variety"];
    if (uid.rfind("Edfa_booster_", 0) == 0) {
      ++boosters;
      EXPECT_EQ(type, "std_medium_gain") << uid;
    } else if (uid.rfind("Edfa_preamp_", 0) == 0) {
      ++preamps;
      EXPECT_EQ(type, "fixed_nf_preamp") << uid;
    } else if (uid.rfind("Edfa_B-C", 0) == 0) {
      ++bc_inline;
      EXPECT_EQ(type, "std_medium_gain") << uid;
    }
  }
  EXPECT_EQ(boosters, 6u);  // three fibres, both ways
  EXPECT_EQ(preamps, 6u);
  EXPECT_EQ(bc_inline, 2u);
}

}  // namespace
}  // namespace lightmesh
