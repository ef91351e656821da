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
#include "southbound/expected_entries.h"
#include "southbound/host_key.h"
#include "southbound/london_routes.h"
#include "southbound/netconf_session.h"
#include "southbound/readback.h"
#include "southbound/southbound.h"

namespace lightmesh {
namespace {

using json = nlohmann::json;
using server::HttpResponse;
using server::test_support::call;
using server::test_support::london;
using server::test_support::temp_dir;

using southbound_test::expect_route_holds_exactly;
using southbound_test::longest_route;
using southbound_test::read_back;

class SouthboundEndToEnd : public southbound_test::DevsimSuite<SouthboundEndToEnd> {
 protected:
  HttpResponse create(const std::string& from, const std::string& to) {
    return call(*controller_, "POST", "/api/v1/services", "bank-token-1",
                json{{"from", from}, {"to", to}, {"bandwidth_gbps", 100}}.dump());
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
  const std::string slots = fmt::format("{}:{}", n - m + 284 + 1, n + m + 284);
  const json& route = lp["route"];
  ASSERT_GE(route.size(), 5u);
  expect_route_holds_exactly(lp, *inventory_, read_back(*inventory_));

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

// Its own emulator: a device left by a client mid-handshake serves nobody else for the emulator's
// handshake timeout (3 s), which the suite's other tests need not wait for.
class HostKeyPinning : public southbound_test::DevsimSuite<HostKeyPinning> {};

// The emulator's inventory pins its host key; a session opens with that pin and not with another
// (a device impersonated, or re-keyed), and the refusal names both keys.
TEST_F(HostKeyPinning, ASessionOpensOnlyWithThePinnedHostKey) {
  auto inv = southbound::load_inventory(sim_->inventory_file.string(), london());
  ASSERT_TRUE(inv.has_value()) << inv.error().to_string();
  ASSERT_GE(inv->devices.size(), 3u);
  for (const southbound::DeviceEntry& d : inv->devices)
    EXPECT_TRUE(southbound::is_host_key_fingerprint(d.host_key_sha256)) << d.host_key_sha256;
  const std::string pinned = inv->devices[0].host_key_sha256;
  southbound::DeviceError err;
  EXPECT_NE(southbound::NetconfSession::connect(inv->devices[0], 5000, &err), nullptr)
      << err.detail;

  southbound::DeviceEntry impostor = inv->devices[1];
  impostor.host_key_sha256 = "SHA256:" + std::string(43, 'A');
  err = {};
  EXPECT_EQ(southbound::NetconfSession::connect(impostor, 5000, &err), nullptr);
  EXPECT_EQ(err.kind, southbound::FailureKind::kUnreachable);
  EXPECT_NE(err.detail.find("presented the SSH host key " + pinned), std::string::npos)
      << err.detail;
  EXPECT_NE(err.detail.find(impostor.host_key_sha256), std::string::npos) << err.detail;

  southbound::DeviceEntry unpinned = inv->devices[2];
  unpinned.host_key_sha256.clear();  // no pin: any key is accepted
  EXPECT_NE(southbound::NetconfSession::connect(unpinned, 5000, &err), nullptr) << err.detail;

  // The device the refused client left mid-handshake serves the next client within its timeout.
  err = {};
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NE(southbound::NetconfSession::connect(inv->devices[1], 5000, &err), nullptr)
      << err.detail << " after "
      << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s";
}

TEST_F(SouthboundEndToEnd, ThirdOfFiveRefusesItsCommitSo409NamingItAndNothingAnywhere) {
  // A route over exactly five devices: the first site pair whose route has five nodes.
  const southbound_test::FiveNodeRoute five = southbound_test::five_node_route();
  const std::vector<std::string>& route = five.nodes;
  const std::pair<std::string, std::string>& ends = five.ends;
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
  auto scratch = southbound_test::scratch_fabric();
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

// A write pushes to the devices before its commit. When the commit fails (a full disk), the
// answer is 500 and the devices are put back to what the store holds: a failed create leaves
// nothing of itself on any device, and a failed delete finds the service's entries back.
TEST_F(SouthboundEndToEnd, AFailedCommitPutsTheDevicesBackToWhatTheStoreHolds) {
  use_failing_store();
  const auto [from, to] = longest_route();
  const HttpResponse kept = create(from, to);
  ASSERT_EQ(kept.status, 201) << kept.body;
  const json svc = json::parse(kept.body);
  const std::string id = svc["id"];

  store_fails_ = true;
  const HttpResponse lost = create(from, to);
  ASSERT_EQ(lost.status, 500) << lost.body;
  EXPECT_EQ(json::parse(lost.body)["error"], "store_failed");
  // Only the first service's entries, on its route and nowhere else, as lightmesh's audit agrees.
  expect_route_holds_exactly(svc["lightpaths"][0], *inventory_, read_back(*inventory_));
  for (const southbound::DeviceAudit& a : sb_->audit())
    EXPECT_TRUE(a.read && a.diff.clean()) << "device " << a.device << " " << a.error;

  const HttpResponse undeleted =
      call(*controller_, "DELETE", "/api/v1/services/" + id, "bank-token-1");
  ASSERT_EQ(undeleted.status, 500) << undeleted.body;
  EXPECT_EQ(call(*controller_, "GET", "/api/v1/services/" + id, "bank-token-1").status, 200);
  expect_route_holds_exactly(svc["lightpaths"][0], *inventory_, read_back(*inventory_));

  store_fails_ = false;
  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  expect_all_empty(read_back(*inventory_));
}

}  // namespace
}  // namespace lightmesh
