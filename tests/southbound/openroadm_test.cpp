// The OpenROADM driver's numbers: TransportPCE's slot numbering and the exact decimal text of
// frequencies and widths. The expected slot numbers come from TransportPCE's GridUtils formula
// (lower = 1 + round((f_min - 193.1 THz) / 6.25 GHz + 284), upper = round((f_max - 193.1 THz) /
// 6.25 GHz + 284)), worked by hand here.
#include "southbound/openroadm.h"

#include <gtest/gtest.h>

namespace lightmesh::southbound {
namespace {

TEST(OpenRoadm, SlotsAreNumberedAsTransportPce) {
  const spectrum::Grid g;  // 191.325–196.125 THz
  // 75 GHz centred on 193.1 THz: f_min 193.0625 → 284 - 6 = 278, so 279; f_max 193.1375 → 290.
  auto s = transportpce_slots(g, {284 - 6, 12});
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ((*s)[0], 279);
  EXPECT_EQ((*s)[1], 290);
  // The first 50 GHz of the band: edges 191.325 and 191.375 THz → 1:8.
  s = transportpce_slots(g, {0, 8});
  EXPECT_EQ((*s)[0], 1);
  EXPECT_EQ((*s)[1], 8);
  // The last slot is 768.
  s = transportpce_slots(g, {760, 8});
  EXPECT_EQ((*s)[1], 768);
  // A band reaching below 191.325 THz has slots TransportPCE cannot name.
  auto wide = spectrum::Grid::make(191.3, 196.125);
  ASSERT_TRUE(wide.has_value());
  EXPECT_FALSE(transportpce_slots(*wide, {0, 8}).has_value());
}

TEST(OpenRoadm, DecimalsAreExactWithoutTrailingZeros) {
  EXPECT_EQ(thz_text(19310000000), "193.1");
  EXPECT_EQ(thz_text(19306250000), "193.0625");
  EXPECT_EQ(thz_text(19132500000), "191.325");
  EXPECT_EQ(ghz_text(7500000), "75.0");
  EXPECT_EQ(ghz_text(3750000), "37.5");
}

}  // namespace
}  // namespace lightmesh::southbound
