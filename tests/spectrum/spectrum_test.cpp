// The flex grid and allocation policies, against hand-computed N/M figures (G.694.1,
// docs/sources.md §2) and a naive bit-by-bit reference implementation on random maps.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "spectrum/grid.h"
#include "spectrum/policy.h"
#include "spectrum/spectrum_state.h"

namespace lightmesh::spectrum {
namespace {

TEST(Grid, CBandHas768SlotsAndN0M6IsCentredOn193Point1) {
  Grid g;
  EXPECT_EQ(g.slot_count(), 768u);  // 4.8 THz / 6.25 GHz, docs/sources.md §2
  // 193.1 THz is 284 slots above 191.325 THz; a 75 GHz (12-slot) channel centred there starts at
  // 278.
  SlotBlock b{278, 12};
  EXPECT_EQ(n_of(g, b), 0);
  EXPECT_EQ(m_of(b), 6);
  EXPECT_DOUBLE_EQ(width(b).value(), 75.0);
  EXPECT_NEAR(center_thz(g, b), 193.1, 1e-12);
  EXPECT_EQ(readable(g, b), "193.100 THz, 75 GHz");
  // The lowest 50 GHz channel: centre 191.325 + 0.025 = 191.35 THz, n = (191.35 − 193.1) / 0.00625
  // = −280.
  SlotBlock low{0, 8};
  EXPECT_EQ(n_of(g, low), -280);
  EXPECT_EQ(m_of(low), 4);
  EXPECT_EQ(readable(g, low), "191.350 THz, 50 GHz");
  EXPECT_EQ(readable(g, SlotBlock{0, 6}), "191.344 THz, 37.5 GHz");
}

TEST(Grid, SlotsForWidthRoundsUpToTwelvePointFiveGHz) {
  EXPECT_EQ(slots_for_width(GHz{75}), 12u);
  EXPECT_EQ(slots_for_width(GHz{50}), 8u);
  EXPECT_EQ(slots_for_width(GHz{62.5}), 10u);
  EXPECT_EQ(slots_for_width(GHz{60}), 10u);  // rounds up to 62.5 GHz
  EXPECT_EQ(slots_for_width(GHz{150}), 24u);
}

TEST(Grid, MakeValidatesTheBand) {
  auto l = Grid::make(186.0, 196.125);  // L + C band
  ASSERT_TRUE(l);
  EXPECT_EQ(l->slot_count(), 1620u);  // 10.125 THz / 6.25 GHz
  // Slots 0–1 are centred at 186.00625 THz: n = (186.00625 − 193.1) / 0.00625 = −1135.
  EXPECT_EQ(n_of(*l, SlotBlock{0, 2}), -1135);
  EXPECT_FALSE(Grid::make(196.0, 191.0));
  EXPECT_EQ(Grid::make(191.33, 196.1).error().message(),
            "the band 191.33–196.1 THz is not on the 6.25 GHz flex grid (edges must be 193.1 THz + "
            "k × 6.25 GHz)");
  EXPECT_FALSE(Grid::make(0.0, 1000.0));
}

// Reference: scan every start bit by bit.
std::vector<std::uint32_t> feasible_starts(const SlotMap& m, std::uint32_t count) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t s = 0; s + count <= m.size(); ++s) {
    bool ok = true;
    for (std::uint32_t i = s; i < s + count && ok; ++i) ok = !m.occupied(i);
    if (ok) out.push_back(s);
  }
  return out;
}

std::optional<SlotBlock> reference_best_fit(const SlotMap& m, std::uint32_t count) {
  std::optional<SlotBlock> best;
  std::uint32_t best_len = 0;
  for (std::uint32_t s = 0; s < m.size();) {
    if (m.occupied(s)) {
      ++s;
      continue;
    }
    std::uint32_t e = s;
    while (e < m.size() && !m.occupied(e)) ++e;
    if (e - s >= count && (!best || e - s < best_len)) {
      best = SlotBlock{s, count};
      best_len = e - s;
    }
    s = e;
  }
  return best;
}

SlotMap random_map(std::uint32_t size, double load, std::mt19937_64& rng) {
  SlotMap m(size);
  std::bernoulli_distribution busy(load);
  for (std::uint32_t s = 0; s < size; ++s) {
    if (busy(rng)) m.book({s, 1});
  }
  return m;
}

