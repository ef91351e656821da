// End to end: devices without a candidate datastore. lightmesh-devsim --no-candidate makes devices
// that announce no :candidate capability and refuse candidate operations; the controller edits
// their running configuration directly, inside the same all-or-nothing push, keeping the undo of
// each edit. ncclient (readback.py) reads every device back:
// - on a route mixing both kinds, and on one where no device has a candidate, each device holds
//   exactly its entries (the same rules as provisioning_test.cpp), and nothing after delete;
// - when the third device of five refuses its edit, or drops its session, nothing is left on any
//   device, including the running-only devices that were already changed.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server/server_test_support.h"
#include "southbound/devsim_suite.h"
#include "southbound/expected_entries.h"
#include "southbound/london_routes.h"
#include "southbound/readback.h"

namespace lightmesh {
namespace {

using json = nlohmann::json;
using server::HttpResponse;
using server::test_support::call;
using server::test_support::london;
using southbound_test::expect_route_holds_exactly;
using southbound_test::read_back;

void expect_all_empty(const std::map<std::string, json>& held) {
  for (const auto& [node, d] : held) {
    EXPECT_TRUE(d["interfaces"].empty()) << node << " holds " << d["interfaces"].dump();
    EXPECT_TRUE(d["connections"].empty()) << node << " holds " << d["connections"].dump();
  }
}

// The nodes at odd positions in node order: half of London's devices have no candidate.
std::vector<std::string> every_other_node() {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < london().nodes().size(); i += 2)
    out.push_back(london().node(static_cast<NodeIndex>(i)).id);
  return out;
}

template <typename Suite>
class RunningOnlySuite : public southbound_test::DevsimSuite<Suite> {
 protected:
  HttpResponse create(const std::string& from, const std::string& to) {
    return call(*this->controller_, "POST", "/api/v1/services", "bank-token-1",
                json{{"from", from}, {"to", to}, {"bandwidth_gbps", 100}}.dump());
  }

  // A service over London's longest route is held exactly, then removed everywhere.
  void longest_route_round_trip() {
    const auto [from, to] = southbound_test::longest_route();
    const HttpResponse r = create(from, to);
    ASSERT_EQ(r.status, 201) << r.body;
    const json svc = json::parse(r.body);
    expect_route_holds_exactly(svc["lightpaths"][0], *this->inventory_,
                               read_back(*this->inventory_));
    const HttpResponse del =
        call(*this->controller_, "DELETE", "/api/v1/services/" + svc["id"].get<std::string>(),
             "bank-token-1");
    ASSERT_EQ(del.status, 204) << del.body;
    expect_all_empty(read_back(*this->inventory_));
  }

  // The third device of a five-device route gets `fault`; the create answers `status` and
  // `error` naming it, and no device holds anything, nothing booked.
  void third_of_five_fails(const std::string& fault, int status, const std::string& error) {
    const auto route = southbound_test::five_node_route();
    ASSERT_EQ(route.nodes.size(), 5u) << "London has no five-node route";
    // Slowed down, so the other four have changed their running configuration when it fails.
    this->sim_->fault(route.nodes[2], fault + "\ndelay-ms 300");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the device polls every 20 ms
    const HttpResponse r = create(route.ends.first, route.ends.second);
    this->sim_->fault(route.nodes[2], "delay-ms 0");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(r.status, status) << r.body;
    const json body = json::parse(r.body);
    EXPECT_EQ(body["error"], error);
    EXPECT_EQ(body["where"], route.nodes[2]);
    expect_all_empty(read_back(*this->inventory_));
    const json list =
        json::parse(call(*this->controller_, "GET", "/api/v1/services", "bank-token-1").body);
    EXPECT_TRUE(list["items"].empty()) << list.dump();
  }
};

class NoCandidateAnywhere : public RunningOnlySuite<NoCandidateAnywhere> {
 public:
  static std::vector<std::string> devsim_options() { return {"--no-candidate"}; }
};

class NoCandidateOnHalf : public RunningOnlySuite<NoCandidateOnHalf> {
 public:
  static std::vector<std::string> devsim_options() {
    std::string nodes;
    for (const std::string& n : every_other_node()) nodes += (nodes.empty() ? "" : ",") + n;
    return {"--no-candidate", nodes};
  }
};

TEST_F(NoCandidateAnywhere, LongestRouteHoldsExactlyItsEntriesThenNoneAfterDelete) {
  longest_route_round_trip();
}

TEST_F(NoCandidateAnywhere, ThirdOfFiveRefusesItsEditSoNothingIsLeftOnAnyDevice) {
  // The other four devices edit running at the same time; what they already hold is undone.
  third_of_five_fails("refuse-edit", 409, "DEVICE_REFUSED");
}

TEST_F(NoCandidateAnywhere, ThirdOfFiveDropsItsSessionSoNothingIsLeftOnAnyDevice) {
  third_of_five_fails("drop-session", 503, "DEVICE_UNREACHABLE");
  // The next push reconnects and succeeds.
  longest_route_round_trip();
}

TEST_F(NoCandidateOnHalf, MixedRouteHoldsExactlyItsEntriesThenNoneAfterDelete) {
  const auto [from, to] = southbound_test::longest_route();
  auto scratch = southbound_test::scratch_fabric();
  auto s = scratch.create({.tenant = "t", .from = from, .to = to, .bandwidth = Gbps{100}});
  ASSERT_TRUE(s.has_value());
  const auto half = every_other_node();
  const std::set<std::string> running_only(half.begin(), half.end());
  std::size_t direct = 0, candidate = 0;
  for (NodeIndex n : (*s)->lightpaths.front().path.nodes)
    ++(running_only.count(london().node(n).id) ? direct : candidate);
  ASSERT_GT(direct, 0u);
  ASSERT_GT(candidate, 0u);
  longest_route_round_trip();
}

TEST_F(NoCandidateOnHalf, ThirdOfFiveRefusesItsCommitOrEditSoNothingIsLeftOnAnyDevice) {
  const auto route = southbound_test::five_node_route();
  const auto half = every_other_node();
  const std::set<std::string> running_only(half.begin(), half.end());
  std::size_t direct = 0;
  for (const std::string& n : route.nodes) direct += running_only.count(n);
  ASSERT_GT(direct, 0u) << "the five-node route has no running-only device";
  // A candidate device refuses its commit after the running-only ones already changed, or a
  // running-only one refuses its edit.
  third_of_five_fails(running_only.count(route.nodes[2]) ? "refuse-edit" : "refuse-commit", 409,
                      "DEVICE_REFUSED");
}

}  // namespace
}  // namespace lightmesh
