// `plan --explain`: every lightpath judged by GSNR carries its noise by element, whose parts add up
// to the GSNR the plan reports, and the table names the fibres and ROADMs.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace lightmesh {
namespace {

using json = nlohmann::json;

TEST(PlanExplain, EveryLightpathsPartsAddUpToItsGsnr) {
  const CliRun r = run_cli({"plan", "examples/london/network.json", "--demands",
                            "examples/london/demands.json", "--explain", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json plan = json::parse(r.out);
  ASSERT_FALSE(plan["lightpaths"].empty());
  for (const auto& lp : plan["lightpaths"]) {
    ASSERT_TRUE(lp.contains("noise")) << lp.dump();
    const json& noise = lp["noise"];
    EXPECT_NEAR(noise["gsnr_db"].get<double>(), lp["gsnr_db"].get<double>(), 0.011);
    double shares = 0;
    std::size_t fibers = 0;
    for (const auto& e : noise["elements"]) {
      shares += e["ase_share"].get<double>() + e["nli_share"].get<double>();
      fibers += e["element"] == "fiber";
      // A part's cost follows from its share: removing a share s of the noise gains −10·log10(1 −
      // s).
      const double s = e["ase_share"].get<double>() + e["nli_share"].get<double>();
      EXPECT_NEAR(e["gsnr_cost_db"].get<double>(), -10 * std::log10(1 - s), 0.002) << e.dump();
    }
    EXPECT_NEAR(shares, 1.0, 0.001);  // rounded to 4 decimals each
    EXPECT_EQ(fibers, lp["fibers"].size());
  }
}

TEST(PlanExplain, TheTableNamesEachFibreAndTheEnds) {
  const CliRun r = run_cli({"plan", "examples/london/network.json", "--demands",
                            "examples/london/demands.json", "--explain"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Noise by element"), std::string::npos);
  EXPECT_NE(r.out.find("transceivers, add and drop"), std::string::npos);
  EXPECT_NE(r.out.find("fibre LSE→LD8 (LSE-LD8)"), std::string::npos) << r.out;
  const CliRun plain = run_cli(
      {"plan", "examples/london/network.json", "--demands", "examples/london/demands.json"});
  EXPECT_EQ(plain.out.find("Noise by element"), std::string::npos);
}

}  // namespace
}  // namespace lightmesh
