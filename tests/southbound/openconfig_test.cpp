// End to end with OpenConfig devices (every device, then a route mixing both models):
// lightmesh-devsim --model openconfig, a controller with the southbound, and ncclient
// (tests/southbound/readback.py), a client lightmesh did not write, reading every device back. The
// expected values are computed here from the lightpath the API answers: its centre (center_thz) and
// width (width_ghz) give the media channels' edges and the optical channels' frequency in MHz, its
// mode the operational mode, and the inventory the emulator wrote gives the ports
// (docs/southbound.md, "OpenConfig: what is written").
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "server/server_test_support.h"
#include "southbound/devsim_process.h"
#include "southbound/devsim_suite.h"
#include "southbound/london_routes.h"
#include "southbound/readback.h"

namespace lightmesh {
namespace {

using json = nlohmann::json;
using server::HttpResponse;
using server::test_support::call;
using server::test_support::london;
using southbound_test::read_back;

class OpenConfigEndToEnd : public southbound_test::DevsimSuite<OpenConfigEndToEnd> {
 public:
  static std::string devsim_model() { return southbound::kOpenConfig; }

 protected:
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

  static int port_of(const std::string& node) { return device_of(node)["port"]; }
};

// No device holds a media channel or a tuned optical channel.
void expect_all_empty(const std::map<std::string, json>& held) {
  for (const auto& [node, d] : held) {
    EXPECT_TRUE(d["media_channels"].empty()) << node << " holds " << d["media_channels"].dump();
    EXPECT_TRUE(d["optical_channels"].empty()) << node << " holds " << d["optical_channels"].dump();
  }
}

// What a device on a lightpath's route should hold, from the API's answer and the inventory.
struct Expected {
  std::map<std::string, json> media_channels;    // by index
  std::map<std::string, json> optical_channels;  // by component
};

Expected expected_on(const json& lp, std::size_t i, const json& dev) {
  // MHz, from the answer's THz and GHz (6 decimals of THz are whole MHz).
  const auto center = std::llround(lp["center_thz"].get<double>() * 1e6);
  const auto width = std::llround(lp["width_ghz"].get<double>() * 1e3);
  const json& route = lp["route"];
  const json& fibers = lp["fibers"];
  // TransportPCE's first slot: 1 + the index of the lower edge, 6.25 GHz slots from 191.325 THz.
  const auto lower = center - width / 2;
  const std::int64_t lo = (lower - 191325000) / 6250 + 1;
  const std::int64_t hi = (center + width / 2 - 191325000) / 6250;
  // The ports on either side: the fibre's degree, or at an end the first add/drop; numbered as
  // the media-channel index numbers them (degrees, then add/drops, from 1, in inventory order).
  std::string port[2];
  std::int64_t number[2] = {0, 0};
  for (int s = 0; s < 2; ++s) {
    const bool end = s == 0 ? i == 0 : i + 1 == route.size();
    if (end) {
      port[s] = dev["add_drops"][0]["port"];
      number[s] = static_cast<std::int64_t>(dev["degrees"].size()) + 1;
      continue;
    }
    const std::string fiber = fibers[s == 0 ? i - 1 : i];
    for (std::size_t k = 0; k < dev["degrees"].size(); ++k)
      if (dev["degrees"][k]["fiber"] == fiber) {
        port[s] = dev["degrees"][k]["port"];
        number[s] = static_cast<std::int64_t>(k) + 1;
      }
  }
  Expected e;
  for (int dir = 0; dir < 2; ++dir) {
    const int src = dir, dst = 1 - dir;
    const std::string index = std::to_string(number[src] * 1000000 + number[dst] * 1000 + lo);
    e.media_channels[index] = {{"index", index},
                               {"name", fmt::format("{}-{}-{}:{}", port[src], port[dst], lo, hi)},
                               {"lower-frequency", std::to_string(lower)},
                               {"upper-frequency", std::to_string(center + width / 2)},
                               {"admin-status", "ENABLED"},
                               {"source", port[src]},
                               {"dest", port[dst]}};
  }
  if (i == 0 || i + 1 == route.size()) {
    const Network& net = london();
    const double power = net.physics().launch_power_dbm.value_or(0.0);
    e.optical_channels[dev["add_drops"][0]["optical_channel"]] = {
        {"frequency", std::to_string(center)},
        {"target-output-power", std::llround(power * 100)},  // compared in 0.01 dBm
        {"operational-mode",
         std::to_string(net.catalogue().find(lp["mode"].get<std::string>()) + 1)}};
  }
  return e;
}

// A decimal text in hundredths: "1.5" → 150, "-2.00" → -200.
std::int64_t hundredths(const std::string& text) { return std::llround(std::stod(text) * 100); }

void expect_holds(const std::string& node, const json& got, const Expected& want) {
  std::set<std::string> got_idx, want_idx;
  for (const auto& [k, v] : got["media_channels"].items()) got_idx.insert(k);
  for (const auto& [k, v] : want.media_channels) want_idx.insert(k);
  EXPECT_EQ(got_idx, want_idx) << node;
  for (const auto& [index, fields] : want.media_channels) {
    if (!got["media_channels"].contains(index)) continue;
    EXPECT_EQ(got["media_channels"][index], fields) << node << " media channel " << index;
  }
  std::set<std::string> got_och, want_och;
  for (const auto& [k, v] : got["optical_channels"].items()) got_och.insert(k);
  for (const auto& [k, v] : want.optical_channels) want_och.insert(k);
  EXPECT_EQ(got_och, want_och) << node;
  for (const auto& [name, fields] : want.optical_channels) {
    if (!got["optical_channels"].contains(name)) continue;
    const json& g = got["optical_channels"][name];
    EXPECT_EQ(g.size(), 3u) << node << " " << g.dump();
    EXPECT_EQ(g.value("frequency", ""), fields["frequency"]) << node << " " << name;
    EXPECT_EQ(g.value("operational-mode", ""), fields["operational-mode"]) << node << " " << name;
    ASSERT_TRUE(g.contains("target-output-power")) << node << " " << name;
    EXPECT_EQ(hundredths(g["target-output-power"]),
              fields["target-output-power"].get<std::int64_t>())
        << node << " " << name << " " << g["target-output-power"];
  }
}

TEST_F(OpenConfigEndToEnd, LongestRouteEveryDeviceHoldsExactlyItsChannelsThenNoneAfterDelete) {
  const auto [from, to] = southbound_test::longest_route();
  const HttpResponse r = create(from, to);
  ASSERT_EQ(r.status, 201) << r.body;
  const json svc = json::parse(r.body);
  const json& lp = svc["lightpaths"][0];
  const json& route = lp["route"];
  ASSERT_GE(route.size(), 5u);
  // The answer's own figures agree with its N and M (193.1 THz + N × 6.25 GHz, M × 12.5 GHz).
  EXPECT_EQ(std::llround(lp["center_thz"].get<double>() * 1e6),
            193100000 + lp["n"].get<std::int64_t>() * 6250);
  EXPECT_EQ(std::llround(lp["width_ghz"].get<double>() * 1e3), lp["m"].get<std::int64_t>() * 12500);

  const auto held = read_back(*inventory_);
  std::set<std::string> on_route;
  for (std::size_t i = 0; i < route.size(); ++i) {
    const std::string node = route[i];
    on_route.insert(node);
    expect_holds(node, held.at(node), expected_on(lp, i, device_of(node)));
  }
  for (const auto& [node, d] : held) {
    if (on_route.count(node)) continue;
    EXPECT_TRUE(d["media_channels"].empty()) << node << " is off the route";
    EXPECT_TRUE(d["optical_channels"].empty()) << node << " is off the route";
  }

  const HttpResponse del = call(*controller_, "DELETE",
                                "/api/v1/services/" + svc["id"].get<std::string>(), "bank-token-1");
  ASSERT_EQ(del.status, 204) << del.body;
  expect_all_empty(read_back(*inventory_));
}

TEST_F(OpenConfigEndToEnd, ThirdOfFiveRefusesItsCommitSo409NamingItAndNothingAnywhere) {
  const southbound_test::FiveNodeRoute route = southbound_test::five_node_route();
  ASSERT_EQ(route.nodes.size(), 5u) << "London has no five-node route";
  sim_->fault(route.nodes[2], "refuse-commit");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the device polls every 20 ms
  const HttpResponse r = create(route.ends.first, route.ends.second);
  ASSERT_EQ(r.status, 409) << r.body;
  const json body = json::parse(r.body);
  EXPECT_EQ(body["error"], "DEVICE_REFUSED");
  EXPECT_EQ(body["where"], route.nodes[2]);
  EXPECT_NE(body["detail"].get<std::string>().find("commit refused"), std::string::npos)
      << body["detail"];
  expect_all_empty(read_back(*inventory_));
  const json list = json::parse(call(*controller_, "GET", "/api/v1/services", "bank-token-1").body);
  EXPECT_TRUE(list["items"].empty()) << list.dump();
}

TEST_F(OpenConfigEndToEnd, AuditReportsADeletedMediaChannelAndRepairRestoresIt) {
  const auto [from, to] = southbound_test::longest_route();
  const HttpResponse r = create(from, to);
  ASSERT_EQ(r.status, 201) << r.body;
  const json svc = json::parse(r.body);
  const json& lp = svc["lightpaths"][0];
  const std::string victim = lp["route"][1];
  const auto before = read_back(*inventory_);
  ASSERT_EQ(before.at(victim)["media_channels"].size(), 2u);
  const std::string index = before.at(victim)["media_channels"].begin().key();

  // Deleted behind lightmesh's back, by ncclient.
  const std::string cmd = fmt::format(
      "{} {}/tests/southbound/tamper.py 127.0.0.1 {} "
      "delete-media-channel {}",
      LIGHTMESH_PYTHON3, LIGHTMESH_SOURCE_DIR, port_of(victim), index);
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  ASSERT_FALSE(read_back(*inventory_).at(victim)["media_channels"].contains(index));

  // The audit reports exactly that entry, missing on that device, and nothing else anywhere.
  const HttpResponse audit = call(*controller_, "GET", "/api/v1/devices/audit", "admin-token-1");
  ASSERT_EQ(audit.status, 200) << audit.body;
  for (const json& d : json::parse(audit.body)["devices"]) {
    const json want_missing =
        d["node"] == victim ? json::array({"channel[index='" + index + "']"}) : json::array();
    EXPECT_EQ(d["missing"], want_missing) << d.dump();
    EXPECT_EQ(d["extra"], json::array()) << d.dump();
    EXPECT_EQ(d["different"], json::array()) << d.dump();
  }

  // The repair puts it back: every device reads back as before the deletion.
  const HttpResponse repair =
      call(*controller_, "POST", "/api/v1/devices/repair", "admin-token-1", "{}");
  ASSERT_EQ(repair.status, 200) << repair.body;
  EXPECT_EQ(read_back(*inventory_), before);
  const json clean =
      json::parse(call(*controller_, "GET", "/api/v1/devices/audit", "admin-token-1").body);
  for (const json& d : clean["devices"]) EXPECT_EQ(d["missing"], json::array()) << d.dump();

  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + svc["id"].get<std::string>(),
                 "bank-token-1")
                .status,
            204);
  expect_all_empty(read_back(*inventory_));
}

