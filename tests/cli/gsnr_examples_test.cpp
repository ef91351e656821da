// Every bundled example network plans with a GSNR on every lightpath: the native physics defaults
// give each of them a line model, and the built-in catalogue states every mode's required OSNR.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/load.h"
#include "rsa/lightpath_json.h"
#include "rsa/plan.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;

fs::path example(const std::string& name) {
  return fs::path(LIGHTMESH_SOURCE_DIR) / "examples" / name;
}

// The example's own demands, or one 100 Gb/s demand between every pair of sites when it has none.
std::vector<Demand> demands_for(const Network& net, const std::string& name) {
  const fs::path file = example(name) / "demands.json";
  if (fs::exists(file)) return io::load_demands(file.string(), &net).value();
  std::vector<Demand> out;
  for (std::size_t a = 0; a < net.sites().size(); ++a) {
    for (std::size_t b = a + 1; b < net.sites().size(); ++b) {
      Demand d;
      d.id = net.sites()[a].id + "-" + net.sites()[b].id;
      d.from = net.sites()[a].id;
      d.to = net.sites()[b].id;
      d.bandwidth = Gbps{100};
      out.push_back(d);
    }
  }
  return out;
}

class ExampleGsnr : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleGsnr, EveryLightpathHasAGsnrAboveItsThreshold) {
  const Network net = io::load_network((example(GetParam()) / "network.json").string()).value();
  const auto demands = demands_for(net, GetParam());
  const rsa::PlanOptions options;
  const auto r = rsa::plan(net, demands, options).value();
  ASSERT_FALSE(r.lightpaths.empty());
  for (const auto& lp : r.lightpaths) {
    ASSERT_TRUE(lp.gsnr.has_value());
    const TransceiverMode& mode = net.catalogue().mode(lp.mode);
    EXPECT_GE(lp.gsnr->at_01nm_db, mode.required_osnr->value() + options.osnr_margin_db);
    EXPECT_NEAR(lp.gsnr->at_01nm_db - lp.gsnr->bw_db,
                10 * std::log10(mode.baud_rate.value() / 12.5), 1e-9);
    const auto j = rsa::lightpath_json(net, r.grid, lp, demands[lp.demand].id);
    ASSERT_TRUE(j.contains("gsnr_db"));
    ASSERT_TRUE(j.contains("gsnr_bw_db"));
    EXPECT_EQ(j["required_osnr_db"].get<double>(), mode.required_osnr->value());
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleGsnr,
                         ::testing::Values("london", "tokyo", "nsfnet", "sovereign"));

}  // namespace
}  // namespace lightmesh
