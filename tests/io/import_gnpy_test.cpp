// GNPy topology importer: a hand-made two-site fixture whose spans, losses and amplifiers are
// worked out by hand, smaller cases inline, bad input with exact messages, and a round trip through
// the native writer.
#include <gtest/gtest.h>

#include "gnpy_text.h"
#include "io/import.h"
#include "io/load.h"
#include "io/native_writer.h"
#include "network_equal.h"

namespace lightmesh {
namespace {

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/io/fixtures/import/" + name;
}

Result<io::ImportResult> import_text(const std::string& text) {
  return io::import_network(text, "t.json", io::ImportFormat::kGnpy, {});
}

using namespace gnpy_text;

TEST(ImportGnpy, TwoRoadmSitesWithATwoSpanLineBothWays) {
  const std::string path = fixture("gnpy_two_sites.json");
  auto r = io::import_network_file(path, io::ImportFormat::kGnpy, {});
  ASSERT_TRUE(r) << r.error().to_string();
  const std::vector<std::string> warnings = r->warnings;
  auto built = build_network(std::move(r->spec));
  ASSERT_TRUE(built) << built.error().to_string();
  const Network& net = *built;
  EXPECT_EQ(net.name(), "two sites");  // network_name

  // A transceiver patched to a ROADM makes one site with the ROADM's uid, named after the
  // transceiver; a lone transceiver is a site named after its city; a ROADM without a transceiver
  // is a plain ROADM node.
  ASSERT_EQ(net.sites().size(), 3u);
  EXPECT_EQ(net.site(0).id, "roadm Alpha");
  EXPECT_EQ(net.site(0).name, "trx Alpha");
  ASSERT_TRUE(net.site(0).position.has_value());
  EXPECT_DOUBLE_EQ(net.site(0).position->lat, 45.0);
  EXPECT_EQ(net.site(1).id, "roadm Beta");
  EXPECT_EQ(net.site(2).id, "trx Gamma");
  EXPECT_EQ(net.site(2).name, "Gamma");
  EXPECT_EQ(net.find_site("trx Alpha"), kNoIndex);
  ASSERT_NE(net.find_node("roadm Mid"), kNoIndex);
  EXPECT_EQ(net.node(net.find_node("roadm Mid")).site, kNoIndex);
  EXPECT_EQ(net.node(net.find_node("roadm Mid")).kind, NodeKind::kRoadm);

  // Alpha → Beta: booster, 80 km, inline EDFA, 60,000 m, Fused (1 dB), ROADM. The reverse is
  // 60 km, Fused, 80 km, preamp: the same 140 km, so the two pair without a warning.
  ASSERT_EQ(net.fibers().size(), 3u);
  const Fiber& ab = net.fiber(0);
  EXPECT_EQ(ab.id, "fiber (Alpha → Beta)-1");  // the first direction's first Fiber
  EXPECT_EQ(net.node(ab.a).id, "roadm Alpha");
  EXPECT_EQ(net.node(ab.b).id, "roadm Beta");
  EXPECT_DOUBLE_EQ(ab.length.value(), 140.0);
  ASSERT_EQ(ab.spans.size(), 2u);
  EXPECT_DOUBLE_EQ(ab.spans[0].length.value(), 80.0);
  EXPECT_DOUBLE_EQ(ab.spans[1].length.value(), 60.0);  // 60,000 m
  // Loss = loss_coef × length + con_in + con_out: 0.2 × 80 + 0.5 + 0.5 = 17 dB; 0.25 × 60 with
  // null connectors = 15 dB, plus the Fused joint's 1 dB after it = 16 dB.
  ASSERT_TRUE(ab.spans[0].loss && ab.spans[1].loss);
  EXPECT_NEAR(ab.spans[0].loss->value(), 17.0, 1e-12);
  EXPECT_NEAR(ab.spans[1].loss->value(), 16.0, 1e-12);
  // Only the EDFA between the two spans is inline; the booster and preamp belong to the ROADMs.
  EXPECT_EQ(ab.amplifiers, 1u);
  EXPECT_TRUE(ab.amplifiers_stated);

  const Fiber& bm = net.fiber(1);
  EXPECT_EQ(bm.id, "fiber (Beta → Mid)");
  EXPECT_DOUBLE_EQ(bm.length.value(), 30.0);  // the first direction wins over Mid → Beta's 31 km
  EXPECT_EQ(bm.amplifiers, 0u);
  EXPECT_FALSE(bm.spans[0].loss.has_value());  // no loss_coef: no loss figure

  const Fiber& mg = net.fiber(2);
  EXPECT_EQ(mg.id, "fiber (Mid → Gamma)");
  EXPECT_EQ(net.node(mg.b).id, "trx Gamma");
  EXPECT_DOUBLE_EQ(mg.length.value(), 20.0);  // length_units defaults to km

  const std::vector<std::string> expected = {
      path +
          ": /elements/16: the line \"roadm Beta\" → \"roadm Mid\" is 30 km but \"roadm Mid\" "
          "→ \"roadm Beta\" is 31 km; the fibre keeps the first",
      path +
          ": /elements/17: the line \"roadm Mid\" → \"trx Gamma\" has no line back; it "
          "becomes a duplex fibre",
  };
  EXPECT_EQ(warnings, expected);

  const std::string text = io::write_native_json(net);
  auto again = io::load_network_text(text, "imported.json");
  ASSERT_TRUE(again) << again.error().to_string();
  testing::expect_same_network(net, *again);
  EXPECT_NEAR(again->fiber(0).spans[1].loss->value(), 16.0, 1e-12);
}

TEST(ImportGnpy, PointToPointTransceiversWithoutRoadms) {
  // GNPy's single-span example layout: transceiver, one fibre, one amplifier, transceiver, in one
  // direction only.
  auto r = import_text(
      gnpy(element("Site_A", "Transceiver") + ", " +
               element("Span1", "Fiber", R"("params": {"length": 80, "loss_coef": 0.2})") + ", " +
               element("Edfa1", "Edfa") + ", " + element("Site_B", "Transceiver"),
           chain({"Site_A", "Span1", "Edfa1", "Site_B"})));
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->spec.sites.size(), 2u);
  EXPECT_EQ(r->spec.sites[0].id, "Site_A");
  ASSERT_EQ(r->spec.fibers.size(), 1u);
  EXPECT_EQ(r->spec.fibers[0].id, "Span1");
  EXPECT_EQ(r->spec.fibers[0].amplifiers, 0u);  // the EDFA is a preamp, after the last span
  EXPECT_NEAR(r->spec.fibers[0].spans[0].loss->value(), 16.0, 1e-12);  // 0.2 × 80
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "t.json: /elements/1: the line \"Site_A\" → \"Site_B\" has no line back; it becomes "
            "a duplex fibre");
  EXPECT_TRUE(build_network(std::move(r->spec)));
}

