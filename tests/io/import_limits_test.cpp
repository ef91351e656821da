// Whatever an importer accepts builds, and the native file written from it loads again: a length
// derived from coordinates, a GNPy line's summed spans and span losses, and ids an importer
// derives are held to the ranges of a stated value (core/limits.h), and refused with the file and
// the JSON pointer (or line) that produced them. The truths are geometry worked out by hand (a
// 3-4-5 triangle, a quarter of the equator) and the table's ceilings (40,000 km, 1,000 dB, 256
// bytes).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/limits.h"
#include "gnpy_text.h"
#include "io/import.h"
#include "io/load.h"
#include "io/native_writer.h"
#include "network_equal.h"

namespace lightmesh {
namespace {

using ::testing::HasSubstr;

// 1° of arc on the sphere core/geo.h uses (IUGG mean radius 6371.0088 km): R·π/180.
const double kDegreeKm = 6371.0088 * std::acos(-1.0) / 180.0;

Result<io::ImportResult> import_text(const std::string& text, io::ImportFormat format,
                                     double route_factor = 1.0) {
  return io::import_network(text, "t.json", format, {route_factor});
}

// The property the fuzz targets check: an accepted import builds, and its native file loads again
// as the same network.
void expect_builds_and_round_trips(Result<io::ImportResult> imported) {
  ASSERT_TRUE(imported) << imported.error().to_string();
  auto net = build_network(std::move(imported->spec));
  ASSERT_TRUE(net) << net.error().to_string();
  auto again = io::load_network_text(io::write_native_json(*net), "written.json");
  ASSERT_TRUE(again) << again.error().to_string();
  testing::expect_same_network(*net, *again);
}

// Two TopoHub nodes at planar positions (km) and one link between them.
std::string planar_pair(double x, double y) {
  return R"({"graph": {"synthetic": true}, "nodes": [{"id": "a", "pos": [0, 0]}, {"id": "b", "pos": [)" +
         std::to_string(x) + ", " + std::to_string(y) +
         R"(]}], "links": [{"source": "a", "target": "b"}]})";
}

// Two TopoHub nodes on the equator, at longitude 0 and `lon`.
std::string equator_pair(double lon) {
  return R"({"nodes": [{"id": "a", "lon": 0, "lat": 0}, {"id": "b", "lon": )" +
         std::to_string(lon) + R"(, "lat": 0}], "links": [{"source": "a", "target": "b"}]})";
}

TEST(ImportLimits, APlanarLengthIsHeldToTheFibreRange) {
  // 24,000 and 32,000 km apart on the axes: 40,000 km, the longest fibre there is.
  expect_builds_and_round_trips(
      import_text(planar_pair(24'000, 32'000), io::ImportFormat::kTopohub));
  // 30,000 × 40,000 is 50,000 km: the fuzz finding's shape (6.5e6 km) scaled down.
  auto far = import_text(planar_pair(30'000, 40'000), io::ImportFormat::kTopohub);
  ASSERT_FALSE(far);
  EXPECT_THAT(far.error().to_string(), HasSubstr("t.json: /links/0: "));
  EXPECT_THAT(far.error().to_string(), HasSubstr("50000 km, out of range for a fibre (expected 0 ≤ "
                                                 "x ≤ 40,000 km)"));
  // The route factor counts: 30,000 km is a fibre, 30,000 × 1.5 is not.
  expect_builds_and_round_trips(
      import_text(planar_pair(18'000, 24'000), io::ImportFormat::kTopohub, 1.3));
  EXPECT_FALSE(import_text(planar_pair(18'000, 24'000), io::ImportFormat::kTopohub, 1.5));
}

TEST(ImportLimits, AGreatCircleLengthIsHeldToTheFibreRange) {
  // A quarter of the equator is 90° of arc; × 4 it is just over 40,000 km, × 3.99 just under.
  ASSERT_GT(90 * kDegreeKm * 4, limits::kFiberLengthKm.max);
  ASSERT_LT(90 * kDegreeKm * 3.99, limits::kFiberLengthKm.max);
  expect_builds_and_round_trips(import_text(equator_pair(90), io::ImportFormat::kTopohub, 3.99));
  auto far = import_text(equator_pair(90), io::ImportFormat::kTopohub, 4);
  ASSERT_FALSE(far);
  EXPECT_THAT(far.error().to_string(),
              HasSubstr("t.json: /links/0: the great-circle distance between \"a\" and \"b\" × "
                        "route factor 4 is "));
  EXPECT_THAT(far.error().to_string(), HasSubstr("(expected 0 ≤ x ≤ 40,000 km)"));
}

TEST(ImportLimits, SndlibGreatCircleLengthsAreHeldToTheFibreRange) {
  const std::string text =
      "NODES (\n  A ( 0 0 )\n  B ( 90 0 )\n)\nLINKS (\n  L1 ( A B ) 0 0 0 0 ( )\n)\n";
  expect_builds_and_round_trips(import_text(text, io::ImportFormat::kSndlib, 3.99));
  auto far = import_text(text, io::ImportFormat::kSndlib, 4);
  ASSERT_FALSE(far);
  EXPECT_THAT(far.error().to_string(), HasSubstr("t.json: line 6: the link \"L1\" is "));
  EXPECT_THAT(far.error().to_string(), HasSubstr("(expected 0 ≤ x ≤ 40,000 km)"));
}

// A native file whose fibre takes its length from coordinates builds only when that length is a
// fibre length, so that the file written from it (which states the length) loads again.
TEST(ImportLimits, BuildNetworkRefusesADerivedLengthOutOfRange) {
  auto text = [](double factor) {
    return R"({"sites": [{"id": "a", "lat": 0, "lon": 0}, {"id": "b", "lat": 0, "lon": 90}],
               "fibers": [{"id": "f", "a": "a", "b": "b", "route_factor": )" +
           std::to_string(factor) + "}]}";
  };
  auto near = io::load_network_text(text(3.99), "n.json");
  ASSERT_TRUE(near) << near.error().to_string();
  EXPECT_NEAR(near->fiber(0).length.value(), 90 * kDegreeKm * 3.99, 1e-6);
  auto again = io::load_network_text(io::write_native_json(*near), "written.json");
  ASSERT_TRUE(again) << again.error().to_string();

  auto far = io::load_network_text(text(4), "n.json");
  ASSERT_FALSE(far);
  EXPECT_THAT(far.error().to_string(),
              HasSubstr("n.json: /fibers/0: the length from coordinates, "));
  EXPECT_THAT(far.error().to_string(), HasSubstr("km of great circle × route factor 4 = "));
  EXPECT_THAT(far.error().to_string(), HasSubstr("is out of range (expected 0 ≤ x ≤ 40,000 km)"));
}

// A spec filled by a caller rather than a reader meets the same ranges.
TEST(ImportLimits, BuildNetworkRefusesLengthsAndLossesOutOfRangeWhateverTheirSource) {
  auto spec = [] {
    NetworkSpec s;
    s.file = "spec";
    s.sites = {SiteSpec{.id = "a", .where = "/sites/0"}, SiteSpec{.id = "b", .where = "/sites/1"}};
    FiberSpec f;
    f.id = "f";
    f.a = "a";
    f.b = "b";
    f.where = "/fibers/0";
    s.fibers.push_back(f);
    return s;
  };
  NetworkSpec stated = spec();
  stated.fibers[0].length = Km{limits::kFiberLengthKm.max * 1.5};
  auto r = build_network(std::move(stated));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "spec: /fibers/0/length_km: 60000 is out of range (expected 0 ≤ x ≤ 40,000 km)");

  NetworkSpec spans = spec();
  spans.fibers[0].spans = {SpanSpec{Km{30'000}, {}}, SpanSpec{Km{30'000}, {}}};
  r = build_network(std::move(spans));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "spec: /fibers/0/spans: the spans add up to 60000 km, out of range for a fibre "
            "(expected 0 ≤ x ≤ 40,000 km)");

