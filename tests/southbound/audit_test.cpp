// The audit end to end: lightmesh-devsim's emulated devices, a controller with --devices served
// over HTTP on loopback, the `lightmesh device` client run as its own process, and ncclient (a
// client lightmesh did not write) both to change devices behind lightmesh's back
// (tests/southbound/tamper.py) and to read them back (readback.py). The truth each case compares
// with is what ncclient read on the devices before the change, entry by entry and leaf by leaf.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/http_server.h"
#include "server/server_test_support.h"
#include "southbound/device_watch.h"
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
using southbound_test::read_back;

struct CliRun {
  int code = -1;
  std::string out, err;
};

// Runs a shell command; its stdout and stderr apart.
CliRun run(const std::string& cmd) {
  const auto err_file = temp_dir("audit-cli") / "stderr";
  CliRun r;
  FILE* p = ::popen((cmd + " 2>" + err_file.string()).c_str(), "r");
  char buf[65536];
  for (std::size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int status = p ? ::pclose(p) : -1;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::stringstream s;
  s << in.rdbuf();
  r.err = s.str();
  return r;
}

// A controller served over HTTP on a loopback port until destroyed.
class Served {
 public:
  explicit Served(server::Controller& c) : http_(c) {
    auto port = http_.bind("127.0.0.1", 0);
    EXPECT_TRUE(port.has_value()) << port.error().to_string();
    url_ = "http://127.0.0.1:" + std::to_string(port ? *port : 0);
    thread_ = std::thread([this] { http_.serve(); });
  }
  ~Served() {
    http_.stop();
    thread_.join();
  }
  // The `lightmesh device …` client against this controller.
  CliRun device(const std::string& args, const std::string& token = "admin-token-1") const {
    return run(std::string(LIGHTMESH_BINARY) + " device " + args + " --server " + url_ +
               " --token " + token);
  }

 private:
  server::HttpServer http_;
  std::string url_;
  std::thread thread_;
};

class DeviceAudit : public southbound_test::DevsimSuite<DeviceAudit> {
 protected:
  // Every service goes, so the devices (shared by the suite) hold nothing for the next test.
  void TearDown() override {
    const json list =
        json::parse(call(*controller_, "GET", "/api/v1/services", "admin-token-1").body);
    const json items = list["items"];
    for (const json& s : items)
      EXPECT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + s["id"].get<std::string>(),
                     "admin-token-1")
                    .status,
                204);
    DevsimSuite::TearDown();
  }

  // A service between two sites far apart (its route crosses several devices); its route.
  std::vector<std::string> create_service() {
    const auto& sites = london().sites();
    const HttpResponse r = call(
        *controller_, "POST", "/api/v1/services", "bank-token-1",
        json{{"from", sites.front().id}, {"to", sites.back().id}, {"bandwidth_gbps", 100}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    std::vector<std::string> route;
    if (r.status != 201) return route;
    const json svc = json::parse(r.body);
    for (const json& n : svc["lightpaths"][0]["route"]) route.push_back(n);
    return route;
  }

  static int port_of(const std::string& node) {
    for (const json& d : (*inventory_)["devices"])
      if (d["node"] == node) return d["port"];
    ADD_FAILURE() << "no device for " << node;
    return 0;
  }

  // The inventory with one device: ncclient reads take seconds each on a busy machine.
  static json only(const std::string& node) {
    json inv = {{"devices", json::array()}};
    for (const json& d : (*inventory_)["devices"])
      if (d["node"] == node) inv["devices"].push_back(d);
    return inv;
  }

  static void tamper(const std::string& node, const std::string& change) {
    const std::string cmd = std::string(LIGHTMESH_PYTHON3) + " " + LIGHTMESH_SOURCE_DIR +
                            "/tests/southbound/tamper.py 127.0.0.1 " +
                            std::to_string(port_of(node)) + " " + change;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  // The audit as `lightmesh device audit --format json` prints it, by device.
  std::map<std::string, json> audit(const Served& s, const std::string& extra = "") {
    const CliRun r = s.device("audit --format json" + extra);
    EXPECT_EQ(r.code, 0) << r.err;
    const json j = json::parse(r.out, nullptr, false);
    std::map<std::string, json> by_device;
    if (j.is_discarded() || !j.contains("devices")) {
      ADD_FAILURE() << "not the audit's JSON: " << r.out;
      return by_device;
    }
    for (const json& d : j["devices"]) {
      for (const char* key : {"device", "node", "state", "missing", "extra", "different"})
        EXPECT_TRUE(d.contains(key)) << key << " in " << d.dump();
      by_device[d["device"]] = d;
    }
    EXPECT_EQ(by_device.size(), (*inventory_)["devices"].size());
    return by_device;
  }

  static void expect_clean_except(const std::map<std::string, json>& found,
                                  const std::string& node) {
    for (const auto& [dev, d] : found) {
      if (dev == node) continue;
      EXPECT_EQ(d["missing"], json::array()) << dev;
      EXPECT_EQ(d["extra"], json::array()) << dev;
      EXPECT_EQ(d["different"], json::array()) << dev;
      EXPECT_TRUE(d["error"].is_null()) << dev << ": " << d["error"];
    }
  }
};

TEST_F(DeviceAudit, AnEntryDeletedBehindLightmeshIsReportedAloneAndRepairRestoresItExactly) {
  const std::vector<std::string> route = create_service();
  ASSERT_GE(route.size(), 3u);
  const auto before = read_back(*inventory_);
  const Served served(*controller_);

  // Clean to begin with.
  expect_clean_except(audit(served), "");

  // Delete one cross-connection on a middle node with ncclient.
  const std::string victim = route[1];
  ASSERT_FALSE(before.at(victim)["connections"].empty());
  const std::string gone = before.at(victim)["connections"].begin().key();
  tamper(victim, "delete-connection " + gone);
  ASSERT_FALSE(read_back(only(victim)).at(victim)["connections"].contains(gone));

  auto found = audit(served);
  expect_clean_except(found, victim);
  EXPECT_EQ(found[victim]["missing"],
            json::array({"roadm-connections[connection-name='" + gone + "']"}));
  EXPECT_EQ(found[victim]["extra"], json::array());
  EXPECT_EQ(found[victim]["different"], json::array());
  EXPECT_EQ(found[victim]["state"], "connected");

  // The table says so too.
  const CliRun table = served.device("audit");
  EXPECT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find(gone), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("missing"), std::string::npos) << table.out;

  // Repair: the device holds again exactly what ncclient read before, leaf by leaf, and every
  // other device is untouched.
  found = audit(served, " --repair");
  EXPECT_EQ(found[victim]["repaired"], true);
  EXPECT_EQ(found[victim]["missing"].size(), 1u);
  EXPECT_EQ(read_back(*inventory_), before);
  expect_clean_except(audit(served), "");

  // A changed value is reported as different, with both values, and repaired.
  const std::string changed = before.at(victim)["connections"].items().begin().key();
  ASSERT_EQ(before.at(victim)["connections"][changed]["opticalControlMode"], "off");
  tamper(victim, "set-control-mode " + changed + " power");
  found = audit(served);
  expect_clean_except(found, victim);
  EXPECT_EQ(found[victim]["missing"], json::array());
  EXPECT_EQ(found[victim]["different"],
            json::parse(R"([{"entry": "roadm-connections[connection-name=')" + changed +
                        R"(']", "leaves": [{"leaf": "opticalControlMode", "intended": "off",
                        "running": "power"}]}])"));
  audit(served, " --repair");
  EXPECT_EQ(read_back(only(victim)).at(victim), before.at(victim));

  // The device list shows the last audit, clean.
  const HttpResponse list = call(*controller_, "GET", "/api/v1/devices", "admin-token-1");
  ASSERT_EQ(list.status, 200) << list.body;
  const json devices = json::parse(list.body)["devices"];
  for (const json& d : devices) {
    EXPECT_EQ(d["port"], port_of(d["node"]));
    if (d["node"] == victim) {
      EXPECT_EQ(d["state"], "connected");
      EXPECT_FALSE(d["last_commit"].is_null());
      EXPECT_EQ(d["drift"]["missing"], 0);
    }
  }
}

TEST_F(DeviceAudit, ADeviceRestartedEmptyIsReportedAndRepushedOnReconnect) {
  const std::vector<std::string> route = create_service();
  ASSERT_GE(route.size(), 3u);
  const auto before = read_back(*inventory_);
  const std::string victim = route[2];
  const std::size_t entries =
      before.at(victim)["interfaces"].size() + before.at(victim)["connections"].size();
  ASSERT_GT(entries, 0u);

  std::mutex mu;
  std::vector<std::string> log;
  auto logged = [&](const std::string& needle) {
    std::lock_guard lock(mu);
    for (const std::string& l : log)
      if (l.find(needle) != std::string::npos) return true;
    return false;
  };
  auto wait_for = [&](const std::string& needle) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!logged(needle) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return logged(needle);
  };
  southbound::DeviceWatch watch(*sb_, std::chrono::milliseconds(200), [&](const std::string& l) {
    std::lock_guard lock(mu);
    log.push_back(l);
  });
  // The first round audits every device once: the victim is clean.
  const std::uint32_t victim_index = sb_->links().inventory().device_of[london().find_node(victim)];
  const auto first_round = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!sb_->last_audit(victim_index) && std::chrono::steady_clock::now() < first_round)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(sb_->last_audit(victim_index).has_value());
  // "connected" on a first audit; "reconnected" if a read timed out on a busy machine since.
  EXPECT_NE(sb_->last_audit(victim_index)
                ->event.find("connected; drift: 0 missing, 0 extra, 0 "
                             "different"),
            std::string::npos)
      << sb_->last_audit(victim_index)->event;

  sim_->fault(victim, "restart-empty");
  ASSERT_TRUE(
      wait_for(fmt::format("device {}: reconnected; drift: {} missing, 0 extra, 0 "
                           "different; re-pushed",
                           victim, entries)))
      << [&] {
           std::lock_guard lock(mu);
           std::string all;
           for (const std::string& l : log) all += l + "\n";
           return all;
         }();
  watch.stop();

  EXPECT_EQ(read_back(*inventory_), before);
  // The device list reports it.
  const HttpResponse list = call(*controller_, "GET", "/api/v1/devices", "admin-token-1");
  ASSERT_EQ(list.status, 200) << list.body;
  bool seen = false;
  const json devices = json::parse(list.body)["devices"];
  for (const json& d : devices) {
    if (d["node"] != victim) continue;
    seen = true;
    EXPECT_EQ(d["state"], "connected");
    const std::string event = d["drift"]["event"];
    EXPECT_NE(event.find(std::to_string(entries) + " missing"), std::string::npos) << event;
    EXPECT_NE(event.find("re-pushed"), std::string::npos) << event;
  }
  EXPECT_TRUE(seen);
}

