// The Stepper against run_replication (the truth: the simulator's own loop): an agent that places
// each request where ksp-ff would, read from the free-slot masks alone, blocks exactly the same
// requests with the same stream; invalid placements are refused and change nothing.
#include "sim/stepper.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

// The lowest start of n consecutive 1s in mask, or −1.
std::int32_t lowest_run(const std::vector<std::uint8_t>& mask, std::uint32_t n) {
  std::uint32_t run = 0;
  for (std::uint32_t s = 0; s < mask.size(); ++s) {
    run = mask[s] ? run + 1 : 0;
    if (run == n) return static_cast<std::int32_t>(s + 1 - n);
  }
  return -1;
}

TEST(Stepper, FirstFitAgentMatchesRunReplication) {
  StudySpec spec = testing::nsfnet_spec({250});
  spec.requests = 5'000;
  spec.warmup = 1'000;
  const PreparedStudy study = testing::prepare(spec);
  Stepper stepper(study.table, study.pairs, study.traffic, 250, spec.warmup, spec.requests);
  std::vector<std::uint8_t> mask(study.table.slot_count());
  for (std::uint64_t stream : {0, 1}) {
    const ReplicationTotals truth =
        run_replication(study.table, study.pairs, study.traffic, study.run, 250, stream);
    stepper.reset(spec.seed, stream);
    while (!stepper.done()) {
      bool placed = false;
      for (std::uint32_t i = 0; i < stepper.candidates() && !placed; ++i) {
        stepper.free_mask(i, mask.data());
        const std::int32_t at = lowest_run(mask, stepper.slots_needed(i));
        if (at >= 0) {
          ASSERT_TRUE(stepper.place(i, static_cast<std::uint32_t>(at)));
          placed = true;
        }
      }
      if (!placed) {
        ASSERT_TRUE(stepper.block());
      }
    }
    EXPECT_GT(truth.blocked, 0u);
    EXPECT_EQ(stepper.totals().requests, truth.requests);
    EXPECT_EQ(stepper.totals().blocked, truth.blocked);
    EXPECT_EQ(stepper.totals().blocked_gbps, truth.blocked_gbps);
    EXPECT_EQ(stepper.totals().slot_conflicts, 0u);
  }
}

TEST(Stepper, InvalidPlacementsAreRefusedAndChangeNothing) {
  StudySpec spec = testing::nsfnet_spec({250});
  spec.requests = 10;
  spec.warmup = 0;
  const PreparedStudy study = testing::prepare(spec);
  Stepper stepper(study.table, study.pairs, study.traffic, 250, spec.warmup, spec.requests);
  EXPECT_FALSE(stepper.block());  // before reset(): nothing to decide
  stepper.reset(spec.seed, 0);
  const std::uint64_t index = stepper.request().index;
  const std::uint32_t n = stepper.slots_needed(0);
  EXPECT_FALSE(stepper.place(stepper.candidates(), 0));
  EXPECT_FALSE(stepper.place(0, study.table.slot_count() - n + 1));
  ASSERT_TRUE(stepper.place(0, 0));
  EXPECT_EQ(stepper.request().index, index + 1);
  EXPECT_EQ(stepper.in_service(), 1u);
  // A path of the next request that shares a link with the first one has slot 0 held: refused.
  std::vector<std::uint8_t> mask(study.table.slot_count());
  for (std::uint32_t i = 0; i < stepper.candidates(); ++i) {
    stepper.free_mask(i, mask.data());
    if (mask[0]) continue;
    EXPECT_FALSE(stepper.place(i, 0));
    EXPECT_EQ(stepper.request().index, index + 1);
  }
  EXPECT_EQ(stepper.totals().slot_conflicts, 0u);
}

}  // namespace
}  // namespace lightmesh::sim
