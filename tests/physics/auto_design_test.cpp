// Auto-design of optical lines (physics/auto_design.h) on small networks built by hand: span
// splitting with GNPy's names, amplifier insertion at ROADM degrees and between fibres, padding,
// ROADM per-degree targets, amplifier choice and restrictions, gains and powers in power and gain
// mode, --no-insert-edfas, per-request redesign of a subset, and idempotence. The amplifier data
// sheets are those of GNPy's example library (std_low_gain, std_medium_gain, std_high_gain).
#include "physics/auto_design.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace lightmesh::physics {
namespace {

EdfaType variable_gain(std::string name, double gain_min, double gain_flatmax, double p_max,
                       double nf_min, double nf_max) {
  EdfaType t;
  t.type_variety = std::move(name);
  t.kind = EdfaKind::kVariableGain;
  t.gain_min_db = gain_min;
  t.gain_flatmax_db = gain_flatmax;
  t.p_max_dbm = p_max;
  t.nf_min_db = nf_min;
  t.nf_max_db = nf_max;
  t.allowed_for_design = true;
  return t;
}

// GNPy's example equipment, reduced to what design reads: three variable-gain amplifiers, the
// Span defaults of its eqpt_config.json, a ROADM equalising to −20 dBm per channel, and the SI
// 191.3–195.1 THz at 50 GHz, 0 dBm per channel.
Equipment example_equipment() {
  Equipment eq;
  eq.edfas.push_back(variable_gain("std_high_gain", 25, 35, 21, 5.5, 7));
  eq.edfas.push_back(variable_gain("std_medium_gain", 15, 26, 23, 6, 10));
  eq.edfas.push_back(variable_gain("std_low_gain", 8, 16, 23, 6.5, 11));
  EdfaType booster = variable_gain("booster_only", 8, 16, 23, 9, 15);
  booster.allowed_for_design = false;  // only through a restriction list
  eq.edfas.push_back(booster);
  eq.span.power_mode = true;
  eq.span.delta_power_range_db = {-2, 3, 0.5};
  eq.span.max_fiber_lineic_loss_for_raman_db_per_km = 0.25;
  eq.span.target_extended_gain_db = 2.5;
  eq.span.max_length_km = 150;
  eq.span.max_loss_db = 28;
  eq.span.padding_db = 10;
  RoadmType roadm;
  roadm.target = -20;
  eq.roadms.push_back(roadm);
  SpectralInformation si;
  si.f_min_hz = 191.3e12;
  si.f_max_hz = 195.1e12;
  si.baud_rate_baud = 32e9;
  si.spacing_hz = 50e9;
  si.power_dbm = 0;
  si.tx_power_dbm = 0;
  eq.spectral_information.push_back(si);
  return eq;
}

class Builder {
 public:
  ElementIndex trx(const std::string& uid) { return add(uid, TransceiverElement{}); }
  ElementIndex roadm(const std::string& uid) { return add(uid, RoadmElement{}); }
  ElementIndex fused(const std::string& uid) { return add(uid, FusedElement{}); }
  ElementIndex fiber(const std::string& uid, double km, double db_per_km = 0.2) {
    FiberElement f;
    f.params.length_m = km * 1e3;
    f.params.loss_db_per_km = db_per_km;
    Element e;
    e.uid = uid;
    e.type_variety = "SSMF";
    e.data = f;
    return net.add(std::move(e));
  }
  ElementIndex amp(const std::string& uid, const std::string& type = "") {
    Element e;
    e.uid = uid;
    e.type_variety = type;
    e.data = EdfaElement{};
    return net.add(std::move(e));
  }
  // Connects the elements in order.
  void chain(const std::vector<ElementIndex>& elements) {
    for (std::size_t i = 1; i < elements.size(); ++i)
      net.add_connection(elements[i - 1], elements[i]);
  }
  ElementNetwork net;

