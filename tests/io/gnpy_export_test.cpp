// `lightmesh export --to gnpy` at the library level: the equipment writer reads back to the same
// library; every bundled example exports as lightmesh designed it (GNPy's element rules, and a
// second design of the file changes nothing, so GNPy runs it without redesign); and lightmesh's
// GNPy import of the export gives back the network's sites, nodes and fibres.
#include "io/gnpy_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/gnpy_equipment.h"
#include "io/gnpy_equipment_writer.h"
#include "io/gnpy_reader.h"
#include "io/gnpy_topology.h"
#include "io/load.h"
#include "physics/auto_design.h"
#include "physics/line_model.h"
#include "physics/span_design.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using physics::ElementKind;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

void expect_same_edfa(const EdfaType& a, const EdfaType& b) {
  SCOPED_TRACE(a.type_variety);
  EXPECT_EQ(a.type_variety, b.type_variety);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.gain_flatmax_db, b.gain_flatmax_db);
  EXPECT_EQ(a.gain_min_db, b.gain_min_db);
  EXPECT_EQ(a.p_max_dbm, b.p_max_dbm);
  EXPECT_EQ(a.nf_min_db, b.nf_min_db);
  EXPECT_EQ(a.nf_max_db, b.nf_max_db);
  EXPECT_EQ(a.nf0_db, b.nf0_db);
  EXPECT_EQ(a.nf_coef, b.nf_coef);
  EXPECT_EQ(a.preamp_variety, b.preamp_variety);
  EXPECT_EQ(a.booster_variety, b.booster_variety);
  EXPECT_EQ(a.amplifiers, b.amplifiers);
  EXPECT_EQ(a.out_voa_auto, b.out_voa_auto);
  EXPECT_EQ(a.allowed_for_design, b.allowed_for_design);
  EXPECT_EQ(a.pmd_s, b.pmd_s);
  EXPECT_EQ(a.pdl_db, b.pdl_db);
  EXPECT_EQ(a.config.f_min_hz, b.config.f_min_hz);
  EXPECT_EQ(a.config.f_max_hz, b.config.f_max_hz);
  EXPECT_EQ(a.config.nf_ripple_db, b.config.nf_ripple_db);
  EXPECT_EQ(a.config.gain_ripple_db, b.config.gain_ripple_db);
  EXPECT_EQ(a.config.dgt, b.config.dgt);
  EXPECT_EQ(a.config.nf_fit_coeff, b.config.nf_fit_coeff);
}

