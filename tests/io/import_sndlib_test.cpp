// SNDlib native-format importer: a hand-made fixture on the equator and a meridian, whose great
// circles are worked out by hand, bad input with exact line numbers, and a round trip through the
// native writer.
#include <gtest/gtest.h>

#include <cmath>

#include "io/import.h"
#include "io/load.h"
#include "io/native_writer.h"
#include "network_equal.h"

namespace lightmesh {
namespace {

const double kPi = std::acos(-1.0);
// 1° of arc on the sphere core/geo.h uses (IUGG mean radius 6371.0088 km): R·π/180.
const double kDegreeKm = 6371.0088 * kPi / 180.0;

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/io/fixtures/import/" + name;
}

Result<io::ImportResult> import_text(const std::string& text) {
  return io::import_network(text, "t.txt", io::ImportFormat::kSndlib, {});
}

TEST(ImportSndlib, NodesLinksAndGreatCircleLengths) {
  const std::string path = fixture("tiny.sndlib.txt");
  auto r = io::import_network_file(path, io::ImportFormat::kSndlib, {1.4});
  ASSERT_TRUE(r) << r.error().to_string();
  const std::vector<std::string> warnings = r->warnings;
  auto built = build_network(std::move(r->spec));
  ASSERT_TRUE(built) << built.error().to_string();
  const Network& net = *built;
  EXPECT_EQ(net.name(), "tiny-equator");  // from the "# network" comment

  ASSERT_EQ(net.sites().size(), 4u);
  EXPECT_EQ(net.site(2).id, "Cora");
  ASSERT_TRUE(net.site(2).position.has_value());
  EXPECT_DOUBLE_EQ(net.site(2).position->lon, 1.0);  // ( lon lat )
  EXPECT_DOUBLE_EQ(net.site(2).position->lat, 2.0);

  // Capacities, costs and module lists are skipped; DEMANDS and ADMISSIBLE_PATHS too.
  ASSERT_EQ(net.fibers().size(), 4u);
  auto length = [&](const char* id) { return net.fiber(net.find_fiber(id)).length.value(); };
  // L1: 1° along the equator; L2: 2° along the 1°E meridian; both × 1.4.
  EXPECT_NEAR(length("L1"), kDegreeKm * 1.4, 1e-6);
  EXPECT_NEAR(length("L2"), 2 * kDegreeKm * 1.4, 1e-6);
  // L3 joins two nodes at the same place.
  EXPECT_EQ(length("L3"), 0.0);
  // L4, written over three lines: (0°N, 0°E)–(2°N, 1°E); the spherical law of cosines with one
  // end on the equator gives cos c = cos 2° · cos 1°.
  const double c = std::acos(std::cos(2 * kPi / 180) * std::cos(1 * kPi / 180));
  EXPECT_NEAR(length("L4"), 6371.0088 * c * 1.4, 1e-4);
  const Fiber& l4 = net.fiber(net.find_fiber("L4"));
  EXPECT_EQ(net.node(l4.a).id, "Alba");
  EXPECT_EQ(net.node(l4.b).id, "Cora");
  EXPECT_TRUE(l4.length_from_coordinates);
  EXPECT_EQ(l4.route_factor, 1.4);

  const std::vector<std::string> expected = {
      path +
          ": line 30: \"Cora\" and \"Cora2\" are co-located; the link \"L3\" is kept as a "
          "fibre of length 0",
  };
  EXPECT_EQ(warnings, expected);

  const std::string text = io::write_native_json(net);
  auto again = io::load_network_text(text, "imported.json");
  ASSERT_TRUE(again) << again.error().to_string();
  testing::expect_same_network(net, *again);
}

TEST(ImportSndlib, OptionalCoordinatesAndLooseLayout) {
  // Node coordinates are optional in the format (a node without them may stand alone), parentheses
  // need no spaces, and a link may omit its capacities and module list.
  auto r = import_text("NODES (A(0 0) B ( 0 1 ) Lonely)\nLINKS (L1 (A B) L2 ( B A ) 1 2 3 4 ())\n");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->spec.sites.size(), 3u);
  EXPECT_FALSE(r->spec.sites[2].position.has_value());
  ASSERT_EQ(r->spec.fibers.size(), 2u);
  EXPECT_EQ(r->spec.fibers[1].id, "L2");
  EXPECT_EQ(r->spec.fibers[1].a, "B");
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ImportSndlib, SelfLoopsAreSkippedWithAWarning) {
  auto r =
      import_text("NODES (\n A ( 0 0 )\n B ( 1 0 )\n)\nLINKS (\n L1 ( A A )\n L2 ( A B )\n)\n");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->spec.fibers.size(), 1u);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0], "t.txt: line 6: the link \"L1\" from \"A\" to itself is skipped");
}

