// The native format: JSON and YAML read alike, the writer round-trips, and every malformed or
// inconsistent input gives one line naming the file, the place and what was expected.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/geo.h"
#include "io/json_doc.h"
#include "io/load.h"
#include "io/native_reader.h"
#include "io/native_writer.h"
#include "network_equal.h"

namespace lightmesh {
namespace {

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/io/fixtures/" + name;
}

TEST(Native, JsonAndYamlGiveTheSameNetwork) {
  auto j = io::load_network(fixture("native/network.json"));
  ASSERT_TRUE(j) << j.error().to_string();
  auto y = io::load_network(fixture("native/network.yaml"));
  ASSERT_TRUE(y) << y.error().to_string();
  testing::expect_same_network(*j, *y);
  const Network& net = *j;
  EXPECT_EQ(net.sites().size(), 3u);
  EXPECT_EQ(net.site(net.find_site("A")).kind, "exchange");
  EXPECT_EQ(net.site(net.find_site("B")).compute->gpu_count(), 16u);
  EXPECT_TRUE(net.site(net.find_site("B")).compute->gpus[0].diskless);
  EXPECT_EQ(net.node(net.find_node("G1")).kind, NodeKind::kGateway);
  EXPECT_DOUBLE_EQ(net.node(net.find_node("G1")).latency.value(), 2.0);
  EXPECT_DOUBLE_EQ(net.latency().transceiver_pair.value(), 20.0);
  // AB has no length: great circle London–Paris × the network's route factor 1.5.
  const Fiber& ab = net.fiber(net.find_fiber("AB"));
  EXPECT_NEAR(ab.length.value(), great_circle({51.5074, -0.1278}, {48.8566, 2.3522}).value() * 1.5,
              1e-9);
  // Hand-computed haversine on R = 6371.0088 km: London–Paris 343.5565 km, × 1.5 = 515.3348 km.
  EXPECT_NEAR(ab.length.value(), 515.3348, 1e-3);
  EXPECT_TRUE(ab.length_from_coordinates);
  EXPECT_DOUBLE_EQ(ab.route_factor, 1.5);
  // BC-east overrides the network's factor: Paris–Brussels 263.9758 km × 1.2 = 316.7709 km.
  const Fiber& east = net.fiber(net.find_fiber("BC-east"));
  EXPECT_NEAR(east.length.value(), 316.7709, 1e-3);
  EXPECT_DOUBLE_EQ(east.route_factor, 1.2);
  EXPECT_EQ(net.fiber(net.find_fiber("BC")).amplifiers, 1u);
  EXPECT_DOUBLE_EQ(net.fiber(net.find_fiber("AG")).delay.value(), 3.34);
  EXPECT_DOUBLE_EQ(net.fiber(net.find_fiber("GC")).delay.value(), 4.0);
  EXPECT_EQ(net.catalogue().modes().size(), 2u);
  EXPECT_EQ(net.catalogue().mode(net.catalogue().find("T100")).dsp_fec_latency->value(), 40.0);
}

TEST(Native, WriterRoundTrips) {
  for (const char* name : {"native/network.json", "native/network.yaml"}) {
    auto net = io::load_network(fixture(name));
    ASSERT_TRUE(net);
    const std::string text = io::write_native_json(*net);
    auto again = io::load_network_text(text, "written.json");
    ASSERT_TRUE(again) << again.error().to_string();
    testing::expect_same_network(*net, *again);
    // Canonical: once written, writing again changes nothing (a first write freezes derived
    // lengths).
    const std::string second = io::write_native_json(*again);
    EXPECT_EQ(io::write_native_json(*io::load_network_text(second, "again.json")), second);
  }
}

TEST(Native, WriterOutputIsCanonical) {
  // Keys in a fixed order whatever the input order, two-space indent, a newline at the end;
  // defaults (ssmf, the built-in catalogue, default latencies) are left out. AB's length is
  // frozen: haversine (51.5, -0.1)–(51.6, -0.2) = 13.094011 km (computed independently, R =
  // 6371.0088 km) × 1.25 = 16.367514 km.
  auto net = io::load_network_text(
      R"({"route_factor": 1.25, "name": "two",
          "fibers": [{"b": "B", "a": "A", "id": "AB"},
                     {"type": "hollow-core", "length_km": 2.5, "b": "R", "a": "B", "id": "BR"}],
          "nodes": [{"kind": "apn-g", "id": "R"}],
          "sites": [{"kind": "exchange", "lon": -0.1, "lat": 51.5, "id": "A"},
                    {"lon": -0.2, "lat": 51.6, "name": "Site B", "id": "B"}]})",
      "two.json");
  ASSERT_TRUE(net) << net.error().to_string();
  EXPECT_EQ(io::write_native_json(*net), R"({
  "name": "two",
  "route_factor": 1.25,
  "sites": [
    {
      "id": "A",
      "lat": 51.5,
      "lon": -0.1,
      "kind": "exchange"
    },
    {
      "id": "B",
      "lat": 51.6,
      "lon": -0.2,
      "name": "Site B",
      "kind": "datacenter"
    }
  ],
  "nodes": [
    {
      "id": "R",
      "kind": "gateway"
    }
  ],
  "fibers": [
    {
      "id": "AB",
      "a": "A",
      "b": "B",
      "length_km": 16.367514,
      "_length_from": "great-circle × route_factor 1.25"
    },
    {
      "id": "BR",
      "a": "B",
      "b": "R",
      "length_km": 2.5,
      "type": "hollow-core"
    }
  ]
}
)");
}