  NetworkSpec lossy = spec();
  lossy.fibers[0].spans = {SpanSpec{Km{100}, Decibel{2'000}}};
  r = build_network(std::move(lossy));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "spec: /fibers/0/spans/0/loss_db: 2000 is out of range (expected 0 ≤ x ≤ 1,000 dB)");
}

using namespace gnpy_text;

// Transceiver x → Fibers → transceiver y, one way.
std::string gnpy_line(const std::vector<std::string>& fibers) {
  std::string elements = element("x", "Transceiver") + ", " + element("y", "Transceiver");
  std::vector<std::string> uids = {"x"};
  for (std::size_t i = 0; i < fibers.size(); ++i) {
    uids.push_back("f" + std::to_string(i));
    elements += ", " + element(uids.back(), "Fiber", fibers[i]);
  }
  uids.push_back("y");
  return gnpy(elements, chain(uids));
}

TEST(ImportLimits, AGnpyLineIsHeldToTheFibreAndSpanRanges) {
  const std::string km20k = R"("params": {"length": 20000, "length_units": "km"})";
  expect_builds_and_round_trips(import_text(gnpy_line({km20k, km20k}), io::ImportFormat::kGnpy));
  // Three spans of 20,000 km are one fibre of 60,000 km.
  auto far = import_text(gnpy_line({km20k, km20k, km20k}), io::ImportFormat::kGnpy);
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().to_string(),
            "t.json: /elements/2: the line starting here is 60000 km long in all, out of range for "
            "a fibre (expected 0 ≤ x ≤ 40,000 km)");
  // 10 dB/km over 200 km is 2,000 dB: above any span loss the native file holds.
  auto lossy = import_text(
      gnpy_line({R"("params": {"length": 200, "length_units": "km", "loss_coef": 10})"}),
      io::ImportFormat::kGnpy);
  ASSERT_FALSE(lossy);
  EXPECT_THAT(lossy.error().to_string(),
              HasSubstr("t.json: /elements/2/params/loss_coef: the span loss, 10 dB/km × 200 km + "
                        "0 dB of connectors and padding, is 2000 dB, out of range (expected 0 ≤ x "
                        "≤ 1,000 dB)"));
  // A span of 990 dB (10 dB/km × 99 km) is within range; the 20 dB Fused joint after it, which
  // the last span takes, is not.
  const std::string text =
      R"({"elements": [)" + element("x", "Transceiver") + ", " + element("y", "Transceiver") +
      ", " + element("f", "Fiber", R"("params": {"length": 99, "loss_coef": 10})") + ", " +
      element("j", "Fused", R"("params": {"loss": 20})") + R"(], "connections": [)" +
      link("x", "f") + ", " + link("f", "j") + ", " + link("j", "y") + "]}";
  auto joint = import_text(text, io::ImportFormat::kGnpy);
  ASSERT_FALSE(joint);
  EXPECT_EQ(joint.error().to_string(),
            "t.json: /elements/2: the span of \"f\" with the joints next to it loses 1010 dB, out "
            "of range (expected 0 ≤ x ≤ 1,000 dB)");
}

TEST(ImportLimits, IdsAreAtMost256BytesWhereverTheyComeFrom) {
  const std::string longest(limits::kMaxNameBytes, 'n');
  const std::string too_long(limits::kMaxNameBytes + 1, 'n');
  auto native = [](const std::string& id) { return R"({"sites": [{"id": ")" + id + R"("}]})"; };
  EXPECT_TRUE(io::load_network_text(native(longest), "n.json"));
  auto refused = io::load_network_text(native(too_long), "n.json");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().to_string(),
            "n.json: /sites/0/id: \"" + std::string(40, 'n') +
                "…\": 257 bytes is too long for an id (expected at most 256 bytes)");

