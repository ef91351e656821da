// The word-level spectrum searches against brute force over random occupancy (truth: a slot-by-slot
// scan written here), on sizes that put runs across word boundaries, and the detection of a slot
// held twice.
#include "sim/link_spectrum.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/random.h"

namespace lightmesh::sim {
namespace {

// Brute force: every start where n slots are free on all links.
std::vector<std::uint32_t> brute_starts(const std::vector<std::vector<bool>>& used,
                                        const std::vector<std::uint32_t>& links,
                                        std::uint32_t slots, std::uint32_t n) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t s = 0; s + n <= slots; ++s) {
    bool ok = n > 0;
    for (std::uint32_t l : links)
      for (std::uint32_t i = s; i < s + n && ok; ++i) ok = !used[l][i];
    if (ok) out.push_back(s);
  }
  return out;
}

TEST(LinkSpectrum, FitsAgreeWithBruteForce) {
  RandomStream rng(11);
  for (std::uint32_t slots : {1u, 7u, 63u, 64u, 65u, 100u, 128u, 129u, 200u, 320u}) {
    for (int round = 0; round < 60; ++round) {
      const std::uint32_t links = 4;
      LinkSpectrum s(links, slots);
      std::vector<std::vector<bool>> used(links, std::vector<bool>(slots, false));
      const std::uint32_t density = rng.below(90);  // percent of slots used
      for (std::uint32_t l = 0; l < links; ++l)
        for (std::uint32_t i = 0; i < slots; ++i)
          if (rng.below(100) < density) {
            used[l][i] = true;
            const std::uint32_t one = l;
            ASSERT_TRUE(s.occupy(&one, 1, i, 1));
          }
      const std::vector<std::uint32_t> path = {0, 2, 3};
      for (std::uint32_t n : {1u, 2u, 3u, 5u, 9u, 33u, 64u, 65u, 100u, 130u}) {
        const auto starts = brute_starts(used, path, slots, n);
        const std::int32_t none = -1;
        SCOPED_TRACE(::testing::Message() << "slots " << slots << " n " << n);
        EXPECT_EQ(s.first_fit(path.data(), 3, n),
                  starts.empty() ? none : static_cast<std::int32_t>(starts.front()));
        EXPECT_EQ(s.last_fit(path.data(), 3, n),
                  starts.empty() ? none : static_cast<std::int32_t>(starts.back()));
        std::vector<std::uint32_t> all;
        s.feasible_starts(path.data(), 3, n, all);
        EXPECT_EQ(all, starts);
        const std::int32_t bf = s.best_fit(path.data(), 3, n);
        const std::int32_t rf = s.random_fit(path.data(), 3, n, rng);
        if (starts.empty()) {
          EXPECT_EQ(bf, -1);
          EXPECT_EQ(rf, -1);
        } else {
          EXPECT_NE(std::find(starts.begin(), starts.end(), static_cast<std::uint32_t>(bf)),
                    starts.end());
          EXPECT_NE(std::find(starts.begin(), starts.end(), static_cast<std::uint32_t>(rf)),
                    starts.end());
        }
      }
    }
  }
}

TEST(LinkSpectrum, BestFitTakesTheSmallestRunThatHolds) {
  LinkSpectrum s(1, 20);
  const std::uint32_t l = 0;
  // Free runs: [0,5) width 5, [6,9) width 3, [10,20) width 10.
  ASSERT_TRUE(s.occupy(&l, 1, 5, 1));
  ASSERT_TRUE(s.occupy(&l, 1, 9, 1));
  EXPECT_EQ(s.best_fit(&l, 1, 3), 6);
  EXPECT_EQ(s.best_fit(&l, 1, 4), 0);
  EXPECT_EQ(s.best_fit(&l, 1, 6), 10);
  EXPECT_EQ(s.free_slots(0), 18u);
  EXPECT_EQ(s.largest_free_run(0), 10u);
}

TEST(LinkSpectrum, ASlotHeldTwiceIsReported) {
  LinkSpectrum s(3, 100);
  const std::uint32_t path[] = {0, 2};
  EXPECT_TRUE(s.occupy(path, 2, 60, 8));   // crosses the word boundary at 64
  EXPECT_FALSE(s.occupy(path, 1, 67, 2));  // slot 67 is taken on link 0
  EXPECT_TRUE(s.release(path + 1, 1, 60, 8));
  EXPECT_FALSE(s.release(path + 1, 1, 60, 8));  // freed twice
}

}  // namespace
}  // namespace lightmesh::sim
