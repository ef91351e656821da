// What lightpaths should leave on the devices, computed from the lightpaths the REST API answers
// (their N, M, route and fibres) and the inventory the emulator wrote, by the rules
// docs/southbound.md states; and the check that ncclient's read-back (readback.h) holds exactly
// that, names and values compared exactly (frequencies in THz, widths in GHz, as integers).
//
//   ExpectedEntries want;
//   want.add(inventory, svc["lightpaths"][0], 0, 0);  // first add/drop at both ends
//   want.expect_held_exactly(read_back(inventory));
//   expect_route_holds_exactly(svc["lightpaths"][0], inventory, read_back(inventory));
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

namespace lightmesh::southbound_test {

// A decimal text as an integer count of 10^-digits: "193.1" with 8 digits is 19310000000. Exact,
// so values are compared without floating point.
inline std::int64_t scaled_decimal(const std::string& text, int digits) {
  const auto dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  EXPECT_LE(frac.size(), static_cast<std::size_t>(digits)) << text;
  frac.resize(digits, '0');
  return std::stoll(whole + frac);
}

class ExpectedEntries {
 public:
  using json = nlohmann::json;

  // The entries of one lightpath (as GET /api/v1/services answers it), whose ends use the
  // add/drops numbered `ad_first` and `ad_last` of their devices.
  void add(const json& inventory, const json& lp, std::size_t ad_first, std::size_t ad_last) {
    const int n = lp["n"], m = lp["m"];
    const std::int64_t center = 19310000000 + std::int64_t{n} * 625000;  // 10^-8 THz
    const std::int64_t half = std::int64_t{m} * 625000;
    const std::int64_t width = std::int64_t{m} * 1250000;  // 10^-5 GHz
    const std::string slots = fmt::format("{}:{}", n - m + 285, n + m + 284);
    const json& route = lp["route"];
    const json& fibers = lp["fibers"];
    for (std::size_t i = 0; i < route.size(); ++i) {
      const std::string node = route[i];
      const json& dev = device(inventory, node);
      Device& want = nodes_[node];
      std::string side[2];
      for (int s = 0; s < 2; ++s) {
        const bool end = s == 0 ? i == 0 : i + 1 == route.size();
        if (end) {
          const json& ad = dev["srg"]["add_drops"][i == 0 ? ad_first : ad_last];
          side[s] = ad["srg_logical_connection_point"];
          want.interfaces[side[s] + "-nmc-" + slots] = {
              {"type", "networkMediaChannelConnectionTerminationPoint"},
              {"supporting-circuit-pack-name", dev["srg"]["circuit_pack"]},
              {"supporting-port", ad["srg_port"]},
              {"frequency", center},
              {"width", width}};
        } else {
          side[s] = degree_lcp(dev, fibers[s == 0 ? i - 1 : i]);
          const std::string mc = side[s] + "-mc-" + slots;
          want.interfaces[mc] = {{"type", "mediaChannelTrailTerminationPoint"},
                                 {"min-freq", center - half},
                                 {"max-freq", center + half}};
          want.interfaces[side[s] + "-nmc-" + slots] = {
              {"type", "networkMediaChannelConnectionTerminationPoint"},
              {"supporting-interface", mc},
              {"frequency", center},
              {"width", width}};
        }
      }
      if (i == 0 || i + 1 == route.size()) {
        const json& ad = dev["srg"]["add_drops"][i == 0 ? ad_first : ad_last];
        want.interfaces[ad["transponder_logical_connection_point"].get<std::string>() + "-" +
                        slots] = {{"type", "opticalChannel"},
                                  {"supporting-circuit-pack-name", ad["transponder_circuit_pack"]},
                                  {"supporting-port", ad["transponder_port"]},
                                  {"frequency", center}};
      }
      want.connections[side[0] + "-" + side[1] + "-" + slots] = {side[0] + "-nmc-" + slots,
                                                                 side[1] + "-nmc-" + slots};
      want.connections[side[1] + "-" + side[0] + "-" + slots] = {side[1] + "-nmc-" + slots,
                                                                 side[0] + "-nmc-" + slots};
    }
  }

