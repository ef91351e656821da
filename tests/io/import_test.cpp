// Importers: hand-made fixtures in each format, with lengths checked by hand, and round trips
// through the native writer (import → native JSON → load gives the same network).
#include "io/import.h"

#include <gtest/gtest.h>

#include "core/geo.h"
#include "io/load.h"
#include "io/native_writer.h"
#include "network_equal.h"

namespace lightmesh {
namespace {

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/io/fixtures/" + name;
}

Network import_and_build(const std::string& name, io::ImportFormat f, double route_factor = 1.0,
                         std::vector<std::string>* warnings = nullptr) {
  io::ImportOptions o;
  o.route_factor = route_factor;
  auto r = io::import_network_file(fixture(name), f, o);
  EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
  if (warnings) *warnings = r->warnings;
  auto net = build_network(std::move(r->spec));
  EXPECT_TRUE(net) << (net ? "" : net.error().to_string());
  return std::move(net).value();
}

void expect_round_trip(const Network& net) {
  auto again = io::load_network_text(io::write_native_json(net), "imported.json");
  ASSERT_TRUE(again) << again.error().to_string();
  testing::expect_same_network(net, *again);
}

TEST(ImportTopohub, NamesDistancesAndWarnings) {
  std::vector<std::string> warnings;
  const Network net =
      import_and_build("topohub_small.json", io::ImportFormat::kTopohub, 1.2, &warnings);
  // The repeated name "Paris" becomes "Paris#1" and "Paris#2".
  ASSERT_EQ(net.sites().size(), 4u);
  EXPECT_NE(net.find_site("Paris#1"), kNoIndex);
  EXPECT_NE(net.find_site("Paris#2"), kNoIndex);
  EXPECT_NE(net.find_site("London"), kNoIndex);
  // dist wins and is scaled by the route factor: 343.5 × 1.2.
  EXPECT_NEAR(net.fiber(net.find_fiber("London-Paris#1")).length.value(), 412.2, 1e-9);
  // dist 0 between co-located nodes is kept.
  EXPECT_DOUBLE_EQ(net.fiber(net.find_fiber("Paris#1-Paris#2")).length.value(), 0.0);
  // No dist: great circle × 1.2.
  const double gc = great_circle({48.8566, 2.3522}, {50.8503, 4.3517}).value();
  EXPECT_NEAR(net.fiber(net.find_fiber("Paris#2-Brussels")).length.value(), gc * 1.2, 1e-9);
  // Parallel links keep distinct ids.
  EXPECT_NEAR(net.fiber(net.find_fiber("London-Brussels")).length.value(), 384.0, 1e-9);
  EXPECT_NEAR(net.fiber(net.find_fiber("London-Brussels#2")).length.value(), 396.0, 1e-9);
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_NE(warnings[0].find("the name \"Paris\" repeats; the node becomes \"Paris#1\""),
            std::string::npos);
  EXPECT_NE(warnings[2].find("co-located (dist 0)"), std::string::npos);
  expect_round_trip(net);
}

TEST(ImportTopohub, DirectedDuplicatesPairIntoDuplexFibres) {
  const Network net = import_and_build("xlron_directed.json", io::ImportFormat::kTopohub);
  EXPECT_EQ(net.fibers().size(), 3u);  // 5 directed links: two pairs and one lone direction
  EXPECT_DOUBLE_EQ(net.fiber(net.find_fiber("WA-CA")).length.value(), 1050.0);
  EXPECT_TRUE(net.site(net.find_site("UT")).position.has_value());
  expect_round_trip(net);
}

TEST(ImportTopohub, PlanarSyntheticGraphsUseEuclideanKm) {
  const Network net = import_and_build("planar_synthetic.json", io::ImportFormat::kTopohub);
  // (0,0)–(300,400): 500 km by Pythagoras; positions are not geographic, so no lat/lon is kept.
  EXPECT_DOUBLE_EQ(net.fiber(net.find_fiber("R0-R1")).length.value(), 500.0);
  EXPECT_DOUBLE_EQ(net.fiber(net.find_fiber("R1-R2")).length.value(), 400.0);
  EXPECT_FALSE(net.site(0).position.has_value());
}

TEST(ImportSndlib, NodesLinksAndLengthsFromCoordinates) {
  const Network net = import_and_build("small.sndlib.txt", io::ImportFormat::kSndlib, 1.3);
  ASSERT_EQ(net.sites().size(), 3u);
  ASSERT_EQ(net.fibers().size(), 2u);
  const double gc = great_circle({51.5074, -0.1278}, {48.8566, 2.3522}).value();
  EXPECT_NEAR(net.fiber(net.find_fiber("L1")).length.value(), gc * 1.3, 1e-9);
  EXPECT_NEAR(net.fiber(net.find_fiber("L1")).length.value(), 343.5 * 1.3, 1.0);
  expect_round_trip(net);
}

TEST(ImportGnpy, ChainsBecomeDuplexFibresWithSpansAndInlineAmplifiers) {
  std::vector<std::string> warnings;
  const Network net = import_and_build("gnpy_small.json", io::ImportFormat::kGnpy, 1.0, &warnings);
  // trx + roadm pairs are sites named by the transceiver; the lone ROADM is a node.
  ASSERT_EQ(net.sites().size(), 2u);
  EXPECT_NE(net.find_site("trx Alpha"), kNoIndex);
  EXPECT_EQ(net.site(net.find_site("trx Alpha")).name, "roadm Alpha");
  EXPECT_NE(net.find_node("roadm Mid"), kNoIndex);
  EXPECT_EQ(net.find_site("roadm Mid"), kNoIndex);
  ASSERT_EQ(net.fibers().size(), 2u);
  // Alpha → Beta: 80 km + 60,000 m = 140 km in two spans; the EDFA between them is inline, the
  // booster and preamp are not. Loss: 0.2 dB/km × 80 + 0.5 + 0.5 = 17 dB.
  const Fiber& ab = net.fiber(net.find_fiber("fiber (Alpha → Beta)-1"));
  EXPECT_DOUBLE_EQ(ab.length.value(), 140.0);
  ASSERT_EQ(ab.spans.size(), 2u);
  EXPECT_DOUBLE_EQ(ab.spans[1].length.value(), 60.0);
  EXPECT_NEAR(ab.spans[0].loss->value(), 17.0, 1e-9);
  EXPECT_EQ(ab.amplifiers, 1u);
  EXPECT_EQ(net.node(ab.a).id, "trx Alpha");
  EXPECT_EQ(net.node(ab.b).id, "trx Beta");
  // The Beta → Alpha direction (60 + 80 km) paired with it; the difference in span order is fine,
  // the total matches, so no warning.
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_DOUBLE_EQ(net.fiber(net.find_fiber("fiber (Beta → Mid)")).length.value(), 30.0);
  expect_round_trip(net);
}

TEST(Import, BadInputGivesOneLine) {
  const std::vector<std::tuple<io::ImportFormat, std::string, std::string>> cases = {
      {io::ImportFormat::kTopohub, R"({"nodes": []})",
       "t.json: /nodes: missing or empty \"nodes\" list"},
      {io::ImportFormat::kTopohub,
       R"({"nodes": [{"id": 1}], "edges": [{"source": 1, "target": 9}]})",
       "t.json: /edges/0/target: unknown node 9"},
      {io::ImportFormat::kTopohub,
       R"({"nodes": [{"id": 1}, {"id": 2}], "edges": [{"source": 1, "target": 2, "dist": -4}]})",
       "t.json: /edges/0/dist: -4 is not a non-negative distance in km"},
      {io::ImportFormat::kTopohub, R"({"nodes": [{"id": 1}, {"id": 2}], "edges": [{"source": 1, "target": 2}]})",
       "t.json: /edges/0: no \"dist\" and no coordinates on both ends to derive a length from"},
      {io::ImportFormat::kTopohub, R"({"nodes": [{"id": 1, "pos": "here"}], "edges": []})",
       "t.json: /nodes/0/pos: \"here\" is not a position (expected [x, y])"},
      {io::ImportFormat::kSndlib, "NODES (\n  A ( 0 0 )\n)\nLINKS (\n  L1 ( A B ) 0 0 0 0 ( )\n)\n",
       "t.json: line 5: unknown node \"B\""},
      {io::ImportFormat::kSndlib, "NODES (\n  A ( zero 0 )\n)\n",
       "t.json: line 2: \"zero\" is not a number"},
      {io::ImportFormat::kSndlib, "just words",
       "t.json: line 1: \"words\" found where \"(\" was expected"},
      {io::ImportFormat::kGnpy,
       R"({"elements": [{"uid": "x", "type": "Laser"}], "connections": []})",
       "t.json: /elements/0/type: unknown element type \"Laser\" (expected Transceiver, Roadm, "
       "Fiber, RamanFiber, Edfa, Multiband_amplifier or Fused)"},
      {io::ImportFormat::kGnpy,
       R"({"elements": [{"uid": "f", "type": "Fiber", "params": {"length": 3, "length_units": "mi"}}], "connections": []})",
       "t.json: /elements/0/params/length_units: unknown length unit \"mi\" (expected km or m)"},
      {io::ImportFormat::kGnpy,
       R"({"elements": [{"uid": "t", "type": "Transceiver"}], "connections": [{"from_node": "t", "to_node": "u"}]})",
       "t.json: /connections/0/to_node: unknown element \"u\""},
  };
  for (const auto& [format, text, expected] : cases) {
    auto r = io::import_network(text, "t.json", format, io::ImportOptions{});
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().to_string(), expected);
  }
}

}  // namespace
}  // namespace lightmesh