TEST(ImportGnpy, SeveralTransceiversOnOneRoadmShareItsSite) {
  auto r =
      import_text(gnpy(element("trx A1", "Transceiver") + ", " + element("trx A2", "Transceiver") +
                           ", " + element("roadm A", "Roadm") + ", " + element("roadm B", "Roadm") +
                           ", " + element("trx B", "Transceiver"),
                       link("trx A1", "roadm A") + ", " + link("roadm A", "trx A2") + ", " +
                           link("trx B", "roadm B") + ", " + link("trx B", "roadm A")));
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->spec.sites.size(), 1u);
  EXPECT_EQ(r->spec.sites[0].id, "roadm A");
  EXPECT_EQ(r->spec.sites[0].name, "trx A1, trx A2, trx B");
  // "trx B" is patched to roadm A (earlier in the file) and roadm B; roadm B stays a plain node.
  ASSERT_EQ(r->spec.nodes.size(), 1u);
  EXPECT_EQ(r->spec.nodes[0].id, "roadm B");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "t.json: /elements/4: the transceiver \"trx B\" is patched to 2 ROADMs; it belongs to "
            "the site \"roadm A\" (the first in the file)");
}

TEST(ImportGnpy, OtherElementKindsDefaultsAndOddLines) {
  // RamanFiber counts as a span and Multiband_amplifier as an amplifier; a Fiber without params
  // takes GNPy's default 80 km; a frequency-dependent loss_coef gives no single loss figure; a
  // 0 km Fiber is a patch joint; a ROADM wired straight to a ROADM is a 0 km fibre; an element on
  // no line is ignored.
  const std::string elements =
      element("trx A", "Transceiver") + ", " + element("roadm A", "Roadm") + ", " +
      element("trx B", "Transceiver") + ", " + element("roadm B", "Roadm") + ", " +
      element(
          "raman", "RamanFiber",
          R"("params": {"length": 50, "loss_coef": {"value": [0.18, 0.2], "frequency": [191e12, 196e12]}})") +
      ", " + element("mb", "Multiband_amplifier") + ", " + element("plain", "Fiber") + ", " +
      element("patch", "Fiber", R"("params": {"length": 0})") + ", " + element("stray", "Edfa") +
      ", " + element("stray 2", "Fused");
  const std::string connections =
      link("trx A", "roadm A") + ", " + link("trx B", "roadm B") + ", " +
      chain({"roadm A", "raman", "mb", "plain", "patch", "roadm B"}) + ", " +
      link("roadm B", "roadm A") + ", " + link("stray", "stray 2");
  auto r = import_text(gnpy(elements, connections));
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->spec.fibers.size(), 1u);
  const FiberSpec& f = r->spec.fibers[0];
  EXPECT_EQ(f.id, "raman");
  ASSERT_EQ(f.spans.size(), 2u);
  EXPECT_EQ(f.spans[0].length.value(), 50.0);
  EXPECT_FALSE(f.spans[0].loss.has_value());
  EXPECT_EQ(f.spans[1].length.value(), 80.0);
  EXPECT_EQ(f.amplifiers, 1u);
  const std::vector<std::string> expected = {
      "t.json: /elements/6: the Fiber \"plain\" has no params; GNPy's default length of 80 km is "
      "used",
      "t.json: /elements/7: the Fiber \"patch\" is 0 km long; it is read as a joint",
      // roadm B → roadm A pairs with the 130 km line the other way.
      "t.json: /elements/3: the line \"roadm A\" → \"roadm B\" is 130 km but \"roadm B\" → "
      "\"roadm A\" is 0 km; the fibre keeps the first",
      "t.json: /elements/8: 2 line elements are not on any line from a ROADM or transceiver and "
      "are ignored (the first is \"stray\")",
  };
  EXPECT_EQ(r->warnings, expected);
  EXPECT_TRUE(build_network(std::move(r->spec)));
}

