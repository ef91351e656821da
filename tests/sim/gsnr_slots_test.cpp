// --modulations gsnr: a request's slots are what lightmesh's planner books for the same bit rate
// on the same route. The truth is rsa::Planner::serve on an empty network (k = 1 by length, so
// its route is the simulator's first candidate): the sum of its lightpaths' slots, every pair of
// the London and Tokyo examples at bit rates that need one mode, a split, and a narrower last part.
#include "sim/gsnr_slots.h"

#include <gtest/gtest.h>

#include <string>

#include "io/load.h"
#include "rsa/planner.h"
#include "sim/path_table.h"
#include "sim/sim_fixture.h"

namespace lightmesh::sim {
namespace {

void expect_planner_slots(const std::string& example) {
  const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/" + example + "/network.json")
          .value();
  const GsnrSlots gsnr = GsnrSlots::make(net, 2.0).value();
  const std::vector<double> rates = {100, 250, 400, 650, 1000, 1600};
  // The flex grid's own 6.25 GHz slots, so a lightpath's slots count one for one.
  PathTableOptions options{.k = 1, .slots = 768, .slot_ghz = 6.25, .gsnr = &gsnr};
  const PathTable table =
      build_path_table(net, options, ModulationTable::deeprmsa(), rates).value();

  rsa::PlanOptions plan;
  plan.k = 1;
  plan.metric = rsa::Metric::kLength;
  const rsa::Planner empty = rsa::Planner::create(net, plan).value();
  const auto n = static_cast<SiteIndex>(net.sites().size());
  std::size_t compared = 0, unreachable = 0;
  for (SiteIndex s = 0; s < n; ++s)
    for (SiteIndex d = 0; d < n; ++d) {
      if (s == d) continue;
      const std::uint32_t pair = table.pair(s, d);
      for (std::uint32_t c = 0; c < rates.size(); ++c) {
        rsa::Planner planner = empty.fresh();
        Demand demand;
        demand.from = net.site(s).id;
        demand.to = net.site(d).id;
        demand.bandwidth = Gbps{rates[c]};
        const rsa::Planner::Outcome out = planner.serve(demand, 0);
        if (out.lightpaths.empty()) {
          // No mode reaches: the simulator has no path for the pair either.
          EXPECT_EQ(table.first_path(pair), table.end_path(pair))
              << demand.from << "→" << demand.to;
          ++unreachable;
          continue;
        }
        ASSERT_LT(table.first_path(pair), table.end_path(pair)) << demand.from << "→" << demand.to;
        const std::uint32_t p = table.first_path(pair);
        ASSERT_EQ(out.lightpaths.front().fibers.size(), table.path(p).hops);
        std::uint32_t booked = 0;
        for (const rsa::Lightpath& lp : out.lightpaths) booked += lp.slots.count;
        EXPECT_EQ(table.slots(p, c), booked)
            << example << ": " << demand.from << "→" << demand.to << " at " << rates[c] << " Gb/s";
        ++compared;
      }
    }
  EXPECT_GT(compared, 0u);
  ::testing::Test::RecordProperty("compared", static_cast<int>(compared));
  ::testing::Test::RecordProperty("unreachable", static_cast<int>(unreachable));
}

TEST(GsnrSlots, EqualWhatThePlannerBooksOnLondon) { expect_planner_slots("london"); }
TEST(GsnrSlots, EqualWhatThePlannerBooksOnTokyo) { expect_planner_slots("tokyo"); }

TEST(GsnrSlots, AStudyNamesItAndUsesItsSlots) {
  StudySpec spec;
  spec.network = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
  spec.modulations = kGsnrModulations;
  spec.loads = {400};
  spec.requests = 2000;
  spec.warmup = 200;
  spec.replications = 2;
  spec.bitrate_min_gbps = spec.bitrate_max_gbps = 400;
  const PreparedStudy study = testing::prepare(spec);
  EXPECT_EQ(study.modulations_name, "GSNR (lightmesh's mode choice, 2 dB margin)");
  const SimulationResult r = run_study(study, 1);
  ASSERT_EQ(r.points.size(), 1u);
  EXPECT_GE(r.points[0].service_blocking.mean, 0.0);
  EXPECT_GT(r.points[0].utilisation.mean, 0.0);
}

}  // namespace
}  // namespace lightmesh::sim
