// The demands file: its contract fields, and one-line errors for every malformed entry.
#include <gtest/gtest.h>

#include "io/load.h"

namespace lightmesh {
namespace {

// Its own two-mode catalogue, so the expected mode lists do not follow the built-in one.
Network small_network() {
  auto net = io::load_network_text(R"({"sites": [{"id": "A"}, {"id": "B"}],
    "fibers": [{"id": "AB", "a": "A", "b": "B", "length_km": 10}],
    "transceivers": [{"id": "ZR", "modes": [
      {"name": "400ZR", "bit_rate_gbps": 400, "width_ghz": 75, "reach_km": 120},
      {"name": "100G-QPSK", "bit_rate_gbps": 100, "width_ghz": 50, "reach_km": 2500}]}]})",
                                   "n.json");
  EXPECT_TRUE(net);
  return std::move(net).value();
}

TEST(Demands, ReadsEveryContractField) {
  const Network net = small_network();
  auto d = io::parse_demands(R"({"demands": [
      {"id": "d1", "from": "A", "to": "B", "bandwidth_gbps": 400, "max_rtt_us": 1000, "protection": "1+1", "mode": "400ZR"},
      {"id": "d2", "from": "A", "to": "Z", "bandwidth_gbps": 100, "max_one_way_us": 300}]})",
                             "d.json", &net);
  ASSERT_TRUE(d) << d.error().to_string();
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ((*d)[0].protection, Protection::kOnePlusOne);
  EXPECT_EQ((*d)[0].mode, "400ZR");
  EXPECT_DOUBLE_EQ((*d)[0].one_way_bound()->value(), 500.0);  // RTT 1,000 µs → 500 µs one way
  EXPECT_DOUBLE_EQ((*d)[1].one_way_bound()->value(), 300.0);
  EXPECT_EQ((*d)[1].to,
            "Z");  // an unknown site is the planner's UNKNOWN_ENDPOINT, not a read error
  EXPECT_EQ((*d)[1].where, "/demands/1");
  auto yaml = io::parse_demands("demands:\n  - {id: y, from: A, to: B, bandwidth_gbps: 100}\n",
                                "d.yaml", &net);
  ASSERT_TRUE(yaml);
  EXPECT_EQ((*yaml)[0].where, "/demands/0 (line 2)");
}

TEST(Demands, YamlReadsLikeJsonAndModesNeedANetworkToCheck) {
  const Network net = small_network();
  auto json = io::parse_demands(
      R"({"demands": [{"id": "d1", "from": "A", "to": "B", "bandwidth_gbps": 400, "max_rtt_us": 900,
          "protection": "none", "mode": "100G-QPSK"}]})",
      "d.json", &net);
  auto yaml = io::parse_demands(
      "demands:\n"
      "  - id: d1\n"
      "    from: A\n"
      "    to: B\n"
      "    bandwidth_gbps: 400\n"
      "    max_rtt_us: 900\n"
      "    protection: none\n"
      "    mode: 100G-QPSK\n",
      "d.yml", &net);
  ASSERT_TRUE(json) << json.error().to_string();
  ASSERT_TRUE(yaml) << yaml.error().to_string();
  const Demand& a = (*json)[0];
  const Demand& b = (*yaml)[0];
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.from, b.from);
  EXPECT_EQ(a.to, b.to);
  EXPECT_EQ(a.bandwidth, b.bandwidth);
  EXPECT_EQ(a.max_rtt, b.max_rtt);
  EXPECT_EQ(a.max_one_way, b.max_one_way);
  EXPECT_EQ(a.protection, b.protection);
  EXPECT_EQ(a.mode, b.mode);
  // Without a network there is no catalogue to check a mode name against: it is kept as written.
  auto free = io::parse_demands(
      R"({"demands": [{"id": "d", "from": "A", "to": "B", "bandwidth_gbps": 1, "mode": "999ZR"}]})",
      "d.json", nullptr);
  ASSERT_TRUE(free);
  EXPECT_EQ((*free)[0].mode, "999ZR");
}