 private:
  template <class T>
  ElementIndex add(const std::string& uid, T data) {
    Element e;
    e.uid = uid;
    e.data = data;
    return net.add(std::move(e));
  }
};

const EdfaElement& amp_at(const ElementNetwork& net, const std::string& uid) {
  auto i = net.find(uid);
  EXPECT_TRUE(i.has_value()) << uid;
  return *net.at(*i).as<EdfaElement>();
}

std::vector<std::string> successor_uids(const ElementNetwork& net, const std::string& uid) {
  std::vector<std::string> out;
  for (ElementIndex s : net.successors(*net.find(uid))) out.push_back(net.at(s).uid);
  return out;
}

// roadm A ⇄ roadm B over one fibre each way, with add/drop transceivers; no amplifier at all.
Builder two_roadms(double km) {
  Builder b;
  const ElementIndex ta = b.trx("trx A"), tb = b.trx("trx B");
  const ElementIndex ra = b.roadm("roadm A"), rb = b.roadm("roadm B");
  const ElementIndex ab = b.fiber("fiber (A → B)", km), ba = b.fiber("fiber (B → A)", km);
  b.chain({ta, ra, ab, rb, tb});
  b.chain({tb, rb, ba, ra, ta});
  return b;
}

TEST(AutoDesignHelpers, RoundsToTheDeltaPowerGridHalvesToEvenAsGnpy) {
  // GNPy's own doctests of round2float.
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.456, 1000), 0.0);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.456, 10), 120.0);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.456, 0.1), 123.5);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.456, 0.001), 123.46);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.249, 0.5), 123.0);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.250, 0.5), 123.0);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.251, 0.5), 123.5);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.300, 0.2), 123.2);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step(123.301, 0.2), 123.4);
  // (21.25 − 20)·0.3 = 0.375 → 0.5; (20.5 − 20)·0.3 = 0.15 → 0.0.
  EXPECT_DOUBLE_EQ(gnpy_round_to_step((21.25 - 20) * 0.3, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(gnpy_round_to_step((20.5 - 20) * 0.3, 0.5), 0.0);
}

TEST(AutoDesignHelpers, ReferenceLoadAndPowerSweep) {
  const Equipment eq = example_equipment();
  EXPECT_EQ(reference_channel_count(eq.reference_channel()), 76);
  SpectralInformation wide = eq.reference_channel();
  wide.f_max_hz = 196.1e12;
  EXPECT_EQ(reference_channel_count(wide), 96);
  wide.f_min_hz = 190e12;  // capped at the 191.2–196.0 THz band GNPy designs over
  EXPECT_EQ(reference_channel_count(wide), 96);

  SpectralInformation si = eq.reference_channel();
  si.power_range_db = {-1, 1, 0.5};
  EXPECT_EQ(power_sweep_offsets_db(si, true), (std::vector<double>{-1, -0.5, 0, 0.5, 1}));
  EXPECT_EQ(power_sweep_offsets_db(si, false), std::vector<double>{0});
  si.power_range_db = {0, 0, 1};
  EXPECT_EQ(power_sweep_offsets_db(si, true), std::vector<double>{0});
}

TEST(AutoDesignHelpers, NoiseFigureForSelectionFollowsTheTwoCoilModel) {
  const Equipment eq = example_equipment();
  // std_low_gain at 15 dB: 6.62 dB in GNPy's single-span example.
  auto nf = design_noise_figure_db(*eq.find_edfa("std_low_gain"), 15, eq);
  ASSERT_TRUE(nf);
  EXPECT_NEAR(*nf, 6.617, 1e-3);
  // At the data sheet's corners: nf_min at gain_flatmax, nf_max at gain_min.
  EXPECT_NEAR(*design_noise_figure_db(*eq.find_edfa("std_medium_gain"), 26, eq), 6, 0.01);
  EXPECT_NEAR(*design_noise_figure_db(*eq.find_edfa("std_medium_gain"), 15, eq), 10, 0.01);
  // Below gain_min an input pad adds its loss.
  EXPECT_NEAR(*design_noise_figure_db(*eq.find_edfa("std_high_gain"), 24, eq), 7 + 1, 0.01);
}

TEST(AutoDesign, SplitsALongFibreIntoEqualSpansWithGnpyNames) {
  const Equipment eq = example_equipment();
  Builder b = two_roadms(200);
  auto report = auto_design(b.net, eq);
  ASSERT_TRUE(report) << report.error().to_string();
  // 200 km with max_length 150 and target 90 km: two spans of 100 km.
  EXPECT_EQ(report->split_fibers, (std::vector<std::string>{"fiber (A → B)", "fiber (B → A)"}));
  EXPECT_FALSE(b.net.find("fiber (A → B)"));
  for (const char* uid : {"fiber (A → B)_(1/2)", "fiber (A → B)_(2/2)"}) {
    auto i = b.net.find(uid);
    ASSERT_TRUE(i) << uid;
    EXPECT_DOUBLE_EQ(b.net.at(*i).as<FiberElement>()->params.length_m, 100e3);
    EXPECT_LE(b.net.at(*i).as<FiberElement>()->params.length_m, eq.span.max_length_km * 1e3);
    EXPECT_EQ(b.net.at(*i).type_variety, "SSMF");
  }
  // The line, in order, with the amplifiers design adds.
  std::vector<std::string> line{"roadm A"};
  ElementIndex at = *b.net.find("roadm A");
  for (int hops = 0; hops < 6; ++hops) {
    for (ElementIndex s : b.net.successors(at))
      if (b.net.at(s).kind() != ElementKind::kTransceiver) {
        at = s;
        break;
      }
    line.push_back(b.net.at(at).uid);
  }
  EXPECT_EQ(line, (std::vector<std::string>{
                      "roadm A", "Edfa_booster_roadm A_to_fiber (A → B)_(1/2)",
                      "fiber (A → B)_(1/2)", "Edfa_fiber (A → B)_(1/2)", "fiber (A → B)_(2/2)",
                      "Edfa_preamp_roadm B_from_fiber (A → B)_(2/2)", "roadm B"}));
  // GNPy appends the spans after the elements it keeps, in the order it splits.
  EXPECT_EQ(b.net.at(4).uid, "fiber (A → B)_(1/2)");
  EXPECT_EQ(b.net.at(7).uid, "fiber (B → A)_(2/2)");
}

TEST(AutoDesign, SplitsFourHundredKilometresIntoFourSpans) {
  const Equipment eq = example_equipment();
  Builder b = two_roadms(400);
  ASSERT_TRUE(auto_design(b.net, eq));
  // 400 km: 4 × 100 km is as close to the 90 km target as 5 × 80 km, and GNPy then keeps 4.
  for (int i = 1; i <= 4; ++i) {
    auto f = b.net.find("fiber (A → B)_(" + std::to_string(i) + "/4)");
    ASSERT_TRUE(f);
    EXPECT_DOUBLE_EQ(b.net.at(*f).as<FiberElement>()->params.length_m, 100e3);
  }
  EXPECT_FALSE(b.net.find("fiber (A → B)_(1/5)"));
}

TEST(AutoDesign, AddsPreampAndBoosterOnBareRoadmDegreesAndKeepsConnectionOrder) {
  const Equipment eq = example_equipment();
  Builder b = two_roadms(80);
  auto report = auto_design(b.net, eq);
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(
      report->inserted_amplifiers,
      (std::vector<std::string>{
          "Edfa_preamp_roadm A_from_fiber (B → A)", "Edfa_booster_roadm A_to_fiber (A → B)",
          "Edfa_preamp_roadm B_from_fiber (A → B)", "Edfa_booster_roadm B_to_fiber (B → A)"}));
  // Nothing split: the original elements keep their indices; amplifiers are appended.
  EXPECT_EQ(b.net.size(), 10u);
  EXPECT_EQ(b.net.at(2).uid, "roadm A");
  EXPECT_EQ(b.net.at(6).uid, "Edfa_preamp_roadm A_from_fiber (B → A)");
  // As networkx does: the edge replaced by the booster moves to the end of the ROADM's list.
  EXPECT_EQ(successor_uids(b.net, "roadm A"),
            (std::vector<std::string>{"trx A", "Edfa_booster_roadm A_to_fiber (A → B)"}));
  EXPECT_EQ(successor_uids(b.net, "fiber (A → B)"),
            (std::vector<std::string>{"Edfa_preamp_roadm B_from_fiber (A → B)"}));
  // Every degree gets the ROADM's target, keyed by the element it leads to.
  const RoadmElement& ra = *b.net.at(2).as<RoadmElement>();
  EXPECT_EQ(ra.target_pch_out_dbm, -20);
  ASSERT_EQ(ra.per_degree_pch_out_dbm.size(), 1u);
  EXPECT_EQ(ra.per_degree_pch_out_dbm.at("Edfa_booster_roadm A_to_fiber (A → B)"), -20);
  // Inserted amplifiers got a type, a gain and a power.
  const EdfaElement& booster = amp_at(b.net, "Edfa_booster_roadm A_to_fiber (A → B)");
  ASSERT_TRUE(booster.gain_target_db && booster.delta_p_db);
  EXPECT_EQ(booster.tilt_target_db, 0.0);
  EXPECT_EQ(booster.out_voa_db, 0.0);
}

TEST(AutoDesign, PutsAnAmplifierBetweenConsecutiveFibresButNotAcrossAFusedSplice) {
  const Equipment eq = example_equipment();
  Builder b;
  const ElementIndex ra = b.roadm("roadm A"), rb = b.roadm("roadm B");
  const ElementIndex f1 = b.fiber("f1", 60), f2 = b.fiber("f2", 70);
  const ElementIndex f3 = b.fiber("f3", 30), splice = b.fused("splice"), f4 = b.fiber("f4", 20);
  const ElementIndex ba = b.fiber("back", 80);
  b.chain({ra, f1, f2, f3, splice, f4, rb, ba, ra});
  auto report = auto_design(b.net, eq);
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(successor_uids(b.net, "f1"), std::vector<std::string>{"Edfa_f1"});
  EXPECT_EQ(successor_uids(b.net, "Edfa_f1"), std::vector<std::string>{"f2"});
  EXPECT_EQ(successor_uids(b.net, "f2"), std::vector<std::string>{"Edfa_f2"});
  EXPECT_EQ(successor_uids(b.net, "f3"), std::vector<std::string>{"splice"});
  EXPECT_FALSE(b.net.find("Edfa_f3"));
  // f3 + splice + f4 is one span: 6 + 1 + 4 = 11 dB, no padding; the preamp after it sees 11 dB.
  EXPECT_EQ(b.net.at(*b.net.find("f3")).as<FiberElement>()->params.att_in_db, 0);
  const EdfaElement& preamp = amp_at(b.net, "Edfa_preamp_roadm B_from_f4");
  const EdfaElement& ila = amp_at(b.net, "Edfa_f2");
  EXPECT_DOUBLE_EQ(*preamp.gain_target_db, 11 + 0 - *ila.delta_p_db);
}

TEST(AutoDesign, PadsShortSpansUpToSpanPadding) {
  const Equipment eq = example_equipment();
  Builder b = two_roadms(10);  // 2 dB
  ASSERT_TRUE(auto_design(b.net, eq));
  const FiberElement& f = *b.net.at(*b.net.find("fiber (A → B)")).as<FiberElement>();
  EXPECT_DOUBLE_EQ(*f.att_in_db, 8);
  EXPECT_DOUBLE_EQ(f.params.att_in_db, 8);
  EXPECT_EQ(f.con_in_db, 0.0);  // unset connectors take the Span defaults
  EXPECT_EQ(f.con_out_db, 0.0);
  // The preamp makes up the padded 10 dB: the booster launched at delta_p −2 (a 10 dB span asks
  // for (10 − 20)·0.3 = −3, clamped to −2), the preamp aims at 0 before the ROADM.
  const EdfaElement& booster = amp_at(b.net, "Edfa_booster_roadm A_to_fiber (A → B)");
  const EdfaElement& preamp = amp_at(b.net, "Edfa_preamp_roadm B_from_fiber (A → B)");
  EXPECT_DOUBLE_EQ(*booster.delta_p_db, -2);
  EXPECT_DOUBLE_EQ(*booster.gain_target_db, 0 + -2 + 20);  // from the ROADM's −20 dBm
  EXPECT_DOUBLE_EQ(*preamp.delta_p_db, 0);
  EXPECT_DOUBLE_EQ(*preamp.gain_target_db, 10 + 0 - -2);
}

TEST(AutoDesign, ChoosesTheLowestNoiseAmplifierThatReachesGainAndPower) {
  const Equipment eq = example_equipment();
  Builder b = two_roadms(130);  // 26 dB
  ASSERT_TRUE(auto_design(b.net, eq));
  const EdfaElement& booster = amp_at(b.net, "Edfa_booster_roadm A_to_fiber (A → B)");
  EXPECT_DOUBLE_EQ(*booster.delta_p_db, 2);  // (26 − 20)·0.3 = 1.8 → 2.0
  // Preamp: 26 + 0 − 2 = 24 dB at 18.8 dBm total out. std_low_gain cannot reach that power,
  // std_high_gain would run below its 25 dB minimum (NF 8 dB), std_medium_gain does it at ~6 dB.
  const ElementIndex preamp = *b.net.find("Edfa_preamp_roadm B_from_fiber (A → B)");
  EXPECT_DOUBLE_EQ(*b.net.at(preamp).as<EdfaElement>()->gain_target_db, 24);
  EXPECT_EQ(b.net.at(preamp).type_variety, "std_medium_gain");
}

TEST(AutoDesign, HonoursRoadmAndAmplifierRestrictionLists) {
  const Equipment eq = example_equipment();
  Builder b = two_roadms(80);
  RoadmElement& ra = *b.net.at(*b.net.find("roadm A")).as<RoadmElement>();
  ra.booster_variety_list = {"booster_only"};  // not allowed for design, but listed
  ra.preamp_variety_list = {"std_high_gain"};
  ASSERT_TRUE(auto_design(b.net, eq));
  EXPECT_EQ(b.net.at(*b.net.find("Edfa_booster_roadm A_to_fiber (A → B)")).type_variety,
            "booster_only");
  EXPECT_EQ(b.net.at(*b.net.find("Edfa_preamp_roadm A_from_fiber (B → A)")).type_variety,
            "std_high_gain");
  // roadm B has no list: free choice among the types allowed for design.
  EXPECT_NE(b.net.at(*b.net.find("Edfa_booster_roadm B_to_fiber (B → A)")).type_variety,
            "booster_only");

  // An amplifier's own list, and the library's ROADM restrictions when the topology gives none.
  Equipment restricted = example_equipment();
  restricted.roadms[0].booster_variety_list = {"std_low_gain"};
  Builder c = two_roadms(80);
  c.net.at(*c.net.find("roadm A")).as<RoadmElement>()->booster_variety_list.clear();
  ASSERT_TRUE(auto_design(c.net, restricted, {.insert_edfas = true}));
  EXPECT_EQ(c.net.at(*c.net.find("Edfa_booster_roadm A_to_fiber (A → B)")).type_variety,
            "std_low_gain");

  Builder d = two_roadms(80);
  Element lone;
  lone.uid = "amp";
  EdfaElement amp;
  amp.variety_list = {"std_high_gain"};
  lone.data = amp;
  // roadm A → amp → fibre: the amplifier's list wins over the free choice.
  const ElementIndex ra_d = *d.net.find("roadm A"), ab_d = *d.net.find("fiber (A → B)");
  d.net.remove_connection(ra_d, ab_d);
  const ElementIndex added = d.net.add(std::move(lone));
  d.net.add_connection(ra_d, added);
  d.net.add_connection(added, ab_d);
  ASSERT_TRUE(auto_design(d.net, eq));
  EXPECT_EQ(d.net.at(*d.net.find("amp")).type_variety, "std_high_gain");

  // A list no amplifier of the library satisfies is an error naming the amplifier.
  Builder e = two_roadms(80);
  e.net.at(*e.net.find("roadm A")).as<RoadmElement>()->booster_variety_list = {"nonexistent"};
  auto failed = auto_design(e.net, eq);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().to_string().find("Edfa_booster_roadm A_to_fiber (A → B)"),
            std::string::npos);
}

