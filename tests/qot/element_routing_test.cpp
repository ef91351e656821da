// Routing over elements: weights from the element an edge leaves, Yen's paths in cost order,
// every simple path within a cutoff in networkx's order, and the ordered-subset test.
#include "qot/element_routing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "qot_fixture.h"

namespace lightmesh::qot {
namespace {

std::vector<std::string> roadms(const ElementPath& p, const physics::ElementNetwork& net) {
  std::vector<std::string> out;
  for (auto e : p)
    if (net.at(e).kind() == physics::ElementKind::kRoadm) out.push_back(net.at(e).uid);
  return out;
}

TEST(ElementRouting, WeightsAndYenOrder) {
  const auto net = testing::ring(100, 100, 120, 100);
  ElementRouting r(net);
  EXPECT_EQ(r.weight(*net.find("fiber a-b")), 100e3);
  EXPECT_EQ(r.weight(*net.find("roadm a")), 0.01);
  const auto a = *net.find("trx a");
  const auto c = *net.find("trx c");
  auto gen = r.simple_paths(a, c);
  auto p1 = gen.next();
  auto p2 = gen.next();
  ASSERT_TRUE(p1 && p2);
  EXPECT_THAT(roadms(*p1, net), ::testing::ElementsAre("roadm a", "roadm b", "roadm c"));
  EXPECT_THAT(roadms(*p2, net), ::testing::ElementsAre("roadm a", "roadm d", "roadm c"));
  EXPECT_LT(r.path_cost(*p1), r.path_cost(*p2));
  EXPECT_FALSE(gen.next());  // a ring has two simple paths between two transceivers
}

TEST(ElementRouting, AllSimplePathsHonourTheCutoff) {
  const auto net = testing::ring();
  ElementRouting r(net);
  const auto a = *net.find("trx a");
  const auto b = *net.find("trx b");
  // trx a → roadm a → booster → fibre → preamp → roadm b → trx b: 6 edges.
  EXPECT_EQ(r.all_simple_paths(a, b, 80, 100).size(), 2u);
  EXPECT_EQ(r.all_simple_paths(a, b, 6, 100).size(), 1u);
  EXPECT_EQ(r.all_simple_paths(a, b, 5, 100).size(), 0u);
}

TEST(ElementRouting, OrderedSubset) {
  const std::vector<ElementIndex> path{1, 2, 3, 4};
  EXPECT_TRUE(is_ordered_subset(std::vector<ElementIndex>{2, 4}, path));
  EXPECT_FALSE(is_ordered_subset(std::vector<ElementIndex>{4, 2}, path));
  EXPECT_FALSE(is_ordered_subset(std::vector<ElementIndex>{5}, path));
  EXPECT_TRUE(is_ordered_subset(std::vector<ElementIndex>{}, path));
}

}  // namespace
}  // namespace lightmesh::qot
