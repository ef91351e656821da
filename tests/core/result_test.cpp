#include "core/result.h"

#include <gtest/gtest.h>

#include "core/geo.h"
#include "core/units.h"

namespace lightmesh {
namespace {

Result<int> half(int x) {
  if (x % 2 != 0) return Error::invalid(std::to_string(x) + " is odd").at_place("/x");
  return x / 2;
}

Result<int> quarter(int x) {
  LM_ASSIGN_OR_RETURN(int h, half(x));
  LM_ASSIGN_OR_RETURN(int q, half(h));
  return q;
}

TEST(Result, PropagatesTheFirstErrorWithItsPlace) {
  EXPECT_EQ(*quarter(8), 2);
  auto r = quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().at("f.json").to_string(), "f.json: /x: 3 is odd");
}

TEST(Result, ValueOnErrorIsAProgrammerError) {
  auto r = half(3);
  EXPECT_THROW((void)r.value(), std::logic_error);
}

TEST(Units, FibreDelayIsLengthTimesGroupDelay) {
  // docs/sources.md §1: 4.90 µs/km in SSMF, so 100 km is 490 µs one way, 980 µs RTT.
  Microseconds one_way = Km{100.0} * kSsmfDelay;
  EXPECT_DOUBLE_EQ(one_way.value(), 490.0);
  EXPECT_DOUBLE_EQ((Km{100.0} * kHollowCoreDelay).value(), 334.0);
}

TEST(Geo, GreatCircleMatchesAKnownDistance) {
  // London (51.5074 N, 0.1278 W) to Paris (48.8566 N, 2.3522 E): 343.5 km by the haversine formula
  // on a 6371 km sphere (independently computed; widely quoted as ≈ 344 km).
  Km d = great_circle({51.5074, -0.1278}, {48.8566, 2.3522});
  EXPECT_NEAR(d.value(), 343.5, 0.5);
  EXPECT_TRUE(valid_lat_lon({90, 180}));
  EXPECT_FALSE(valid_lat_lon({91, 0}));
}

}  // namespace
}  // namespace lightmesh