TEST(Policy, MatchesBruteForceOnRandomMaps) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 3000; ++trial) {
    const std::uint32_t size = std::uniform_int_distribution<std::uint32_t>(1, 300)(rng);
    const double load = std::uniform_real_distribution<double>(0.0, 0.9)(rng);
    SlotMap m = random_map(size, load, rng);
    const std::uint32_t count = std::uniform_int_distribution<std::uint32_t>(1, 16)(rng);
    const auto starts = feasible_starts(m, count);
    auto ff = choose_block(m, count, Policy::kFirstFit, rng);
    auto lf = choose_block(m, count, Policy::kLastFit, rng);
    auto bf = choose_block(m, count, Policy::kBestFit, rng);
    auto rf = choose_block(m, count, Policy::kRandomFit, rng);
    if (starts.empty()) {
      EXPECT_FALSE(ff || lf || bf || rf);
      continue;
    }
    ASSERT_TRUE(ff && lf && bf && rf);
    EXPECT_EQ(ff->first, starts.front());
    EXPECT_EQ(lf->first, starts.back());
    EXPECT_EQ(*bf, *reference_best_fit(m, count));
    EXPECT_TRUE(std::binary_search(starts.begin(), starts.end(), rf->first));
    for (auto b : {*ff, *lf, *bf, *rf}) {
      EXPECT_EQ(b.count, count);
      EXPECT_TRUE(m.is_free(b));
    }
  }
}

TEST(Policy, RandomFitCoversEveryFeasibleStart) {
  SlotMap m(40);
  m.book({10, 5});
  m.book({30, 2});
  std::mt19937_64 rng(7);
  const auto starts = feasible_starts(m, 4);  // 0–6, 15–26, 32–36: 7 + 12 + 5 = 24 starts
  ASSERT_EQ(starts.size(), 24u);
  std::map<std::uint32_t, int> seen;
  for (int i = 0; i < 24000; ++i) seen[choose_block(m, 4, Policy::kRandomFit, rng)->first]++;
  EXPECT_EQ(seen.size(), 24u);
  for (const auto& [s, n] : seen)
    EXPECT_NEAR(n, 1000, 200) << "start " << s;  // uniform: ≈ 1,000 each
}

TEST(Policy, ParseNamesEveryPolicy) {
  for (auto p : {Policy::kFirstFit, Policy::kLastFit, Policy::kBestFit, Policy::kRandomFit}) {
    EXPECT_EQ(*parse_policy(policy_name(p)), p);
  }
  EXPECT_EQ(parse_policy("worst-fit").error().message(),
            "unknown policy \"worst-fit\" (expected first-fit, last-fit, best-fit or random-fit)");
}

TEST(SlotMap, WordBoundariesAndDoubleBooking) {
  SlotMap m(130);
  m.book({60, 10});  // crosses the first word boundary
  EXPECT_EQ(m.used(), 10u);
  EXPECT_EQ(m.next_occupied(0), 60u);
  EXPECT_EQ(m.next_free(60), 70u);
  EXPECT_FALSE(m.is_free({69, 2}));
  EXPECT_TRUE(m.is_free({70, 60}));
  EXPECT_FALSE(m.is_free({71, 60}));  // past the end
  EXPECT_THROW(m.book({65, 1}), std::logic_error);
  m.release({60, 10});
  EXPECT_EQ(m.used(), 0u);
  EXPECT_THROW(m.release({60, 1}), std::logic_error);
}

TEST(SpectrumState, BookingIsAllOrNothingAcrossLinks) {
  SpectrumState st(Grid{}, 3);
  const std::vector<std::uint32_t> route{link_index(0, false), link_index(1, false),
                                         link_index(2, true)};
  ASSERT_TRUE(st.book(std::vector<std::uint32_t>{link_index(1, false)}, {20, 8}));
  // The block overlaps the busy link 2: nothing is booked anywhere.
  EXPECT_FALSE(st.book(route, {16, 8}));
  EXPECT_EQ(st.used_slots(), 8u);
  const SlotMap occ = st.path_occupancy(route);
  EXPECT_EQ(occ.used(), 8u);
  auto b = choose_block(occ, 8, Policy::kFirstFit, *std::make_unique<std::mt19937_64>(1));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->first, 0u);
  ASSERT_TRUE(st.book(route, *b));
  EXPECT_EQ(st.used_slots(), 32u);
  st.release(route, *b);
  EXPECT_EQ(st.used_slots(), 8u);
}

}  // namespace
}  // namespace lightmesh::spectrum
