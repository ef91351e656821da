// What an OpenROADM 2.2.1 route holds after lightmesh pushed one lightpath, compared exactly with
// what ncclient read back (readback.h): on every node of the route its MC, NMC and connection
// entries and at either end the transponder's channel, with names, frequencies (THz) and widths
// (GHz) as the 2.2.1 model states them and TransportPCE numbers slots; nothing on the devices off
// the route. Expected values come from the lightpath the API answered (its N and M) and the
// inventory the emulator wrote.
//
//   expect_route_holds_exactly(svc["lightpaths"][0], inventory, read_back(inventory));
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace lightmesh::southbound_test {

// A decimal text as an integer count of 10^-digits: "193.1" with 8 digits is 19310000000. Exact,
// so values are compared without floating point.
inline std::int64_t scaled(const std::string& text, int digits) {
  const auto dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  EXPECT_LE(frac.size(), static_cast<std::size_t>(digits)) << text;
  frac.resize(digits, '0');
  return std::stoll(whole + frac);
}

inline const nlohmann::json& device_of(const nlohmann::json& inventory, const std::string& node) {
  for (const nlohmann::json& d : inventory["devices"])
    if (d["node"] == node) return d;
  static const nlohmann::json none;
  ADD_FAILURE() << "no device for " << node;
  return none;
}

inline void expect_route_holds_exactly(const nlohmann::json& lp, const nlohmann::json& inventory,
                                       const std::map<std::string, nlohmann::json>& held) {
  using json = nlohmann::json;
  const int n = lp["n"], m = lp["m"];
  // The lightpath's own figures, in 10^-8 THz and 10^-5 GHz.
  const std::int64_t center = 19310000000 + std::int64_t{n} * 625000;
  const std::int64_t half = std::int64_t{m} * 625000;
  ASSERT_EQ(center, scaled(fmt::format("{:.6f}", lp["center_thz"].get<double>()), 8));
  const std::int64_t width = std::int64_t{m} * 1250000;
  ASSERT_EQ(width, scaled(fmt::format("{}", lp["width_ghz"].get<double>()), 5));
  const std::string slots = fmt::format("{}:{}", n - m + 284 + 1, n + m + 284);

  const json& route = lp["route"];
  const json& fibers = lp["fibers"];
  ASSERT_GE(route.size(), 5u);
  std::set<std::string> on_route;
  for (std::size_t i = 0; i < route.size(); ++i) {
    const std::string node = route[i];
    on_route.insert(node);
    const json& dev = device_of(inventory, node);
    const json& got = held.at(node);
    auto degree_lcp = [&](const std::string& fiber) {
      for (const json& g : dev["degrees"])
        if (g["fiber"] == fiber) return g["logical_connection_point"].get<std::string>();
      ADD_FAILURE() << node << " has no degree for " << fiber;
      return std::string();
    };
    std::map<std::string, json> want_if;  // name → expected leaves (only those compared)
    std::string side[2];
    for (int s = 0; s < 2; ++s) {
      const bool end = s == 0 ? i == 0 : i + 1 == route.size();
      if (end) {
        // The first service takes each end's first add/drop.
        const json& ad = dev["srg"]["add_drops"][0];
        side[s] = ad["srg_logical_connection_point"];
        want_if[side[s] + "-nmc-" + slots] = {
            {"type", "networkMediaChannelConnectionTerminationPoint"},
            {"supporting-circuit-pack-name", dev["srg"]["circuit_pack"]},
            {"supporting-port", ad["srg_port"]},
            {"frequency", center},
            {"width", width}};
      } else {
        side[s] = degree_lcp(fibers[s == 0 ? i - 1 : i]);
        const std::string mc = side[s] + "-mc-" + slots;
        want_if[mc] = {{"type", "mediaChannelTrailTerminationPoint"},
                       {"min-freq", center - half},
                       {"max-freq", center + half}};
        want_if[side[s] + "-nmc-" + slots] = {
            {"type", "networkMediaChannelConnectionTerminationPoint"},
            {"supporting-interface", mc},
            {"frequency", center},
            {"width", width}};
      }
    }
    if (i == 0 || i + 1 == route.size()) {
      const json& ad = dev["srg"]["add_drops"][0];
      want_if[ad["transponder_logical_connection_point"].get<std::string>() + "-" + slots] = {
          {"type", "opticalChannel"},
          {"supporting-circuit-pack-name", ad["transponder_circuit_pack"]},
          {"supporting-port", ad["transponder_port"]},
          {"frequency", center}};
    }
    std::set<std::string> got_names, want_names;
    for (const auto& [name, v] : got["interfaces"].items()) got_names.insert(name);
    for (const auto& [name, v] : want_if) want_names.insert(name);
    EXPECT_EQ(got_names, want_names) << node;
    for (const auto& [name, want] : want_if) {
      if (!got["interfaces"].contains(name)) continue;
      const json& g = got["interfaces"][name];
      for (const auto& [leaf, v] : want.items()) {
        ASSERT_TRUE(g.contains(leaf)) << node << " " << name << " lacks " << leaf;
        const std::string text = g[leaf];
        if (leaf == "type") {
          EXPECT_EQ(text.substr(text.find(':') + 1), v.get<std::string>()) << node << " " << name;
        } else if (v.is_number()) {
          // Frequencies in THz (8 digits), widths in GHz (5 digits), as the 2.2.1 model states.
          EXPECT_EQ(scaled(text, leaf == "width" ? 5 : 8), v.get<std::int64_t>())
              << node << " " << name << " " << leaf << " = " << text;
        } else {
          EXPECT_EQ(text, v.get<std::string>()) << node << " " << name << " " << leaf;
        }
      }
    }
    // A connection each way, between the two sides' NMC interfaces.
    std::map<std::string, std::pair<std::string, std::string>> want_xc = {
        {side[0] + "-" + side[1] + "-" + slots,
         {side[0] + "-nmc-" + slots, side[1] + "-nmc-" + slots}},
        {side[1] + "-" + side[0] + "-" + slots,
         {side[1] + "-nmc-" + slots, side[0] + "-nmc-" + slots}}};
    EXPECT_EQ(got["connections"].size(), want_xc.size()) << node;
    for (const auto& [name, ends] : want_xc) {
      ASSERT_TRUE(got["connections"].contains(name)) << node << " lacks connection " << name;
      EXPECT_EQ(got["connections"][name]["src-if"], ends.first) << name;
      EXPECT_EQ(got["connections"][name]["dst-if"], ends.second) << name;
    }
  }
  for (const auto& [node, d] : held) {
    if (on_route.count(node)) continue;
    EXPECT_TRUE(d["interfaces"].empty()) << node << " is off the route";
    EXPECT_TRUE(d["connections"].empty()) << node << " is off the route";
  }
}

}  // namespace lightmesh::southbound_test