// roadm A → booster → 80 km → ILA → 80 km → ILA → 80 km → preamp → roadm B, and back.
Builder three_span_line(const std::vector<double>& km, double db_per_km = 0.2) {
  Builder b;
  const ElementIndex ra = b.roadm("roadm A"), rb = b.roadm("roadm B");
  std::vector<ElementIndex> line{ra};
  for (std::size_t i = 0; i < km.size(); ++i)
    line.push_back(b.fiber("span" + std::to_string(i + 1), km[i], db_per_km));
  line.push_back(rb);
  b.chain(line);
  const ElementIndex back = b.fiber("back", 80);
  b.chain({rb, back, ra});
  return b;
}

TEST(AutoDesign, GainModeSetsGainsToTheSpanLossAndNoDeltaP) {
  Equipment eq = example_equipment();
  eq.span.power_mode = false;
  Builder b = three_span_line({80, 80, 80});
  ASSERT_TRUE(auto_design(b.net, eq));
  for (const char* uid : {"Edfa_span1", "Edfa_span2"}) {
    const EdfaElement& ila = amp_at(b.net, uid);
    EXPECT_DOUBLE_EQ(*ila.gain_target_db, 16) << uid;  // the 80 km span before it
    EXPECT_FALSE(ila.delta_p_db) << uid;
    EXPECT_EQ(ila.out_voa_db, 0.0);
  }
  // The preamp makes up the last span to the ROADM's own (unchanged) level: 16 − 1 dB of the
  // power the span asked for.
  EXPECT_DOUBLE_EQ(*amp_at(b.net, "Edfa_preamp_roadm B_from_span3").gain_target_db, 16 + 0 - -1);
}

