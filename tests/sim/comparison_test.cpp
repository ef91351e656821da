// --compare: a what-if against today on common random numbers. Truths: a study compared with
// itself differs by exactly nothing; removing a fibre cannot lower blocking on average, and the
// paired interval is narrower than the two studies' intervals combined (what common random
// numbers are for).
#include "sim/comparison.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

StudySpec london(std::vector<double> loads) {
  StudySpec s;
  s.network = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
  s.loads = std::move(loads);
  s.requests = 5'000;
  s.warmup = 1'000;
  s.replications = 6;
  s.seed = 5;
  s.bitrate_min_gbps = 100;
  s.bitrate_max_gbps = 400;
  return s;
}

TEST(Compare, AStudyComparedWithItselfDiffersByNothing) {
  const PreparedStudy s = testing::prepare(london({200}));
  const SimulationResult r = run_study(s, 2);
  for (const PointComparison& d : compare(r, r)) {
    EXPECT_EQ(d.service_blocking.mean, 0.0);
    EXPECT_EQ(d.service_blocking.ci95, 0.0);
    EXPECT_EQ(d.bandwidth_blocking.mean, 0.0);
    ASSERT_EQ(d.by_bitrate.size(), 4u);  // 100–400 Gb/s: four bins
    for (const ClassComparison& c : d.by_bitrate) {
      ASSERT_TRUE(c.service_blocking && c.bandwidth_blocking);
      EXPECT_EQ(c.service_blocking->mean, 0.0);
      EXPECT_EQ(c.service_blocking->ci95, 0.0);
      EXPECT_EQ(c.bandwidth_blocking->mean, 0.0);
    }
  }
}

TEST(Compare, RemovingAFibreRaisesBlockingWithANarrowPairedInterval) {
  StudySpec what_if = london({200, 300});
  what_if.remove_fibers = {"LSE-LD8"};
  const SimulationResult today = run_study(testing::prepare(london({200, 300})), 2);
  const SimulationResult changed = run_study(testing::prepare(what_if), 2);
  const std::vector<PointComparison> d = compare(today, changed);
  ASSERT_EQ(d.size(), 2u);
  for (std::size_t p = 0; p < d.size(); ++p) {
    const Estimate& a = today.points[p].service_blocking;
    const Estimate& b = changed.points[p].service_blocking;
    EXPECT_NEAR(d[p].service_blocking.mean, b.mean - a.mean, 1e-12);
    EXPECT_GT(d[p].service_blocking.mean - d[p].service_blocking.ci95, 0.0) << d[p].load;
    EXPECT_LT(d[p].service_blocking.ci95, std::hypot(a.ci95, b.ci95)) << d[p].load;
  }
}

}  // namespace
}  // namespace lightmesh::sim
