// The --bitrate-dist reader (truth: the rows written here) and its use by a study: the classes are
// the listed rates, and the bandwidth share blocked exceeds the request share when 400G requests,
// four times as wide, make a quarter of them.
#include "sim/bitrate_distribution.h"

#include <gtest/gtest.h>

#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

TEST(BitrateDistribution, ReadsRatesAndRunningWeights) {
  auto d = parse_bitrate_csv("gbps,weight\n400,1\n100,3\n200,0\n", "rates.csv");
  ASSERT_TRUE(d) << d.error().to_string();
  EXPECT_EQ(d->rates_gbps, (std::vector<double>{100, 400}));  // ascending; weight 0 left out
  EXPECT_EQ(d->cumulative, (std::vector<double>{3, 4}));
}

TEST(BitrateDistribution, RefusesBadRowsNamingTheLine) {
  auto twice = parse_bitrate_csv("100,1\n100,2\n", "r.csv");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().to_string(), "r.csv: line 2: the rate 100 is listed twice");
  auto negative = parse_bitrate_csv("100,-1\n", "r.csv");
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().to_string(), "r.csv: line 1: \"-1\" is not a non-negative weight");
  auto none = parse_bitrate_csv("100,0\n", "r.csv");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().to_string(), "r.csv: no bit rate with a positive weight");
}

TEST(BitrateDistribution, DrivesTheStudysClasses) {
  const std::string file = std::string(::testing::TempDir()) + "rates.csv";
  {
    FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("gbps,weight\n100,3\n400,1\n", f);
    std::fclose(f);
  }
  StudySpec s = testing::nsfnet_spec({150});
  s.bitrate_dist = file;
  const PreparedStudy study = testing::prepare(s);
  EXPECT_EQ(study.traffic.rates_gbps, (std::vector<double>{100, 400}));
  const SimulationResult r = run_study(study, 2);
  EXPECT_GT(r.points[0].service_blocking.mean, 0.0);
  EXPECT_GT(r.points[0].bandwidth_blocking.mean, r.points[0].service_blocking.mean);
}

}  // namespace
}  // namespace lightmesh::sim
