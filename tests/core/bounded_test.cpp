// Bound (the ranges of core/limits.h) and the saturating double → integer conversions. The truths
// are IEEE 754 facts (2^63 is the first double above INT64_MAX; 5e-324 is the smallest positive
// double) and the ranges as written in the table.
#include "core/bounded.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "core/limits.h"

namespace lightmesh {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Bound, ClosedOpenAndWhole) {
  const Bound length = limits::kFiberLengthKm;  // 0 ≤ x ≤ 40,000
  EXPECT_TRUE(length.contains(0));
  EXPECT_TRUE(length.contains(-0.0));
  EXPECT_TRUE(length.contains(40'000));
  EXPECT_FALSE(length.contains(40'000.000001));
  EXPECT_FALSE(length.contains(-1e-300));
  const Bound span = limits::kSpanLengthKm;  // 0 < x
  EXPECT_FALSE(span.contains(0));
  EXPECT_FALSE(span.contains(-0.0));
  EXPECT_TRUE(span.contains(5e-324));
  const Bound amplifiers = limits::kAmplifierCount;  // whole 0…10,000
  EXPECT_TRUE(amplifiers.contains(10'000));
  EXPECT_FALSE(amplifiers.contains(2.5));
  for (double v : {kNaN, kInf, -kInf}) {
    EXPECT_FALSE(length.contains(v));
    EXPECT_FALSE(amplifiers.contains(v));
  }
}

TEST(Bound, MessagesNameTheValueAndTheRange) {
  EXPECT_EQ(limits::kFiberLengthKm.refusal(1e21),
            "1e+21 is out of range (expected 0 ≤ x ≤ 40,000 km)");
  EXPECT_EQ(limits::kBandwidthGbps.refusal(5e-324),
            "4.94066e-324 is out of range (expected 0.001 ≤ x ≤ 10,000,000 Gb/s)");
  EXPECT_EQ(limits::kSpanLengthKm.describe(), "0 < x ≤ 40,000 km");
  EXPECT_EQ(limits::kAmplifierCount.describe(), "a whole number 0…10,000");
  EXPECT_EQ(limits::kPowerDbm.describe(), "−50 ≤ x ≤ 50 dBm");
  EXPECT_EQ(limits::kPowerDbm.refusal(kNaN), "NaN is not a number (expected −50 ≤ x ≤ 50 dBm)");
  EXPECT_EQ(limits::kPowerDbm.refusal(-kInf),
            "-infinity is not a finite number (expected −50 ≤ x ≤ 50 dBm)");
}

TEST(Saturate, StaysInsideTheIntegerRange) {
  using I64 = std::int64_t;
  constexpr I64 kMax = std::numeric_limits<I64>::max();
  constexpr I64 kMin = std::numeric_limits<I64>::min();
  EXPECT_EQ(saturate<I64>(9.3e17), I64{930'000'000'000'000'000});
  EXPECT_EQ(saturate<I64>(9223372036854775807.0), kMax);  // the double is 2^63
  EXPECT_EQ(saturate<I64>(std::nextafter(9223372036854775808.0, 0.0)),
            I64{9223372036854774784});  // the largest double below 2^63 converts exactly
  EXPECT_EQ(saturate<I64>(1e308), kMax);
  EXPECT_EQ(saturate<I64>(kInf), kMax);
  EXPECT_EQ(saturate<I64>(-1e308), kMin);
  EXPECT_EQ(saturate<I64>(kNaN), 0);
  EXPECT_EQ(saturate<std::uint32_t>(-1.0), 0u);
  EXPECT_EQ(saturate<std::uint32_t>(4294967295.0), 4294967295u);
  EXPECT_EQ(saturate<std::uint32_t>(4294967296.0), 4294967295u);
  EXPECT_EQ(saturate<int>(-2.9), -2);        // toward zero, as static_cast
  EXPECT_EQ(saturate_round<int>(-2.5), -3);  // half away from zero, as std::round
  EXPECT_EQ(saturate<std::size_t>(18446744073709551616.0), std::numeric_limits<std::size_t>::max());
}

}  // namespace
}  // namespace lightmesh
