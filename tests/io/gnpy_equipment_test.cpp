// GNPy equipment library reader: a hand-written library in tests/io/fixtures/gnpy_eqpt/ with one
// entry of every kind, the amplifier configuration files it names, defaults, the look-up of files
// beside the library, and bad input whose messages name the file, pointer, element and field.
#include "io/gnpy_equipment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lightmesh {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/io/fixtures/gnpy_eqpt/" + name;
}

const EdfaType& edfa(const Equipment& eq, const std::string& name) {
  const EdfaType* t = eq.find_edfa(name);
  if (!t) throw std::runtime_error("no Edfa " + name);
  return *t;
}

class FixtureLibrary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = io::read_gnpy_equipment(fixture("eqpt_config.json"));
    ASSERT_TRUE(r) << r.error().to_string();
    eq_ = new Equipment(std::move(*r));
  }
  static void TearDownTestSuite() {
    delete eq_;
    eq_ = nullptr;
  }
  static const Equipment& eq() { return *eq_; }
  static Equipment* eq_;
};
Equipment* FixtureLibrary::eq_ = nullptr;

TEST_F(FixtureLibrary, ReadsEveryAmplifierKind) {
  ASSERT_EQ(eq().edfas.size(), 9u);
  const EdfaType& v = edfa(eq(), "inline_variable");
  EXPECT_EQ(v.kind, EdfaKind::kVariableGain);
  EXPECT_EQ(v.gain_flatmax_db, 24);
  EXPECT_EQ(v.gain_min_db, 14);
  EXPECT_EQ(v.p_max_dbm, 22);
  EXPECT_EQ(v.nf_min_db, 5.2);
  EXPECT_EQ(v.nf_max_db, 9.5);
  EXPECT_TRUE(v.out_voa_auto);
  EXPECT_TRUE(v.allowed_for_design);

  const EdfaType& f = edfa(eq(), "booster_fixed");
  EXPECT_EQ(f.kind, EdfaKind::kFixedGain);
  EXPECT_EQ(f.nf0_db, 6.25);
  EXPECT_FALSE(f.nf_min_db.has_value());

  EXPECT_EQ(edfa(eq(), "lab_advanced").kind, EdfaKind::kAdvancedModel);
  const EdfaType& o = edfa(eq(), "oroadm_ila");
  EXPECT_EQ(o.kind, EdfaKind::kOpenroadm);
  EXPECT_THAT(o.nf_coef, ElementsAre(-0.001, -0.05, -0.7, 30.5));
  EXPECT_EQ(edfa(eq(), "oroadm_pre").kind, EdfaKind::kOpenroadmPreamp);
  EXPECT_EQ(edfa(eq(), "oroadm_boost").kind, EdfaKind::kOpenroadmBooster);

  const EdfaType& d = edfa(eq(), "two_stage");
  EXPECT_EQ(d.kind, EdfaKind::kDualStage);
  EXPECT_EQ(d.preamp_variety, "booster_fixed");
  EXPECT_EQ(d.booster_variety, "inline_variable");
  EXPECT_TRUE(d.raman);
  EXPECT_EQ(d.gain_min_db, 24);
  EXPECT_FALSE(d.gain_flatmax_db.has_value());  // bounded by its stages
  EXPECT_STREQ(edfa_kind_name(d.kind), "dual_stage");

  const EdfaType& c = edfa(eq(), "c_band_only");
  EXPECT_DOUBLE_EQ(c.pmd_s, 2e-13);
  EXPECT_DOUBLE_EQ(c.pdl_db, 0.3);
}

TEST_F(FixtureLibrary, EachAmplifierGetsTheConfigurationGnpyWouldGiveIt) {
  // advanced_model: its own file, with the NF polynomial.
  const EdfaConfig& adv = edfa(eq(), "lab_advanced").config;
  EXPECT_EQ(adv.source, "lab_advanced_config.json");
  EXPECT_EQ(edfa(eq(), "lab_advanced").advanced_config_from_json, "lab_advanced_config.json");
  EXPECT_DOUBLE_EQ(adv.f_min_hz, 191.5e12);
  EXPECT_DOUBLE_EQ(adv.f_max_hz, 195.9e12);
  EXPECT_THAT(adv.nf_fit_coeff, ElementsAre(0.0002, -0.01, 0.05, 5.5));
  EXPECT_THAT(adv.dgt, ElementsAre(1.0, 1.2, 1.4, 1.6, 1.8));
  EXPECT_EQ(adv.gain_ripple_db.size(), 5u);
  EXPECT_EQ(adv.nf_ripple_db.size(), 5u);

  // default_config_from_json: that file, with lists of different lengths.
  const EdfaConfig& shaped = edfa(eq(), "lab_shaped").config;
  EXPECT_EQ(shaped.source, "lab_shape_config.json");
  EXPECT_THAT(shaped.gain_ripple_db, ElementsAre(0.3, -0.3));
  EXPECT_THAT(shaped.dgt, ElementsAre(2.0, 1.0, 0.0));
  EXPECT_TRUE(shaped.nf_fit_coeff.empty());

  // Neither: the built-in default, read from gnpy_default_edfa_config.json beside the library.
  const EdfaConfig& builtin = edfa(eq(), "inline_variable").config;
  EXPECT_EQ(builtin.source, io::kGnpyDefaultEdfaConfigFile);
  EXPECT_THAT(builtin.dgt, ElementsAre(1.0, 1.5, 2.0, 2.5));
  EXPECT_DOUBLE_EQ(builtin.f_min_hz, 191.3e12);
  EXPECT_EQ(edfa(eq(), "two_stage").config.source, io::kGnpyDefaultEdfaConfigFile);

  // A band on the entry moves the configuration's band.
  const EdfaConfig& c = edfa(eq(), "c_band_only").config;
  EXPECT_DOUBLE_EQ(c.f_min_hz, 191.5e12);
  EXPECT_DOUBLE_EQ(c.f_max_hz, 195.5e12);
  EXPECT_THAT(c.dgt, ElementsAre(1.0, 1.5, 2.0, 2.5));
}