TEST(ImportGnpy, RoadmsWiredDirectlyMakeAZeroKmFibre) {
  auto r = import_text(gnpy(element("trx A", "Transceiver") + ", " + element("roadm A", "Roadm") +
                                ", " + element("roadm B", "Roadm"),
                            link("trx A", "roadm A") + ", " + link("roadm A", "roadm B") + ", " +
                                link("roadm B", "roadm A")));
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->spec.fibers.size(), 1u);
  EXPECT_EQ(r->spec.fibers[0].id, "roadm A-roadm B");
  EXPECT_EQ(r->spec.fibers[0].length->value(), 0.0);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "t.json: /elements/1: the line \"roadm A\" → \"roadm B\" has no Fiber of any length; "
            "it becomes a 0 km fibre");
  EXPECT_TRUE(build_network(std::move(r->spec)));
}

TEST(ImportGnpy, BadInputGivesOneLineWithThePointer) {
  const std::string trx = element("t", "Transceiver");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"elements": []})", "t.json: /elements: missing or empty \"elements\" list"},
      {R"({"elements": [{"uid": "t", "type": "Transceiver"}]})",
       "t.json: missing required field \"connections\""},
      {gnpy(element("x", "Laser"), ""),
       "t.json: /elements/0/type: unsupported element type \"Laser\" (expected Transceiver, Roadm, "
       "Fiber, RamanFiber, Edfa, Multiband_amplifier or Fused)"},
      {gnpy(R"({"type": "Roadm"})", ""), "t.json: /elements/0: missing required field \"uid\""},
      {gnpy(element("", "Roadm"), ""), "t.json: /elements/0/uid: an element needs a non-empty uid"},
      {gnpy(trx + ", " + trx, ""),
       "t.json: /elements/1/uid: duplicate uid \"t\" (also /elements/0)"},
      {gnpy(element("f", "Fiber", R"("params": {"length": 3, "length_units": "mi"})"), ""),
       "t.json: /elements/0/params/length_units: unknown length unit \"mi\" (expected km or m)"},
      {gnpy(element("f", "Fiber", R"("params": {"length": -3})"), ""),
       "t.json: /elements/0/params/length: -3 is not a non-negative length"},
      {gnpy(element("f", "Fiber", R"("params": {"length": 3, "loss_coef": "low"})"), ""),
       "t.json: /elements/0/params/loss_coef: \"low\" is not a number (expected 0 ≤ x ≤ 10 "
       "dB/km)"},
      {gnpy(element("t", "Transceiver",
                    R"("metadata": {"location": {"latitude": 95, "longitude": 0}})"),
            ""),
       "t.json: /elements/0/metadata/location/latitude: 95 is out of range (expected −90 ≤ x "
       "≤ 90 degrees)"},
      {gnpy(trx, link("t", "u")), "t.json: /connections/0/to_node: unknown element \"u\""},
      {gnpy(trx, link("t", "t")), "t.json: /connections/0: \"t\" is connected to itself"},
      {gnpy(element("r", "Roadm"), ""),
       "t.json: /elements: no Transceiver elements, so no sites (lightmesh sites are where "
       "transceivers are; expected at least one)"},
      {gnpy(trx + ", " + element("f", "Fiber"), link("t", "f")),
       "t.json: /elements/1: the line ends at \"f\" without reaching a ROADM or transceiver"},
      {gnpy(trx + ", " + element("f", "Fiber") + ", " + element("g", "Fiber") + ", " +
                element("h", "Fiber"),
            link("t", "f") + ", " + link("f", "g") + ", " + link("f", "h")),
       "t.json: /elements/1: \"f\" connects to 2 elements (a line element leads to one)"},
      {gnpy(trx + ", " + element("f", "Fiber") + ", " + element("g", "Fiber"),
            link("t", "f") + ", " + link("f", "g") + ", " + link("g", "f")),
       "t.json: /elements/1: \"f\" has 2 incoming connections (a line element has one)"},
  };
  for (const auto& [text, expected] : cases) {
    auto r = import_text(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().to_string(), expected);
  }
  auto unsupported = import_text(gnpy(element("x", "Coupler"), ""));
  ASSERT_FALSE(unsupported);
  EXPECT_EQ(unsupported.error().code(), ErrorCode::kUnsupported);
}

TEST(ImportGnpy, ARepeatedConnectionIsReadOnce) {
  auto r = import_text(gnpy(element("a", "Transceiver") + ", " + element("f", "Fiber") + ", " +
                                element("b", "Transceiver"),
                            link("a", "f") + ", " + link("a", "f") + ", " + link("f", "b")));
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->spec.fibers.size(), 1u);
  ASSERT_EQ(r->warnings.size(), 3u);  // also: f's default length, and no line back
  EXPECT_EQ(r->warnings[1],
            "t.json: /connections/1: the connection \"a\" → \"f\" repeats; it is read once");
}

}  // namespace
}  // namespace lightmesh
