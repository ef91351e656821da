// Validation of networks on load: each inconsistency is rejected with one line naming the place.
#include "model/network.h"

#include <gtest/gtest.h>

#include <functional>

namespace lightmesh {
namespace {

SiteSpec site(std::string id, std::optional<LatLon> pos = {}) {
  SiteSpec s;
  s.id = id;
  s.position = pos;
  s.where = "/sites/" + id;
  return s;
}

FiberSpec fiber(std::string id, std::string a, std::string b, std::optional<double> km) {
  FiberSpec f;
  f.id = id;
  f.a = std::move(a);
  f.b = std::move(b);
  if (km) f.length = Km{*km};
  f.where = "/fibers/" + id;
  return f;
}

NetworkSpec base() {
  NetworkSpec spec;
  spec.file = "net.json";
  spec.sites = {site("A", LatLon{51.5074, -0.1278}), site("B", LatLon{48.8566, 2.3522})};
  spec.fibers = {fiber("AB", "A", "B", 400)};
  return spec;
}

std::string error_of(NetworkSpec spec) {
  auto r = build_network(std::move(spec));
  return r ? std::string("ok") : r.error().to_string();
}

TEST(BuildNetwork, SitesBecomeNodesWithTheirIds) {
  auto r = build_network(base());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nodes().size(), 2u);
  EXPECT_EQ(r->node(r->site(r->find_site("B")).node).id, "B");
  EXPECT_EQ(r->find_fiber("AB"), 0u);
  EXPECT_EQ(r->find_site("nope"), kNoIndex);
  EXPECT_TRUE(r->warnings().empty());
}

TEST(BuildNetwork, LengthFromCoordinatesTimesRouteFactor) {
  NetworkSpec spec = base();
  spec.fibers[0].length.reset();
  spec.fibers[0].route_factor = 1.5;
  auto r = build_network(std::move(spec));
  ASSERT_TRUE(r);
  // London–Paris great circle 343.5 km (haversine, R = 6371 km) × 1.5.
  EXPECT_NEAR(r->fiber(0).length.value(), 343.5 * 1.5, 0.75);
  EXPECT_TRUE(r->fiber(0).length_from_coordinates);
}

TEST(BuildNetwork, SpansGiveLengthAndAmplifiers) {
  NetworkSpec spec = base();
  spec.fibers[0].length.reset();
  spec.fibers[0].spans = {{Km{80}, {}}, {Km{70}, {}}, {Km{60}, {}}};
  auto r = build_network(std::move(spec));
  ASSERT_TRUE(r);
  EXPECT_DOUBLE_EQ(r->fiber(0).length.value(), 210.0);
  EXPECT_EQ(r->fiber(0).amplifiers, 2u);
}

TEST(BuildNetwork, RejectsInconsistentInputWithOneLine) {
  struct Case {
    std::function<void(NetworkSpec&)> mutate;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {[](NetworkSpec& s) { s.sites.clear(); },
       "net.json: /sites: the network has no sites (expected a non-empty \"sites\" list)"},
      {[](NetworkSpec& s) { s.sites[1].id = "A"; },
       "net.json: /sites/B/id: duplicate site id \"A\""},
      {[](NetworkSpec& s) { s.fibers[0].b = "C"; },
       "net.json: /fibers/AB/b: unknown site or node \"C\""},
      {[](NetworkSpec& s) { s.fibers[0].length = Km{-3}; },
       "net.json: /fibers/AB/length_km: -3 is not a positive length"},
      {[](NetworkSpec& s) { s.fibers[0].length.reset(); },
       "net.json: /fibers/AB/length_km: missing length (expected length_km, spans, or coordinates "
       "on both ends "
       "plus a route_factor)"},
      {[](NetworkSpec& s) {
         s.sites[0].position = LatLon{95, 0};
       },
       "net.json: /sites/A/lat: 95 is not a latitude (expected −90…90 degrees)"},
      {[](NetworkSpec& s) { s.fibers.push_back(s.fibers[0]); },
       "net.json: /fibers/AB/id: duplicate fibre id \"AB\""},
      {[](NetworkSpec& s) { s.fibers[0].b = "A"; },
       "net.json: /fibers/AB/b: a fibre cannot end where it starts (\"A\")"},
      {[](NetworkSpec& s) { s.fibers[0].type = FiberType::kCustom; },
       "net.json: /fibers/AB/us_per_km: a custom fibre type needs us_per_km"},
      {[](NetworkSpec& s) { s.fibers[0].delay = MicrosecondsPerKm{3.0}; },
       "net.json: /fibers/AB/us_per_km: 3 µs/km is faster than light in vacuum (expected ≥ 3.336 "
       "µs/km)"},
      {[](NetworkSpec& s) {
         s.fibers[0].spans = {{Km{100}, {}}};
       },
       "net.json: /fibers/AB/length_km: 400 km disagrees with the sum of its spans, 100 km"},
      {[](NetworkSpec& s) {
         NodeSpec n;
         n.id = "B";
         n.where = "/nodes/0";
         s.nodes.push_back(n);
       },
       "net.json: /nodes/0/id: duplicate id \"B\" (already a site)"},
      {[](NetworkSpec& s) { s.route_factor = 0.8; },
       "net.json: /route_factor: 0.8 is not a route factor (expected ≥ 1: a fibre route is never "
       "shorter than "
       "the great circle)"},
  };
  for (const auto& c : cases) {
    NetworkSpec spec = base();
    c.mutate(spec);
    EXPECT_EQ(error_of(std::move(spec)), c.expected);
  }
}

TEST(BuildNetwork, DisconnectedPartsAreAWarning) {
  NetworkSpec spec = base();
  spec.sites.push_back(site("C"));
  auto r = build_network(std::move(spec));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->warnings().size(), 1u);
  EXPECT_EQ(r->warnings()[0],
            "net.json: the network has 2 disconnected parts; not reachable from \"A\": C");
}