TEST_F(FixtureLibrary, ReadsFibres) {
  ASSERT_EQ(eq().fibers.size(), 2u);
  const FiberVariety* g652 = eq().find_fiber("G652");
  ASSERT_NE(g652, nullptr);
  EXPECT_DOUBLE_EQ(g652->dispersion_s_per_m2, 1.7e-05);
  EXPECT_EQ(g652->effective_area_m2, 80e-12);
  EXPECT_DOUBLE_EQ(g652->pmd_coef_s_per_sqrt_m, 1.0e-15);
  EXPECT_FALSE(g652->gamma_per_w_per_m.has_value());
  EXPECT_FALSE(g652->dispersion_slope_s_per_m3.has_value());
  EXPECT_FALSE(g652->raman);
  const FiberVariety* g655 = eq().find_fiber("G655");
  ASSERT_NE(g655, nullptr);
  EXPECT_EQ(g655->gamma_per_w_per_m, 0.0015);
  EXPECT_EQ(g655->dispersion_slope_s_per_m3, 60);
  ASSERT_EQ(eq().raman_fibers.size(), 1u);
  EXPECT_TRUE(eq().raman_fibers[0].raman);
  EXPECT_EQ(eq().find_fiber("nope"), nullptr);
}

TEST_F(FixtureLibrary, ReadsSpanDefaultsConvertingMetresToKm) {
  const SpanDefaults& s = eq().span;
  EXPECT_FALSE(s.power_mode);
  EXPECT_THAT(s.delta_power_range_db, ElementsAre(-1, 2, 0.25));
  EXPECT_EQ(s.max_fiber_lineic_loss_for_raman_db_per_km, 0.3);
  EXPECT_DOUBLE_EQ(s.target_extended_gain_db, 3);
  EXPECT_DOUBLE_EQ(s.max_length_km, 120);  // 120000 m
  EXPECT_DOUBLE_EQ(s.max_loss_db, 26);
  EXPECT_DOUBLE_EQ(s.padding_db, 8);
  EXPECT_DOUBLE_EQ(s.eol_db, 1.5);
  EXPECT_DOUBLE_EQ(s.con_in_db, 0.25);
  EXPECT_DOUBLE_EQ(s.con_out_db, 0.5);
}

TEST_F(FixtureLibrary, ReadsRoadms) {
  ASSERT_EQ(eq().roadms.size(), 3u);
  const RoadmType* def = eq().find_roadm("default");  // the entry without a type_variety
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->target_kind, RoadmTargetKind::kPowerPerChannelDbm);
  EXPECT_DOUBLE_EQ(def->target, -19);
  EXPECT_DOUBLE_EQ(def->add_drop_osnr_db, 37);
  EXPECT_THAT(def->preamp_variety_list, ElementsAre("inline_variable"));
  EXPECT_THAT(def->booster_variety_list, ElementsAre("booster_fixed"));

  const RoadmType* psd = eq().find_roadm("psd_roadm");
  ASSERT_NE(psd, nullptr);
  EXPECT_EQ(psd->target_kind, RoadmTargetKind::kPsdMwPerGhz);
  EXPECT_DOUBLE_EQ(psd->target, 3.0e-4);
  EXPECT_DOUBLE_EQ(psd->pmd_s, 3e-12);
  EXPECT_DOUBLE_EQ(psd->pdl_db, 1.5);

  const RoadmType* detailed = eq().find_roadm("detailed");
  ASSERT_NE(detailed, nullptr);
  EXPECT_DOUBLE_EQ(detailed->pmd_s, 0);  // absent: 0
  ASSERT_EQ(detailed->path_impairments.size(), 2u);
  EXPECT_EQ(detailed->path_impairments[0].kind, RoadmPathKind::kExpress);
  EXPECT_DOUBLE_EQ(detailed->path_impairments[0].bands.at(0).maxloss_db, 15);
  EXPECT_FALSE(detailed->path_impairments[0].bands.at(0).osnr_db.has_value());
  const RoadmPathImpairment& drop = detailed->path_impairments[1];
  EXPECT_EQ(drop.id, 1);
  EXPECT_EQ(drop.kind, RoadmPathKind::kDrop);
  const RoadmImpairmentBand& b = drop.bands.at(0);
  EXPECT_DOUBLE_EQ(b.lower_frequency_hz, 191.4e12);
  EXPECT_DOUBLE_EQ(b.upper_frequency_hz, 196.0e12);
  EXPECT_DOUBLE_EQ(b.pdl_db, 0.2);
  EXPECT_EQ(b.minloss_db, 8);
  EXPECT_EQ(b.typloss_db, 10.5);
  EXPECT_EQ(b.pmin_dbm, -14);
  EXPECT_EQ(b.pmax_dbm, -10);
  EXPECT_EQ(b.ptyp_dbm, -12.5);
  EXPECT_EQ(b.osnr_db, 40);
  EXPECT_EQ(b.noise_figure_db, 14);
}

