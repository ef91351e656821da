// Blocking by bit-rate class. Truths: on one link, a request that needs more contiguous slots is
// blocked whenever a narrower one would be (so the wider class blocks more); a single class has
// exactly the overall figures; the classes partition the requests, so their counts sum to the
// total and the bandwidth-weighted class blockings recombine into the overall bandwidth blocking.
#include "sim/bitrate_classes.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <numeric>

#include "sim/simulation.h"
#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

using testing::fixture;
using testing::prepare;

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = std::string(::testing::TempDir()) + name;
  FILE* f = std::fopen(path.c_str(), "w");
  EXPECT_NE(f, nullptr);
  if (f) {
    std::fputs(text.c_str(), f);
    std::fclose(f);
  }
  return path;
}

TEST(BitrateClasses, FewRatesAreOneClassEachManyAreFourEqualBins) {
  const BitrateClasses few = bitrate_classes({100, 400});
  ASSERT_EQ(few.classes.size(), 2u);
  EXPECT_TRUE(few.classes[1].single());
  EXPECT_EQ(few.classes[1].gbps_min, 400);
  EXPECT_EQ(few.of_rate, (std::vector<std::uint8_t>{0, 1}));

  std::vector<double> rates(76);  // 25 … 100 Gb/s
  std::iota(rates.begin(), rates.end(), 25.0);
  const BitrateClasses many = bitrate_classes(rates);
  ASSERT_EQ(many.classes.size(), kBitrateBins);
  // 76 rates in 4 bins of 19: 25–43, 44–62, 63–81, 82–100.
  for (std::size_t c = 0; c < 4; ++c) {
    EXPECT_EQ(many.classes[c].gbps_min, 25.0 + 19 * c) << c;
    EXPECT_EQ(many.classes[c].gbps_max, 43.0 + 19 * c) << c;
  }
  for (std::size_t i = 0; i < rates.size(); ++i) EXPECT_EQ(many.of_rate[i], i / 19) << i;

  std::vector<double> sixteen(16);
  std::iota(sixteen.begin(), sixteen.end(), 1.0);
  EXPECT_EQ(bitrate_classes(sixteen).classes.size(), 16u);
  EXPECT_TRUE(bitrate_classes({}).classes.empty());
}

// One link of 100 km (16QAM, 4 b/s/Hz): 50 Gb/s takes 1 slot of 12.5 GHz, 200 Gb/s takes 4.
StudySpec one_link_two_classes() {
  StudySpec s;
  s.network = fixture("one_link.json");
  s.bitrate_dist = write_temp("two_classes.csv", "gbps,weight\n50,1\n200,1\n");
  s.loads = {8, 14};
  s.slots = 20;
  s.requests = 20'000;
  s.warmup = 1'000;
  s.replications = 4;
  s.seed = 11;
  return s;
}

TEST(BitrateClasses, OnOneLinkTheWiderClassBlocksMore) {
  const PreparedStudy study = prepare(one_link_two_classes());
  ASSERT_EQ(study.table.slots(0, 0), 1u);
  ASSERT_EQ(study.table.slots(0, 1), 4u);
  for (std::uint64_t r = 0; r < 4; ++r) {
    const ReplicationTotals t =
        run_replication(study.table, study.pairs, study.traffic, study.run, 14, r);
    ASSERT_EQ(t.bitrate_classes, 2u);
    const ClassTotals& narrow = t.by_class[0];
    const ClassTotals& wide = t.by_class[1];
    ASSERT_GT(narrow.requests, 0u);
    ASSERT_GT(wide.requests, 0u);
    EXPECT_GT(static_cast<double>(wide.blocked) / wide.requests,
              static_cast<double>(narrow.blocked) / narrow.requests)
        << r;
  }
  const SimulationResult res = run_study(study, 2);
  for (const PointResult& p : res.points) {
    ASSERT_EQ(p.by_bitrate.size(), 2u);
    EXPECT_GT(p.by_bitrate[1].service_blocking->mean, p.by_bitrate[0].service_blocking->mean)
        << p.load;
  }
}