TEST(AutoDesign, GainModeKeepsAGivenGain) {
  Equipment eq = example_equipment();
  eq.span.power_mode = false;
  Builder b = three_span_line({80, 80, 80});
  // Design once to get the amplifiers, then impose a gain and redesign.
  ASSERT_TRUE(auto_design(b.net, eq));
  b.net.at(*b.net.find("Edfa_span1")).as<EdfaElement>()->gain_target_db = 18;
  ASSERT_TRUE(auto_design(b.net, eq, {.insert_edfas = false}));
  EXPECT_DOUBLE_EQ(*amp_at(b.net, "Edfa_span1").gain_target_db, 18);
  // In gain mode the other amplifiers keep the gains the first design gave them.
  EXPECT_DOUBLE_EQ(*amp_at(b.net, "Edfa_span2").gain_target_db, 16);
}

TEST(AutoDesign, PowerModeKeepsDeltaPInRangeAndGainsFollowIt) {
  const Equipment eq = example_equipment();
  // 100 km (20 dB), 120 km (24 dB), 140 km at 0.25 dB/km (35 dB: beyond the range).
  Builder b = three_span_line({100, 120, 140}, 0.2);
  b.net.at(*b.net.find("span3")).as<FiberElement>()->params.loss_db_per_km = 0.25;
  auto report = auto_design(b.net, eq);
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_NEAR(report->reference_total_power_dbm, 10 * std::log10(76.0), 1e-12);
  const EdfaElement& booster = amp_at(b.net, "Edfa_booster_roadm A_to_span1");
  const EdfaElement& ila1 = amp_at(b.net, "Edfa_span1");
  const EdfaElement& ila2 = amp_at(b.net, "Edfa_span2");
  const EdfaElement& preamp = amp_at(b.net, "Edfa_preamp_roadm B_from_span3");
  EXPECT_DOUBLE_EQ(*booster.delta_p_db, 0);  // 20 dB span
  EXPECT_DOUBLE_EQ(*ila1.delta_p_db, 1);     // 24 dB: 1.2 → 1.0
  EXPECT_DOUBLE_EQ(*ila2.delta_p_db, 3);     // 35 dB: 4.5, clamped to 3
  EXPECT_DOUBLE_EQ(*preamp.delta_p_db, 0);   // before a ROADM
  for (const EdfaElement* a : {&booster, &ila1, &ila2, &preamp}) {
    EXPECT_GE(*a->delta_p_db, eq.span.delta_power_range_db[0]);
    EXPECT_LE(*a->delta_p_db, eq.span.delta_power_range_db[1]);
  }
  // gain = span loss + delta_p − previous delta_p (the ROADM's −20 dBm is delta −20).
  EXPECT_DOUBLE_EQ(*booster.gain_target_db, 0 + 0 - -20);
  EXPECT_DOUBLE_EQ(*ila1.gain_target_db, 20 + 1 - 0);
  EXPECT_DOUBLE_EQ(*ila2.gain_target_db, 24 + 3 - 1);
  EXPECT_DOUBLE_EQ(*preamp.gain_target_db, 35 + 0 - 3);
  // A delta_p given in the topology is kept.
  Builder d = three_span_line({100, 120, 140});
  const ElementIndex ila = d.amp("my ila");
  const ElementIndex s1 = *d.net.find("span1"), s2 = *d.net.find("span2");
  d.net.remove_connection(s1, s2);
  d.chain({s1, ila, s2});
  d.net.at(ila).as<EdfaElement>()->delta_p_db = -1.5;
  ASSERT_TRUE(auto_design(d.net, eq));
  EXPECT_DOUBLE_EQ(*amp_at(d.net, "my ila").delta_p_db, -1.5);
  EXPECT_DOUBLE_EQ(*amp_at(d.net, "my ila").gain_target_db, 20 + -1.5 - 0);
}