TEST(Native, BuiltinCatalogueIsUsedWhenTheFileHasNone) {
  auto net = io::load_network_text(R"({"sites": [{"id": "A"}]})", "one.json");
  ASSERT_TRUE(net);
  EXPECT_EQ(net->catalogue().modes().size(), io::builtin_modes().size());
  EXPECT_NE(net->catalogue().find("400ZR"), kNoIndex);
  // Every built-in mode cites a source (the catalogue's contract).
  for (const auto& m : io::builtin_modes()) EXPECT_FALSE(m.source.empty()) << m.name;
  EXPECT_EQ(io::write_native_json(*net).find("transceivers"), std::string::npos);
}

struct Bad {
  std::string text;
  std::string file;
  std::string expected;
};

TEST(Native, PhysicsBlockAndGsnrModeFieldsRoundTrip) {
  const char* text = R"({
    "physics": {"load": "full", "loss_db_per_km": 0.22, "max_span_km": 70, "launch_power_dbm": 1,
                "amplifier_nf_db": 5, "roadm_add_drop_osnr_db": 35},
    "sites": [{"id": "A"}, {"id": "B"}],
    "fibers": [{"id": "AB", "a": "A", "b": "B", "length_km": 150, "loss_db_per_km": 0.18}],
    "transceivers": [{"id": "T", "modes": [
      {"name": "Q", "bit_rate_gbps": 200, "baud_gbd": 32, "width_ghz": 50,
       "required_osnr_db": 18.5, "tx_osnr_db": 36, "roll_off": 0.1}]}]})";
  auto net = io::load_network_text(text, "p.json");
  ASSERT_TRUE(net) << net.error().to_string();
  EXPECT_EQ(net->physics().loss_db_per_km, 0.22);
  EXPECT_EQ(net->physics().max_span.value(), 70);
  EXPECT_EQ(net->physics().launch_power_dbm, 1);
  EXPECT_EQ(net->physics().amplifier_nf_db, 5.0);
  EXPECT_EQ(net->physics().roadm_add_drop_osnr_db, 35);
  EXPECT_EQ(net->physics().connector_loss_db, 0.5);  // not stated: the default
  EXPECT_EQ(net->fiber(0).loss_db_per_km, 0.18);
  const TransceiverMode& m = net->catalogue().mode(0);
  ASSERT_TRUE(m.required_osnr.has_value());
  EXPECT_EQ(m.required_osnr->value(), 18.5);
  EXPECT_EQ(m.tx_osnr.value(), 36);
  EXPECT_EQ(m.roll_off, 0.1);
  EXPECT_EQ(m.reach.value(), 0);  // judged by GSNR: no reach needed
  const std::string written = io::write_native_json(*net);
  auto again = io::load_network_text(written, "again.json");
  ASSERT_TRUE(again) << again.error().to_string() << "\n" << written;
  EXPECT_EQ(io::write_native_json(*again), written);
  EXPECT_EQ(again->physics().amplifier_nf_db, 5.0);
  EXPECT_EQ(again->fiber(0).loss_db_per_km, 0.18);
  EXPECT_EQ(again->catalogue().mode(0).required_osnr->value(), 18.5);
  // A file without a physics block gains none when written.
  auto plain = io::load_network_text(R"({"sites": [{"id": "A"}]})", "plain.json");
  ASSERT_TRUE(plain);
  EXPECT_EQ(io::write_native_json(*plain).find("physics"), std::string::npos);
}

