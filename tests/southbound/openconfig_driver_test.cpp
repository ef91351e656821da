// The OpenConfig driver's payloads for a lightpath planned on London: every edit parses against the
// vendored OpenConfig modules, names the right media channels and optical channels, and a route of
// mixed models gets each device's own model's edit. (What the devices then hold is checked end to
// end in openconfig_test.cpp.)
#include <gtest/gtest.h>

#include "southbound/lightpath_edits.h"
#include "southbound/london_routes.h"
#include "southbound/openconfig.h"
#include "southbound/yang.h"

namespace lightmesh::southbound {
namespace {

using server::test_support::london;

rsa::Lightpath planned_longest() {
  auto scratch = southbound_test::scratch_fabric();
  const auto [from, to] = southbound_test::longest_route();
  auto s = scratch.create({.tenant = "t", .from = from, .to = to, .bandwidth = Gbps{100}});
  EXPECT_TRUE(s.has_value());
  return (*s)->lightpaths.front().path;
}

TEST(OpenConfigDriver, EveryEditParsesAndNamesItsChannels) {
  const rsa::Lightpath lp = planned_longest();
  const Inventory inv = default_inventory(london(), "127.0.0.1", 830, kOpenConfig);
  auto edits = openconfig_lightpath(london(), spectrum::Grid{}, inv, lp, {0, 0});
  ASSERT_TRUE(edits.has_value()) << edits.error().to_string();
  ASSERT_EQ(edits->size(), lp.nodes.size());
  auto ctx = openconfig_context(yang_dir());
  ASSERT_TRUE(ctx.has_value()) << ctx.error().to_string();
  auto slots = transportpce_slots(spectrum::Grid{}, lp.slots);
  ASSERT_TRUE(slots.has_value());
  for (std::size_t i = 0; i < edits->size(); ++i) {
    const DeviceEdit& e = (*edits)[i];
    EXPECT_EQ(e.device, inv.device_of[lp.nodes[i]]);
    for (const std::string* xml : {&e.create_xml, &e.remove_xml}) {
      auto t = parse_config(ctx->get(), *xml, "edit");
      EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().to_string()) << "\n" << *xml;
    }
    ASSERT_EQ(e.connections.size(), 2u);
    const auto lo = static_cast<std::uint32_t>((*slots)[0]);
    for (const std::string& index : e.connections) {
      EXPECT_EQ(std::stoul(index) % 1000, lo);
      EXPECT_TRUE(is_media_channel_index(
          std::stoul(index), static_cast<std::uint32_t>(inv.devices[e.device].degrees.size() +
                                                        inv.devices[e.device].add_drops.size())));
    }
    const bool end = i == 0 || i + 1 == edits->size();
    EXPECT_EQ(e.interfaces,
              end ? std::vector<std::string>{"XPDR1-OCH1"} : std::vector<std::string>{});
  }
  // The first node: from its first add/drop (port number degrees + 1) to the first fibre's degree.
  const DeviceEntry& first = inv.devices[inv.device_of[lp.nodes[0]]];
  std::uint32_t degree = 0;
  for (std::size_t k = 0; k < first.degrees.size(); ++k)
    if (first.degrees[k].fiber == london().fiber(lp.fibers[0]).id)
      degree = static_cast<std::uint32_t>(k + 1);
  const std::uint32_t ad = static_cast<std::uint32_t>(first.degrees.size() + 1);
  EXPECT_EQ((*edits)[0].connections[0],
            std::to_string(media_channel_index(ad, degree, (*slots)[0])));
  EXPECT_EQ((*edits)[0].connections[1],
            std::to_string(media_channel_index(degree, ad, (*slots)[0])));
}

TEST(OpenConfigDriver, AMixedRouteGetsEachDevicesOwnModel) {
  const rsa::Lightpath lp = planned_longest();
  Inventory roadm = default_inventory(london(), "127.0.0.1", 830);
  const Inventory oc = default_inventory(london(), "127.0.0.1", 830, kOpenConfig);
  // Every other node of the route an OpenConfig device.
  for (std::size_t i = 0; i < lp.nodes.size(); i += 2)
    roadm.devices[roadm.device_of[lp.nodes[i]]] = oc.devices[oc.device_of[lp.nodes[i]]];
  auto edits = lightpath_edits(london(), spectrum::Grid{}, roadm, lp, {0, 0});
  ASSERT_TRUE(edits.has_value()) << edits.error().to_string();
  auto ctx = all_models_context(yang_dir());
  ASSERT_TRUE(ctx.has_value()) << ctx.error().to_string();
  for (std::size_t i = 0; i < edits->size(); ++i) {
    const std::string& xml = (*edits)[i].create_xml;
    const bool openconfig = i % 2 == 0;
    EXPECT_EQ(xml.find("<wavelength-router") != std::string::npos, openconfig) << i;
    EXPECT_EQ(xml.find("<org-openroadm-device") != std::string::npos, !openconfig) << i;
    EXPECT_TRUE(parse_config(ctx->get(), xml, "edit").has_value()) << xml;
  }
}

TEST(OpenConfigDriver, TheStartingConfigurationValidates) {
  auto ctx = openconfig_context(yang_dir());
  ASSERT_TRUE(ctx.has_value()) << ctx.error().to_string();
  for (const DeviceEntry& d : default_inventory(london(), "127.0.0.1", 830, kOpenConfig).devices) {
    auto t = parse_config(ctx->get(), openconfig_base_config(d), d.node);
    ASSERT_TRUE(t.has_value()) << t.error().to_string();
    EXPECT_TRUE(validate_config(ctx->get(), *t).has_value()) << d.node;
  }
}

}  // namespace
}  // namespace lightmesh::southbound