TEST(AutoDesign, NoInsertEdfasAddsNothingButStillSetsAmplifiers) {
  const Equipment eq = example_equipment();
  Builder b;
  const ElementIndex ra = b.roadm("roadm A"), rb = b.roadm("roadm B");
  const ElementIndex booster = b.amp("booster"), preamp = b.amp("preamp", "std_low_gain");
  const ElementIndex f1 = b.fiber("f1", 300), f2 = b.fiber("f2", 40), back = b.fiber("back", 50);
  b.chain({ra, booster, f1, f2, preamp, rb, back, ra});
  const std::size_t before = b.net.size();
  auto report = auto_design(b.net, eq, {.insert_edfas = false});
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(b.net.size(), before);
  EXPECT_TRUE(report->split_fibers.empty());
  EXPECT_TRUE(report->inserted_amplifiers.empty());
  EXPECT_EQ(successor_uids(b.net, "f1"), std::vector<std::string>{"f2"});
  EXPECT_DOUBLE_EQ(b.net.at(f1).as<FiberElement>()->params.length_m, 300e3);  // not split
  // Both amplifiers designed. Without a fused splice f1 and f2 do not make one span for GNPy:
  // the preamp sees f2 alone (8 dB, padded to 10).
  EXPECT_FALSE(b.net.at(booster).type_variety.empty());
  EXPECT_EQ(b.net.at(preamp).type_variety, "std_low_gain");
  EXPECT_TRUE(b.net.at(preamp).as<EdfaElement>()->gain_target_db);
  EXPECT_EQ(report->amplifiers_set, 2u);
  // The back direction has no amplifier and gets none; its fibre still gets connectors.
  EXPECT_EQ(b.net.at(back).as<FiberElement>()->con_in_db, 0.0);
}

