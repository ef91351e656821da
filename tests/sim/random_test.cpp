// The random streams' distributions against their closed forms: the exponential's mean, variance
// and tail (P(X > x) = e^−x), and the uniform integers' counts (a χ² bound).
#include "sim/random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace lightmesh::sim {
namespace {

TEST(RandomStream, ExponentialHasUnitMeanVarianceAndTail) {
  RandomStream rng = RandomStream::for_stream(42, 0);
  const int n = 2'000'000;
  double sum = 0, sum2 = 0;
  int above2 = 0, above8 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.unit_exponential();
    ASSERT_GE(x, 0.0);
    sum += x;
    sum2 += x * x;
    above2 += x > 2;
    above8 += x > 8;  // past the ziggurat's base layer (7.697): the tail branch
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, 1.0, 4 * 1.0 / std::sqrt(n));
  EXPECT_NEAR(var, 1.0, 0.01);
  EXPECT_NEAR(above2 / double(n), std::exp(-2.0), 4 * std::sqrt(std::exp(-2.0) / n));
  EXPECT_NEAR(above8 / double(n), std::exp(-8.0), 5 * std::sqrt(std::exp(-8.0) / n));
}

TEST(RandomStream, BelowIsUniform) {
  RandomStream rng(7);
  const std::uint32_t k = 13;
  const int n = 1'300'000;
  std::vector<int> count(k, 0);
  for (int i = 0; i < n; ++i) ++count[rng.below(k)];
  double chi2 = 0;
  for (int c : count) chi2 += (c - n / double(k)) * (c - n / double(k)) / (n / double(k));
  EXPECT_LT(chi2, 32.9);  // the 0.999 quantile of χ² with 12 degrees of freedom
}

TEST(RandomStream, StreamsAreReproducibleAndDistinct) {
  RandomStream a = RandomStream::for_stream(1, 3), b = RandomStream::for_stream(1, 3),
               c = RandomStream::for_stream(1, 4);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
  }
}

}  // namespace
}  // namespace lightmesh::sim