TEST_F(FixtureLibrary, ReadsTheReferenceChannelAndTransceivers) {
  const SpectralInformation& si = eq().reference_channel();
  EXPECT_EQ(si.type_variety, "default");
  EXPECT_DOUBLE_EQ(si.f_min_hz, 191.4e12);
  EXPECT_DOUBLE_EQ(si.f_max_hz, 195.9e12);
  EXPECT_DOUBLE_EQ(si.baud_rate_baud, 64e9);
  EXPECT_DOUBLE_EQ(si.spacing_hz, 75e9);
  EXPECT_DOUBLE_EQ(si.power_dbm, 1);
  EXPECT_THAT(si.power_range_db, ElementsAre(-1, 1, 1));
  EXPECT_EQ(si.tx_power_dbm, -2);
  EXPECT_DOUBLE_EQ(si.roll_off, 0.1);
  EXPECT_DOUBLE_EQ(si.tx_osnr_db, 42);
  EXPECT_DOUBLE_EQ(si.sys_margins_db, 1.5);

  const TransceiverType* t = eq().find_transceiver("dual_rate");
  ASSERT_NE(t, nullptr);
  EXPECT_DOUBLE_EQ(t->f_min_hz, 191.4e12);
  EXPECT_DOUBLE_EQ(t->f_max_hz, 195.95e12);
  ASSERT_EQ(t->modes.size(), 2u);
  const TransceiverTypeMode& slow = t->modes[0];
  EXPECT_EQ(slow.format, "slow");
  EXPECT_DOUBLE_EQ(slow.baud_rate_baud, 32e9);
  EXPECT_DOUBLE_EQ(slow.required_osnr_db, 12.5);
  EXPECT_DOUBLE_EQ(slow.bit_rate_bps, 100e9);
  EXPECT_DOUBLE_EQ(slow.roll_off, 0.2);
  EXPECT_DOUBLE_EQ(slow.tx_osnr_db, 41);
  EXPECT_DOUBLE_EQ(slow.min_spacing_hz, 50e9);
  EXPECT_DOUBLE_EQ(slow.cost, 2);
  EXPECT_DOUBLE_EQ(t->modes[1].cost, 1);  // absent: 1
}

// The smallest library the reader accepts, as a document the error cases below change.
nlohmann::json minimal() {
  return nlohmann::json::parse(R"({
    "Edfa": [{"type_variety": "amp", "type_def": "variable_gain", "gain_flatmax": 25,
              "gain_min": 15, "p_max": 21, "nf_min": 6, "nf_max": 10},
             {"type_variety": "adv", "type_def": "advanced_model", "gain_flatmax": 25,
              "gain_min": 15, "p_max": 21, "advanced_config_from_json": "adv.json"}],
    "Fiber": [{"type_variety": "SSMF", "dispersion": 1.67e-05, "effective_area": 83e-12,
               "pmd_coef": 1.265e-15}],
    "Span": [{"power_mode": true, "max_length": 150, "max_loss": 28}],
    "Roadm": [{"target_pch_out_db": -20, "add_drop_osnr": 38}],
    "SI": [{"f_min": 191.3e12, "f_max": 196.1e12, "baud_rate": 32e9, "spacing": 50e9,
            "power_dbm": 0, "roll_off": 0.15, "tx_osnr": 40}],
    "Transceiver": [{"type_variety": "trx", "frequency": {"min": 191.35e12, "max": 196.1e12},
                     "mode": [{"format": "m1", "baud_rate": 32e9, "OSNR": 11, "bit_rate": 100e9,
                               "roll_off": 0.15, "tx_osnr": 40, "min_spacing": 37.5e9}]}]
  })");
}

nlohmann::json advanced_config() {
  return nlohmann::json::parse(
      R"({"f_min": 191.3e12, "f_max": 196.1e12, "nf_fit_coeff": [0, 0, 0, 6],
    "nf_ripple": [0], "gain_ripple": [0], "dgt": [1]})");
}

Result<Equipment> read(const nlohmann::json& library,
                       const nlohmann::json& adv = advanced_config()) {
  std::map<std::string, std::string> beside;
  if (!adv.is_null()) beside["adv.json"] = adv.dump();
  return io::read_gnpy_equipment_text(library.dump(), "eqpt.json", beside);
}