TEST(GnpyEquipmentWriter, ALibraryReadsBackTheSame) {
  const fs::path dir = fs::path(LIGHTMESH_SOURCE_DIR) / "tests/io/fixtures/gnpy_eqpt";
  const auto first = io::read_gnpy_equipment((dir / "eqpt_config.json").string());
  ASSERT_TRUE(first) << first.error().to_string();
  std::map<std::string, std::string> beside;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "eqpt_config.json")
      beside[entry.path().filename().string()] = slurp(entry.path());
  }
  const std::string text = io::write_gnpy_equipment(*first);
  const auto again = io::read_gnpy_equipment_text(text, "eqpt_config.json", beside);
  ASSERT_TRUE(again) << again.error().to_string();
  const Equipment& a = *first;
  const Equipment& b = *again;
  ASSERT_EQ(a.edfas.size(), b.edfas.size());
  for (std::size_t i = 0; i < a.edfas.size(); ++i) expect_same_edfa(a.edfas[i], b.edfas[i]);
  ASSERT_EQ(a.fibers.size(), b.fibers.size());
  for (std::size_t i = 0; i < a.fibers.size(); ++i) {
    EXPECT_EQ(a.fibers[i].type_variety, b.fibers[i].type_variety);
    EXPECT_EQ(a.fibers[i].dispersion_s_per_m2, b.fibers[i].dispersion_s_per_m2);
    EXPECT_EQ(a.fibers[i].effective_area_m2, b.fibers[i].effective_area_m2);
    EXPECT_EQ(a.fibers[i].gamma_per_w_per_m, b.fibers[i].gamma_per_w_per_m);
    EXPECT_EQ(a.fibers[i].pmd_coef_s_per_sqrt_m, b.fibers[i].pmd_coef_s_per_sqrt_m);
  }
  EXPECT_EQ(a.raman_fibers.size(), b.raman_fibers.size());
  EXPECT_EQ(a.span.power_mode, b.span.power_mode);
  EXPECT_EQ(a.span.delta_power_range_db, b.span.delta_power_range_db);
  EXPECT_EQ(a.span.max_length_km, b.span.max_length_km);
  EXPECT_EQ(a.span.max_loss_db, b.span.max_loss_db);
  EXPECT_EQ(a.span.padding_db, b.span.padding_db);
  EXPECT_EQ(a.span.eol_db, b.span.eol_db);
  EXPECT_EQ(a.span.con_in_db, b.span.con_in_db);
  EXPECT_EQ(a.span.con_out_db, b.span.con_out_db);
  ASSERT_EQ(a.roadms.size(), b.roadms.size());
  for (std::size_t i = 0; i < a.roadms.size(); ++i) {
    EXPECT_EQ(a.roadms[i].type_variety, b.roadms[i].type_variety);
    EXPECT_EQ(a.roadms[i].target_kind, b.roadms[i].target_kind);
    EXPECT_EQ(a.roadms[i].target, b.roadms[i].target);
    EXPECT_EQ(a.roadms[i].add_drop_osnr_db, b.roadms[i].add_drop_osnr_db);
    EXPECT_EQ(a.roadms[i].preamp_variety_list, b.roadms[i].preamp_variety_list);
    EXPECT_EQ(a.roadms[i].booster_variety_list, b.roadms[i].booster_variety_list);
    ASSERT_EQ(a.roadms[i].path_impairments.size(), b.roadms[i].path_impairments.size());
    for (std::size_t p = 0; p < a.roadms[i].path_impairments.size(); ++p) {
      const auto& x = a.roadms[i].path_impairments[p];
      const auto& y = b.roadms[i].path_impairments[p];
      EXPECT_EQ(x.id, y.id);
      EXPECT_EQ(x.kind, y.kind);
      ASSERT_EQ(x.bands.size(), y.bands.size());
      for (std::size_t k = 0; k < x.bands.size(); ++k) {
        EXPECT_EQ(x.bands[k].maxloss_db, y.bands[k].maxloss_db);
        EXPECT_EQ(x.bands[k].osnr_db, y.bands[k].osnr_db);
        EXPECT_EQ(x.bands[k].pmax_dbm, y.bands[k].pmax_dbm);
      }
    }
  }
  ASSERT_EQ(a.spectral_information.size(), b.spectral_information.size());
  for (std::size_t i = 0; i < a.spectral_information.size(); ++i) {
    const auto& x = a.spectral_information[i];
    const auto& y = b.spectral_information[i];
    EXPECT_EQ(x.type_variety, y.type_variety);
    EXPECT_EQ(x.f_min_hz, y.f_min_hz);
    EXPECT_EQ(x.f_max_hz, y.f_max_hz);
    EXPECT_EQ(x.baud_rate_baud, y.baud_rate_baud);
    EXPECT_EQ(x.spacing_hz, y.spacing_hz);
    EXPECT_EQ(x.power_dbm, y.power_dbm);
    EXPECT_EQ(x.power_range_db, y.power_range_db);
    EXPECT_EQ(x.tx_power_dbm, y.tx_power_dbm);
    EXPECT_EQ(x.roll_off, y.roll_off);
    EXPECT_EQ(x.tx_osnr_db, y.tx_osnr_db);
    EXPECT_EQ(x.sys_margins_db, y.sys_margins_db);
  }
  ASSERT_EQ(a.transceivers.size(), b.transceivers.size());
  for (std::size_t i = 0; i < a.transceivers.size(); ++i) {
    EXPECT_EQ(a.transceivers[i].type_variety, b.transceivers[i].type_variety);
    EXPECT_EQ(a.transceivers[i].f_min_hz, b.transceivers[i].f_min_hz);
    EXPECT_EQ(a.transceivers[i].f_max_hz, b.transceivers[i].f_max_hz);
    ASSERT_EQ(a.transceivers[i].modes.size(), b.transceivers[i].modes.size());
    for (std::size_t m = 0; m < a.transceivers[i].modes.size(); ++m) {
      const auto& x = a.transceivers[i].modes[m];
      const auto& y = b.transceivers[i].modes[m];
      EXPECT_EQ(x.format, y.format);
      EXPECT_EQ(x.baud_rate_baud, y.baud_rate_baud);
      EXPECT_EQ(x.required_osnr_db, y.required_osnr_db);
      EXPECT_EQ(x.bit_rate_bps, y.bit_rate_bps);
      EXPECT_EQ(x.roll_off, y.roll_off);
      EXPECT_EQ(x.tx_osnr_db, y.tx_osnr_db);
      EXPECT_EQ(x.min_spacing_hz, y.min_spacing_hz);
      EXPECT_EQ(x.cost, y.cost);
    }
  }
}

