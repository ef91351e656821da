// The stored form of a service against the tree it was built as before it was written member by
// member: the same text, and it reads back as the service it was made from.
#include "store/service_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../rsa/test_networks.h"
#include "fabric/fabric.h"

namespace lightmesh::store {
namespace {

using Json = nlohmann::ordered_json;
using lightmesh::testing::fiber;
using lightmesh::testing::site;

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

TEST(ServiceJson, AStoredServiceIsTheTreeDumpAndReadsBack) {
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