TEST(GnpyEquipment, MinimalLibraryTakesGnpyDefaults) {
  auto r = read(minimal());
  ASSERT_TRUE(r) << r.error().to_string();
  const EdfaType& amp = edfa(*r, "amp");
  EXPECT_FALSE(amp.out_voa_auto);
  EXPECT_FALSE(amp.allowed_for_design);
  EXPECT_FALSE(amp.raman);
  EXPECT_DOUBLE_EQ(amp.pmd_s, 0);
  const SpanDefaults& s = r->span;
  EXPECT_DOUBLE_EQ(s.max_length_km, 150);  // length_units absent: km
  EXPECT_DOUBLE_EQ(s.padding_db, 10);
  EXPECT_DOUBLE_EQ(s.eol_db, 0);
  EXPECT_DOUBLE_EQ(s.con_in_db, 0);
  EXPECT_DOUBLE_EQ(s.con_out_db, 0);
  EXPECT_DOUBLE_EQ(s.target_extended_gain_db, 2.5);
  EXPECT_THAT(s.delta_power_range_db, ElementsAre(0, 0, 0.5));
  const RoadmType& roadm = r->roadms.at(0);
  EXPECT_EQ(roadm.type_variety, "default");
  EXPECT_TRUE(roadm.preamp_variety_list.empty());
  EXPECT_DOUBLE_EQ(roadm.pdl_db, 0);
  const SpectralInformation& si = r->reference_channel();
  EXPECT_THAT(si.power_range_db, ElementsAre(0, 0, 0.5));
  EXPECT_FALSE(si.tx_power_dbm.has_value());
  EXPECT_DOUBLE_EQ(si.sys_margins_db, 0);
  EXPECT_TRUE(r->raman_fibers.empty());
}

TEST(GnpyEquipment, AnEntryWithoutTypeVarietyIsTheDefaultOne) {
  nlohmann::json library = minimal();
  library["Edfa"][0].erase("type_variety");
  library["Fiber"][0].erase("type_variety");
  library["Transceiver"][0].erase("type_variety");
  auto r = read(library);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_NE(r->find_edfa("default"), nullptr);
  EXPECT_NE(r->find_fiber("default"), nullptr);
  EXPECT_NE(r->find_transceiver("default"), nullptr);
}

TEST(GnpyEquipment, AFibreMayStateGammaInsteadOfTheEffectiveArea) {
  nlohmann::json library = minimal();
  library["Fiber"][0].erase("effective_area");
  library["Fiber"][0]["gamma"] = 0.00127;
  auto r = read(library);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_FALSE(r->fibers[0].effective_area_m2.has_value());
  EXPECT_EQ(r->fibers[0].gamma_per_w_per_m, 0.00127);
}

TEST(GnpyEquipment, WithoutTheDefaultFileBesideItTheDefaultIsFlat) {
  auto r = read(minimal());
  ASSERT_TRUE(r) << r.error().to_string();
  const EdfaConfig& c = edfa(*r, "amp").config;
  EXPECT_EQ(c.source, "");
  EXPECT_THAT(c.nf_ripple_db, ElementsAre(0.0));
  EXPECT_THAT(c.gain_ripple_db, ElementsAre(0.0));
  EXPECT_EQ(c.dgt.size(), 1u);  // one value: the same at every frequency, no tilt
  EXPECT_LT(c.f_min_hz, c.f_max_hz);
  EXPECT_EQ(edfa(*r, "adv").config.source, "adv.json");
}

TEST(GnpyEquipment, FindsTheDefaultFileByItsName) {
  std::map<std::string, std::string> beside = {
      {"adv.json", advanced_config().dump()},
      {io::kGnpyDefaultEdfaConfigFile,
       R"({"f_min": 191.0e12, "f_max": 196.0e12, "nf_ripple": [0.5], "gain_ripple": [0],
           "dgt": [1, 3]})"}};
  auto r = io::read_gnpy_equipment_text(minimal().dump(), "eqpt.json", beside);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(edfa(*r, "amp").config.source, io::kGnpyDefaultEdfaConfigFile);
  EXPECT_THAT(edfa(*r, "amp").config.dgt, ElementsAre(1, 3));
  EXPECT_THAT(edfa(*r, "amp").config.nf_ripple_db, ElementsAre(0.5));
}

TEST(GnpyEquipment, AMissingReferencedFileNamesTheAmplifierAndField) {
  auto r = read(minimal(), nullptr);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.error().to_string(),
            "eqpt.json: /Edfa/1/advanced_config_from_json: Edfa \"adv\": "
            "advanced_config_from_json names \"adv.json\", which is not beside the equipment "
            "library nor one of the files GNPy ships (std_medium_gain_advanced_config.json, "
            "Juniper-BoosterHG.json and default_edfa_config.json)");
}