TEST(AutoDesign, DesigningADesignedNetworkChangesNothing) {
  const Equipment eq = example_equipment();
  Builder b = three_span_line({100, 120, 70, 30});
  b.chain({b.trx("trx A"), *b.net.find("roadm A"), b.trx("trx A drop")});
  ASSERT_TRUE(auto_design(b.net, eq));
  const ElementNetwork once = b.net;
  ASSERT_TRUE(auto_design(b.net, eq));
  ASSERT_EQ(b.net.size(), once.size());
  EXPECT_EQ(b.net.connections(), once.connections());
  for (ElementIndex i = 0; i < once.size(); ++i) {
    const Element& x = once.at(i);
    const Element& y = b.net.at(i);
    EXPECT_EQ(x.uid, y.uid);
    EXPECT_EQ(x.type_variety, y.type_variety) << x.uid;
    if (const auto* a = x.as<EdfaElement>()) {
      const auto* c = y.as<EdfaElement>();
      EXPECT_EQ(a->gain_target_db, c->gain_target_db) << x.uid;
      EXPECT_EQ(a->delta_p_db, c->delta_p_db) << x.uid;
      EXPECT_EQ(a->tilt_target_db, c->tilt_target_db) << x.uid;
      EXPECT_EQ(a->out_voa_db, c->out_voa_db) << x.uid;
    }
    if (const auto* f = x.as<FiberElement>()) {
      const auto* g = y.as<FiberElement>();
      EXPECT_NEAR(f->params.att_in_db, g->params.att_in_db, 1e-12) << x.uid;
      EXPECT_EQ(f->con_in_db, g->con_in_db);
      EXPECT_EQ(f->con_out_db, g->con_out_db);
    }
    if (const auto* r = x.as<RoadmElement>()) {
      EXPECT_EQ(r->per_degree_pch_out_dbm, y.as<RoadmElement>()->per_degree_pch_out_dbm);
    }
  }
}