// A traffic model made by hand, given its rates by set_rates() (the bench once set the rates alone,
// and the loop read through an empty class table), is counted as the prepared one is.
TEST(BitrateClasses, AModelGivenItsRatesByHandIsCountedAsThePreparedOne) {
  const PreparedStudy study = prepare(one_link_two_classes());
  TrafficModel bare = study.traffic;
  bare.rate_class.clear();
  bare.set_rates(study.traffic.rates_gbps);
  const ReplicationTotals want =
      run_replication(study.table, study.pairs, study.traffic, study.run, 14, 0);
  const ReplicationTotals got = run_replication(study.table, study.pairs, bare, study.run, 14, 0);
  ASSERT_EQ(got.bitrate_classes, 2u);
  EXPECT_EQ(got.requests, want.requests);
  EXPECT_EQ(got.blocked, want.blocked);
  for (std::size_t c = 0; c < 2; ++c) {
    EXPECT_EQ(got.by_class[c].requests, want.by_class[c].requests) << c;
    EXPECT_EQ(got.by_class[c].blocked, want.by_class[c].blocked) << c;
  }
}

TEST(BitrateClasses, TheClassesPartitionTheRequestsAndTheBandwidth) {
  // 25–100 Gb/s on NSFNET: four bins; and the same with the failure loop (it counts alike).
  for (const bool failures : {false, true}) {
    StudySpec spec = testing::nsfnet_spec({250});
    spec.requests = 5'000;
    spec.replications = 3;
    if (failures) {
      spec.failures = "300,12";
      spec.protection = "none:1,restore:1";
    }
    const PreparedStudy study = prepare(spec);
    for (std::uint64_t r = 0; r < 3; ++r) {
      const ReplicationTotals t =
          run_replication(study.table, study.pairs, study.traffic, study.run, 250, r);
      ASSERT_EQ(t.bitrate_classes, 4u);
      std::uint64_t requests = 0, blocked = 0;
      double requested = 0, lost = 0, weighted = 0;
      for (std::size_t c = 0; c < 4; ++c) {
        const ClassTotals& k = t.by_class[c];
        requests += k.requests;
        blocked += k.blocked;
        requested += k.requested_gbps;
        lost += k.blocked_gbps;
        // Bandwidth-weighted: share of requested Gb/s × the class's bandwidth blocking.
        weighted += (k.requested_gbps / t.requested_gbps) * (k.blocked_gbps / k.requested_gbps);
      }
      EXPECT_EQ(requests, t.requests);
      EXPECT_EQ(blocked, t.blocked);
      EXPECT_GT(blocked, 0u);
      // Whole Gb/s summed in doubles are exact, so the sums agree to the bit.
      EXPECT_EQ(requested, t.requested_gbps);
      EXPECT_EQ(lost, t.blocked_gbps);
      EXPECT_NEAR(weighted, t.blocked_gbps / t.requested_gbps, 1e-12);
    }
    const SimulationResult res = run_study(study, 2);
    std::uint64_t counted = 0;
    for (const ClassResult& c : res.points[0].by_bitrate) counted += c.requests;
    EXPECT_EQ(counted, spec.requests * spec.replications);
  }
}

TEST(BitrateClasses, ASingleClassHasExactlyTheOverallFigures) {
  StudySpec spec = testing::nsfnet_spec({230, 270});
  spec.bitrate_min_gbps = spec.bitrate_max_gbps = 100;
  spec.requests = 5'000;
  const SimulationResult res = run_study(prepare(spec), 2);
  for (const PointResult& p : res.points) {
    ASSERT_EQ(p.by_bitrate.size(), 1u);
    const ClassResult& c = p.by_bitrate[0];
    EXPECT_EQ(c.requests, p.requests * p.replications);
    ASSERT_TRUE(c.service_blocking && c.bandwidth_blocking);
    EXPECT_EQ(c.service_blocking->mean, p.service_blocking.mean);
    EXPECT_EQ(c.service_blocking->ci95, p.service_blocking.ci95);
    EXPECT_EQ(c.bandwidth_blocking->mean, p.bandwidth_blocking.mean);
    EXPECT_EQ(c.bandwidth_blocking->ci95, p.bandwidth_blocking.ci95);
    EXPECT_GT(p.service_blocking.mean, 0);
  }
}

}  // namespace
}  // namespace lightmesh::sim