TEST_F(OpenConfigEndToEnd, DroppedSessionIs503AndNothingAnywhere) {
  const auto [from, to] = southbound_test::longest_route();
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
}

TEST_F(OpenConfigEndToEnd, ATransponderRestartedEmptyIsReportedAndRepairRetunesIt) {
  const auto [from, to] = southbound_test::longest_route();
  const HttpResponse r = create(from, to);
  ASSERT_EQ(r.status, 201) << r.body;
  const json svc = json::parse(r.body);
  const std::string end = svc["lightpaths"][0]["route"][0];
  const auto before = read_back(*inventory_);
  ASSERT_EQ(before.at(end)["optical_channels"].size(), 1u);
  const std::string och = before.at(end)["optical_channels"].begin().key();

  sim_->fault(end, "restart-empty");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(read_back(*inventory_).at(end)["optical_channels"].empty());
  // Its two media channels and its optical channel are missing, nothing else anywhere.
  const HttpResponse audit = call(*controller_, "GET", "/api/v1/devices/audit", "admin-token-1");
  ASSERT_EQ(audit.status, 200) << audit.body;
  for (const json& d : json::parse(audit.body)["devices"]) {
    if (d["node"] != end) {
      EXPECT_EQ(d["missing"], json::array()) << d.dump();
      continue;
    }
    std::set<std::string> missing(d["missing"].begin(), d["missing"].end());
    std::set<std::string> want = {"component[name='" + och + "']/optical-channel"};
    for (const auto& [index, ch] : before.at(end)["media_channels"].items())
      want.insert("channel[index='" + index + "']");
    EXPECT_EQ(missing, want) << d.dump();
  }
  const HttpResponse repair =
      call(*controller_, "POST", "/api/v1/devices/repair", "admin-token-1", "{}");
  ASSERT_EQ(repair.status, 200) << repair.body;
  EXPECT_EQ(read_back(*inventory_), before);

  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + svc["id"].get<std::string>(),
                 "bank-token-1")
                .status,
            204);
  expect_all_empty(read_back(*inventory_));
}

