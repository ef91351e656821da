// Spectrum per OMS, GNPy's way: the ITU index, the amplifiers' band with its 25 GHz guard, first
// fit, pinned slots, and an OMS whose amplifier covers less of the band.
#include "qot/oms_spectrum.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "qot_fixture.h"

namespace lightmesh::qot {
namespace {

using ::testing::ElementsAre;

TEST(OmsSpectrum, ItuIndexTruncatesTowardZero) {
  EXPECT_EQ(frequency_to_n(193.1375e12), 6);
  EXPECT_EQ(frequency_to_n(193.225e12), 20);
  EXPECT_EQ(frequency_to_n(191.3e12), -288);
  EXPECT_EQ(frequency_to_n(193.1e12 - 1e9), 0);  // −0.16 truncates to 0, as Python's int()
}

TEST(OmsSpectrum, OneOmsPerRoadmDegree) {
  const auto net = testing::ring();
  const Equipment eq = testing::equipment();
  OmsSpectrum s(net, eq);
  EXPECT_EQ(s.oms().size(), 8u);  // 4 links × 2 directions
  const auto o = s.oms_of(*net.find("fiber a-b"));
  ASSERT_TRUE(o);
  EXPECT_EQ(net.at(s.oms()[*o].elements.front()).uid, "roadm a");
  EXPECT_EQ(net.at(s.oms()[*o].elements.back()).uid, "roadm b");
  ASSERT_TRUE(s.oms()[*o].reversed);
  EXPECT_EQ(net.at(s.oms()[*s.oms()[*o].reversed].elements.front()).uid, "roadm b");
  EXPECT_FALSE(s.oms_of(*net.find("roadm a")));
}

TEST(OmsSpectrum, FirstFitPinnedAndFull) {
  const auto net = testing::ring();
  const Equipment eq = testing::equipment();
  OmsSpectrum s(net, eq);
  const std::vector<std::uint32_t> ab{*s.oms_of(*net.find("fiber a-b"))};
  const std::vector<FreqSlot> open{FreqSlot{}};
  auto first = s.assign(ab, 4, 4, open);
  ASSERT_TRUE(first.ok);
  EXPECT_THAT(first.n, ElementsAre(-284));
  s.book(ab, first);
  // Pinned on the booked slot: refused; pinned elsewhere: granted as asked.
  const std::vector<FreqSlot> taken{FreqSlot{-284, 4}};
  EXPECT_FALSE(s.assign(ab, 4, 4, taken).ok);
  const std::vector<FreqSlot> free{FreqSlot{0, 4}};
  auto pinned = s.assign(ab, 4, 4, free);
  ASSERT_TRUE(pinned.ok);
  EXPECT_THAT(pinned.n, ElementsAre(0));
  // A pinned centre with an open width takes as many channels as fit and are needed.
  const std::vector<FreqSlot> centre{FreqSlot{100, std::nullopt}};
  auto grown = s.assign(ab, 8, 4, centre);
  ASSERT_TRUE(grown.ok);
  EXPECT_THAT(grown.m, ElementsAre(8));
  // More than the band holds.
  EXPECT_FALSE(s.assign(ab, 1000, 4, open).ok);
}

TEST(OmsSpectrum, NarrowAmplifierBandMakesSlotsUnusable) {
  auto net = testing::ring();
  Equipment eq = testing::equipment();
  EdfaType narrow = eq.edfas[0];
  narrow.type_variety = "narrow";
  narrow.config.f_min_hz = 192.0e12;
  eq.edfas.push_back(narrow);
  net.at(*net.find("booster a-b")).type_variety = "narrow";
  OmsSpectrum s(net, eq);
  const std::vector<std::uint32_t> ab{*s.oms_of(*net.find("fiber a-b"))};
  const std::vector<FreqSlot> open{FreqSlot{}};
  auto a = s.assign(ab, 4, 4, open);
  ASSERT_TRUE(a.ok);
  EXPECT_EQ(a.n[0] - 4, frequency_to_n(192.0e12));  // the first slot of the narrow band
}

}  // namespace
}  // namespace lightmesh::qot