// One bundled example, exported and read back through GNPy's two readers.
struct Exported {
  Network net;
  std::string topology_text;
  Equipment equipment;
  physics::ElementNetwork topology;
};

Exported export_example(const std::string& name) {
  const fs::path file = fs::path(LIGHTMESH_SOURCE_DIR) / "examples" / name / "network.json";
  Network net = io::load_network(file.string()).value();
  const physics::LineModel model = physics::LineModel::build(net).value();
  const io::GnpyExport out = io::gnpy_export_of(net, model).value();
  const std::string topology_text = io::write_gnpy_topology(out.topology);
  Equipment eq =
      io::read_gnpy_equipment_text(io::write_gnpy_equipment(out.equipment), "eqpt_config.json")
          .value();
  physics::ElementNetwork topo = io::read_gnpy_topology(topology_text, "topology.json", eq).value();
  return {std::move(net), topology_text, std::move(eq), std::move(topo)};
}

class ExportedExample : public ::testing::TestWithParam<std::string> {};

// The elements GNPy's rules give: a ROADM per node named by its id, a transceiver per site, every
// span in both directions, and per fibre direction a booster, a preamplifier and an in-line
// amplifier between consecutive spans, each with a type from the library and its operating point.
TEST_P(ExportedExample, HoldsTheElementsGnpysRulesGive) {
  const Exported x = export_example(GetParam());
  const Network& net = x.net;
  const physics::ElementNetwork& topo = x.topology;
  for (const OpticalNode& node : net.nodes()) {
    const auto roadm = topo.find(node.id);
    ASSERT_TRUE(roadm) << node.id;
    EXPECT_EQ(topo.at(*roadm).kind(), ElementKind::kRoadm);
    const auto trx = topo.find("trx " + node.id);
    EXPECT_EQ(trx.has_value(), node.site != kNoIndex) << node.id;
  }
  std::size_t spans = 0;
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) spans += physics::span_design(net, f).size();
  const auto count = [&](ElementKind kind) {
    return std::count_if(topo.elements().begin(), topo.elements().end(),
                         [&](const physics::Element& e) { return e.kind() == kind; });
  };
  EXPECT_EQ(count(ElementKind::kFiber), static_cast<long>(2 * spans));
  EXPECT_EQ(count(ElementKind::kEdfa), static_cast<long>(2 * (spans + net.fibers().size())));
  EXPECT_EQ(count(ElementKind::kRoadm), static_cast<long>(net.nodes().size()));
  EXPECT_EQ(count(ElementKind::kTransceiver), static_cast<long>(net.sites().size()));
  for (const physics::Element& e : topo.elements()) {
    const auto* amp = e.as<physics::EdfaElement>();
    if (!amp) continue;
    EXPECT_NE(x.equipment.find_edfa(e.type_variety), nullptr) << e.uid;
    EXPECT_TRUE(amp->gain_target_db.has_value()) << e.uid;
    EXPECT_TRUE(amp->delta_p_db.has_value()) << e.uid;  // power mode
    EXPECT_TRUE(amp->tilt_target_db.has_value()) << e.uid;
    EXPECT_TRUE(amp->out_voa_db.has_value()) << e.uid;
  }
}