TEST(ImportSndlib, BadInputNamesTheLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"NODES (\n  A ( 0 0 )\n)\nLINKS (\n  L1 ( A B ) 0 0 0 0 ( )\n)\n",
       "t.txt: line 5: unknown node \"B\""},
      {"NODES (\n  A ( zero 0 )\n)\n",
       "t.txt: line 2: \"zero\" is not a number (expected a longitude)"},
      {"NODES (\n  A ( 0 95 )\n)\n",
       "t.txt: line 2: 95 is not a latitude (expected −90…90 degrees)"},
      {"NODES (\n  A ( 181 0 )\n)\n",
       "t.txt: line 2: 181 is not a longitude (expected −180…180 degrees)"},
      {"just words", "t.txt: line 1: \"words\" found where \"(\" was expected"},
      {"", "t.txt: line 1: no NODES section (expected the SNDlib native format)"},
      {"NODES ( )", "t.txt: line 1: the NODES section lists no nodes"},
      {"NODES (\n  A ( 0 0 )\n  A ( 1 1 )\n)\n",
       "t.txt: line 3: duplicate node \"A\" (also line 2)"},
      {"NODES (\n A ( 0 0 )\n B ( 1 1 )\n)\nLINKS (\n L ( A B )\n L ( B A )\n)\n",
       "t.txt: line 7: duplicate link \"L\" (also line 6)"},
      {"NODES (\n  A ( 0 0 )\n", "t.txt: line 1: the NODES section is not closed (expected \")\")"},
      {"NODES (\n  A ( 1", "t.txt: line 2: the file ends in a node (expected a latitude)"},
      {"NODES ( A ( 0 0 ) )\nDEMANDS (\n D1 ( A A ) 1 2 UNLIMITED\n",
       "t.txt: line 2: the DEMANDS section is not closed (expected \")\")"},
      {"NODES ( A ( 0 0 ) B ( 1 1 ) )\nLINKS (\n L1 ( A B ) 0 0 0 0 ( 40 1\n",
       "t.txt: line 3: the module list of link \"L1\" is not closed"},
      {"NODES (\n A ( 0 0 )\n B\n)\nLINKS (\n L1 ( A B )\n)\n",
       "t.txt: line 6: the node \"B\" has no coordinates (line 3), so the link's length cannot be "
       "derived"},
      {"NODES (\n A ( 0 0 )\n)\nLINKS (\n L1 ( A )\n)\n",
       "t.txt: line 5: \")\" found where the link's second node was expected"},
      {"NODES (\n A\x01 ( 0 0 )\n)\n", "t.txt: line 2: control byte 0x01 (expected plain text)"},
      {"NODES (\n Z\xfcrich ( 8.5 47.4 )\n)\n",
       "t.txt: line 2: text that is not valid UTF-8 (expected UTF-8)"},
      {"NODES ( " + std::string(60, 'x') + " ( 0 0 ) )\nLINKS ( L ( " + std::string(60, 'y') +
           " A ) )",
       "t.txt: line 2: unknown node \"" + std::string(40, 'y') + "…\""},
  };
  for (const auto& [text, expected] : cases) {
    auto r = import_text(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().to_string(), expected);
  }
}

TEST(ImportCommon, FormatNamesRouteFactorAndMissingFiles) {
  EXPECT_EQ(*io::parse_import_format("gnpy"), io::ImportFormat::kGnpy);
  EXPECT_EQ(*io::parse_import_format("topohub"), io::ImportFormat::kTopohub);
  EXPECT_EQ(*io::parse_import_format("sndlib"), io::ImportFormat::kSndlib);
  auto bad = io::parse_import_format("xml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().to_string(), "unknown format \"xml\" (expected gnpy, topohub or sndlib)");

  // A fibre route is never shorter than the great circle (docs/sources.md §1), so factors below 1
  // are refused before reading.
  auto low = io::import_network("NODES ( A ( 0 0 ) )", "t.txt", io::ImportFormat::kSndlib, {0.5});
  ASSERT_FALSE(low);
  EXPECT_EQ(low.error().to_string(),
            "t.txt: route_factor: 0.5 is not a route factor (expected 1…10: a fibre route is "
            "never shorter than the great circle)");

  auto missing =
      io::import_network_file(fixture("no-such-file.txt"), io::ImportFormat::kSndlib, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(
      missing.error().to_string().rfind(fixture("no-such-file.txt") + ": cannot open file", 0), 0u)
      << missing.error().to_string();

  // The imported spec carries the built-in catalogue, so it plans like a native file.
  auto ok = io::import_network("NODES ( A ( 0 0 ) )", "t.txt", io::ImportFormat::kSndlib, {});
  ASSERT_TRUE(ok) << ok.error().to_string();
  EXPECT_FALSE(ok->spec.modes.empty());
}

}  // namespace
}  // namespace lightmesh
