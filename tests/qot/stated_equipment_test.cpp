// Equipment a native network file states reaches the physics every consumer plans with
// (physics/line_model.h): a noisier booster lowers the GSNR by exactly its extra ASE, a ROADM
// target moves the design, and equipment that cannot meet the design is one error naming the
// file, the field and the amplifier (docs/physics.md, "Equipment the network file states").
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "io/load.h"
#include "physics/design_summary.h"
#include "physics/line_model.h"

namespace lightmesh::physics {
namespace {

// Two sites joined by one fibre (spliced in), the built-in catalogue.
Network network(const std::string& physics, const std::string& fiber = R"("length_km": 60)") {
  const std::string text = R"({"sites": [{"id": "A"}, {"id": "B"}], )" +
                           (physics.empty() ? std::string() : "\"physics\": " + physics + ", ") +
                           R"("fibers": [{"id": "AB", "a": "A", "b": "B", )" + fiber + "}]}";
  auto net = io::load_network_text(text, "n.json");
  EXPECT_TRUE(net) << net.error().to_string();
  return std::move(net).value();
}

std::string build_error(const Network& net) {
  auto model = LineModel::build(net);
  return model ? "(built)" : model.error().to_string();
}

ModeIndex mode(const Network& net, const char* name) { return net.catalogue().find(name); }

const std::vector<NodeIndex> kNodes{0, 1};
const std::vector<FiberIndex> kFibers{0};

TEST(StatedEquipment, ANoisierBoosterLowersTheGsnrByItsExtraAse) {
  const Network quiet = network(R"({"roadm": {"booster_nf_db": 5}})");
  const Network noisy = network(R"({"roadm": {"booster_nf_db": 12}})");
  auto a = LineModel::build(quiet);
  auto b = LineModel::build(noisy);
  ASSERT_TRUE(a) << a.error().to_string();
  ASSERT_TRUE(b) << b.error().to_string();
  const ModeIndex m = mode(quiet, "100G-QPSK");
  const double f = 193.125e12;  // a channel of the 50 GHz load (191.325 THz + 36 × 50 GHz)
  const RouteGsnr qa = a->route(kNodes, kFibers, m, f);
  const RouteGsnr qb = b->route(kNodes, kFibers, m, f);
  EXPECT_LT(qb.worst_01nm_db, qa.worst_01nm_db);
  EXPECT_LT(*qb.channel_01nm_db, *qa.channel_01nm_db);
  // Independent figure: the booster amplifies the −20 dBm the ROADM leaves each channel, so its
  // ASE over signal is NF·h·ν·B / P_in (the gain cancels). A 12 dB instead of a 5 dB booster adds
  // (10^1.2 − 10^0.5)·h·ν·B / 10 µW of noise over signal, everything else being equal.
  const LineModel::Load& load = a->load_of(m);
  const double nu = f;
  const double h = 6.62607015e-34;
  const double extra = (std::pow(10, 1.2) - std::pow(10, 0.5)) * h * nu * load.baud_rate_hz / 1e-5;
  const double to_bw = 10 * std::log10(load.baud_rate_hz / 12.5e9);
  auto noise = [&](double gsnr_01nm_db) { return std::pow(10, -(gsnr_01nm_db - to_bw) / 10); };
  EXPECT_NEAR(noise(*qb.channel_01nm_db) - noise(*qa.channel_01nm_db), extra, extra * 1e-6);
}

TEST(StatedEquipment, TheRoadmTargetMovesTheBoosterGainAndTheGsnr) {
  const Network low = network(R"({"roadm": {"target_pch_out_dbm": -24}})");
  const Network high = network(R"({"roadm": {"target_pch_out_dbm": -16}})");
  auto a = LineModel::build(low);
  auto b = LineModel::build(high);
  ASSERT_TRUE(a) << a.error().to_string();
  ASSERT_TRUE(b) << b.error().to_string();
  auto da = summarise_design(low, *a);
  auto db = summarise_design(high, *b);
  ASSERT_TRUE(da && db);
  // The booster raises the target to the launch power (0 dBm): 24 and 16 dB.
  EXPECT_NEAR(da->directions[0].amplifiers.front().gain_db, 24, 1e-9);
  EXPECT_NEAR(db->directions[0].amplifiers.front().gain_db, 16, 1e-9);
  EXPECT_EQ(da->roadm.target_pch_out_dbm, -24);
  // A lower target leaves the booster a weaker input: more ASE over signal, a lower GSNR.
  const ModeIndex m = mode(low, "100G-QPSK");
  EXPECT_LT(a->route(kNodes, kFibers, m, std::nullopt).worst_01nm_db,
            b->route(kNodes, kFibers, m, std::nullopt).worst_01nm_db);
}

TEST(StatedEquipment, AddDropOsnrPmdAndInlineVarietyReachTheDesign) {
  // 200 km in two spans of 100 km: the in-line amplifier must make up 21 dB, within
  // std_medium_gain's 12 < gain ≤ 28.5 dB.
  const Network net = network(R"({"roadm": {"add_drop_osnr_db": 30}})",
                              R"("length_km": 200, "amplifiers": 1,
                                 "amplifier_variety": "std_medium_gain")");
  auto model = LineModel::build(net);
  ASSERT_TRUE(model) << model.error().to_string();
  auto d = summarise_design(net, *model);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->directions[0].amplifiers.size(), 3u);
  EXPECT_EQ(d->directions[0].amplifiers[1].type_variety, "std_medium_gain");
  EXPECT_NEAR(d->directions[0].amplifiers[1].gain_db, 21, 1e-9);
  EXPECT_EQ(d->directions[0].amplifiers[1].role, AmplifierSummary::Role::kInline);
  EXPECT_EQ(d->roadm.add_drop_osnr_db, 30);
  // Add/drop OSNR 30 dB caps a one-hop GSNR below 30 dB at 0.1 nm.
  EXPECT_LT(model->route(kNodes, kFibers, mode(net, "100G-QPSK"), std::nullopt).worst_01nm_db, 30);
}

TEST(StatedEquipment, AnAmplifierThatCannotReachItsSpanIsRefused) {
  // std_low_gain accepts 5 < gain ≤ 18.5 dB; a 100 km span loses 21 dB.
  const Network net = network("", R"("length_km": 200, "amplifiers": 1,
                                     "amplifier_variety": "std_low_gain")");
  EXPECT_EQ(build_error(net),
            "n.json: /fibers/0/amplifier_variety: in-line amplifier 1 of fibre \"AB\" (A → B): a "
            "span loss of 21.00 dB needs 21.00 dB of gain, above what std_low_gain can give "
            "(std_low_gain accepts 5 < gain ≤ 18.5 dB: gain_min less 3 dB of input padding up to "
            "gain_flatmax + target_extended_gain, as GNPy's auto-design)");
  // The same through the list of in-line varieties.
  const Network listed =
      network(R"({"amplifiers": ["std_low_gain"]})", R"("length_km": 200, "amplifiers": 1)");
  EXPECT_NE(build_error(listed).find("n.json: /physics/amplifiers: in-line amplifier 1 of fibre "
                                     "\"AB\" (A → B)"),
            std::string::npos)
      << build_error(listed);
  // A preamplifier after the 21 dB span.
  const Network pre =
      network(R"({"roadm": {"preamp": "std_low_gain"}})", R"("length_km": 200, "amplifiers": 1)");
  EXPECT_NE(build_error(pre).find("n.json: /physics/roadm/preamp: the preamplifier of B from "
                                  "fibre \"AB\" (A → B): a span loss of 21.00 dB needs 21.00 dB"),
            std::string::npos)
      << build_error(pre);
}

TEST(StatedEquipment, ARoadmTargetItsBoosterCannotDeliverIsRefused) {
  // Launch 0 dBm from a −3 dBm target needs 3 dB; every standard EDFA wants more than 5.
  EXPECT_EQ(build_error(network(R"({"roadm": {"target_pch_out_dbm": -3}})")),
            "n.json: /physics/roadm/target_pch_out_dbm: the booster of A towards fibre \"AB\" (A → "
            "B): raising the ROADM target of -3 dBm per channel to the launch power of 0 dBm needs "
            "3.00 dB of gain, below what std_low_gain can give (std_low_gain accepts 5 < gain ≤ "
            "18.5 dB: gain_min less 3 dB of input padding up to gain_flatmax + "
            "target_extended_gain, as GNPy's auto-design)");
  // A stated booster variety that the default −20 dBm target overdrives: 20 dB > 18.5 dB.
  EXPECT_NE(build_error(network(R"({"roadm": {"booster": "std_low_gain"}})"))
                .find("n.json: /physics/roadm/booster: the booster of A towards fibre \"AB\" (A → "
                      "B): raising the ROADM target of -20 dBm per channel to the launch power of "
                      "0 dBm needs 20.00 dB of gain, above what std_low_gain can give"),
            std::string::npos);
  // The launch power (per channel, times 96 reference channels) above the booster's p_max.
  EXPECT_EQ(build_error(network(R"({"launch_power_dbm": 4, "roadm": {"booster": "std_high_gain",
                                    "target_pch_out_dbm": -24}})")),
            "n.json: /physics/launch_power_dbm: the booster of A towards fibre \"AB\" (A → B): "
            "the reference load (96 channels at 4 dBm each, +0 dB of delta_p) totals 23.82 dBm, "
            "above the p_max of std_high_gain (21 dBm)");
}