// GNPy designs every network it is given. On the export that design inserts nothing, chooses the
// same amplifier types and sets the same gains, so GNPy runs lightmesh's design, not its own.
TEST_P(ExportedExample, ASecondDesignChangesNothing) {
  const Exported x = export_example(GetParam());
  physics::ElementNetwork again = x.topology;
  const auto report = physics::auto_design(again, x.equipment, {});
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_TRUE(report->inserted_amplifiers.empty());
  EXPECT_TRUE(report->split_fibers.empty());
  ASSERT_EQ(again.size(), x.topology.size());
  for (physics::ElementIndex i = 0; i < again.size(); ++i) {
    const physics::Element& before = x.topology.at(i);
    const physics::Element& after = again.at(i);
    ASSERT_EQ(before.uid, after.uid);
    const auto* a = before.as<physics::EdfaElement>();
    const auto* b = after.as<physics::EdfaElement>();
    if (!a) continue;
    EXPECT_EQ(before.type_variety, after.type_variety) << before.uid;
    EXPECT_NEAR(*a->gain_target_db, *b->gain_target_db, 1e-9) << before.uid;
    EXPECT_NEAR(a->out_voa_db.value_or(0), b->out_voa_db.value_or(0), 1e-9) << before.uid;
  }
}

// GNPy's design in power mode with no power offsets (delta_p 0 everywhere, the native default):
// an amplifier after a span (in-line or preamplifier) makes up exactly that span's loss, padding
// included, and a booster lifts the ROADM's equalised channel to the reference power.
TEST_P(ExportedExample, GainsMakeUpTheLossBefore) {
  const Exported x = export_example(GetParam());
  const physics::ElementNetwork& topo = x.topology;
  const double launch_dbm = x.equipment.reference_channel().power_dbm;
  const double roadm_dbm = x.equipment.find_roadm("default")->target;
  int after_span = 0, boosters = 0;
  for (physics::ElementIndex i = 0; i < topo.size(); ++i) {
    const auto* amp = topo.at(i).as<physics::EdfaElement>();
    if (!amp) continue;
    ASSERT_EQ(topo.predecessors(i).size(), 1u) << topo.at(i).uid;
    const physics::Element& before = topo.at(topo.predecessors(i)[0]);
    EXPECT_NEAR(amp->delta_p_db.value_or(0), 0, 1e-12) << topo.at(i).uid;
    if (const auto* fiber = before.as<physics::FiberElement>()) {
      const double loss = fiber->params.loss_db_per_km * fiber->params.length_m / 1e3 +
                          fiber->con_in_db.value_or(0) + fiber->con_out_db.value_or(0) +
                          fiber->att_in_db.value_or(0);
      EXPECT_NEAR(*amp->gain_target_db, loss, 1e-9) << topo.at(i).uid;
      ++after_span;
    } else {
      ASSERT_EQ(before.kind(), ElementKind::kRoadm) << topo.at(i).uid;
      EXPECT_NEAR(*amp->gain_target_db, launch_dbm - roadm_dbm, 1e-9) << topo.at(i).uid;
      ++boosters;
    }
  }
  EXPECT_GT(after_span, 0);
  EXPECT_GT(boosters, 0);
}

