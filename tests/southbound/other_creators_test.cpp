// Services created otherwise than through /api/v1/services reach the devices the same way: a
// TAPI connectivity-service and a workload's services are on every device of their routes once
// created (201) and gone once deleted, and a device that refuses gets the same 409, in RESTCONF's
// form for TAPI, with nothing booked and nothing on any device. ncclient (readback.py) reads the
// devices back, compared exactly with what the lightpaths the REST API answers should leave there.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "server/server_test_support.h"
#include "server/tapi_ids.h"
#include "southbound/devsim_suite.h"
#include "southbound/expected_entries.h"
#include "southbound/readback.h"

namespace lightmesh {
namespace {

using json = nlohmann::json;
using server::HttpResponse;
using server::test_support::call;
using southbound_test::ExpectedEntries;
using southbound_test::read_back;

const std::string kConnectivity =
    "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context";

class OtherCreators : public southbound_test::DevsimSuite<OtherCreators> {
 protected:
  void TearDown() override {
    const json workloads =
        json::parse(call(*controller_, "GET", "/api/v1/workloads", "admin-token-1").body);
    for (const json& w : workloads["items"])
      EXPECT_EQ(call(*controller_, "DELETE", "/api/v1/workloads/" + w["id"].get<std::string>(),
                     "admin-token-1")
                    .status,
                204);
    for (const json& s : services())
      EXPECT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + s["id"].get<std::string>(),
                     "admin-token-1")
                    .status,
                204);
    DevsimSuite::TearDown();
  }

  // Every service, in id (creation) order, as the REST API answers it.
  json services() {
    return json::parse(
        call(*controller_, "GET", "/api/v1/services", "admin-token-1").body)["items"];
  }
  void fault(const std::string& node, const std::string& command) {
    sim_->fault(node, command);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the device polls every 20 ms
  }

  static std::string tapi_body(const std::string& from, const std::string& to) {
    const json entry = {
        {"end-point",
         {{{"local-id", "a"},
           {"service-interface-point", {{"service-interface-point-uuid", server::sip_uuid(from)}}}},
          {{"local-id", "z"},
           {"service-interface-point", {{"service-interface-point-uuid", server::sip_uuid(to)}}}}}},
        {"requested-capacity", {{"total-size", {{"value", 100}, {"unit", "GBPS"}}}}}};
    return json{{"tapi-connectivity:connectivity-service", {entry}}}.dump();
  }
};

TEST_F(OtherCreators, ATapiCreateIsOnTheDevicesAndItsDeleteRemovesIt) {
  const auto& sites = server::test_support::london().sites();
  const HttpResponse r = call(*controller_, "POST", kConnectivity, "bank-token-1",
                              tapi_body(sites.front().id, sites.back().id));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string uuid = json::parse(r.body)["tapi-connectivity:connectivity-service"][0]["uuid"];
  const json all = services();
  ASSERT_EQ(all.size(), 1u);
  ExpectedEntries want;
  want.add(*inventory_, all[0]["lightpaths"][0], 0, 0);
  want.expect_held_exactly(read_back(*inventory_));

  const HttpResponse del =
      call(*controller_, "DELETE", kConnectivity + "/connectivity-service=" + uuid, "bank-token-1");
  ASSERT_EQ(del.status, 204) << del.body;
  EXPECT_TRUE(services().empty());
  ExpectedEntries().expect_held_exactly(read_back(*inventory_));
}

TEST_F(OtherCreators, ATapiCreateADeviceRefusesIs409InRestconfFormAndLeavesNothing) {
  const auto& net = server::test_support::london();
  const auto& sites = net.sites();
  // The first site's node is on the route whatever it is.
  fault(net.node(sites.front().node).id, "refuse-commit");
  const HttpResponse r = call(*controller_, "POST", kConnectivity, "bank-token-1",
                              tapi_body(sites.front().id, sites.back().id));
  ASSERT_EQ(r.status, 409) << r.body;
  const json error = json::parse(r.body)["ietf-restconf:errors"]["error"][0];
  EXPECT_EQ(error["error-tag"], "resource-denied") << r.body;
  EXPECT_EQ(error["error-app-tag"], "DEVICE_REFUSED") << r.body;
  EXPECT_NE(error["error-message"].get<std::string>().find(
                "device " + net.node(sites.front().node).id + ": commit"),
            std::string::npos)
      << r.body;
  EXPECT_TRUE(services().empty());
  ExpectedEntries().expect_held_exactly(read_back(*inventory_));
}

constexpr const char* kSitesWorkload =
    R"({"kind": "sites", "anchor": "LSE", "max_rtt_us": 2000, "reserve": 2,
        "bandwidth_gbps": 100})";

TEST_F(OtherCreators, AWorkloadsServicesAreOnTheDevicesAndGoWithIt) {
  const HttpResponse r =
      call(*controller_, "POST", "/api/v1/workloads", "bank-token-1", kSitesWorkload);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = json::parse(r.body)["id"];
  const json all = services();
  ASSERT_EQ(all.size(), 2u);
  // Each lightpath end takes its device's first free add/drop, in creation order.
  std::map<std::string, std::size_t> next;
  ExpectedEntries want;
  for (const json& s : all) {
    for (const json& lp : s["lightpaths"]) {
      const std::size_t a = next[lp["route"].front().get<std::string>()]++;
      const std::size_t z = next[lp["route"].back().get<std::string>()]++;
      want.add(*inventory_, lp, a, z);
    }
  }
  want.expect_held_exactly(read_back(*inventory_));

  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/workloads/" + id, "bank-token-1").status, 204);
  EXPECT_TRUE(services().empty());
  ExpectedEntries().expect_held_exactly(read_back(*inventory_));
}

TEST_F(OtherCreators, AWorkloadADeviceRefusesIs409AndNothingIsBookedOrOnAnyDevice) {
  fault("LSE", "refuse-commit");
  const HttpResponse r =
      call(*controller_, "POST", "/api/v1/workloads", "bank-token-1", kSitesWorkload);
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(json::parse(r.body)["error"], "DEVICE_REFUSED") << r.body;
  EXPECT_EQ(json::parse(r.body)["where"], "LSE") << r.body;
  EXPECT_TRUE(services().empty());
  EXPECT_TRUE(
      json::parse(call(*controller_, "GET", "/api/v1/workloads", "admin-token-1").body)["items"]
          .empty());
  ExpectedEntries().expect_held_exactly(read_back(*inventory_));
}

}  // namespace
}  // namespace lightmesh
