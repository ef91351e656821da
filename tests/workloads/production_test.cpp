// Live production: the published ST 2110-20 rates (docs/sources.md §5), feeds sized and grouped
// from them, ST 2022-7 legs on disjoint routes with their closed-form latencies, and the refusals.
#include "workloads/production.h"

#include <gtest/gtest.h>

#include "../rsa/test_networks.h"
#include "workloads/st2110.h"

namespace lightmesh::workloads {
namespace {

TEST(St2110, RatesAreThePublishedFigures) {
  EXPECT_EQ(st2110_gbps("720p50"), 0.98);
  EXPECT_EQ(st2110_gbps("720p60"), 1.18);
  EXPECT_EQ(st2110_gbps("1080p50"), 2.21);
  EXPECT_EQ(st2110_gbps("1080p60"), 2.65);
  EXPECT_EQ(st2110_gbps("2160p50"), 8.84);
  EXPECT_EQ(st2110_gbps("2160p60"), 10.6);
  EXPECT_EQ(st2110_gbps("4320p50"), 36.1);
  EXPECT_EQ(st2110_gbps("4320p60"), 43.3);
  EXPECT_FALSE(st2110_gbps("1080i50"));
  EXPECT_EQ(st2110_formats().size(), 8u);
}

// A ring VENUE — 30 km — A — 30 km — GALLERY — 50 km — B — 50 km — VENUE, plus a spur to LONE.
Network ring() {
  NetworkSpec spec;
  spec.name = "ring";
  spec.modes = testing::test_modes();
  for (const char* id : {"VENUE", "A", "GALLERY", "B", "LONE"})
    spec.sites.push_back(testing::site(id));
  spec.fibers = {testing::fiber("F1", "VENUE", "A", 30), testing::fiber("F2", "A", "GALLERY", 30),
                 testing::fiber("F3", "GALLERY", "B", 50), testing::fiber("F4", "B", "VENUE", 50),
                 testing::fiber("F5", "GALLERY", "LONE", 10)};
  return build_network(std::move(spec)).value();
}

// One-way latency of a route of `km` through `nodes` nodes: 4.90 µs/km, 0.5 µs per node, 15 µs
// for the transceiver pair (docs/sources.md §1).
double one_way(double km, int nodes) { return 4.9 * km + 0.5 * nodes + 15; }

Result<Choice> place(const Network& net, const ProductionSpec& spec) {
  return choose_production(net, SiteMatrix::build(net), FreeCompute::from_inventory(net), spec);
}

TEST(Production, FeedsAreSizedFromTheTableAndEqualised) {
  const Network net = ring();
  ProductionSpec spec{.venue = "VENUE",
                      .gallery = "GALLERY",
                      .cameras = 30,
                      .format = "2160p50",
                      .redundancy = Redundancy::kSt2022_7,
                      .max_one_way_us = 1000};
  const Choice c = place(net, spec).value();
  ASSERT_FALSE(c.refusal) << c.refusal->detail;
  EXPECT_NEAR(c.prediction["total_gbps"].get<double>(), 30 * 8.84, 1e-9);
  // Whole cameras per 100 Gbps service: 11 of 8.84 Gbps fit, so 11 + 11 + 8.
  ASSERT_EQ(c.links.size(), 3u);
  double sum = 0;
  for (const LinkNeed& l : c.links) {
    sum += l.gbps;
    EXPECT_LE(l.gbps, kProductionServiceGbps);
    EXPECT_TRUE(l.disjoint_pair);
    EXPECT_EQ(*l.max_one_way_us, 1000);
    EXPECT_FALSE(l.latency_group.empty());
    EXPECT_EQ(l.latency_group, c.links[0].latency_group);
    EXPECT_EQ(l.a, net.find_site("VENUE"));
    EXPECT_EQ(l.b, net.find_site("GALLERY"));
  }
  EXPECT_NEAR(sum, 30 * 8.84, 1e-9);
  EXPECT_NEAR(c.prediction["working_one_way_us"].get<double>(), one_way(60, 3), 1e-9);
  EXPECT_NEAR(c.prediction["protect_one_way_us"].get<double>(), one_way(100, 3), 1e-9);
  EXPECT_NEAR(c.prediction["equalized_one_way_us"].get<double>(), one_way(100, 3), 1e-9);
}

TEST(Production, RefusesWithTheRuleThatBinds) {
  const Network net = ring();
  ProductionSpec spec{.venue = "VENUE",
                      .gallery = "GALLERY",
                      .cameras = 4,
                      .format = "1080p50",
                      .redundancy = Redundancy::kSt2022_7,
                      .max_one_way_us = 1000};
  // The short way fits, the disjoint protect leg (100 km) does not.
  spec.max_one_way_us = (one_way(60, 3) + one_way(100, 3)) / 2;
  Choice c = place(net, spec).value();
  ASSERT_TRUE(c.refusal);
  EXPECT_EQ(c.refusal->rule, "max_one_way_us");
  // Without redundancy the same bound is met, over one service.
  spec.redundancy = Redundancy::kNone;
  c = place(net, spec).value();
  ASSERT_FALSE(c.refusal);
  ASSERT_EQ(c.links.size(), 1u);
  EXPECT_FALSE(c.links[0].disjoint_pair);
  EXPECT_NEAR(c.links[0].gbps, 4 * 2.21, 1e-12);
  // Not even the shortest route fits.
  spec.max_one_way_us = one_way(60, 3) - 1;
  c = place(net, spec).value();
  ASSERT_TRUE(c.refusal);
  EXPECT_EQ(c.refusal->rule, "max_one_way_us");
  // LONE hangs on one fibre: no disjoint pair.
  spec = {.venue = "LONE",
          .gallery = "VENUE",
          .cameras = 2,
          .format = "1080p60",
          .redundancy = Redundancy::kSt2022_7,
          .max_one_way_us = 5000};
  c = place(net, spec).value();
  ASSERT_TRUE(c.refusal);
  EXPECT_EQ(c.refusal->rule, "disjoint_paths");
}

TEST(Production, UnknownFormatListsTheKnownOnes) {
  const Network net = ring();
  ProductionSpec spec{.venue = "VENUE",
                      .gallery = "GALLERY",
                      .cameras = 4,
                      .format = "1080i50",
                      .max_one_way_us = 1000};
  auto r = place(net, spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().place(), "/format");
  EXPECT_NE(r.error().message().find("2160p50"), std::string::npos);
  spec.format = "1080p50";
  spec.venue = "NOWHERE";
  r = place(net, spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/venue");
}

}  // namespace
}  // namespace lightmesh::workloads