TEST(Native, BadNetworksGiveOneLine) {
  const std::vector<Bad> cases = {
      {"", "n.json", "n.json: the file is empty (expected a JSON or YAML object)"},
      {"{\"sites\": [", "n.json",
       "n.json: line 1, column 12: invalid JSON: syntax error while parsing value - unexpected end "
       "of input; expected '[', '{', or a literal"},
      {"[1, 2]", "n.json", "n.json: a list is not an object (expected {…})"},
      {"{}", "n.json", "n.json: missing required field \"sites\""},
      {"{\"physics\": {\"load\": \"partial\"}, \"sites\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /physics/load: unknown load model \"partial\" (expected full; docs/physics.md)"},
      {"{\"physics\": {\"max_span_km\": 0}, \"sites\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /physics/max_span_km: 0 is out of range (expected 1 ≤ x ≤ 40,000 km)"},
      // 5e-324 µm² once reached the physics as 0 m², refused there without the field's name.
      {"{\"physics\": {\"effective_area_um2\": 5e-324}, \"sites\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /physics/effective_area_um2: 4.94066e-324 is out of range (expected 1 ≤ x ≤ "
       "10,000 µm²)"},
      // ... and so did a dispersion of 5e-324 ps/(nm·km), which the GN model divides by.
      {"{\"physics\": {\"dispersion_ps_nm_km\": 5e-324}, \"sites\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /physics/dispersion_ps_nm_km: 4.94066e-324 is too close to 0 (expected −1,000 ≤ x "
       "≤ 1,000 ps/(nm·km) and at least 0.001 from 0: the GN model divides by the dispersion)"},
      {"{\"physics\": {\"colour\": 1}, \"sites\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /physics/colour: unknown field \"colour\" (expected one of: load, loss_db_per_km, "
       "dispersion_ps_nm_km, effective_area_um2, connector_loss_db, max_span_km, launch_power_dbm, "
       "amplifier_nf_db, roadm_add_drop_osnr_db, roadm, mode_launch_power_dbm, amplifiers, "
       "equipment)"},
      {"{\"sites\": [{\"id\": \"A\"}], \"transceivers\": [{\"id\": \"T\", \"modes\": [{\"name\": "
       "\"M\", \"bit_rate_gbps\": 100, \"width_ghz\": 50}]}]}",
       "n.json",
       "n.json: /transceivers/0/modes/0: missing required field \"reach_km\" (or "
       "\"required_osnr_db\")"},
      {"{\"sites\": [{\"id\": \"A\"}], \"transceivers\": [{\"id\": \"T\", \"modes\": [{\"name\": "
       "\"M\", \"bit_rate_gbps\": 100, \"width_ghz\": 50, \"required_osnr_db\": 12}]}]}",
       "n.json",
       "n.json: /transceivers/0/modes/0/baud_gbd: a mode with required_osnr_db needs its baud rate "
       "(the GSNR depends on it)"},
      {"{\"sites\": []}", "n.json",
       "n.json: /sites: the network has no sites (expected a non-empty \"sites\" list)"},
      {"{\"sites\": {}}", "n.json", "n.json: /sites: an object is not a list (expected […])"},
      {"{\"sites\": [{\"name\": \"x\"}]}", "n.json",
       "n.json: /sites/0: missing required field \"id\""},
      {"{\"sites\": [{\"id\": 7}]}", "n.json", "n.json: /sites/0/id: 7 is not a string"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"A\"}]}", "n.json",
       "n.json: /sites/1/id: duplicate site id \"A\""},
      {"{\"sites\": [{\"id\": \"A\", \"lat\": \"abc\", \"lon\": 0}]}", "n.json",
       "n.json: /sites/0/lat: \"abc\" is not a number (expected −90 ≤ x ≤ 90 degrees)"},
      {"{\"sites\": [{\"id\": \"A\", \"lat\": 91, \"lon\": 0}]}", "n.json",
       "n.json: /sites/0/lat: 91 is out of range (expected −90 ≤ x ≤ 90 degrees)"},
      {"{\"sites\": [{\"id\": \"A\", \"lat\": 50}]}", "n.json",
       "n.json: /sites/0: \"lat\" given without \"lon\" (expected both or neither)"},
      {"{\"sites\": [{\"id\": \"A\", \"kind\": \"castle\"}]}", "n.json",
       "n.json: /sites/0/kind: unknown site kind \"castle\" (expected datacenter, exchange, venue, "
       "premises, production, pop or other)"},
      {"{\"sites\": [{\"id\": \"A\", \"colour\": 1}]}", "n.json",
       "n.json: /sites/0/colour: unknown field \"colour\" (expected one of: id, name, lat, lon, "
       "kind, jurisdiction, transceiver_ports, power_price_usd_mwh, pue, compute)"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"C\", \"length_km\": 3}]}",
       "n.json", "n.json: /fibers/0/b: unknown site or node \"C\""},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\", \"length_km\": -3}]}",
       "n.json", "n.json: /fibers/0/length_km: -3 is out of range (expected 0 ≤ x ≤ 40,000 km)"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\"}]}",
       "n.json",
       "n.json: /fibers/0/length_km: missing length (expected length_km, spans, or coordinates on "
       "both ends plus a route_factor)"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\", \"length_km\": 1, \"type\": \"copper\"}]}",
       "n.json",
       "n.json: /fibers/0/type: unknown fibre type \"copper\" (expected ssmf, hollow-core or "
       "custom)"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\", \"length_km\": 1, \"type\": \"custom\"}]}",
       "n.json", "n.json: /fibers/0/us_per_km: a custom fibre type needs us_per_km"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\", \"length_km\": 1}, {\"id\": \"F\", \"a\": \"A\", \"b\": \"B\", "
       "\"length_km\": 2}]}",
       "n.json", "n.json: /fibers/1/id: duplicate fibre id \"F\""},
      {"{\"sites\": [{\"id\": \"A\"}], \"transceivers\": [{\"id\": \"T\", \"modes\": [{\"name\": "
       "\"M\", \"bit_rate_gbps\": 100, \"width_ghz\": 50, \"reach_km\": 10}, {\"name\": \"M\", "
       "\"bit_rate_gbps\": 200, \"width_ghz\": 50, \"reach_km\": 10}]}]}",
       "n.json", "n.json: /transceivers/0/modes/1/name: duplicate mode name \"M\""},
      {"{\"sites\": [{\"id\": \"A\", \"compute\": {\"gpus\": [{\"model\": \"H100\", \"count\": "
       "2.5}]}}]}",
       "n.json",
       "n.json: /sites/0/compute/gpus/0/count: 2.5 is not a whole number (expected a whole "
       "number 0…10,000,000)"},
      {"sites:\n  - id: A\n  - id: A\n", "n.yaml",
       "n.yaml: /sites/1/id (line 3): duplicate site id \"A\""},
      {"sites:\n  - id: A\n    lat: north\n    lon: 0\n", "n.yaml",
       "n.yaml: /sites/0/lat (line 3): \"north\" is not a number (expected −90 ≤ x ≤ 90 degrees)"},
      {"sites: [a, b\n", "n.yaml",
       "n.yaml: line 2, column 1: invalid YAML: end of sequence flow not found"},
      {std::string(100, '[') + std::string(100, ']'), "n.json",
       "n.json: nesting deeper than 64 levels"},
      {"{\n  \"sites\": [\n    {\"id\": \"A\",}\n  ]\n}\n", "n.json",
       "n.json: line 3, column 16: invalid JSON: syntax error while parsing object key - "
       "unexpected "
       "'}'; expected string literal"},
      // An apostrophe inside a plain YAML scalar does not open a string that hides what follows.
      {"name: it's\nsites: " + std::string(100, '[') + std::string(100, ']') + "\n", "n.yaml",
       "n.yaml: nesting deeper than 64 levels"},
      // A repeated key is an error in JSON as in YAML, rather than one value silently winning.
      {"{\"sites\": [{\"id\": \"A\", \"lat\": 1, \"lat\": 2, \"lon\": 0}]}", "n.json",
       "n.json: /sites/0: duplicate key \"lat\""},
      {"{\"sites\": [{\"id\": \"A\"}], \"sites\": []}", "n.json",
       "n.json: duplicate key \"sites\""},
      {"sites:\n  - id: A\n    id: B\n", "n.yaml",
       "n.yaml: /sites/0 (line 3): duplicate key \"id\""},
      {"42", "n.json", "n.json: 42 is not an object (expected {…})"},
      {"null", "n.json", "n.json: null is not an object (expected {…})"},
      {"{\"sites\": \"A\"}", "n.json", "n.json: /sites: \"A\" is not a list (expected […])"},
      {"{\"sites\": [\"A\"]}", "n.json", "n.json: /sites/0: \"A\" is not an object (expected {…})"},
      {"sites:\n  - {id: A, lat: .nan, lon: 0}\n", "n.yaml",
       "n.yaml: /sites/0/lat (line 2): NaN is not a finite number (expected −90 ≤ x ≤ 90 degrees)"},
      {"{\"sites\": [{\"id\": \"A\", \"transceiver_ports\": 5000000000}]}", "n.json",
       "n.json: /sites/0/transceiver_ports: 5e+09 is out of range (expected a whole number "
       "0…10,000,000)"},
      // Ids are quoted in messages; control bytes and broken UTF-8 become '?'.
      {"{\"sites\": [{\"id\": \"\\u0007\"}, {\"id\": \"\\u0007\"}]}", "n.json",
       "n.json: /sites/1/id: duplicate site id \"?\""},
      // JSON must be UTF-8 (nlohmann enforces it); YAML is held to the same rule.
      {"{\"sites\": [{\"id\": \"\xff\"}]}", "n.json",
       "n.json: line 1, column 20: invalid JSON: syntax error while parsing value - invalid "
       "string: "
       "ill-formed UTF-8 byte; last read: '\"?'"},
      {"sites: [{id: A}, {id: \"\xff\"}]\n", "n.yaml",
       "n.yaml: /sites/1/id (line 1): text that is not valid UTF-8 (expected UTF-8)"},
      {"sites:\n  - id: A\n    \xc3\x28: 1\n", "n.yaml",
       "n.yaml: /sites/0 (line 3): text that is not valid UTF-8 (expected UTF-8)"},
      {"{\"route_factor\": 0.9, \"sites\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /route_factor: 0.9 is out of range (expected 1 ≤ x ≤ 10)"},
      {"{\"route_factor\": \"x\", \"sites\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /route_factor: \"x\" is not a number (expected 1 ≤ x ≤ 10)"},
      {"{\"sites\": [{\"id\": \"A\"}], \"nodes\": [{\"id\": \"A\"}]}", "n.json",
       "n.json: /nodes/0/id: duplicate id \"A\" (already a site)"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"A\", \"length_km\": 1}]}",
       "n.json", "n.json: /fibers/0/b: a fibre cannot end where it starts (\"A\")"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\", \"length_km\": \"ten\"}]}",
       "n.json",
       "n.json: /fibers/0/length_km: \"ten\" is not a number (expected 0 ≤ x ≤ 40,000 km)"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\", \"length_km\": 100, "
       "\"spans\": [{\"length_km\": 30}, {\"length_km\": 30}]}]}",
       "n.json", "n.json: /fibers/0/length_km: 100 km disagrees with the sum of its spans, 60 km"},
      {"{\"sites\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"fibers\": [{\"id\": \"F\", \"a\": \"A\", "
       "\"b\": \"B\", \"length_km\": 1, "
       "\"us_per_km\": 3}]}",
       "n.json",
       "n.json: /fibers/0/us_per_km: 3 µs/km is faster than light in vacuum (expected ≥ 3.336 "
       "µs/km)"},
      {"{\"sites\": [{\"id\": \"A\"}], \"transceivers\": []}", "n.json",
       "n.json: /transceivers: an empty catalogue (omit \"transceivers\" to use the built-in one)"},
      {"{\"sites\": [{\"id\": \"A\"}], \"transceivers\": [{\"id\": \"T\", \"modes\": [{\"name\": "
       "\"M\", \"bit_rate_gbps\": 100, \"width_ghz\": 60, \"reach_km\": 10}]}]}",
       "n.json",
       "n.json: /transceivers/0/modes/0/width_ghz: 60 GHz is not a multiple of 12.5 GHz (G.694.1 "
       "flex grid)"},
  };
  for (const auto& c : cases) {
    auto r = io::load_network_text(c.text, c.file);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().to_string(), c.expected) << c.text;
    EXPECT_EQ(r.error().to_string().find('\n'), std::string::npos);
  }
}