  // How many entries, over every device.
  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& [node, d] : nodes_) n += d.interfaces.size() + d.connections.size();
    return n;
  }

  // Every device holds exactly the entries added (and a device none were added for, nothing),
  // with the values compared exactly.
  void expect_held_exactly(const std::map<std::string, json>& held) const {
    for (const auto& [node, got] : held) {
      auto it = nodes_.find(node);
      static const Device none;
      const Device& want = it == nodes_.end() ? none : it->second;
      std::set<std::string> got_if, want_if, got_xc, want_xc;
      for (const auto& [name, v] : got["interfaces"].items()) got_if.insert(name);
      for (const auto& [name, v] : want.interfaces) want_if.insert(name);
      for (const auto& [name, v] : got["connections"].items()) got_xc.insert(name);
      for (const auto& [name, v] : want.connections) want_xc.insert(name);
      EXPECT_EQ(got_if, want_if) << node;
      EXPECT_EQ(got_xc, want_xc) << node;
      for (const auto& [name, leaves] : want.interfaces) {
        if (!got["interfaces"].contains(name)) continue;
        const json& g = got["interfaces"][name];
        for (const auto& [leaf, v] : leaves.items()) {
          ASSERT_TRUE(g.contains(leaf)) << node << " " << name << " lacks " << leaf;
          const std::string text = g[leaf];
          if (leaf == "type")
            EXPECT_EQ(text.substr(text.find(':') + 1), v.get<std::string>()) << node << " " << name;
          else if (v.is_number())
            EXPECT_EQ(scaled_decimal(text, leaf == "width" ? 5 : 8), v.get<std::int64_t>())
                << node << " " << name << " " << leaf << " = " << text;
          else
            EXPECT_EQ(text, v.get<std::string>()) << node << " " << name << " " << leaf;
        }
      }
      for (const auto& [name, ends] : want.connections) {
        if (!got["connections"].contains(name)) continue;
        EXPECT_EQ(got["connections"][name]["src-if"], ends.first) << node << " " << name;
        EXPECT_EQ(got["connections"][name]["dst-if"], ends.second) << node << " " << name;
      }
    }
  }

 private:
  struct Device {
    std::map<std::string, json> interfaces;  // name → the leaves compared
    std::map<std::string, std::pair<std::string, std::string>> connections;  // → (src, dst)
  };

  static const json& device(const json& inventory, const std::string& node) {
    for (const json& d : inventory["devices"])
      if (d["node"] == node) return d;
    static const json none;
    ADD_FAILURE() << "no device for " << node;
    return none;
  }
  static std::string degree_lcp(const json& dev, const json& fiber) {
    for (const json& g : dev["degrees"])
      if (g["fiber"] == fiber) return g["logical_connection_point"].get<std::string>();
    ADD_FAILURE() << dev["node"] << " has no degree for " << fiber;
    return "";
  }

  std::map<std::string, Device> nodes_;
};

// The first lightpath of a fresh controller (each end's first add/drop) over a route of at least
// five nodes: its N and M agree with the centre and width the API answers, and the devices hold
// exactly its entries, nothing off the route.
inline void expect_route_holds_exactly(const nlohmann::json& lp, const nlohmann::json& inventory,
                                       const std::map<std::string, nlohmann::json>& held) {
  const int n = lp["n"], m = lp["m"];
  ASSERT_EQ(19310000000 + std::int64_t{n} * 625000,
            scaled_decimal(fmt::format("{:.6f}", lp["center_thz"].get<double>()), 8));
  ASSERT_EQ(std::int64_t{m} * 1250000,
            scaled_decimal(fmt::format("{}", lp["width_ghz"].get<double>()), 5));
  ASSERT_GE(lp["route"].size(), 5u);
  ExpectedEntries want;
  want.add(inventory, lp, 0, 0);
  want.expect_held_exactly(held);
}

}  // namespace lightmesh::southbound_test
