// The inventory: the one the emulator generates is valid for its network and survives a round
// trip through JSON, and each kind of mistake is reported with the file and JSON pointer.
#include "southbound/inventory.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "server/server_test_support.h"

namespace lightmesh::southbound {
namespace {

using server::test_support::london;

std::string first_error(nlohmann::json doc) {
  auto inv = parse_inventory(doc.dump(), "devices.json", london());
  return inv ? "" : inv.error().to_string();
}

nlohmann::json generated() {
  return nlohmann::json::parse(
      inventory_json(default_inventory(london(), "127.0.0.1", 830)).dump());
}

TEST(Inventory, GeneratedOneIsValidAndRoundTrips) {
  const Inventory inv = default_inventory(london(), "127.0.0.1", 17830);
  ASSERT_EQ(inv.devices.size(), london().nodes().size());
  // Ports in node order.
  for (std::size_t i = 0; i < inv.devices.size(); ++i) {
    EXPECT_EQ(inv.devices[i].node, london().node(static_cast<NodeIndex>(i)).id);
    EXPECT_EQ(inv.devices[i].port, 17830 + i);
  }
  auto back = parse_inventory(inventory_json(inv).dump(), "devices.json", london());
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(inventory_json(*back), inventory_json(inv));
}

TEST(Inventory, OpenConfigOneIsValidRoundTripsAndMixesWithOpenRoadm) {
  const Inventory inv = default_inventory(london(), "127.0.0.1", 17830, kOpenConfig);
  const nlohmann::json doc = nlohmann::json::parse(inventory_json(inv).dump());
  auto back = parse_inventory(doc.dump(), "devices.json", london());
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(inventory_json(*back), inventory_json(inv));
  for (const DeviceEntry& d : back->devices) {
    EXPECT_EQ(d.model, kOpenConfig);
    for (const DegreePort& g : d.degrees) EXPECT_EQ(g.port, fmt::format("DEG{}-LINE", g.degree));
    for (std::size_t k = 0; k < d.add_drops.size(); ++k) {
      EXPECT_EQ(d.add_drops[k].srg_port, fmt::format("SRG1-AD{}", k + 1));
      EXPECT_EQ(d.add_drops[k].transponder_port, fmt::format("XPDR1-TRX{}", k + 1));
      EXPECT_EQ(d.add_drops[k].optical_channel, fmt::format("XPDR1-OCH{}", k + 1));
    }
  }
  // One device of each model in one inventory.
  nlohmann::json mixed = generated();
  mixed["devices"][1] = doc["devices"][1];
  EXPECT_EQ(first_error(mixed), "");
  // An OpenConfig add/drop without its optical channel.
  nlohmann::json broken = doc;
  for (auto& d : broken["devices"])
    if (d.contains("add_drops")) {
      d["add_drops"][0].erase("optical_channel");
      break;
    }
  EXPECT_NE(first_error(broken).find("/add_drops/0/optical_channel: missing required field"),
            std::string::npos)
      << first_error(broken);
}

TEST(Inventory, MistakesNameTheFileAndPointer) {
  auto doc = generated();
  doc["devices"][2]["port"] = 0;
  EXPECT_EQ(first_error(doc), "devices.json: /devices/2/port: 0 is not an integer from 1 to 65535");

  doc = generated();
  doc["devices"][1]["node"] = "NOWHERE";
  EXPECT_EQ(first_error(doc),
            "devices.json: /devices/1/node: \"NOWHERE\" is not an optical node of the network");

  doc = generated();
  doc["devices"][0]["degrees"].erase(0);
  EXPECT_NE(first_error(doc).find("devices.json: /devices/0/degrees: fibre \""), std::string::npos)
      << first_error(doc);

  doc = generated();
  doc["devices"].erase(doc["devices"].size() - 1);
  EXPECT_NE(first_error(doc).find("has no device"), std::string::npos);

  doc = generated();
  doc["devices"][0]["model"] = "gnmi";
  EXPECT_NE(first_error(doc).find("/devices/0/model: model \"gnmi\" is not supported"),
            std::string::npos);

  doc = generated();
  doc["devices"][0].erase("password_env");
  EXPECT_EQ(first_error(doc),
            "devices.json: /devices/0/password_env: missing required field \"password_env\"");

  EXPECT_EQ(parse_inventory("{", "devices.json", london()).error().to_string(),
            "devices.json: not valid JSON");
}

}  // namespace
}  // namespace lightmesh::southbound