TEST(StatedEquipment, AModesLaunchPowerScalesItsAseAndNli) {
  // Offsets of 0, +2 and −2 dB for 100G-QPSK. All its channels run that much above the
  // reference through amplifiers whose gains stay as designed, so per channel its ASE over signal
  // scales by 10^(−x/10) and its NLI over signal by 10^(2x/10), and the transmitter's and the
  // add/drop noise do not move: the third figure follows from the first two.
  const Network base = network("");
  const Network up = network(R"({"mode_launch_power_dbm": {"100G-QPSK": 2}})");
  const Network down = network(R"({"mode_launch_power_dbm": {"100G-QPSK": -2}})");
  auto m0 = LineModel::build(base);
  auto m1 = LineModel::build(up);
  auto m2 = LineModel::build(down);
  ASSERT_TRUE(m0 && m1 && m2);
  const ModeIndex m = mode(base, "100G-QPSK");
  EXPECT_EQ(m1->load_of(m).equalization_offset_db, 2);
  EXPECT_EQ(m1->view().equipment.transceivers.back().modes.back().equalization_offset_db, 2);
  const double f = 193.125e12;
  const LineModel::Load& load = m0->load_of(m);
  const double to_bw = 10 * std::log10(load.baud_rate_hz / 12.5e9);
  auto noise = [&](const LineModel& lm) {
    return std::pow(10, -(*lm.route(kNodes, kFibers, m, f).channel_01nm_db - to_bw) / 10);
  };
  // The ends (transmitter, add and drop): the same whatever the power.
  const double ends = m0->breakdown(kNodes, kFibers, m).items.at(0).ase;
  EXPECT_EQ(ends, m1->breakdown(kNodes, kFibers, m).items.at(0).ase);
  const double k = std::pow(10, 0.2);
  const double n0 = noise(*m0) - ends, n1 = noise(*m1) - ends;
  // n0 = A + N, n1 = A/k + N·k²
  const double nli = (n1 - n0 / k) / (k * k - 1 / k);
  const double ase = n0 - nli;
  EXPECT_GT(nli, 0);
  EXPECT_GT(ase, 0);
  EXPECT_NEAR(noise(*m2) - ends, ase * k + nli / (k * k), (ase + nli) * 1e-9);
  // A mode that states no launch power keeps the reference's figures.
  const ModeIndex other = mode(base, "400ZR");
  EXPECT_DOUBLE_EQ(m1->route(kNodes, kFibers, other, std::nullopt).worst_01nm_db,
                   m0->route(kNodes, kFibers, other, std::nullopt).worst_01nm_db);
}