TEST_F(DeviceAudit, OnlyAdminsSeeDevicesAndAControllerWithoutDevicesSaysSo) {
  for (const char* path : {"/api/v1/devices", "/api/v1/devices/audit"}) {
    EXPECT_EQ(call(*controller_, "GET", path, "bank-token-1").status, 403) << path;
    EXPECT_EQ(call(*controller_, "GET", path, "audit-token-1").status, 403) << path;
    EXPECT_EQ(call(*controller_, "GET", path, "").status, 401) << path;
  }
  EXPECT_EQ(call(*controller_, "POST", "/api/v1/devices/repair", "bank-token-1", "{}").status, 403);

  controller_->attach_southbound(nullptr);
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/devices"},
                                                        {"GET", "/api/v1/devices/audit"},
                                                        {"POST", "/api/v1/devices/repair"}}) {
    const HttpResponse r = call(*controller_, method, path, "admin-token-1", "{}");
    EXPECT_EQ(r.status, 409) << path;
    EXPECT_EQ(json::parse(r.body)["error"], "southbound_off") << r.body;
  }
  const Served served(*controller_);
  const CliRun off = served.device("audit --format json");
  EXPECT_EQ(off.code, 1);
  EXPECT_TRUE(off.out.empty()) << off.out;
  EXPECT_NE(off.err.find("southbound_off"), std::string::npos) << off.err;
  EXPECT_NE(off.err.find("--devices"), std::string::npos) << off.err;
  const CliRun tenant = served.device("list", "bank-token-1");
  EXPECT_EQ(tenant.code, 1);
  EXPECT_NE(tenant.err.find("403"), std::string::npos) << tenant.err;
}

TEST(DeviceCli, BadOptionsAreRefusedWithAUsageMessage) {
  const std::string bin = LIGHTMESH_BINARY;
  for (const std::string args : {"device audit --bogus", "device frobnicate",
                                 "device audit --format xml", "device list --repair", "device"}) {
    const CliRun r = run(bin + " " + args + " --server http://127.0.0.1:1");
    EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << args << "\n" << r.out;
    EXPECT_FALSE(r.err.empty()) << args;
  }
  const CliRun help = run(bin + " device audit --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--repair"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("lightmesh device audit --repair"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace lightmesh