TEST(AutoDesign, RedesignsOnlyTheGivenElementsWithTheRequestAsReference) {
  const Equipment eq = example_equipment();
  Builder b = three_span_line({80, 80, 80});
  const ElementIndex ta = b.trx("trx A"), tb = b.trx("trx B");
  b.chain({ta, *b.net.find("roadm A")});
  b.chain({*b.net.find("roadm B"), tb});
  ASSERT_TRUE(auto_design(b.net, eq));
  const double booster_gain = *amp_at(b.net, "Edfa_booster_roadm A_to_span1").gain_target_db;
  const double back_gain = *amp_at(b.net, "Edfa_booster_roadm B_to_back").gain_target_db;
  // A request at 3 dBm per channel from trx A to trx B only. As in GNPy, the subgraph must hold
  // what the walks need: an element without predecessor in it is an error.
  std::vector<ElementIndex> path{ta};
  ElementIndex at = *b.net.find("roadm A");
  path.push_back(at);
  while (b.net.at(at).uid != "roadm B") {
    at = b.net.successors(at).front();
    path.push_back(at);
  }
  path.push_back(tb);
  auto report = auto_design(b.net, eq,
                            {.insert_edfas = false,
                             .set_connector_losses = false,
                             .reference_power_dbm = 3,
                             .reference_channel = DesignChannel{32e9, 50e9, 80},
                             .only_elements = path});
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->reference_nb_channels, 80);
  // The ROADM still sends −20 dBm, now 23 dB below the reference: the booster gains 3 dB more.
  EXPECT_NEAR(*amp_at(b.net, "Edfa_booster_roadm A_to_span1").gain_target_db, booster_gain + 3,
              1e-9);
  EXPECT_DOUBLE_EQ(*amp_at(b.net, "Edfa_booster_roadm B_to_back").gain_target_db, back_gain);
}

TEST(AutoDesign, AddsTheEndOfLifeMarginOnTheLastConnectorOfASpan) {
  Equipment eq = example_equipment();
  eq.span.eol_db = 0.5;
  eq.span.con_in_db = 0.2;
  Builder b;
  const ElementIndex ra = b.roadm("roadm A"), rb = b.roadm("roadm B");
  const ElementIndex f1 = b.fiber("f1", 40), splice = b.fused("splice"), f2 = b.fiber("f2", 40);
  const ElementIndex back = b.fiber("back", 80);
  b.chain({ra, f1, splice, f2, rb, back, ra});
  b.net.at(f2).as<FiberElement>()->con_out_db = 1.0;  // given: EOL still added, as GNPy does
  ASSERT_TRUE(auto_design(b.net, eq));
  const FiberElement& first = *b.net.at(f1).as<FiberElement>();
  const FiberElement& last = *b.net.at(f2).as<FiberElement>();
  EXPECT_EQ(first.con_in_db, 0.2);
  EXPECT_EQ(first.con_out_db, 0.0);  // followed by the splice
  EXPECT_EQ(last.con_out_db, 1.5);
  EXPECT_EQ(last.params.con_out_db, 1.5);
  // The span: 8.2 + 1 (splice) + 8.2 + 1.5 = 18.9 dB, seen by the preamp.
  const EdfaElement& booster = amp_at(b.net, "Edfa_booster_roadm A_to_f1");
  const EdfaElement& preamp = amp_at(b.net, "Edfa_preamp_roadm B_from_f2");
  EXPECT_NEAR(*preamp.gain_target_db, 18.9 + 0 - *booster.delta_p_db, 1e-9);
}