TEST(Native, MissingFileNamesTheFile) {
  auto r = io::load_network("no/such/network.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "no/such/network.json: cannot open file: No such file or directory");
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
}

TEST(Native, DirectoriesAndOverflowingNumbersAreErrors) {
  auto dir = io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/tests");
  ASSERT_FALSE(dir);
  EXPECT_NE(dir.error().to_string().find(": is a directory (expected a file)"), std::string::npos);
  auto big =
      io::load_network_text("{\"sites\": [{\"id\": \"A\", \"lat\": 1e400, \"lon\": 0}]}", "n.json");
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().to_string(), "n.json: invalid JSON: number overflow parsing '1e400'");
  auto binary = io::load_network_text(std::string("\x7f\x45\x4c\x46\x02\x01\x01", 7), "bin.yaml");
  ASSERT_FALSE(binary);
  for (char c : binary.error().to_string()) EXPECT_GE(static_cast<unsigned char>(c), 0x20);
}

TEST(Native, PrintableKeepsUtf8AndReplacesTheRest) {
  // Expected bytes from RFC 3629's table of well-formed sequences.
  EXPECT_EQ(io::printable("µs −90…90 東京 \xF0\x9F\x9A\x80"), "µs −90…90 東京 \xF0\x9F\x9A\x80");
  EXPECT_EQ(io::printable("a\tb\x7f"), "a?b?");
  EXPECT_EQ(io::printable("\xC0\x80"), "??");            // overlong NUL
  EXPECT_EQ(io::printable("\xED\xA0\x80"), "???");       // UTF-16 surrogate
  EXPECT_EQ(io::printable("\xF4\x90\x80\x80"), "????");  // above U+10FFFF
  EXPECT_EQ(io::printable("x\xE6\x9D"), "x??");          // cut short at the end
}

