// `lightmesh validate --design` and `--format json`: the design every consumer plans with, per
// fibre the amplifiers with their type, gain and NF, and the ROADM targets; equipment that cannot
// meet it is one error line and exit 1. And a stated booster moves `plan`'s GSNR.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* kFixture = "tests/cli/fixtures/stated_equipment.json";

TEST(ValidateDesign, PrintsTheAmplifiersAndTheRoadm) {
  CliRun r = run_cli({"validate", kFixture, "--design"});
  ASSERT_EQ(r.code, 0) << r.err;
  // The summary line is as without --design.
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            std::string(kFixture) +
                ": ok: 3 sites, 0 ROADMs, 0 gateways, 3 fibres (360.0 km), 7 transceiver modes");
  EXPECT_NE(r.out.find("launch: 1 dBm per channel into every span, 96 reference channels"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ROADM: target -18 dBm per channel, add/drop OSNR 36 dB, PMD 0.2 ps, PDL "
                       "0.5 dB; booster std_medium_gain; preamp fixed_nf_preamp"),
            std::string::npos)
      << r.out;
  // Booster gain: from the −18 dBm target to the 1 dBm launch power.
  EXPECT_NE(r.out.find("booster    std_medium_gain    19.00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("in-line    std_medium_gain"), std::string::npos) << r.out;
}

TEST(ValidateDesign, JsonHasEveryAmplifier) {
  CliRun r = run_cli({"validate", kFixture, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["sites"], 3);
  EXPECT_EQ(j["fibers"], 3);
  const json& d = j["design"];
  EXPECT_EQ(d["launch_power_dbm"], 1.0);
  EXPECT_EQ(d["roadm"]["target_pch_out_dbm"], -18.0);
  EXPECT_EQ(d["roadm"]["booster_varieties"], json::array({"std_medium_gain"}));
  EXPECT_EQ(d["inline_varieties"], json::array({"std_medium_gain", "std_high_gain"}));
  ASSERT_EQ(d["fibers"].size(), 6u);  // each fibre both ways
  const json& bc = d["fibers"][2];
  EXPECT_EQ(bc["fiber"], "B-C");
  EXPECT_EQ(bc["from"], "B");
  EXPECT_EQ(bc["spans"], 2);
  ASSERT_EQ(bc["amplifiers"].size(), 3u);
  EXPECT_EQ(bc["amplifiers"][0]["role"], "booster");
  EXPECT_EQ(bc["amplifiers"][1]["role"], "in-line");
  EXPECT_EQ(bc["amplifiers"][1]["type_variety"], "std_medium_gain");
  // 75 km at 0.2 dB/km plus two 0.5 dB connectors.
  EXPECT_NEAR(bc["amplifiers"][1]["gain_db"].get<double>(), 16.0, 1e-9);
  EXPECT_EQ(bc["amplifiers"][2]["role"], "preamp");
  EXPECT_EQ(bc["amplifiers"][2]["type_variety"], "fixed_nf_preamp");
  EXPECT_NEAR(bc["amplifiers"][2]["nf_db"].get<double>(), 5.5, 1e-12);
}

class StatedEquipmentCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-stated-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "demands.json")
        << R"({"demands": [{"id": "d", "from": "A", "to": "B", "bandwidth_gbps": 100,
                            "mode": "100G-QPSK"}]})";
  }
  void TearDown() override { fs::remove_all(dir_); }
  // The fixture with `physics` replaced.
  std::string network(const json& physics, const std::string& name) {
    json net = json::parse(std::ifstream(fs::path(LIGHTMESH_SOURCE_DIR) / kFixture));
    net["physics"] = physics;
    const fs::path p = dir_ / name;
    std::ofstream(p) << net.dump(1);
    return p.string();
  }
  double plan_gsnr(const std::string& net) {
    CliRun r =
        run_cli({"plan", net, "--demands", (dir_ / "demands.json").string(), "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return json::parse(r.out)["lightpaths"][0]["gsnr_db"].get<double>();
  }
  fs::path dir_;
};

TEST_F(StatedEquipmentCli, ANoisierBoosterLowersPlansGsnr) {
  const double quiet = plan_gsnr(network({{"roadm", {{"booster_nf_db", 4}}}}, "quiet.json"));
  const double noisy = plan_gsnr(network({{"roadm", {{"booster_nf_db", 14}}}}, "noisy.json"));
  const double low_target = plan_gsnr(
      network({{"roadm", {{"booster_nf_db", 4}, {"target_pch_out_dbm", -26}}}}, "t.json"));
  EXPECT_LT(noisy, quiet);
  EXPECT_LT(low_target, quiet);
}

TEST_F(StatedEquipmentCli, EquipmentThatCannotMeetTheDesignIsOneErrorLine) {
  const std::string net = network({{"roadm", {{"booster", "std_low_gain"}}}}, "bad.json");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"validate", net, "--design"},
        std::vector<std::string>{"plan", net, "--demands", (dir_ / "demands.json").string()}}) {
    CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 1) << args[0];
    EXPECT_EQ(r.err.rfind("lightmesh: " + net +
                              ": /physics/roadm/booster: the booster of A towards "
                              "fibre \"A-B\" (A → B): raising the ROADM target of -20 dBm",
                          0),
              0u)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  // A variety the library lacks is refused by every command, on load.
  const std::string unknown = network({{"amplifiers", {"std_huge_gain"}}}, "unknown.json");
  CliRun r = run_cli({"latency", unknown, "--from", "A"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "lightmesh: " + unknown +
                       ": /physics/amplifiers/0: in-line amplifiers: amplifier variety "
                       "\"std_huge_gain\" is not in the equipment library (expected one of: "
                       "std_low_gain, std_medium_gain, std_high_gain)\n");
}

}  // namespace
}  // namespace lightmesh
