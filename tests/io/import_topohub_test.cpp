// TopoHub / NetworkX node-link importer: hand-made fixtures whose lengths are worked out by hand,
// bad input with exact messages, and round trips through the native writer.
#include <gtest/gtest.h>

#include <cmath>

#include "io/import.h"
#include "io/load.h"
#include "io/native_writer.h"
#include "network_equal.h"

namespace lightmesh {
namespace {

// 1° of arc on the sphere core/geo.h uses (IUGG mean radius 6371.0088 km): R·π/180.
const double kDegreeKm = 6371.0088 * std::acos(-1.0) / 180.0;

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/io/fixtures/import/" + name;
}

// Imports and builds; records a test failure and returns false on any error.
bool import_and_build(const std::string& path, double route_factor, Network* net,
                      std::vector<std::string>* warnings) {
  auto r = io::import_network_file(path, io::ImportFormat::kTopohub, {route_factor});
  EXPECT_TRUE(r) << r.error().to_string();
  if (!r) return false;
  *warnings = r->warnings;
  auto built = build_network(std::move(r->spec));
  EXPECT_TRUE(built) << built.error().to_string();
  if (!built) return false;
  *net = std::move(*built);
  return true;
}

Result<io::ImportResult> import_text(const std::string& text, double route_factor = 1.0) {
  return io::import_network(text, "t.json", io::ImportFormat::kTopohub, {route_factor});
}

// import → build → native JSON → load gives the same network.
void expect_native_round_trip(const Network& net) {
  const std::string text = io::write_native_json(net);
  auto again = io::load_network_text(text, "imported.json");
  ASSERT_TRUE(again) << again.error().to_string();
  testing::expect_same_network(net, *again);
}

double length_of(const Network& net, const std::string& fiber) {
  const FiberIndex f = net.find_fiber(fiber);
  EXPECT_NE(f, kNoIndex) << fiber;
  return f == kNoIndex ? -1 : net.fiber(f).length.value();
}

TEST(ImportTopohub, RepeatedNamesZeroDistMultiEdgesAndRouteFactor) {
  Network net;
  std::vector<std::string> warnings;
  const std::string path = fixture("topohub_four.json");
  ASSERT_TRUE(import_and_build(path, 1.25, &net, &warnings));
  EXPECT_EQ(net.name(), "four");  // graph.name; graph.demands is ignored

  // Every node is a site; the repeated name "Bree" becomes name#id on both nodes and stays the
  // site's name.
  ASSERT_EQ(net.sites().size(), 4u);
  EXPECT_EQ(net.site(0).id, "Alba");
  EXPECT_EQ(net.site(1).id, "Bree#1");
  EXPECT_EQ(net.site(1).name, "Bree");
  EXPECT_EQ(net.site(2).id, "Bree#2");
  EXPECT_EQ(net.site(3).id, "Cora");
  ASSERT_TRUE(net.site(3).position.has_value());
  EXPECT_DOUBLE_EQ(net.site(3).position->lat, 2.0);  // pos is [lon, lat]
  EXPECT_DOUBLE_EQ(net.site(3).position->lon, 1.0);

  ASSERT_EQ(net.fibers().size(), 5u);
  // dist wins and is scaled: 111.2 km × 1.25 = 139 km.
  EXPECT_NEAR(length_of(net, "Alba-Bree#1"), 139.0, 1e-9);
  // dist 0 between co-located nodes is kept as a 0 km fibre.
  EXPECT_EQ(length_of(net, "Bree#1-Bree#2"), 0.0);
  // No dist: the great circle from (0°, 1°E) to (2°N, 1°E) is 2° of a meridian, × 1.25.
  EXPECT_NEAR(length_of(net, "Bree#2-Cora"), 2 * kDegreeKm * 1.25, 1e-6);
  EXPECT_TRUE(net.fiber(net.find_fiber("Bree#2-Cora")).length_from_coordinates);
  // Parallel links keep distinct ids: 250 × 1.25 and 260 × 1.25.
  EXPECT_NEAR(length_of(net, "Alba-Cora"), 312.5, 1e-9);
  EXPECT_NEAR(length_of(net, "Alba-Cora#2"), 325.0, 1e-9);

  const std::vector<std::string> expected = {
      path + ": /nodes/1: the name \"Bree\" repeats; the node becomes \"Bree#1\"",
      path + ": /nodes/2: the name \"Bree\" repeats; the node becomes \"Bree#2\"",
      path +
          ": /edges/1: \"Bree#1\" and \"Bree#2\" are co-located (dist 0); the fibre is kept "
          "with length 0",
  };
  EXPECT_EQ(warnings, expected);
  expect_native_round_trip(net);
}

TEST(ImportTopohub, DirectedLinksPairIntoDuplexFibres) {
  Network net;
  std::vector<std::string> warnings;
  const std::string path = fixture("xlron_directed.json");
  ASSERT_TRUE(import_and_build(path, 1.2, &net, &warnings));
  // 7 directed links: WA⇄CA, CA⇄UT, WA⇄UT in pairs, UT→CO alone: 4 duplex fibres.
  ASSERT_EQ(net.fibers().size(), 4u);
  // XLRON's `distance` is a fibre length already, so the route factor leaves it alone.
  EXPECT_EQ(length_of(net, "WA-CA"), 1050.0);
  EXPECT_EQ(length_of(net, "CA-UT"), 1000.0);  // the first direction's length
  EXPECT_EQ(length_of(net, "WA-UT"), 1500.0);
  EXPECT_EQ(length_of(net, "UT-CO"), 600.0);
  // `longitude` / `latitude` fields give the position.
  const Site& ut = net.site(net.find_site("UT"));
  ASSERT_TRUE(ut.position.has_value());
  EXPECT_DOUBLE_EQ(ut.position->lat, 40.76);
  EXPECT_DOUBLE_EQ(ut.position->lon, -111.89);

  const std::vector<std::string> expected = {
      path +
          ": /links/4: \"CA\" → \"UT\" is 1000 km but \"UT\" → \"CA\" is 1010 km; the fibre "
          "keeps the first",
      path +
          ": /links/6: the directed link \"UT\" → \"CO\" has no reverse link; it becomes a "
          "duplex fibre",
      path +
          ": the route factor 1.2 does not apply to the 4 links whose \"distance\" or "
          "\"length_km\" states a fibre length",
  };
  EXPECT_EQ(warnings, expected);
  expect_native_round_trip(net);
}

TEST(ImportTopohub, GabrielFilesArePlanarInKm) {
  Network net;
  std::vector<std::string> warnings;
  // Every position here would also be a valid [lon, lat]: only the gabriel_ file name makes the
  // graph planar.
  ASSERT_TRUE(import_and_build(fixture("gabriel_tiny.json"), 1.0, &net, &warnings));
  // (0,0)–(30,40): 50 km by Pythagoras; (30,40)–(30,0): 40 km; dist still wins: 31.5, not 30.
  EXPECT_DOUBLE_EQ(length_of(net, "R0-R1"), 50.0);
  EXPECT_DOUBLE_EQ(length_of(net, "R1-R2"), 40.0);
  EXPECT_DOUBLE_EQ(length_of(net, "R2-R0"), 31.5);
  for (const Site& s : net.sites()) EXPECT_FALSE(s.position.has_value()) << s.id;
  EXPECT_TRUE(warnings.empty());
  expect_native_round_trip(net);
}

TEST(ImportTopohub, OffGlobePositionsMakeTheGraphPlanarWithAWarning) {
  auto r = import_text(R"({"nodes": [{"id": 0, "pos": [0, 0]}, {"id": 1, "pos": [300, 400]}],
                           "edges": [{"source": 0, "target": 1}]})",
                       2.0);
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->spec.fibers.size(), 1u);
  EXPECT_DOUBLE_EQ(r->spec.fibers[0].length->value(), 1000.0);  // 500 km (3-4-5) × 2
  EXPECT_EQ(r->spec.fibers[0].id, "0-1");                       // ids from `id` without a name
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "t.json: /nodes/1: [300, 400] is not a longitude/latitude, so all positions are read "
            "as planar coordinates in km");
}