TEST(Native, SyntaxErrorsStayShort) {
  // nlohmann quotes the whole bad token; a 100 kB string left open must not give a 100 kB line.
  // The newline that ends line 1 is the bad byte: 19 + 100,000 characters before it.
  const std::string text = "{\"sites\": [{\"id\": \"" + std::string(100000, 'x') + "\n";
  auto r = io::load_network_text(text, "long.json");
  ASSERT_FALSE(r);
  const std::string line = r.error().to_string();
  EXPECT_LT(line.size(), 300u) << line;
  EXPECT_EQ(line.rfind("long.json: line 1, column 100020: invalid JSON: ", 0), 0u) << line;
  EXPECT_NE(line.find("last read: '…xxxxxxxxxx"), std::string::npos) << line;
  auto big = io::load_network_text(
      "{\"sites\": [{\"id\": \"A\", \"lat\": 1" + std::string(100000, '0') + "}]}", "n.json");
  ASSERT_FALSE(big);
  EXPECT_LT(big.error().to_string().size(), 300u);
}

TEST(Native, YamlAliasesCannotExplode) {
  // Ten levels of nine-fold aliases would expand to 9^10 values.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 10; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 0; k < 8; ++k) text += ", " + prev;
    text += "]\n";
  }
  text += "sites: [{id: A}]\n";
  auto r = io::load_network_text(text, "bomb.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "bomb.yaml: more than a million values (are YAML aliases expanding?)");
}

}  // namespace
}  // namespace lightmesh
