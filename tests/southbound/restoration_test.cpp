// Fibre cuts end to end with devices: a restore service's new route is committed on the devices
// before its old route's entries are removed (make before break), a device refusing either half
// leaves the fabric and the devices agreeing (and says so), and a 1+1 switch changes nothing on
// the devices, which hold both legs from the create. ncclient (readback.py), a client lightmesh
// did not write, reads every device back, compared exactly with what the lightpaths the API
// answers should leave there (expected_entries.h).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "server/server_test_support.h"
#include "southbound/devsim_suite.h"
#include "southbound/expected_entries.h"
#include "southbound/inventory.h"
#include "southbound/london_routes.h"
#include "southbound/readback.h"

namespace lightmesh {
namespace {

using json = nlohmann::json;
using server::HttpResponse;
using server::test_support::call;
using server::test_support::london;
using southbound_test::ExpectedEntries;
using southbound_test::read_back;
using southbound_test::restorable_cut;
using southbound_test::RestorableCut;

class Restoration : public southbound_test::DevsimSuite<Restoration> {
 protected:
  // Every service goes, so the devices (shared by the suite) hold nothing for the next test.
  void TearDown() override {
    const json list =
        json::parse(call(*controller_, "GET", "/api/v1/services", "admin-token-1").body);
    for (const json& s : list["items"])
      EXPECT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + s["id"].get<std::string>(),
                     "admin-token-1")
                    .status,
                204);
    DevsimSuite::TearDown();
  }