TEST(ImportTopohub, GraphSyntheticFlagOverridesTheFileName) {
  const std::string nodes = R"("nodes": [{"id": "a", "pos": [0, 0]}, {"id": "b", "pos": [3, 4]}],
                               "edges": [{"source": "a", "target": "b"}])";
  auto planar = import_text(R"({"graph": {"synthetic": true}, )" + nodes + "}");
  ASSERT_TRUE(planar) << planar.error().to_string();
  EXPECT_DOUBLE_EQ(planar->spec.fibers[0].length->value(), 5.0);
  auto geographic = io::import_network(R"({"graph": {"synthetic": false}, )" + nodes + "}",
                                       "gabriel_x.json", io::ImportFormat::kTopohub, {});
  ASSERT_TRUE(geographic) << geographic.error().to_string();
  EXPECT_FALSE(geographic->spec.fibers[0].length.has_value());  // great circle, by build_network
  EXPECT_EQ(geographic->spec.fibers[0].route_factor, 1.0);
}

TEST(ImportTopohub, IntegerAndStringIdsMatchAndLinksMayBeCalledLinks) {
  // NetworkX writes 3 for an integer id; a link may name it "3". Reference files use lon/lat and
  // length_km.
  auto r = import_text(R"({"name": "ref", "nodes": [{"id": 3, "lon": 0, "lat": 0},
                                                    {"id": "4", "lon": 1, "lat": 0}],
                           "links": [{"source": "3", "target": 4, "length_km": 120}]})");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->spec.name, "ref");
  ASSERT_EQ(r->spec.fibers.size(), 1u);
  EXPECT_EQ(r->spec.fibers[0].id, "3-4");
  EXPECT_EQ(r->spec.fibers[0].length->value(), 120.0);
  ASSERT_TRUE(r->spec.sites[1].position.has_value());
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ImportTopohub, SelfLoopsAreSkippedWithAWarning) {
  auto r = import_text(R"({"nodes": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}],
                           "edges": [{"source": 1, "target": 1, "dist": 3},
                                     {"source": 1, "target": 2, "dist": 5}]})");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->spec.fibers.size(), 1u);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0], "t.json: /edges/0: a link from \"A\" to itself is skipped");
}

