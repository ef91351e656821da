// End to end: lightmesh serve's controller with --devices pushes services to lightmesh-devsim's
// emulated OpenROADM 2.2.1 devices over NETCONF, and ncclient (tests/southbound/readback.py), a
// client lightmesh did not write, reads every device back. Expected names and values are computed
// here from the lightpath the API answers (its N and M) and the inventory the emulator wrote, by
// the rules docs/southbound.md states: TransportPCE's slot numbering (GridUtils: lower slot = 1 +
// round((f_min - 193.1 THz) / 6.25 GHz + 284), upper = round((f_max - 193.1 THz) / 6.25 GHz + 284))
// and the 2.2.1 units (THz for frequencies, GHz for widths).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "server/server_test_support.h"
#include "southbound/devsim_process.h"
#include "southbound/devsim_suite.h"
#include "southbound/readback.h"
#include "southbound/southbound.h"

namespace lightmesh {
namespace {

using json = nlohmann::json;
using server::HttpResponse;
using server::test_support::call;
using server::test_support::london;
using server::test_support::temp_dir;

// A decimal text as an integer count of 10^-digits: "193.1" with 8 digits is 19310000000. Exact,
// so values are compared without floating point.
std::int64_t scaled(const std::string& text, int digits) {
  const auto dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  EXPECT_LE(frac.size(), static_cast<std::size_t>(digits)) << text;
  frac.resize(digits, '0');
  return std::stoll(whole + frac);
}

using southbound_test::read_back;

class SouthboundEndToEnd : public southbound_test::DevsimSuite<SouthboundEndToEnd> {
 protected:
  // The pair of sites whose planned route crosses the most nodes (first such pair in site order),
  // planned on a scratch fabric with nothing else booked, as the controller's empty one is.
  static std::pair<std::string, std::string> longest_route() {
    auto scratch =
        fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
    std::pair<std::string, std::string> best;
    std::size_t most = 0;
    const auto& sites = london().sites();
    for (std::size_t a = 0; a < sites.size(); ++a) {
      for (std::size_t b = a + 1; b < sites.size(); ++b) {
        fabric::ServiceRequest r{
            .tenant = "t", .from = sites[a].id, .to = sites[b].id, .bandwidth = Gbps{100}};
        auto s = scratch.create(r);
        if (!s) continue;
        const std::size_t n = (*s)->lightpaths.front().path.nodes.size();
        if (n > most) most = n, best = {sites[a].id, sites[b].id};
        EXPECT_TRUE(scratch.remove((*s)->id));
      }
    }
    return best;
  }

  HttpResponse create(const std::string& from, const std::string& to) {
    return call(*controller_, "POST", "/api/v1/services", "bank-token-1",
                json{{"from", from}, {"to", to}, {"bandwidth_gbps", 100}}.dump());
  }

