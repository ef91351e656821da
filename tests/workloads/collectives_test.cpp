// The α–β collective times against the closed formulas of docs/sources.md §4, written out here.
#include "workloads/collectives.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace lightmesh::workloads {
namespace {

TEST(Collectives, GbpsAreBitsNotBytes) { EXPECT_DOUBLE_EQ(bytes_per_s_from_gbps(100), 12.5e9); }

TEST(Collectives, PointToPointIsLatencyPlusSerialisation) {
  EXPECT_DOUBLE_EQ(point_to_point_s(1e9, {.alpha_s = 0.002, .bytes_per_s = 4e9}), 0.002 + 0.25);
}

TEST(Collectives, RingAllReduceMatchesTheClosedFormula) {
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> alpha(1e-6, 0.1), beta(1e6, 1e12), bytes(1, 1e11);
  std::uniform_int_distribution<std::uint32_t> ranks(2, 1024);
  for (int i = 0; i < 1000; ++i) {
    const double a = alpha(rng), b = beta(rng), n = bytes(rng);
    const std::uint32_t p = ranks(rng);
    const double expected = 2.0 * (p - 1) * a + 2.0 * (p - 1) / p * n / b;
    EXPECT_NEAR(ring_allreduce_s(n, p, {a, b}), expected, 1e-12 * expected);
  }
}

TEST(Collectives, OneRankHasNothingToReduce) {
  EXPECT_EQ(ring_allreduce_s(1e9, 1, {0.01, 1e9}), 0);
  EXPECT_EQ(ring_allreduce_across_sites_s(1e9, 1, {}), 0);
  EXPECT_EQ(hierarchical_wan_bytes_per_site(1e9, 1), 0);
}

TEST(Collectives, HierarchicalWanBytes) {
  EXPECT_DOUBLE_EQ(hierarchical_wan_bytes_per_site(14e9, 2), 14e9);  // 2·1/2
  EXPECT_DOUBLE_EQ(hierarchical_wan_bytes_per_site(12e9, 3), 16e9);  // 2·2/3
  EXPECT_DOUBLE_EQ(hierarchical_wan_bytes_per_site(8e9, 4), 12e9);   // 2·3/4
}

TEST(Collectives, TwoSitesOverOneLinkIsTheTwoRankRing) {
  // 2(2−1)α + 2(2−1)/2 · n/β = 2α + n/β
  const AlphaBeta link{210e-6, 12.5e9};
  EXPECT_DOUBLE_EQ(ring_allreduce_across_sites_s(14e9, 2, {&link, 1}), 2 * 210e-6 + 14e9 / 12.5e9);
}

TEST(Collectives, EqualRingLinksGiveTheRingFormula) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> alpha(1e-6, 0.05), beta(1e8, 1e12);
  for (std::uint32_t s = 3; s <= 12; ++s) {
    const AlphaBeta link{alpha(rng), beta(rng)};
    const std::vector<AlphaBeta> ring(s, link);
    const double n = 7e9;
    const double expected = 2.0 * (s - 1) * link.alpha_s + 2.0 * (s - 1) / s * n / link.bytes_per_s;
    EXPECT_NEAR(ring_allreduce_across_sites_s(n, s, ring), expected, 1e-12 * expected);
  }
}

TEST(Collectives, UnequalRingWaitsForTheSlowestLinkEveryRound) {
  // Three sites, M = 3 GB: each of the 4 rounds sends 1 GB over every link.
  // Link times per round: 1 ms + 1 GB/(10 GB/s) = 101 ms; 5 ms + 1/20 s = 55 ms;
  // 2 ms + 1/4 s = 252 ms. Four rounds of the slowest: 1.008 s.
  const std::vector<AlphaBeta> ring{{0.001, 10e9}, {0.005, 20e9}, {0.002, 4e9}};
  EXPECT_NEAR(ring_allreduce_across_sites_s(3e9, 3, ring), 4 * 0.252, 1e-12);
}

}  // namespace
}  // namespace lightmesh::workloads
