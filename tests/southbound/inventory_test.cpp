// The inventory: the one the emulator generates is valid for its network and survives a round
// trip through JSON, and each kind of mistake is reported with the file and JSON pointer.
#include "southbound/inventory.h"

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
  doc["devices"][0]["model"] = "openconfig";
  EXPECT_NE(first_error(doc).find("/devices/0/model: model \"openconfig\" is not supported"),
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