// One network, two models: the fixture's OpenROADM emulator and an OpenConfig one started here,
// with an inventory that takes every other node of the route from the OpenConfig emulator.
// A restore service over OpenConfig devices: after the cut, every node of the new route holds its
// two media channels (read back by ncclient), a node only the old route crossed holds none, and
// the audit finds nothing missing, extra or different.
TEST_F(OpenConfigEndToEnd, ACutRestoresOntoTheNewRouteAndTheAuditIsClean) {
  const southbound_test::RestorableCut c = southbound_test::restorable_cut();
  ASSERT_FALSE(c.fiber.empty());
  const HttpResponse created =
      call(*controller_, "POST", "/api/v1/services", "bank-token-1",
           json{{"from", c.from}, {"to", c.to}, {"bandwidth_gbps", 100}, {"protection", "restore"}}
               .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = json::parse(created.body)["id"];
  const HttpResponse cut = call(*controller_, "POST", "/api/v1/failures", "admin-token-1",
                                json{{"fiber", c.fiber}}.dump());
  ASSERT_EQ(cut.status, 200) << cut.body;
  EXPECT_EQ(json::parse(cut.body)["affected"][0]["outcome"], "restored") << cut.body;
  const json now =
      json::parse(call(*controller_, "GET", "/api/v1/services/" + id, "bank-token-1").body);
  const json& route = now["lightpaths"][0]["route"];

  const auto held = read_back(*inventory_);
  for (const json& node : route)
    EXPECT_EQ(held.at(node.get<std::string>())["media_channels"].size(), 2u) << node;
  EXPECT_TRUE(held.at(c.old_only)["media_channels"].empty()) << c.old_only;
  const json audit =
      json::parse(call(*controller_, "GET", "/api/v1/devices/audit", "admin-token-1").body);
  for (const json& d : audit["devices"]) {
    EXPECT_TRUE(d["error"].is_null()) << d.dump();
    EXPECT_TRUE(d["missing"].empty() && d["extra"].empty() && d["different"].empty()) << d.dump();
  }
  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + id, "bank-token-1").status, 204);
  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/failures/" + c.fiber, "admin-token-1").status,
            200);
  expect_all_empty(read_back(*inventory_));
}