TEST(Demands, MissingFileAndBadYamlNameTheFile) {
  auto missing = io::load_demands("no/such/demands.json", nullptr);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().to_string(),
            "no/such/demands.json: cannot open file: No such file or directory");
  auto yaml = io::parse_demands("demands:\n  - id: a\n   from: A\n", "d.yaml", nullptr);
  ASSERT_FALSE(yaml);
  EXPECT_EQ(yaml.error().to_string().rfind("d.yaml: line 3, column ", 0), 0u)
      << yaml.error().to_string();
}

TEST(Demands, BadEntriesGiveOneLine) {
  const Network net = small_network();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"demands": [{"from": "A", "to": "B", "bandwidth_gbps": 1}]})",
       "d.json: /demands/0: missing required field \"id\""},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": -5}]})",
       "d.json: /demands/0/bandwidth_gbps: -5 is out of range (expected 0.001 ≤ x ≤ 10,000,000 "
       "Gb/s)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B"}]})",
       "d.json: /demands/0/bandwidth_gbps: missing required field \"bandwidth_gbps\" (expected "
       "0.001 ≤ x ≤ "
       "10,000,000 Gb/s)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1}, {"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1}]})",
       "d.json: /demands/1/id: duplicate demand id \"x\""},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "max_rtt_us": 0}]})",
       "d.json: /demands/0/max_rtt_us: 0 is out of range (expected 0 < x ≤ 1,000,000 µs)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "protection": "2+2"}]})",
       "d.json: /demands/0/protection: unknown protection \"2+2\" (expected none or 1+1)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "mode": "999ZR"}]})",
       "d.json: /demands/0/mode: unknown mode \"999ZR\" (expected one of: 400ZR, 100G-QPSK)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "priority": 3}]})",
       "d.json: /demands/0/priority: unknown field \"priority\" (expected one of: id, from, to, "
       "bandwidth_gbps, max_rtt_us, max_one_way_us, protection, mode)"},
      {R"({"demands": 3})", "d.json: /demands: 3 is not a list (expected […])"},
      {R"({"requests": []})",
       "d.json: /requests: unknown field \"requests\" (expected one of: demands)"},
      {R"({})", "d.json: missing required field \"demands\""},
      {"", "d.json: the file is empty (expected a JSON or YAML object)"},
      {R"({"demands": [)",
       "d.json: line 1, column 14: invalid JSON: syntax error while parsing value - unexpected end "
       "of input; expected '[', '{', or a literal"},
      {R"({"demands": ["d1"]})", "d.json: /demands/0: \"d1\" is not an object (expected {…})"},
      {R"({"demands": [{"id": "", "from": "A", "to": "B", "bandwidth_gbps": 1}]})",
       "d.json: /demands/0/id: a demand needs a non-empty id"},
      {R"({"demands": [{"id": 1, "from": "A", "to": "B", "bandwidth_gbps": 1}]})",
       "d.json: /demands/0/id: 1 is not a string"},
      {R"({"demands": [{"id": "x", "to": "B", "bandwidth_gbps": 1}]})",
       "d.json: /demands/0: missing required field \"from\""},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": "lots"}]})",
       "d.json: /demands/0/bandwidth_gbps: \"lots\" is not a number (expected 0.001 ≤ x ≤ "
       "10,000,000 Gb/s)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "max_one_way_us": -1}]})",
       "d.json: /demands/0/max_one_way_us: -1 is out of range (expected 0 < x ≤ 1,000,000 µs)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "bandwidth_gbps": 2}]})",
       "d.json: /demands/0: duplicate key \"bandwidth_gbps\""},
  };
  for (const auto& [text, expected] : cases) {
    auto r = io::parse_demands(text, "d.json", &net);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().to_string(), expected);
    EXPECT_EQ(r.error().to_string().find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace lightmesh