TEST(AutoDesign, UsesPowerSpectralDensityTargetsAndKeepsPerDegreeTargets) {
  const Equipment eq = example_equipment();
  Builder b = two_roadms(80);
  // 3.125e-4 mW/GHz over the SI's 32 GBd is 0.01 mW: −20 dBm, as the per-channel target.
  RoadmElement& ra = *b.net.at(*b.net.find("roadm A")).as<RoadmElement>();
  ra.target_psd_out_mw_per_ghz = 3.125e-4;
  RoadmElement& rb = *b.net.at(*b.net.find("roadm B")).as<RoadmElement>();
  rb.per_degree_pch_out_dbm["Edfa_booster_roadm B_to_fiber (B → A)"] = -17;
  ASSERT_TRUE(auto_design(b.net, eq));
  const RoadmElement& a = *b.net.at(*b.net.find("roadm A")).as<RoadmElement>();
  EXPECT_FALSE(a.target_pch_out_dbm);  // the topology's form of target is kept
  EXPECT_EQ(a.per_degree_psd_out_mw_per_ghz.at("Edfa_booster_roadm A_to_fiber (A → B)"), 3.125e-4);
  EXPECT_TRUE(a.per_degree_pch_out_dbm.empty());
  // 80 km asks for delta_p −1: the booster lifts −20 dBm to −1 dBm.
  EXPECT_NEAR(*amp_at(b.net, "Edfa_booster_roadm A_to_fiber (A → B)").gain_target_db, 19, 1e-9);
  // roadm B's own target on that degree (−17 dBm) is kept and used.
  const RoadmElement& bb = *b.net.at(*b.net.find("roadm B")).as<RoadmElement>();
  EXPECT_EQ(bb.per_degree_pch_out_dbm.at("Edfa_booster_roadm B_to_fiber (B → A)"), -17);
  EXPECT_NEAR(*amp_at(b.net, "Edfa_booster_roadm B_to_fiber (B → A)").gain_target_db, 16, 1e-9);
}

TEST(AutoDesign, OptimisesTheOutputVoaOfTypesThatAllowIt) {
  Equipment eq = example_equipment();
  eq.edfas = {variable_gain("std_medium_gain", 15, 26, 23, 6, 10)};
  eq.edfas[0].out_voa_auto = true;
  Builder b = three_span_line({80, 80});
  ASSERT_TRUE(auto_design(b.net, eq));
  // Booster: G = 19 at 17.81 dBm total out; VOA = min(23 − 17.81, 26 − 19) = 5.19 → 5 − 1 dB
  // margin.
  const EdfaElement& booster = amp_at(b.net, "Edfa_booster_roadm A_to_span1");
  EXPECT_EQ(booster.out_voa_db, 4.0);
  EXPECT_NEAR(*booster.delta_p_db, -1 + 4, 1e-9);
  EXPECT_NEAR(*booster.gain_target_db, 19 + 4, 1e-9);
  // The next amplifier starts from the booster's delta_p before the VOA (as GNPy does).
  const EdfaElement& ila = amp_at(b.net, "Edfa_span1");
  EXPECT_NEAR(*ila.gain_target_db, 16 + 4, 1e-9);
  // Preamp: G = 17 at 18.81 dBm; min(4.19, 9) → 4 − 1.
  const EdfaElement& preamp = amp_at(b.net, "Edfa_preamp_roadm B_from_span2");
  EXPECT_EQ(preamp.out_voa_db, 3.0);
  EXPECT_NEAR(*preamp.gain_target_db, 17 + 3, 1e-9);
  // Gain mode optimises nothing.
  eq.span.power_mode = false;
  Builder c = three_span_line({80, 80});
  ASSERT_TRUE(auto_design(c.net, eq));
  EXPECT_EQ(amp_at(c.net, "Edfa_booster_roadm A_to_span1").out_voa_db, 0.0);
}

TEST(AutoDesign, ReportsBadTopologies) {
  const Equipment eq = example_equipment();
  Builder dangling;
  const ElementIndex r = dangling.roadm("roadm A");
  const ElementIndex f = dangling.fiber("loose end", 50);
  dangling.chain({r, f});
  auto failed = auto_design(dangling.net, eq);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().to_string().find("not properly connected"), std::string::npos);

  Builder taken = two_roadms(80);
  taken.amp("Edfa_booster_roadm A_to_fiber (A → B)");  // the name design would give
  failed = auto_design(taken.net, eq);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().to_string().find("already taken"), std::string::npos);

  Builder unknown = two_roadms(80);
  unknown.net.at(*unknown.net.find("roadm A")).type_variety = "no such roadm";
  EXPECT_FALSE(auto_design(unknown.net, eq));
}

}  // namespace
}  // namespace lightmesh::physics
