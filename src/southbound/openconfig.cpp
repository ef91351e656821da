#include "southbound/openconfig.h"

#include <fmt/format.h>

#include <cmath>

namespace lightmesh::southbound {

namespace {

constexpr const char* kWavelengthRouterNs = "http://openconfig.net/yang/wavelength-router";
constexpr const char* kPlatformNs = "http://openconfig.net/yang/platform";
constexpr const char* kTerminalDeviceNs = "http://openconfig.net/yang/terminal-device";
constexpr const char* kNcNs = "urn:ietf:params:xml:ns:netconf:base:1.0";
constexpr std::int64_t kSlotMhz = 6250;  // 6.25 GHz
constexpr int kTpceSlots = 768;

// One side of a node on the route: the port towards the previous or next node, and its number.
struct Side {
  std::string port;
  std::uint32_t number = 0;
};

std::string media_channel(std::uint32_t index, const std::string& name, std::int64_t lower_mhz,
                          std::int64_t upper_mhz, const Side& src, const Side& dst) {
  return fmt::format(
      "<channel nc:operation=\"create\"><index>{0}</index><config><index>{0}</index>"
      "<name>{1}</name><lower-frequency>{2}</lower-frequency><upper-frequency>{3}"
      "</upper-frequency><admin-status>ENABLED</admin-status></config><source><config>"
      "<port-name>{4}</port-name></config></source><dest><config><port-name>{5}</port-name>"
      "</config></dest></channel>",
      index, name, lower_mhz, upper_mhz, src.port, dst.port);
}

// The optical channel's three leaves, each with `op`: "create" so a channel already tuned is an
// error rather than silently retuned, "remove" to untune it (the component itself is hardware and
// stays).
std::string optical_channel(const std::string& component, const char* op, std::int64_t mhz,
                            const std::string& power_dbm, std::uint32_t mode) {
  return fmt::format(
      "<component><name>{0}</name><optical-channel xmlns=\"{1}\"><config>"
      "<frequency nc:operation=\"{2}\">{3}</frequency>"
      "<target-output-power nc:operation=\"{2}\">{4}</target-output-power>"
      "<operational-mode nc:operation=\"{2}\">{5}</operational-mode>"
      "</config></optical-channel></component>",
      component, kTerminalDeviceNs, op, mhz, power_dbm, mode);
}

ConfigEntry media_channel_entry(std::uint32_t index, const std::string& create) {
  return {fmt::format("<wavelength-router xmlns=\"{}\" xmlns:nc=\"{}\"><media-channels>",
                      kWavelengthRouterNs, kNcNs),
          "</media-channels></wavelength-router>", create,
          fmt::format("<channel nc:operation=\"remove\"><index>{}</index></channel>", index)};
}

ConfigEntry component_entry(const std::string& create, const std::string& remove) {
  return {fmt::format("<components xmlns=\"{}\" xmlns:nc=\"{}\">", kPlatformNs, kNcNs),
          "</components>", create, remove};
}

}  // namespace

std::uint32_t media_channel_index(std::uint32_t src, std::uint32_t dst, int lo) {
  return src * 1000000 + dst * 1000 + static_cast<std::uint32_t>(lo);
}

bool is_media_channel_index(std::uint32_t index, std::uint32_t ports) {
  const std::uint32_t src = index / 1000000, dst = index / 1000 % 1000, lo = index % 1000;
  return src >= 1 && src <= ports && dst >= 1 && dst <= ports && src != dst && lo >= 1 &&
         lo <= static_cast<std::uint32_t>(kTpceSlots);
}

Result<std::vector<DeviceEdit>> openconfig_lightpath(const Network& net, const spectrum::Grid& g,
                                                     const Inventory& inv, const rsa::Lightpath& lp,
                                                     std::array<std::uint32_t, 2> add_drop) {
  LM_ASSIGN_OR_RETURN(auto slots, transportpce_slots(g, lp.slots));
  // Grid edges are whole MHz (6.25 GHz slots from a band edge in 10 MHz steps): exact integers.
  const std::int64_t lower = std::llround(g.first_thz * 1e6) + lp.slots.first * kSlotMhz;
  const std::int64_t upper = lower + lp.slots.count * kSlotMhz;
  const std::int64_t center = (lower + upper) / 2;  // the count is even: exact
  const std::string power =
      fmt::format("{:.2f}", net.physics().launch_power_dbm.value_or(0.0));  // 0.01 dBm steps
  // The mode's place in the network's catalogue, from 1: operational modes are the device's own
  // numbers, and lightmesh's catalogue is what it knows of them.
  const auto mode = static_cast<std::uint32_t>(lp.mode + 1);

  std::vector<DeviceEdit> out;
  const std::size_t last = lp.nodes.size() - 1;
  for (std::size_t i = 0; i <= last; ++i) {
    const std::uint32_t dev = inv.device_of[lp.nodes[i]];
    const DeviceEntry& d = inv.devices[dev];
    if (d.degrees.size() + d.add_drops.size() > kMaxOpenConfigPorts)
      return Error::invalid(
          fmt::format("device of node \"{}\" has more than {} ports", d.node, kMaxOpenConfigPorts));
    std::array<Side, 2> side;
    for (int s = 0; s < 2; ++s) {
      const bool end = s == 0 ? i == 0 : i == last;
      if (end) {
        const std::uint32_t k = add_drop[i == 0 ? 0 : 1];
        if (k >= d.add_drops.size())
          return Error::invalid(fmt::format("device of node \"{}\" has no add/drop {}", d.node, k));
        side[s] = {d.add_drops[k].srg_port, static_cast<std::uint32_t>(d.degrees.size() + k + 1)};
        continue;
      }
      const std::string& fiber = net.fiber(lp.fibers[s == 0 ? i - 1 : i]).id;
      for (std::size_t k = 0; k < d.degrees.size(); ++k)
        if (d.degrees[k].fiber == fiber)
          side[s] = {d.degrees[k].port, static_cast<std::uint32_t>(k + 1)};
      if (side[s].number == 0)
        return Error::invalid(
            fmt::format("device of node \"{}\" has no degree for fibre \"{}\"", d.node, fiber));
    }
    DeviceEdit e{.device = dev};
    // A lightpath carries both ways: a media channel each way through the node.
    for (int dir = 0; dir < 2; ++dir) {
      const Side& src = side[dir];
      const Side& dst = side[1 - dir];
      const std::uint32_t index = media_channel_index(src.number, dst.number, slots[0]);
      const std::string name = fmt::format("{}-{}-{}:{}", src.port, dst.port, slots[0], slots[1]);
      e.entries.push_back(
          media_channel_entry(index, media_channel(index, name, lower, upper, src, dst)));
      e.connections.push_back(std::to_string(index));
    }
    // The transponder at either end: its optical channel, tuned.
    if (i == 0 || i == last) {
      const std::string& och = d.add_drops[add_drop[i == 0 ? 0 : 1]].optical_channel;
      e.entries.push_back(component_entry(optical_channel(och, "create", center, power, mode),
                                          optical_channel(och, "remove", center, power, mode)));
      e.interfaces.push_back(och);
    }
    out.push_back(with_payloads(std::move(e)));
  }
  return out;
}

std::string openconfig_base_config(const DeviceEntry& d) {
  std::string xml = fmt::format("<components xmlns=\"{}\">", kPlatformNs);
  auto component = [&](const std::string& name) {
    xml += fmt::format("<component><name>{0}</name><config><name>{0}</name></config></component>",
                       name);
  };
  for (const DegreePort& g : d.degrees) component(g.port);
  for (const AddDrop& a : d.add_drops) {
    component(a.srg_port);
    component(a.transponder_port);
    component(a.optical_channel);
  }
  return xml + "</components>";
}

}  // namespace lightmesh::southbound