class MixedModelsEndToEnd : public southbound_test::DevsimSuite<MixedModelsEndToEnd> {};

TEST_F(MixedModelsEndToEnd, EachDeviceOfARouteGetsItsOwnModelsEntriesThenNoneAfterDelete) {
  const auto oc_dir = server::test_support::temp_dir("openconfig-devsim");
  southbound_test::DevsimProcess oc =
      southbound_test::DevsimProcess::start(oc_dir, southbound::kOpenConfig);
  ASSERT_GT(oc.pid, 0);
  std::ifstream in(oc.inventory_file);
  const json oc_inventory = json::parse(in);

  // The route as the controller will plan it, then the inventory: OpenConfig on even positions.
  auto scratch = southbound_test::scratch_fabric();
  const auto [from, to] = southbound_test::longest_route();
  auto planned = scratch.create({.tenant = "t", .from = from, .to = to, .bandwidth = Gbps{100}});
  ASSERT_TRUE(planned.has_value());
  json mixed = *inventory_;
  std::set<std::string> openconfig_nodes;
  const auto& nodes = (*planned)->lightpaths.front().path.nodes;
  for (std::size_t i = 0; i < nodes.size(); i += 2) {
    const std::string id = london().node(nodes[i]).id;
    openconfig_nodes.insert(id);
    for (std::size_t k = 0; k < mixed["devices"].size(); ++k)
      if (mixed["devices"][k]["node"] == id) mixed["devices"][k] = oc_inventory["devices"][k];
  }
  const auto file = oc_dir / "mixed.json";
  std::ofstream(file) << mixed.dump();
  auto inv = southbound::load_inventory(file.string(), london());
  ASSERT_TRUE(inv.has_value()) << inv.error().to_string();
  controller_->attach_southbound(nullptr);
  sb_ = std::make_unique<southbound::Southbound>(london(), spectrum::Grid{}, std::move(*inv), 5000);
  controller_->attach_southbound(sb_.get());

  const HttpResponse r = call(*controller_, "POST", "/api/v1/services", "bank-token-1",
                              json{{"from", from}, {"to", to}, {"bandwidth_gbps", 100}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json svc = json::parse(r.body);
  const json& lp = svc["lightpaths"][0];
  const json& route = lp["route"];
  ASSERT_EQ(route.size(), nodes.size());
  const auto width = std::llround(lp["width_ghz"].get<double>() * 1e3);
  const auto center = std::llround(lp["center_thz"].get<double>() * 1e6);
  const std::string slots = fmt::format("-{}:{}", (center - width / 2 - 191325000) / 6250 + 1,
                                        (center + width / 2 - 191325000) / 6250);
  const auto held = read_back(mixed);
  for (std::size_t i = 0; i < route.size(); ++i) {
    const std::string node = route[i];
    const json& got = held.at(node);
    const json* dev = nullptr;
    for (const json& d : mixed["devices"])
      if (d["node"] == node) dev = &d;
    ASSERT_NE(dev, nullptr);
    if (openconfig_nodes.count(node)) {
      EXPECT_EQ((*dev)["model"], "openconfig");
      expect_holds(node, got, expected_on(lp, i, *dev));
      EXPECT_TRUE(got["interfaces"].empty()) << node;
      EXPECT_TRUE(got["connections"].empty()) << node;
    } else {
      // OpenROADM's entries, compared exactly in provisioning_test.cpp: here, that they are
      // there, a connection each way with the lightpath's slots, and nothing of OpenConfig.
      EXPECT_EQ((*dev)["model"], "openroadm-2.2.1");
      ASSERT_EQ(got["connections"].size(), 2u) << node;
      for (const auto& [name, c] : got["connections"].items())
        EXPECT_EQ(name.substr(name.size() - slots.size()), slots) << node;
      EXPECT_TRUE(got["media_channels"].empty()) << node;
      EXPECT_TRUE(got["optical_channels"].empty()) << node;
    }
  }
  // lightmesh's audit agrees that every device holds exactly what it intends.
  const json audit =
      json::parse(call(*controller_, "GET", "/api/v1/devices/audit", "admin-token-1").body);
  for (const json& d : audit["devices"]) {
    EXPECT_EQ(d["missing"], json::array()) << d.dump();
    EXPECT_EQ(d["extra"], json::array()) << d.dump();
    EXPECT_EQ(d["different"], json::array()) << d.dump();
  }

  ASSERT_EQ(call(*controller_, "DELETE", "/api/v1/services/" + svc["id"].get<std::string>(),
                 "bank-token-1")
                .status,
            204);
  const auto after = read_back(mixed);
  expect_all_empty(after);
  for (const auto& [node, d] : after) {
    EXPECT_TRUE(d["interfaces"].empty()) << node;
    EXPECT_TRUE(d["connections"].empty()) << node;
  }
  // The sessions close before their devices stop.
  controller_->attach_southbound(nullptr);
  sb_.reset();
  oc.stop();
  std::filesystem::remove_all(oc_dir);
}

}  // namespace
}  // namespace lightmesh
