// One link of C slots offered A Erlang of 1-slot requests is the M/M/C/C loss system, whose
// blocking is the Erlang-B formula. Truth: the formula, by the stable recursion
// B(0) = 1, B(c) = A·B(c−1) / (c + A·B(c−1)) (computed here, independently of the simulator).
#include <gtest/gtest.h>

#include <cmath>

#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

double erlang_b(double a, int channels) {
  double b = 1.0;
  for (int c = 1; c <= channels; ++c) b = a * b / (c + a * b);
  return b;
}

TEST(ErlangB, RecursionMatchesThePublishedFigure) {
  // FACTS.md §7: a 10-channel link offered 7.5188 Erlang blocks 0.1004 of requests.
  EXPECT_NEAR(erlang_b(7.5188, 10), 0.1004, 5e-5);
}

class ErlangBLink : public ::testing::TestWithParam<int> {};

TEST_P(ErlangBLink, BlockingWithinTheConfidenceIntervalOfTheFormula) {
  const int channels = GetParam();
  StudySpec s;
  s.network = testing::fixture("one_link.json");  // 100 km: 16QAM, so 10 Gb/s takes one slot
  s.slots = static_cast<std::uint32_t>(channels);
  s.bitrate_min_gbps = s.bitrate_max_gbps = 10;
  s.holding_mean = 1;
  s.requests = 40'000;
  s.warmup = 2'000;
  s.replications = 10;
  s.seed = 2026;
  for (double f : {0.5, 0.7, 0.9, 1.0, 1.2}) s.loads.push_back(f * channels);
  const PreparedStudy study = testing::prepare(s);
  ASSERT_EQ(study.table.slots(study.table.first_path(study.table.pair(0, 1)), 0), 1u);
  const SimulationResult r = run_study(study, 2);
  for (const PointResult& p : r.points) {
    const double expected = erlang_b(p.load, channels);
    // Blocking below 1e-4 cannot be told from 0 by 400,000 requests: a stated floor there.
    const double tolerance = std::max(p.service_blocking.ci95, 1e-4);
    EXPECT_NEAR(p.service_blocking.mean, expected, tolerance)
        << "C = " << channels << ", A = " << p.load << " E";
  }
}

INSTANTIATE_TEST_SUITE_P(Channels, ErlangBLink, ::testing::Values(10, 50, 100));

}  // namespace
}  // namespace lightmesh::sim
