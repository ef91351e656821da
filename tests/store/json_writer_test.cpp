// The JSON writer against nlohmann's dump() as the truth: the same values give the same text
// (strings with every control character, quotes and multi-byte UTF-8; doubles whole, tiny, huge
// and negative zero), and a stored service reads back as the service it was made from.
#include "store/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "../rsa/test_networks.h"
#include "fabric/fabric.h"
#include "store/service_json.h"

namespace lightmesh::store {
namespace {

using Json = nlohmann::ordered_json;
using lightmesh::testing::fiber;
using lightmesh::testing::site;

TEST(JsonWriter, StringsAreEscapedAsNlohmannDumpsThem) {
  std::vector<std::string> texts = {"",        "plain",       "quote \" and backslash \\",
                                    "slash /", "ünïcödé ✓ 𝄞", "\x7f del"};
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  texts.push_back(controls);
  // Random printable ASCII and control bytes.
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string s;
    for (int k = 0; k < 12; ++k) s += static_cast<char>(1 + rng() % 0x7f);
    texts.push_back(s);
  }
  for (const std::string& text : texts) {
    JsonWriter w;
    EXPECT_EQ(w.value(text).take(), Json(text).dump()) << text;
  }
}

TEST(JsonWriter, DoublesAreWrittenAsNlohmannDumpsThem) {
  for (const double x : {0.0, -0.0, 1.0, 10.0, 0.1, 2.5, -7.25, 1e15, 1e16, 1e21, 1e-7, 123456.789,
                         12.345678901234567, 5e-324, std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::min(), 1.0 / 3}) {
    JsonWriter w;
    const std::string ours = w.value(x).take();
    EXPECT_EQ(ours, Json(x).dump()) << x;
    EXPECT_EQ(Json::parse(ours).get<double>(), x);
  }
  JsonWriter w;
  EXPECT_EQ(w.value(std::numeric_limits<double>::infinity()).take(), "null");
}

// Random bit patterns over the whole double range: each reads back exactly, and the text is
// dump()'s, or shorter where dump()'s Grisu2 does not find the shortest digits.
TEST(JsonWriter, RandomDoublesReadBackExactly) {
  std::mt19937_64 rng(11);
  int same = 0, tried = 0;
  while (tried < 20000) {
    const std::uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    ++tried;
    JsonWriter w;
    const std::string ours = w.value(x).take();
    const std::string theirs = Json(x).dump();
    ASSERT_EQ(Json::parse(ours).get<double>(), x) << ours;
    ASSERT_LE(ours.size(), theirs.size()) << ours << " vs " << theirs;
    same += ours == theirs;
  }
  EXPECT_GE(same, tried * 99 / 100);
}

TEST(JsonWriter, NestedContainersAreSeparatedByCommasOnly) {
  JsonWriter w;
  w.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object();
  w.key("c").begin_array().value(1).value(true).value("x").begin_object().key("d").value(false);
  w.end_object().end_array();
  const Json want = {
      {"a", Json::array()}, {"b", Json::object()}, {"c", {1, true, "x", {{"d", false}}}}};
  EXPECT_EQ(w.end_object().take(), want.dump());
}

// The stored form as a tree, built as it was before the writer: the text must be identical.
Json service_tree(const Network& net, const fabric::Service& s) {
  const auto& r = s.request;
  Json request = {{"tenant", r.tenant},
                  {"name", r.name},
                  {"from", r.from},
                  {"to", r.to},
                  {"bandwidth_gbps", r.bandwidth.value()},
                  {"protection", fabric::protection_name(r.protection)},
                  {"latency_group", r.latency_group}};
  if (r.max_rtt) request["max_rtt_us"] = r.max_rtt->value();
  if (r.max_one_way) request["max_one_way_us"] = r.max_one_way->value();
  Json lightpaths = Json::array();
  for (const auto& lp : s.lightpaths) {
    Json nodes = Json::array(), fibers = Json::array();
    for (NodeIndex n : lp.path.nodes) nodes.push_back(net.node(n).id);
    for (FiberIndex f : lp.path.fibers) fibers.push_back(net.fiber(f).id);
    lightpaths.push_back({{"role", rsa::role_name(lp.path.role)},
                          {"route", nodes},
                          {"fibers", fibers},
                          {"mode", net.catalogue().mode(lp.path.mode).name},
                          {"first_slot", lp.path.slots.first},
                          {"slot_count", lp.path.slots.count},
                          {"added_delay_us", lp.added_delay.value()}});
  }
  return {{"id", s.id},
          {"request", request},
          {"state", fabric::state_name(s.state)},
          {"on_protect", s.on_protect},
          {"down_reason", s.down_reason},
          {"lightpaths", lightpaths}};
}

TEST(JsonWriter, AStoredServiceIsTheTreeDumpAndReadsBack) {
  NetworkSpec spec;
  spec.modes = lightmesh::testing::test_modes();
  spec.sites = {site("A"), site("B"), site("C"), site("D")};
  spec.fibers = {fiber("AB", "A", "B", 10), fiber("BC", "B", "C", 20), fiber("CD", "C", "D", 30),
                 fiber("DA", "D", "A", 40)};
  const Network net = build_network(std::move(spec)).value();
  auto fab = fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{1}; }).value();
  const std::pair<fabric::ServiceProtection, const char*> kinds[] = {
      {fabric::ServiceProtection::kNone, "plain"},
      {fabric::ServiceProtection::kOnePlusOne, "tab\there \"quoted\" ✓"},
      {fabric::ServiceProtection::kRestore, ""}};
  int checked = 0;
  for (const auto& [protection, name] : kinds) {
    fabric::ServiceRequest r;
    r.tenant = "bank";
    r.from = "A";
    r.to = "C";
    r.name = name;
    r.bandwidth = Gbps{12.5};
    r.protection = protection;
    r.latency_group = protection == fabric::ServiceProtection::kRestore ? "g" : "";
    if (protection != fabric::ServiceProtection::kNone) r.max_rtt = Microseconds{1e6 / 3};
    auto created = fab.create(r);
    ASSERT_TRUE(created) << created.error().to_string();
    const fabric::Service& s = **created;
    const std::string text = service_to_json(net, s);
    EXPECT_EQ(text, service_tree(net, s).dump());
    auto back = service_from_json(net, text);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(service_to_json(net, *back), text);
    checked += static_cast<int>(s.lightpaths.size());
  }
  EXPECT_GE(checked, 4);  // the 1+1 service brought a protect path
}

}  // namespace
}  // namespace lightmesh::store