TEST(BuildNetwork, ARouteFactorBesideAStatedLengthIsAWarning) {
  NetworkSpec spec = base();
  spec.fibers[0].route_factor = 1.3;
  auto r = build_network(std::move(spec));
  ASSERT_TRUE(r);
  EXPECT_DOUBLE_EQ(r->fiber(0).length.value(), 400.0);  // the stated length, not scaled
  ASSERT_EQ(r->warnings().size(), 1u);
  EXPECT_EQ(r->warnings()[0],
            "net.json: /fibers/AB/route_factor: ignored, the fibre states its length");
}

TEST(BuildNetwork, ModesOrderedByRateThenWidth) {
  NetworkSpec spec = base();
  auto mode = [](std::string name, double rate, double width) {
    TransceiverMode m;
    m.name = name;
    m.bit_rate = Gbps{rate};
    m.channel_width = GHz{width};
    m.reach = Km{100};
    m.where = "/transceivers/0/modes/" + name;
    return m;
  };
  spec.modes = {mode("a", 100, 50), mode("b", 400, 75), mode("c", 400, 62.5)};
  auto r = build_network(spec);
  ASSERT_TRUE(r);
  const auto& order = r->catalogue().by_rate_desc();
  EXPECT_EQ(r->catalogue().mode(order[0]).name, "c");
  EXPECT_EQ(r->catalogue().mode(order[1]).name, "b");
  EXPECT_EQ(r->catalogue().mode(order[2]).name, "a");
  spec.modes.push_back(mode("a", 200, 50));
  EXPECT_EQ(error_of(spec), "net.json: /transceivers/0/modes/a/name: duplicate mode name \"a\"");
  spec.modes.back() = mode("d", 200, 40);
  EXPECT_EQ(error_of(spec),
            "net.json: /transceivers/0/modes/d/width_ghz: 40 GHz is not a multiple of 12.5 GHz "
            "(G.694.1 flex grid)");
}

}  // namespace
}  // namespace lightmesh