  static const json& device_of(const std::string& node) {
    for (const json& d : (*inventory_)["devices"])
      if (d["node"] == node) return d;
    static const json none;
    ADD_FAILURE() << "no device for " << node;
    return none;
  }
};

// Each device holds no interface and no connection: nothing of any service.
void expect_all_empty(const std::map<std::string, json>& held) {
  for (const auto& [node, d] : held) {
    EXPECT_TRUE(d["interfaces"].empty()) << node << " holds " << d["interfaces"].dump();
    EXPECT_TRUE(d["connections"].empty()) << node << " holds " << d["connections"].dump();
  }
}

TEST_F(SouthboundEndToEnd, LongestRouteEveryRoadmHoldsExactlyItsEntriesThenNoneAfterDelete) {
  const auto [from, to] = longest_route();
  const HttpResponse r = create(from, to);
  ASSERT_EQ(r.status, 201) << r.body;
  const json svc = json::parse(r.body);
  const json& lp = svc["lightpaths"][0];
  const int n = lp["n"], m = lp["m"];
  // The lightpath's own figures, in 10^-8 THz and 10^-5 GHz.
  const std::int64_t center = 19310000000 + std::int64_t{n} * 625000;
  const std::int64_t half = std::int64_t{m} * 625000;
  ASSERT_EQ(center, scaled(fmt::format("{:.6f}", lp["center_thz"].get<double>()), 8));
  const std::int64_t width = std::int64_t{m} * 1250000;
  ASSERT_EQ(width, scaled(fmt::format("{}", lp["width_ghz"].get<double>()), 5));
  const std::string slots = fmt::format("{}:{}", n - m + 284 + 1, n + m + 284);

  const json& route = lp["route"];
  const json& fibers = lp["fibers"];
  ASSERT_GE(route.size(), 5u);
  const auto held = read_back(*inventory_);
  std::set<std::string> on_route;
  for (std::size_t i = 0; i < route.size(); ++i) {
    const std::string node = route[i];
    on_route.insert(node);
    const json& dev = device_of(node);
    const json& got = held.at(node);
    auto degree_lcp = [&](const std::string& fiber) {
      for (const json& g : dev["degrees"])
        if (g["fiber"] == fiber) return g["logical_connection_point"].get<std::string>();
      ADD_FAILURE() << node << " has no degree for " << fiber;
      return std::string();
    };
    std::map<std::string, json> want_if;  // name → expected leaves (only those compared)
    std::string side[2];
    for (int s = 0; s < 2; ++s) {
      const bool end = s == 0 ? i == 0 : i + 1 == route.size();
      if (end) {
        // The first service takes each end's first add/drop.
        const json& ad = dev["srg"]["add_drops"][0];
        side[s] = ad["srg_logical_connection_point"];
        want_if[side[s] + "-nmc-" + slots] = {
            {"type", "networkMediaChannelConnectionTerminationPoint"},
            {"supporting-circuit-pack-name", dev["srg"]["circuit_pack"]},
            {"supporting-port", ad["srg_port"]},
            {"frequency", center},
            {"width", width}};
      } else {
        side[s] = degree_lcp(fibers[s == 0 ? i - 1 : i]);
        const std::string mc = side[s] + "-mc-" + slots;
        want_if[mc] = {{"type", "mediaChannelTrailTerminationPoint"},
                       {"min-freq", center - half},
                       {"max-freq", center + half}};
        want_if[side[s] + "-nmc-" + slots] = {
            {"type", "networkMediaChannelConnectionTerminationPoint"},
            {"supporting-interface", mc},
            {"frequency", center},
            {"width", width}};
      }
    }
    if (i == 0 || i + 1 == route.size()) {
      const json& ad = dev["srg"]["add_drops"][0];
      want_if[ad["transponder_logical_connection_point"].get<std::string>() + "-" + slots] = {
          {"type", "opticalChannel"},
          {"supporting-circuit-pack-name", ad["transponder_circuit_pack"]},
          {"supporting-port", ad["transponder_port"]},
          {"frequency", center}};
    }
    std::set<std::string> got_names, want_names;
    for (const auto& [name, v] : got["interfaces"].items()) got_names.insert(name);
    for (const auto& [name, v] : want_if) want_names.insert(name);
    EXPECT_EQ(got_names, want_names) << node;
    for (const auto& [name, want] : want_if) {
      if (!got["interfaces"].contains(name)) continue;
      const json& g = got["interfaces"][name];
      for (const auto& [leaf, v] : want.items()) {
        ASSERT_TRUE(g.contains(leaf)) << node << " " << name << " lacks " << leaf;
        const std::string text = g[leaf];
        if (leaf == "type") {
          EXPECT_EQ(text.substr(text.find(':') + 1), v.get<std::string>()) << node << " " << name;
        } else if (v.is_number()) {
          // Frequencies in THz (8 digits), widths in GHz (5 digits), as the 2.2.1 model states.
          EXPECT_EQ(scaled(text, leaf == "width" ? 5 : 8), v.get<std::int64_t>())
              << node << " " << name << " " << leaf << " = " << text;
        } else {
          EXPECT_EQ(text, v.get<std::string>()) << node << " " << name << " " << leaf;
        }
      }
    }
    // A connection each way, between the two sides' NMC interfaces.
    std::map<std::string, std::pair<std::string, std::string>> want_xc = {
        {side[0] + "-" + side[1] + "-" + slots,
         {side[0] + "-nmc-" + slots, side[1] + "-nmc-" + slots}},
        {side[1] + "-" + side[0] + "-" + slots,
         {side[1] + "-nmc-" + slots, side[0] + "-nmc-" + slots}}};
    EXPECT_EQ(got["connections"].size(), want_xc.size()) << node;
    for (const auto& [name, ends] : want_xc) {
      ASSERT_TRUE(got["connections"].contains(name)) << node << " lacks connection " << name;
      EXPECT_EQ(got["connections"][name]["src-if"], ends.first) << name;
      EXPECT_EQ(got["connections"][name]["dst-if"], ends.second) << name;
    }
  }
  for (const auto& [node, d] : held) {
    if (on_route.count(node)) continue;
    EXPECT_TRUE(d["interfaces"].empty()) << node << " is off the route";
    EXPECT_TRUE(d["connections"].empty()) << node << " is off the route";
  }

  // lightmesh's own read-back (get-config over its session) sees the same first device.
  std::string xml;
  const std::uint32_t first =
      sb_->links().inventory().device_of[london().find_node(route[0].get<std::string>())];
  ASSERT_FALSE(sb_->links().running(first, &xml).has_value());
  EXPECT_NE(xml.find("<connection-name>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("-nmc-" + slots + "</name>"), std::string::npos) << xml;

  const HttpResponse del = call(*controller_, "DELETE",
                                "/api/v1/services/" + svc["id"].get<std::string>(), "bank-token-1");
  ASSERT_EQ(del.status, 204) << del.body;
  expect_all_empty(read_back(*inventory_));
}

TEST_F(SouthboundEndToEnd, ThirdOfFiveRefusesItsCommitSo409NamingItAndNothingAnywhere) {
  // A route over exactly five devices: the first site pair whose route has five nodes.
  auto scratch =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  std::vector<std::string> route;
  std::pair<std::string, std::string> ends;
  for (const Site& a : london().sites()) {
    for (const Site& b : london().sites()) {
      if (a.id >= b.id || !route.empty()) continue;
      auto s = scratch.create({.tenant = "t", .from = a.id, .to = b.id, .bandwidth = Gbps{100}});
      if (!s) continue;
      if ((*s)->lightpaths.front().path.nodes.size() == 5) {
        for (NodeIndex n : (*s)->lightpaths.front().path.nodes)
          route.push_back(london().node(n).id);
        ends = {a.id, b.id};
      }
      EXPECT_TRUE(scratch.remove((*s)->id));
    }
  }
  ASSERT_EQ(route.size(), 5u) << "London has no five-node route";
  sim_->fault(route[2], "refuse-commit");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the device polls every 20 ms
  const HttpResponse r = create(ends.first, ends.second);
  ASSERT_EQ(r.status, 409) << r.body;
  const json body = json::parse(r.body);
  EXPECT_EQ(body["error"], "DEVICE_REFUSED");
  EXPECT_EQ(body["where"], route[2]);
  EXPECT_NE(body["detail"].get<std::string>().find("commit refused"), std::string::npos)
      << body["detail"];
  expect_all_empty(read_back(*inventory_));
  // Nothing is booked in lightmesh either.
  const json list = json::parse(call(*controller_, "GET", "/api/v1/services", "bank-token-1").body);
  EXPECT_TRUE(list["items"].empty()) << list.dump();
}

TEST_F(SouthboundEndToEnd, DroppedSessionIs503ThenTheNextPushReconnects) {
  const auto [from, to] = longest_route();
  // The device of the route's second node drops the session on its next RPC.
  auto scratch =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  auto s = scratch.create({.tenant = "t", .from = from, .to = to, .bandwidth = Gbps{100}});
  ASSERT_TRUE(s.has_value());
  const std::string victim = london().node((*s)->lightpaths.front().path.nodes[1]).id;
  sim_->fault(victim, "drop-session");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const HttpResponse r = create(from, to);
  ASSERT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(json::parse(r.body)["error"], "DEVICE_UNREACHABLE");
  EXPECT_EQ(json::parse(r.body)["where"], victim);
  expect_all_empty(read_back(*inventory_));
  // The session is opened again on the next push.
  const HttpResponse again = create(from, to);
  ASSERT_EQ(again.status, 201) << again.body;
  const std::string id = json::parse(again.body)["id"];
  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  expect_all_empty(read_back(*inventory_));
}

}  // namespace
}  // namespace lightmesh