  // TopoHub joins the ends' ids into the fibre's: two ids of 200 bytes make 401.
  const std::string a(200, 'a'), b(200, 'b');
  auto joined = import_text(R"({"nodes": [{"id": ")" + a + R"("}, {"id": ")" + b +
                                R"("}], "links": [{"source": ")" + a + R"(", "target": ")" + b +
                                R"(", "dist": 1}]})",
                            io::ImportFormat::kTopohub);
  ASSERT_FALSE(joined);
  EXPECT_THAT(joined.error().to_string(),
              HasSubstr("t.json: /links/0: \"" + std::string(40, 'a') +
                        "…\": 401 bytes is too long for an id (expected at most 256 bytes)"));

  auto gnpy = import_text(
      R"({"elements": [)" + element(too_long, "Transceiver") + R"(], "connections": []})",
      io::ImportFormat::kGnpy);
  ASSERT_FALSE(gnpy);
  EXPECT_THAT(gnpy.error().to_string(), HasSubstr("t.json: /elements/0/uid: "));
  EXPECT_THAT(gnpy.error().to_string(), HasSubstr("257 bytes is too long for an id"));

  auto sndlib = import_text("NODES (\n  " + too_long + " ( 0 0 )\n)\nLINKS (\n)\n",
                            io::ImportFormat::kSndlib);
  ASSERT_FALSE(sndlib);
  EXPECT_THAT(sndlib.error().to_string(), HasSubstr("t.json: line 2: "));
  EXPECT_THAT(sndlib.error().to_string(), HasSubstr("257 bytes is too long for an id"));

  auto demands = io::parse_demands(R"({"demands": [{"id": ")" + too_long +
                                       R"(", "from": "a", "to": "b", "bandwidth_gbps": 1}]})",
                                   "d.json", nullptr);
  ASSERT_FALSE(demands);
  EXPECT_THAT(demands.error().to_string(), HasSubstr("d.json: /demands/0/id: "));
}

}  // namespace
}  // namespace lightmesh