TEST(StatedEquipment, AModeLaunchPowerAboveTheAmplifiersPmaxIsRefused) {
  // 96 channels of 100G-QPSK at 4 dBm total 23.82 dBm; the standard EDFAs give 23 at most.
  const std::string e = build_error(network(R"({"mode_launch_power_dbm": {"100G-QPSK": 4}})"));
  EXPECT_EQ(e.rfind("n.json: /physics/mode_launch_power_dbm/100G-QPSK: mode \"100G-QPSK\": 96 "
                    "channels at 4 dBm each total 23.82 dBm out of amplifier \"Edfa_booster_roadm "
                    "A_to_fiber (A → B)-AB\" on fibre \"AB\" (A → B), above the p_max of ",
                    0),
            0u)
      << e;
}

TEST(StatedEquipment, AnEquipmentLibrarySuppliesTheTypesAndIsHeldToTheSpans) {
  // tests/qot/fixtures/eqpt_config.json: line_amp (15–26 dB) and short_amp (14–25 dB), both
  // allowed for design, a −20 dBm ROADM. Read relative to the network file.
  const std::string dir = std::string(LIGHTMESH_SOURCE_DIR) + "/tests/qot/fixtures/";
  auto load = [&](const std::string& fiber) {
    const std::string text =
        R"({"sites": [{"id": "A"}, {"id": "B"}], "physics": {"equipment": "eqpt_config.json"},
            "fibers": [{"id": "AB", "a": "A", "b": "B", )" +
        fiber + "}]}";
    return io::load_network_text(text, dir + "n.json").value();
  };
  const Network net = load(R"("length_km": 140, "amplifiers": 1)");
  auto model = LineModel::build(net);
  ASSERT_TRUE(model) << model.error().to_string();
  auto d = summarise_design(net, *model);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->library, "eqpt_config.json");
  for (const AmplifierSummary& a : d->directions[0].amplifiers)
    EXPECT_TRUE(a.type_variety == "line_amp" || a.type_variety == "short_amp") << a.type_variety;
  // 20 km: 5 dB of loss, padded to the library's 10 dB; the booster launched 1 dB below the
  // reference (the library's delta_power_range_db reaches −1 dB), so the preamplifier needs 11 dB,
  // not above what either type accepts (short_amp: gain_min 14 less 3 dB of padding).
  const std::string e = build_error(load(R"("length_km": 20)"));
  EXPECT_NE(e.find("/physics/equipment: the preamplifier of B from fibre \"AB\" (A → B): a span "
                   "loss of 10.00 dB and a delta_p change of +1.00 dB need 11.00 dB of gain, below "
                   "what short_amp can give (short_amp accepts 11 < gain ≤ 27.5 dB"),
            std::string::npos)
      << e;
}

TEST(StatedEquipment, UnstatedEquipmentIsNeverChecked) {
  // As before these fields existed: auto-design warns and pads, the network still builds.
  EXPECT_EQ(build_error(network("", R"("length_km": 400, "amplifiers": 1)")), "(built)");
}

}  // namespace
}  // namespace lightmesh::physics