// GNPy v2.12's example library (gnpy/example-data/eqpt_config.json) names two amplifier files GNPy
// ships; GNPy finds them without their being beside the library, and so must lightmesh. The
// figures are GNPy v2.12's (std_medium_gain_advanced_config.json, Juniper-BoosterHG.json and
// DEFAULT_EDFA_CONFIG in gnpy/core/parameters.py), checked here at their ends and lengths.
TEST(GnpyEquipment, NamesOfTheFilesGnpyShipsResolveWithoutTheFiles) {
  nlohmann::json lib = minimal();
  lib["Edfa"][1]["advanced_config_from_json"] = "std_medium_gain_advanced_config.json";
  lib["Edfa"].push_back({{"type_variety", "booster"},
                         {"type_def", "advanced_model"},
                         {"gain_flatmax", 25},
                         {"gain_min", 10},
                         {"p_max", 21},
                         {"advanced_config_from_json", "Juniper-BoosterHG.json"}});
  lib["Edfa"].push_back({{"type_variety", "shaped"},
                         {"type_def", "variable_gain"},
                         {"gain_flatmax", 26},
                         {"gain_min", 15},
                         {"p_max", 23},
                         {"nf_min", 6},
                         {"nf_max", 10},
                         {"default_config_from_json", "default_edfa_config.json"}});
  auto r = read(lib, nullptr);
  ASSERT_TRUE(r) << r.error().to_string();
  const EdfaConfig& medium = edfa(*r, "adv").config;
  EXPECT_EQ(medium.source, "std_medium_gain_advanced_config.json");
  EXPECT_DOUBLE_EQ(medium.f_min_hz, 191.275e12);
  EXPECT_DOUBLE_EQ(medium.f_max_hz, 196.125e12);
  EXPECT_THAT(medium.nf_fit_coeff, ElementsAre(0.000168241, 0.0469961, 0.0359549, 5.82851));
  EXPECT_EQ(medium.nf_ripple_db.size(), 96u);
  EXPECT_EQ(medium.gain_ripple_db.size(), 96u);
  EXPECT_EQ(medium.dgt.size(), 96u);
  const EdfaConfig& juniper = edfa(*r, "booster").config;
  EXPECT_EQ(juniper.source, "Juniper-BoosterHG.json");
  EXPECT_DOUBLE_EQ(juniper.f_min_hz, 191.4e12);
  EXPECT_DOUBLE_EQ(juniper.f_max_hz, 196.1e12);
  EXPECT_EQ(juniper.nf_fit_coeff.size(), 4u);
  EXPECT_EQ(juniper.dgt.size(), 48u);
  const EdfaConfig& gnpy_default = edfa(*r, "shaped").config;
  EXPECT_EQ(gnpy_default.source, "default_edfa_config.json");
  EXPECT_THAT(gnpy_default.nf_ripple_db, ElementsAre(0.0));
  EXPECT_THAT(gnpy_default.gain_ripple_db, ElementsAre(0.0));
  ASSERT_EQ(gnpy_default.dgt.size(), 96u);
  EXPECT_DOUBLE_EQ(gnpy_default.dgt.front(), 1.0);
  EXPECT_DOUBLE_EQ(gnpy_default.dgt.back(), 2.714526681131686);
  EXPECT_TRUE(gnpy_default.nf_fit_coeff.empty());  // the default form reads no NF polynomial
}

// A file beside the library wins over the one GNPy ships under the same name, as in GNPy, whose
// --extra-config files are looked up first.
TEST(GnpyEquipment, AFileBesideTheLibraryWinsOverTheShippedOne) {
  nlohmann::json lib = minimal();
  lib["Edfa"][1]["advanced_config_from_json"] = "Juniper-BoosterHG.json";
  const std::map<std::string, std::string> beside = {
      {"Juniper-BoosterHG.json",
       R"({"f_min": 191.0e12, "f_max": 196.0e12, "nf_fit_coeff": [0, 0, 0, 5], "nf_ripple": [0],
           "gain_ripple": [0], "dgt": [1]})"}};
  auto r = io::read_gnpy_equipment_text(lib.dump(), "eqpt.json", beside);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_DOUBLE_EQ(edfa(*r, "adv").config.f_min_hz, 191.0e12);
}

TEST(GnpyEquipment, AMissingFileOnDiskIsNotFound) {
  auto r = io::read_gnpy_equipment(fixture("no_such_eqpt.json"));
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().to_string(), HasSubstr("no_such_eqpt.json"));
}

TEST(GnpyEquipment, AnErrorInAFileBesideTheLibraryNamesItWithItsFolder) {
  const std::string library = fixture("bad_config/eqpt_config.json");
  auto r = io::read_gnpy_equipment(library);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            fixture("bad_config/lab_advanced_config.json") +
                ": /nf_fit_coeff/1: Edfa \"lab_advanced\" advanced_config_from_json: \"x\" in "
                "\"nf_fit_coeff\" is not a finite number (expected NF(gain) polynomial "
                "coefficients)");
}

TEST(GnpyEquipment, ErrorsInAConfigurationFileNameThatFileAndTheAmplifier) {
  nlohmann::json adv = advanced_config();
  adv.erase("nf_fit_coeff");
  auto r = read(minimal(), adv);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "adv.json: Edfa \"adv\" advanced_config_from_json: missing required field "
            "\"nf_fit_coeff\" (expected a list of NF(gain) polynomial coefficients)");

  adv = advanced_config();
  adv["dgt"] = {1, "x"};
  r = read(minimal(), adv);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().to_string(), HasSubstr("adv.json: /dgt/1: Edfa \"adv\""));

  adv = advanced_config();
  adv["f_max"] = 190e12;
  r = read(minimal(), adv);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().to_string(), HasSubstr("adv.json: /f_max:"));
  EXPECT_THAT(r.error().to_string(), HasSubstr("not above its start"));
}

struct BadCase {
  const char* what;
  std::function<void(nlohmann::json&)> change;
  const char* message;  // the whole line, or a part of it after '~'
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.what; }