TEST(ImportTopohub, BadInputGivesOneLineWithThePointer) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"nodes": []})", "t.json: /nodes: missing or empty \"nodes\" list"},
      {R"([1, 2])", "t.json: a list is not an object (expected {…})"},
      {R"({"nodes": [{"id": 1}]})", "t.json: missing \"edges\" or \"links\" list"},
      {R"({"nodes": [{"id": 1}], "edges": [{"source": 1, "target": 9}]})",
       "t.json: /edges/0/target: unknown node 9"},
      {R"({"nodes": [{"id": 1}], "edges": [{"target": 1}]})",
       "t.json: /edges/0: missing required field \"source\""},
      {R"({"nodes": [{"id": 1}, {"id": 2}], "edges": [{"source": 1, "target": 2, "dist": -4}]})",
       "t.json: /edges/0/dist: -4 is not a non-negative distance in km"},
      {R"({"nodes": [{"id": 1}, {"id": 2}], "edges": [{"source": 1, "target": 2, "dist": "far"}]})",
       "t.json: /edges/0/dist: \"far\" is not a number (expected a non-negative distance in km)"},
      {R"({"nodes": [{"id": 1}, {"id": 2}], "edges": [{"source": 1, "target": 2}]})",
       "t.json: /edges/0: no \"dist\" and no coordinates on both ends to derive a length from"},
      {R"({"nodes": [{"id": 1, "pos": "here"}], "edges": []})",
       "t.json: /nodes/0/pos: \"here\" is not a position (expected [longitude, latitude])"},
      {R"({"nodes": [{"id": 1, "longitude": 3}], "edges": []})",
       "t.json: /nodes/0: \"longitude\" given without \"latitude\" (expected both or neither)"},
      {R"({"nodes": [{"id": 1}, {"id": 1}], "edges": []})",
       "t.json: /nodes/1/id: duplicate node id 1 (also /nodes/0)"},
      {R"({"nodes": [{"id": 1.5}], "edges": []})",
       "t.json: /nodes/0/id: 1.5 is not a node id (expected a string or an integer)"},
      {R"({"nodes": [{"pos": [0, 0]}], "edges": []})",
       "t.json: /nodes/0: a node needs a non-empty \"id\" or \"name\""},
      {R"({"nodes": [{"id": 1, "name": "P"}, {"id": 2, "name": "P"}, {"id": 3, "name": "P#1"}],
           "edges": []})",
       "t.json: /nodes/2: the id \"P#1\" is already taken by another node (after repeated names "
       "became name#id)"},
      {R"({"graph": {"synthetic": false}, "nodes": [{"id": 0, "pos": [300, 400]}], "edges": []})",
       "t.json: /nodes/0: [300, 400] is not a [longitude, latitude] position"},
      {R"({"directed": "yes", "nodes": [{"id": 0}], "edges": []})",
       "t.json: /directed: \"yes\" is not true or false"},
  };
  for (const auto& [text, expected] : cases) {
    auto r = import_text(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().to_string(), expected);
  }
}

}  // namespace
}  // namespace lightmesh