  json create(const std::string& from, const std::string& to, const std::string& protection) {
    const HttpResponse r =
        call(*controller_, "POST", "/api/v1/services", "bank-token-1",
             json{{"from", from}, {"to", to}, {"bandwidth_gbps", 100}, {"protection", protection}}
                 .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }
  json get(const std::string& id) {
    const HttpResponse r = call(*controller_, "GET", "/api/v1/services/" + id, "bank-token-1");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  // The single affected service of a cut.
  json cut(const std::string& fiber) {
    const HttpResponse r = call(*controller_, "POST", "/api/v1/failures", "admin-token-1",
                                json{{"fiber", fiber}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    const json report = json::parse(r.body);
    EXPECT_EQ(report["affected"].size(), 1u) << r.body;
    return report["affected"][0];
  }
  // Each device's audit findings, by node: {"missing": […], "extra": […], "different": […]}.
  std::map<std::string, json> audit() {
    const HttpResponse r = call(*controller_, "GET", "/api/v1/devices/audit", "admin-token-1");
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, json> out;
    const json answer = json::parse(r.body);
    EXPECT_EQ(answer["devices"].size(), inventory_->at("devices").size());
    for (const json& d : answer["devices"]) {
      // A device that could not be read would look clean.
      EXPECT_TRUE(d["error"].is_null()) << d.dump();
      out[d["node"]] = d;
    }
    return out;
  }
  void expect_audit_clean() {
    for (const auto& [node, d] : audit()) {
      EXPECT_TRUE(d["missing"].empty()) << node << ": " << d.dump();
      EXPECT_TRUE(d["extra"].empty()) << node << ": " << d.dump();
      EXPECT_TRUE(d["different"].empty()) << node << ": " << d.dump();
    }
  }
  // Replaces the test's controller with one over `db`, as `serve --devices` starts: the fabric
  // loaded from the store, then what its services hold on the devices recomputed. Calling it
  // again on the same file is a restart.
  void start_over(const std::filesystem::path& db) {
    if (controller_) controller_->attach_southbound(nullptr);
    controller_.reset();
    auto fabric =
        fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
    auto store = store::SqliteStore::open(db.string()).value();
    ASSERT_TRUE(store->load_into(fabric));
    auto inv = southbound::load_inventory(sim_->inventory_file.string(), london());
    ASSERT_TRUE(inv.has_value()) << inv.error().to_string();
    sb_ =
        std::make_unique<southbound::Southbound>(london(), spectrum::Grid{}, std::move(*inv), 5000);
    adopted_ = sb_->adopt(fabric);
    controller_ = std::make_unique<server::Controller>(
        london(), std::move(fabric), std::move(store),
        server::Tokens::parse(server::test_support::kTokens, "tokens.json").value());
    controller_->attach_southbound(sb_.get());
  }
  southbound::AdoptOutcome adopted_;

  void fault(const std::string& node, const std::string& command) {
    sim_->fault(node, command);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the device polls every 20 ms
  }
};

TEST_F(Restoration, ACutMakesTheNewRouteThenBreaksTheOldAndTheAuditIsClean) {
  const RestorableCut c = restorable_cut();
  ASSERT_FALSE(c.fiber.empty());
  const json svc = create(c.from, c.to, "restore");
  const std::string id = svc["id"];
  ExpectedEntries old_route;
  old_route.add(*inventory_, svc["lightpaths"][0], 0, 0);
  old_route.expect_held_exactly(read_back(*inventory_));

  const json affected = cut(c.fiber);
  EXPECT_EQ(affected["outcome"], "restored") << affected.dump();
  const json now = get(id);
  EXPECT_EQ(now["state"], "up");
  ASSERT_EQ(now["lightpaths"].size(), 1u);
  EXPECT_NE(now["lightpaths"][0]["route"], svc["lightpaths"][0]["route"]);
  // The new route takes the next add/drop at each end (the old route's were still in use when it
  // was made); the old route's entries are gone.
  ExpectedEntries new_route;
  new_route.add(*inventory_, now["lightpaths"][0], 1, 1);
  new_route.expect_held_exactly(read_back(*inventory_));
  expect_audit_clean();

  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  ExpectedEntries().expect_held_exactly(read_back(*inventory_));
}

// The order, shown by a fault: a device only on the old route refuses the next commit, so the
// removal of the old route fails; the new route was committed before it was tried.
TEST_F(Restoration, AnOldRouteDeviceRefusingTheRemovalFindsTheNewRouteAlreadyCommitted) {
  const RestorableCut c = restorable_cut();
  ASSERT_FALSE(c.fiber.empty());
  const json svc = create(c.from, c.to, "restore");
  const std::string id = svc["id"];
  fault(c.old_only, "refuse-commit");

  const json affected = cut(c.fiber);
  EXPECT_EQ(affected["outcome"], "restored") << affected.dump();
  const std::string detail = affected["detail"];
  EXPECT_NE(detail.find("device " + c.old_only + ": commit"), std::string::npos) << detail;
  EXPECT_NE(detail.find("extra"), std::string::npos) << detail;
  const json now = get(id);
  EXPECT_EQ(now["state"], "up");
  // Both routes, whole: the new one committed, the old one's removal undone on every device.
  ExpectedEntries both, new_route;
  both.add(*inventory_, svc["lightpaths"][0], 0, 0);
  both.add(*inventory_, now["lightpaths"][0], 1, 1);
  both.expect_held_exactly(read_back(*inventory_));
  new_route.add(*inventory_, now["lightpaths"][0], 1, 1);

  // lightmesh no longer intends the old route: the audit names its entries as extra, on the old
  // route's devices, and nothing else.
  std::size_t extra = 0;
  for (const auto& [node, d] : audit()) {
    EXPECT_TRUE(d["missing"].empty()) << node << ": " << d.dump();
    EXPECT_TRUE(d["different"].empty()) << node << ": " << d.dump();
    extra += d["extra"].size();
  }
  // Exactly the old route's entries the new one does not share.
  EXPECT_GT(extra, 0u);
  EXPECT_EQ(extra, both.size() - new_route.size());
  EXPECT_EQ(call(*controller_, "POST", "/api/v1/devices/repair", "admin-token-1", "{}").status,
            200);
  new_route.expect_held_exactly(read_back(*inventory_));
  expect_audit_clean();
}

TEST_F(Restoration, ANewRouteDeviceRefusingLeavesTheServiceDownOnItsOldRoute) {
  const RestorableCut c = restorable_cut();
  ASSERT_FALSE(c.fiber.empty());
  const json svc = create(c.from, c.to, "restore");
  const std::string id = svc["id"];
  fault(c.new_only, "refuse-commit");

  const json affected = cut(c.fiber);
  EXPECT_EQ(affected["outcome"], "down") << affected.dump();
  const std::string detail = affected["detail"];
  EXPECT_NE(detail.find("restoration refused by the devices: device " + c.new_only),
            std::string::npos)
      << detail;
  const json now = get(id);
  EXPECT_EQ(now["state"], "down");
  EXPECT_EQ(now["down_reason"], detail);
  // The devices kept the old route, and lightmesh intends it (a clean audit).
  ExpectedEntries old_route;
  old_route.add(*inventory_, svc["lightpaths"][0], 0, 0);
  old_route.expect_held_exactly(read_back(*inventory_));
  expect_audit_clean();
  // The event says why.
  const json events =
      json::parse(call(*controller_, "GET", "/api/v1/events", "admin-token-1").body);
  bool said = false;
  for (const json& e : events["items"])
    said = said ||
           (e.value("service", "") == id &&
            e.value("why", "").find("restoration refused by the devices") != std::string::npos);
  EXPECT_TRUE(said) << events.dump();

  // A repair brings it back up on the route the devices still hold, as it was: nothing to push.
  const HttpResponse repaired =
      call(*controller_, "DELETE", "/api/v1/failures/" + c.fiber, "admin-token-1");
  ASSERT_EQ(repaired.status, 200) << repaired.body;
  const json up = get(id);
  EXPECT_EQ(up["state"], "up");
  ASSERT_EQ(up["lightpaths"].size(), 1u);
  EXPECT_EQ(up["lightpaths"][0]["route"], svc["lightpaths"][0]["route"]);
  EXPECT_EQ(up["lightpaths"][0]["n"], svc["lightpaths"][0]["n"]);
  EXPECT_EQ(up["lightpaths"][0]["m"], svc["lightpaths"][0]["m"]);
  old_route.expect_held_exactly(read_back(*inventory_));
  expect_audit_clean();
}

TEST_F(Restoration, OnePlusOneHoldsBothLegsFromTheCreateAndASwitchChangesNothing) {
  const RestorableCut c = restorable_cut();
  ASSERT_FALSE(c.from.empty());
  const json svc = create(c.from, c.to, "1+1");
  const std::string id = svc["id"];
  ASSERT_EQ(svc["lightpaths"].size(), 2u) << svc.dump();
  ASSERT_EQ(svc["lightpaths"][0]["role"], "working");
  ASSERT_EQ(svc["lightpaths"][1]["role"], "protect");
  // The working leg takes each end's first add/drop, the protect leg the second.
  ExpectedEntries legs;
  legs.add(*inventory_, svc["lightpaths"][0], 0, 0);
  legs.add(*inventory_, svc["lightpaths"][1], 1, 1);
  legs.expect_held_exactly(read_back(*inventory_));

  const json affected = cut(svc["lightpaths"][0]["fibers"][0].get<std::string>());
  EXPECT_EQ(affected["outcome"], "switched") << affected.dump();
  legs.expect_held_exactly(read_back(*inventory_));
  expect_audit_clean();

  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  ExpectedEntries().expect_held_exactly(read_back(*inventory_));
}

// What a service holds on the devices is recomputed when the controller starts over a database:
// the restored service's new route, on the second add/drop of each end (the first is free again,
// so a plain first-free choice would be wrong), is intended exactly, and its delete removes it.
TEST_F(Restoration, AControllerRestartedOverTheSameDatabaseIntendsWhatItsServicesHold) {
  const RestorableCut c = restorable_cut();
  ASSERT_FALSE(c.fiber.empty());
  const auto db = server::test_support::temp_dir("restart") / "s.db";
  start_over(db);
  const json svc = create(c.from, c.to, "restore");
  const std::string id = svc["id"];
  EXPECT_EQ(cut(c.fiber)["outcome"], "restored");
  const json now = get(id);
  ExpectedEntries new_route;
  new_route.add(*inventory_, now["lightpaths"][0], 1, 1);
  new_route.expect_held_exactly(read_back(*inventory_));

  start_over(db);
  EXPECT_EQ(adopted_.services, 1u);
  EXPECT_EQ(adopted_.ends_not_found, 0u);
  EXPECT_EQ(get(id)["lightpaths"], now["lightpaths"]);
  expect_audit_clean();
  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  ExpectedEntries().expect_held_exactly(read_back(*inventory_));
  expect_audit_clean();
}

}  // namespace
}  // namespace lightmesh