class BadLibrary : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadLibrary, NamesTheElementAndTheField) {
  nlohmann::json library = minimal();
  GetParam().change(library);
  auto r = read(library);
  ASSERT_FALSE(r) << GetParam().what;
  EXPECT_NE(r.error().code(), ErrorCode::kInternal);
  std::string expected = GetParam().message;
  if (expected[0] == '~') {
    EXPECT_THAT(r.error().to_string(), HasSubstr(expected.substr(1)));
  } else {
    EXPECT_EQ(r.error().to_string(), expected);
  }
}

using J = nlohmann::json;

INSTANTIATE_TEST_SUITE_P(
    GnpyEquipment, BadLibrary,
    ::testing::Values(
        BadCase{"no Edfa list", [](J& j) { j.erase("Edfa"); },
                "eqpt.json: /Edfa: missing or empty \"Edfa\" list (expected at least one Edfa "
                "entry)"},
        BadCase{"two entries without a type_variety",
                [](J& j) {
                  j["Edfa"][0].erase("type_variety");
                  j["Edfa"][1].erase("type_variety");
                },
                "eqpt.json: /Edfa/1: Edfa \"default\": a second Edfa of this type_variety"},
        BadCase{"an empty type_variety", [](J& j) { j["Edfa"][0]["type_variety"] = ""; },
                "eqpt.json: /Edfa/0/type_variety: Edfa: an empty name (expected the type's "
                "name)"},
        BadCase{"variable gain without nf_min", [](J& j) { j["Edfa"][0].erase("nf_min"); },
                "eqpt.json: /Edfa/0: Edfa \"amp\": missing required field \"nf_min\" (expected "
                "−100 ≤ x ≤ 100 dB)"},
        BadCase{"nf_min as text", [](J& j) { j["Edfa"][0]["nf_min"] = "6"; },
                "eqpt.json: /Edfa/0/nf_min: Edfa \"amp\": \"6\" is not a number (expected "
                "−100 ≤ x ≤ 100 dB)"},
        BadCase{"fixed gain without nf0", [](J& j) { j["Edfa"][0]["type_def"] = "fixed_gain"; },
                "~/Edfa/0: Edfa \"amp\": missing required field \"nf0\""},
        BadCase{"openroadm without nf_coef", [](J& j) { j["Edfa"][0]["type_def"] = "openroadm"; },
                "~/Edfa/0: Edfa \"amp\": missing required field \"nf_coef\""},
        BadCase{"unknown type_def", [](J& j) { j["Edfa"][0]["type_def"] = "magic"; },
                "~/Edfa/0/type_def: Edfa \"amp\": unknown type_def \"magic\""},
        BadCase{"gain_min above gain_flatmax", [](J& j) { j["Edfa"][0]["gain_min"] = 30; },
                "eqpt.json: /Edfa/0/gain_min: Edfa \"amp\": gain_min 30 dB is above "
                "gain_flatmax 25 dB"},
        BadCase{"no p_max", [](J& j) { j["Edfa"][0].erase("p_max"); },
                "~/Edfa/0: Edfa \"amp\": missing required field \"p_max\""},
        BadCase{"allowed_for_design as text",
                [](J& j) { j["Edfa"][0]["allowed_for_design"] = "yes"; },
                "~/Edfa/0/allowed_for_design: Edfa \"amp\": \"yes\" is not true or false"},
        BadCase{"advanced model without its file",
                [](J& j) { j["Edfa"][1].erase("advanced_config_from_json"); },
                "~/Edfa/1: Edfa \"adv\": missing required field \"advanced_config_from_json\""},
        BadCase{"a file in another folder",
                [](J& j) { j["Edfa"][1]["advanced_config_from_json"] = "../adv.json"; },
                "~/Edfa/1/advanced_config_from_json: Edfa \"adv\": \"../adv.json\" is not a "
                "file name"},
        BadCase{"a default config that is not beside",
                [](J& j) { j["Edfa"][0]["default_config_from_json"] = "shape.json"; },
                "~/Edfa/0/default_config_from_json: Edfa \"amp\": default_config_from_json "
                "names \"shape.json\", which is not beside"},
        BadCase{"a dual stage naming an unknown stage",
                [](J& j) {
                  j["Edfa"].push_back({{"type_variety", "dual"},
                                       {"type_def", "dual_stage"},
                                       {"gain_min", 25},
                                       {"preamp_variety", "amp"},
                                       {"booster_variety", "ghost"}});
                },
                "eqpt.json: /Edfa/2/booster_variety: Edfa \"dual\": names \"ghost\", which is "
                "not an Edfa type"},
        BadCase{"duplicate type_variety", [](J& j) { j["Edfa"][1]["type_variety"] = "amp"; },
                "eqpt.json: /Edfa/1/type_variety: Edfa \"amp\": a second Edfa of this "
                "type_variety"},
        BadCase{"dispersion in ps/(nm km)", [](J& j) { j["Fiber"][0]["dispersion"] = 16.7; },
                "eqpt.json: /Fiber/0/dispersion: Fiber \"SSMF\": 16.7 is out of range for a "
                "dispersion in s/m² (-0.001 ≤ x < 0.001): expected s/m², e.g. 1.67e-05, not "
                "ps/(nm·km)"},
        BadCase{"fibre with neither effective area nor gamma",
                [](J& j) { j["Fiber"][0].erase("effective_area"); },
                "eqpt.json: /Fiber/0: Fiber \"SSMF\": missing required field \"effective_area\" "
                "(expected m², e.g. 83e-12, or else gamma in 1/(W·m))"},
        BadCase{"gamma in 1/(W km)", [](J& j) { j["Fiber"][0]["gamma"] = 1.27; },
                "~/Fiber/0/gamma: Fiber \"SSMF\": 1.27 is out of range"},
        BadCase{"effective area in um2", [](J& j) { j["Fiber"][0]["effective_area"] = 83; },
                "~/Fiber/0/effective_area: Fiber \"SSMF\": 83 is out of range"},
        BadCase{"pmd_coef in ps/sqrt(km)", [](J& j) { j["Fiber"][0]["pmd_coef"] = 0.04; },
                "~/Fiber/0/pmd_coef: Fiber \"SSMF\": 0.04 is out of range"},
        BadCase{"fibre without dispersion", [](J& j) { j["Fiber"][0].erase("dispersion"); },
                "~/Fiber/0: Fiber \"SSMF\": missing required field \"dispersion\""},
        BadCase{"unknown length unit", [](J& j) { j["Span"][0]["length_units"] = "mi"; },
                "eqpt.json: /Span/0/length_units: Span: unknown length unit \"mi\" (expected km "
                "or m)"},
        BadCase{"span without power_mode", [](J& j) { j["Span"][0].erase("power_mode"); },
                "~/Span/0: Span: missing required field \"power_mode\""},
        BadCase{"a short delta_power_range_db",
                [](J& j) {
                  j["Span"][0]["delta_power_range_db"] = {0, 1};
                },
                "~/Span/0/delta_power_range_db: Span: 2 values where 3 are expected"},
        BadCase{"roadm without a target", [](J& j) { j["Roadm"][0].erase("target_pch_out_db"); },
                "~/Roadm/0: Roadm \"default\": missing required field \"target_pch_out_db\""},
        BadCase{"roadm with two targets",
                [](J& j) { j["Roadm"][0]["target_psd_out_mWperGHz"] = 3e-4; },
                "~/Roadm/0/target_psd_out_mWperGHz: Roadm \"default\": both "
                "\"target_pch_out_db\" and \"target_psd_out_mWperGHz\""},
        BadCase{"roadm restriction naming no amplifier",
                [](J& j) {
                  j["Roadm"][0]["restrictions"] = {{"preamp_variety_list", {"amp", "ghost"}}};
                },
                "eqpt.json: /Roadm/0/restrictions/preamp_variety_list/1: Roadm \"default\": "
                "names \"ghost\", which is not an Edfa type"},
        BadCase{"roadm pmd in picoseconds", [](J& j) { j["Roadm"][0]["pmd"] = 1.5; },
                "~/Roadm/0/pmd: Roadm \"default\": 1.5 is out of range"},
        BadCase{"a path impairment id that is not whole",
                [](J& j) {
                  j["Roadm"][0]["roadm-path-impairments"] = J::parse(
                      R"([{"roadm-path-impairments-id": 1e300, "roadm-express-path": []}])");
                },
                "eqpt.json: /Roadm/0/roadm-path-impairments/0/roadm-path-impairments-id: Roadm "
                "\"default\": 1e+300 is not an id (expected a whole number ≥ 0)"},
        BadCase{"a path impairment of no kind",
                [](J& j) {
                  j["Roadm"][0]["roadm-path-impairments"] =
                      J::parse(R"([{"roadm-path-impairments-id": 0}])");
                },
                "~/Roadm/0/roadm-path-impairments/0: Roadm \"default\": missing required field "
                "\"roadm-express-path\""},
        BadCase{"SI frequency in THz", [](J& j) { j["SI"][0]["f_min"] = 191.3; },
                "eqpt.json: /SI/0/f_min: SI \"default\": 191.3 is out of range for a frequency "
                "in Hz (1e+12 ≤ x < 1e+16): expected Hz, e.g. 191.3e12 (a value in THz is not "
                "accepted)"},
        BadCase{"SI baud rate in GBd", [](J& j) { j["SI"][0]["baud_rate"] = 32; },
                "~/SI/0/baud_rate: SI \"default\": 32 is out of range"},
        BadCase{"SI band upside down", [](J& j) { j["SI"][0]["f_max"] = 190e12; },
                "~/SI/0/f_max: SI \"default\": the band ends at"},
        BadCase{"mode without OSNR", [](J& j) { j["Transceiver"][0]["mode"][0].erase("OSNR"); },
                "eqpt.json: /Transceiver/0/mode/0: Transceiver \"trx\" mode \"m1\": missing "
                "required field \"OSNR\" (expected −50 ≤ x ≤ 100 dB)"},
        BadCase{"mode spacing below its baud rate",
                [](J& j) { j["Transceiver"][0]["mode"][0]["min_spacing"] = 25e9; },
                "~/Transceiver/0/mode/0/min_spacing: Transceiver \"trx\" mode \"m1\": 2.5e+10 "
                "Hz is narrower"},
        BadCase{"transceiver without a frequency range",
                [](J& j) { j["Transceiver"][0].erase("frequency"); },
                "~/Transceiver/0: Transceiver \"trx\": missing required field \"frequency\""},
        BadCase{"transceiver frequency in THz",
                [](J& j) { j["Transceiver"][0]["frequency"]["max"] = 196.1; },
                "~/Transceiver/0/frequency/max: Transceiver \"trx\": 196.1 is out of range"},
        // The ranges of core/limits.h, each refused with the file, the pointer and the range.
        BadCase{"SI spacing wider than the band", [](J& j) { j["SI"][0]["spacing"] = 1e15; },
                "eqpt.json: /SI/0/spacing: SI \"default\": 1e+15 is out of range (expected "
                "1,000,000,000 ≤ x ≤ 10,000,000,000,000 Hz)"},
        // 5 THz is a valid spacing, but the 4.8 THz band holds no channel of it.
        BadCase{"SI spacing that leaves no channel", [](J& j) { j["SI"][0]["spacing"] = 5e12; },
                "~/SI/0/spacing: SI \"default\": 5e+12 Hz leaves no channel in the band"},
        BadCase{"a ROADM target of 0 dBm", [](J& j) { j["Roadm"][0]["target_pch_out_db"] = 0; },
                "eqpt.json: /Roadm/0/target_pch_out_db: Roadm \"default\": 0 dBm reads as no "
                "target in GNPy (expected a power other than 0 within −50 ≤ x ≤ 50 dBm)"},
        BadCase{"a ROADM target of -0 dBm", [](J& j) { j["Roadm"][0]["target_pch_out_db"] = -0.0; },
                "~/Roadm/0/target_pch_out_db: Roadm \"default\": 0 dBm reads as no target"},
        BadCase{"an effective area of 5e-324 m²",
                [](J& j) { j["Fiber"][0]["effective_area"] = 5e-324; },
                "~/Fiber/0/effective_area: Fiber \"SSMF\": 4.94066e-324 is out of range for an "
                "effective area in m² (1e-12 ≤ x < 1e-08)"},
        BadCase{"a dispersion of 0, which the GN model divides by",
                [](J& j) { j["Fiber"][0]["dispersion"] = 0; },
                "eqpt.json: /Fiber/0/dispersion: Fiber \"SSMF\": 0 s/m² is too close to 0 "
                "(expected at least 1e-09 either side of 0: the GN model divides by the "
                "dispersion)"},
        BadCase{"a dispersion slope beyond any fibre",
                [](J& j) { j["Fiber"][0]["dispersion_slope"] = 1e15; },
                "eqpt.json: /Fiber/0/dispersion_slope: Fiber \"SSMF\": 1e+15 is out of range "
                "(expected −100,000 ≤ x ≤ 100,000 s/m³)"},
        BadCase{"an OpenROADM coefficient beyond any amplifier",
                [](J& j) {
                  j["Edfa"][0]["type_def"] = "openroadm";
                  j["Edfa"][0]["nf_coef"] = {8.1e-4, 6.142e-2, 1e19, 19.97};
                },
                "eqpt.json: /Edfa/0/nf_coef/2: Edfa \"amp\": a coefficient of \"nf_coef\": 1e+19 "
                "is out of range (expected −1,000 ≤ x ≤ 1,000)"},
        BadCase{"a mode cost beyond the range",
                [](J& j) { j["Transceiver"][0]["mode"][0]["cost"] = 1e308; },
                "eqpt.json: /Transceiver/0/mode/0/cost: Transceiver \"trx\" mode \"m1\": "
                "1e+308 is out of range (expected 0 ≤ x ≤ 1,000,000,000)"},
        BadCase{"a ROADM's chromatic dispersion beyond the range",
                [](J& j) {
                  j["Roadm"][0]["roadm-path-impairments"] = J::parse(
                      R"([{"roadm-path-impairments-id": 0, "roadm-express-path": [{
                           "frequency-range": {"lower-frequency": 191.3e12,
                                               "upper-frequency": 196.1e12},
                           "roadm-cd": 1e15}]}])");
                },
                "eqpt.json: /Roadm/0/roadm-path-impairments/0/roadm-express-path/0/roadm-cd: "
                "Roadm \"default\": 1e+15 is out of range (expected −1,000 ≤ x ≤ 1,000 s/m)"},
        BadCase{"a type_variety over 256 bytes",
                [](J& j) { j["Edfa"][0]["type_variety"] = std::string(257, 'x'); },
                "~/Edfa/0/type_variety: Edfa: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\": 257 "
                "bytes is too long for an id (expected at most 256 bytes)"},
        BadCase{"an entry that is not an object", [](J& j) { j["Fiber"][0] = 3; },
                "~/Fiber/0: Fiber: 3 is not an object"},
        BadCase{"a section that is not a list", [](J& j) { j["SI"] = J::object(); },
                "~/SI: an object is not a list"}));

TEST(GnpyEquipment, MalformedTextIsAParseError) {
  auto r = io::read_gnpy_equipment_text("{\"Edfa\": [", "eqpt.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kParse);
  EXPECT_THAT(r.error().to_string(), HasSubstr("eqpt.json"));
}

}  // namespace
}  // namespace lightmesh