// lightmesh's GNPy import of the export: the same ids, kinds, ends, lengths and spans, and every
// span's loss as GNPy's padding rule leaves it (at least Span.padding).
TEST_P(ExportedExample, ImportGivesBackTheNetwork) {
  const Exported x = export_example(GetParam());
  auto imported = io::import_gnpy(x.topology_text, "topology.json", {});
  ASSERT_TRUE(imported) << imported.error().to_string();
  const auto back = build_network(std::move(imported->spec));
  ASSERT_TRUE(back) << back.error().to_string();
  const Network& a = x.net;
  const Network& b = *back;
  EXPECT_EQ(a.name(), b.name());
  ASSERT_EQ(a.sites().size(), b.sites().size());
  for (const Site& s : a.sites()) {
    const SiteIndex t = b.find_site(s.id);
    ASSERT_NE(t, kNoIndex) << s.id;
    EXPECT_EQ(s.position.has_value(), b.site(t).position.has_value()) << s.id;
    if (s.position && b.site(t).position) {
      EXPECT_DOUBLE_EQ(s.position->lat, b.site(t).position->lat);
      EXPECT_DOUBLE_EQ(s.position->lon, b.site(t).position->lon);
    }
  }
  ASSERT_EQ(a.nodes().size(), b.nodes().size());
  for (const OpticalNode& n : a.nodes()) {
    const NodeIndex m = b.find_node(n.id);
    ASSERT_NE(m, kNoIndex) << n.id;
    EXPECT_EQ(n.site == kNoIndex, b.node(m).site == kNoIndex) << n.id;
  }
  ASSERT_EQ(a.fibers().size(), b.fibers().size());
  const double padding = x.equipment.span.padding_db;
  for (FiberIndex f = 0; f < a.fibers().size(); ++f) {
    const Fiber& fa = a.fiber(f);
    const FiberIndex g = b.find_fiber(fa.id);
    ASSERT_NE(g, kNoIndex) << fa.id;
    const Fiber& fb = b.fiber(g);
    std::vector<std::string> ends_a{a.node(fa.a).id, a.node(fa.b).id};
    std::vector<std::string> ends_b{b.node(fb.a).id, b.node(fb.b).id};
    std::sort(ends_a.begin(), ends_a.end());
    std::sort(ends_b.begin(), ends_b.end());
    EXPECT_EQ(ends_a, ends_b) << fa.id;
    const auto spans_a = physics::span_design(a, f);
    const auto spans_b = physics::span_design(b, g);
    ASSERT_EQ(spans_a.size(), spans_b.size()) << fa.id;
    // GNPy's file has spans, not a fibre length: the length read back is their sum (a file's
    // stated spans may add up to a metre more or less than its stated length, rounded).
    double sum_km = 0;
    for (const auto& s : spans_a) sum_km += s.length_km;
    EXPECT_NEAR(sum_km, fb.length.value(), 1e-6) << fa.id;
    EXPECT_NEAR(fa.length.value(), fb.length.value(), 1e-2) << fa.id;
    for (std::size_t s = 0; s < spans_a.size(); ++s) {
      EXPECT_NEAR(spans_a[s].length_km, spans_b[s].length_km, 1e-6) << fa.id;
      EXPECT_NEAR(std::max(spans_a[s].loss_db, padding), spans_b[s].loss_db, 1e-6) << fa.id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, ExportedExample,
                         ::testing::Values("london", "tokyo", "nsfnet", "sovereign"));

// Two elements may not share a name in GNPy's file: a fibre whose id is a node's id is refused,
// naming it, rather than written ambiguously.
TEST(GnpyExport, ANameTakenTwiceIsRefused) {
  const std::string text = R"({
    "name": "clash",
    "sites": [{"id": "A", "lat": 51.5, "lon": -0.1}, {"id": "B", "lat": 51.6, "lon": -0.2}],
    "fibers": [{"id": "A", "a": "A", "b": "B", "length_km": 20}]
  })";
  const Network net = io::load_network_text(text, "clash.json").value();
  const physics::LineModel model = physics::LineModel::build(net).value();
  const auto out = io::gnpy_export_of(net, model);
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().to_string().find("\"A\""), std::string::npos) << out.error().to_string();
}

}  // namespace
}  // namespace lightmesh

namespace lightmesh {
namespace {

// Hollow-core fibre is a fibre type of its own in the export. GNPy v2.12 cannot state its lower
// nonlinear index, so the variety keeps silica's data and the export warns rather than staying
// silent.
TEST(GnpyExport, HollowCoreFibreIsItsOwnVarietyAndWarns) {
  const std::string text = R"({
    "name": "hcf",
    "sites": [{"id": "A", "lat": 51.5, "lon": -0.1}, {"id": "B", "lat": 51.6, "lon": -0.2}],
    "fibers": [{"id": "A-B", "a": "A", "b": "B", "length_km": 30, "type": "hollow-core"}]
  })";
  const Network net = io::load_network_text(text, "hcf.json").value();
  const physics::LineModel model = physics::LineModel::build(net).value();
  const io::GnpyExport out = io::gnpy_export_of(net, model).value();
  ASSERT_NE(out.equipment.find_fiber("hollow_core"), nullptr);
  int spans = 0;
  for (const physics::Element& e : out.topology.elements()) {
    if (e.kind() != physics::ElementKind::kFiber) continue;
    EXPECT_EQ(e.type_variety, "hollow_core") << e.uid;
    ++spans;
  }
  EXPECT_EQ(spans, 2);  // one span each way
  ASSERT_EQ(out.warnings.size(), 1u);
  EXPECT_NE(out.warnings[0].find("nonlinear"), std::string::npos) << out.warnings[0];
}

}  // namespace
}  // namespace lightmesh
