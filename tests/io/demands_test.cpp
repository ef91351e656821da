// The demands file: its contract fields, and one-line errors for every malformed entry.
#include <gtest/gtest.h>

#include "io/load.h"

namespace lightmesh {
namespace {

Network small_network() {
  auto net = io::load_network_text(R"({"sites": [{"id": "A"}, {"id": "B"}],
    "fibers": [{"id": "AB", "a": "A", "b": "B", "length_km": 10}]})",
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

TEST(Demands, BadEntriesGiveOneLine) {
  const Network net = small_network();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"demands": [{"from": "A", "to": "B", "bandwidth_gbps": 1}]})",
       "d.json: /demands/0: missing required field \"id\""},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": -5}]})",
       "d.json: /demands/0/bandwidth_gbps: -5 is not a positive bandwidth"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B"}]})",
       "d.json: /demands/0: missing required field \"bandwidth_gbps\""},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1}, {"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1}]})",
       "d.json: /demands/1/id: duplicate demand id \"x\""},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "max_rtt_us": 0}]})",
       "d.json: /demands/0/max_rtt_us: 0 is not a positive latency bound in µs"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "protection": "2+2"}]})",
       "d.json: /demands/0/protection: unknown protection \"2+2\" (expected none or 1+1)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "mode": "999ZR"}]})",
       "d.json: /demands/0/mode: unknown mode \"999ZR\" (expected one of: 800ZR, 400ZR, "
       "200G-16QAM, 150G-8QAM, 100G-QPSK)"},
      {R"({"demands": [{"id": "x", "from": "A", "to": "B", "bandwidth_gbps": 1, "priority": 3}]})",
       "d.json: /demands/0/priority: unknown field \"priority\" (expected one of: id, from, to, "
       "bandwidth_gbps, max_rtt_us, max_one_way_us, protection, mode)"},
      {R"({"demands": 3})", "d.json: /demands: 3 is not a list (expected […])"},
      {R"({"requests": []})",
       "d.json: /requests: unknown field \"requests\" (expected one of: demands)"},
  };
  for (const auto& [text, expected] : cases) {
    auto r = io::parse_demands(text, "d.json", &net);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().to_string(), expected);
  }
}

}  // namespace
}  // namespace lightmesh
