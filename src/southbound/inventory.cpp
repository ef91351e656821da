#include "southbound/inventory.h"

#include <fmt/format.h>

#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace lightmesh::southbound {

namespace {

using json = nlohmann::json;

// Reads one inventory document, remembering the file for every message.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  Error error(const std::string& pointer, const std::string& what) const {
    return Error::invalid(what).at(file_, pointer);
  }

  Result<std::string> text(const json& obj, const std::string& at, const char* key) const {
    auto it = obj.find(key);
    const std::string p = at + "/" + key;
    if (it == obj.end()) return error(p, fmt::format("missing required field \"{}\"", key));
    if (!it->is_string() || it->get<std::string>().empty())
      return error(p, fmt::format("{} is not a non-empty string", it->dump()));
    return it->get<std::string>();
  }

  Result<std::uint16_t> number(const json& obj, const std::string& at, const char* key,
                               std::uint32_t min) const {
    auto it = obj.find(key);
    const std::string p = at + "/" + key;
    if (it == obj.end()) return error(p, fmt::format("missing required field \"{}\"", key));
    if (!it->is_number_integer() || it->get<std::int64_t>() < min ||
        it->get<std::int64_t>() > std::numeric_limits<std::uint16_t>::max())
      return error(p, fmt::format("{} is not an integer from {} to 65535", it->dump(), min));
    return static_cast<std::uint16_t>(it->get<std::int64_t>());
  }

 private:
  std::string file_;
};

// An OpenConfig device's port mapping: each degree's line port and each add/drop's ports, by
// platform component name (docs/southbound.md, "The inventory").
Status read_openconfig_ports(const Reader& r, const json& d, const std::string& at,
                             DeviceEntry& e) {
  const json degrees = d.value("degrees", json::array());
  if (!degrees.is_array()) return r.error(at + "/degrees", "degrees is an array");
  for (std::size_t i = 0; i < degrees.size(); ++i) {
    const std::string p = fmt::format("{}/degrees/{}", at, i);
    if (!degrees[i].is_object()) return r.error(p, "a degree is an object");
    DegreePort g;
    LM_ASSIGN_OR_RETURN(g.fiber, r.text(degrees[i], p, "fiber"));
    LM_ASSIGN_OR_RETURN(g.degree, r.number(degrees[i], p, "degree", 1));
    LM_ASSIGN_OR_RETURN(g.port, r.text(degrees[i], p, "port"));
    e.degrees.push_back(std::move(g));
  }
  const json ads = d.value("add_drops", json::array());
  if (!ads.is_array()) return r.error(at + "/add_drops", "add_drops is an array");
  for (std::size_t i = 0; i < ads.size(); ++i) {
    const std::string q = fmt::format("{}/add_drops/{}", at, i);
    if (!ads[i].is_object()) return r.error(q, "an add/drop is an object");
    AddDrop a;
    LM_ASSIGN_OR_RETURN(a.srg_port, r.text(ads[i], q, "port"));
    LM_ASSIGN_OR_RETURN(a.transponder_port, r.text(ads[i], q, "transceiver"));
    LM_ASSIGN_OR_RETURN(a.optical_channel, r.text(ads[i], q, "optical_channel"));
    e.add_drops.push_back(std::move(a));
  }
  return {};
}

Result<DeviceEntry> read_device(const Reader& r, const json& d, const std::string& at) {
  if (!d.is_object()) return r.error(at, "a device is an object");
  DeviceEntry e;
  LM_ASSIGN_OR_RETURN(e.node, r.text(d, at, "node"));
  LM_ASSIGN_OR_RETURN(e.model, r.text(d, at, "model"));
  if (e.model != kOpenRoadm221 && e.model != kOpenConfig)
    return r.error(at + "/model", fmt::format("model \"{}\" is not supported (expected \"{}\" or "
                                              "\"{}\")",
                                              e.model, kOpenRoadm221, kOpenConfig));
  LM_ASSIGN_OR_RETURN(e.address, r.text(d, at, "address"));
  LM_ASSIGN_OR_RETURN(e.port, r.number(d, at, "port", 1));
  LM_ASSIGN_OR_RETURN(e.user, r.text(d, at, "user"));
  LM_ASSIGN_OR_RETURN(e.password_env, r.text(d, at, "password_env"));
  if (e.model == kOpenConfig) {
    LM_RETURN_IF_ERROR(read_openconfig_ports(r, d, at, e));
    return e;
  }
  const json degrees = d.value("degrees", json::array());
  if (!degrees.is_array()) return r.error(at + "/degrees", "degrees is an array");
  for (std::size_t i = 0; i < degrees.size(); ++i) {
    const std::string p = fmt::format("{}/degrees/{}", at, i);
    if (!degrees[i].is_object()) return r.error(p, "a degree is an object");
    DegreePort g;
    LM_ASSIGN_OR_RETURN(g.fiber, r.text(degrees[i], p, "fiber"));
    LM_ASSIGN_OR_RETURN(g.degree, r.number(degrees[i], p, "degree", 1));
    LM_ASSIGN_OR_RETURN(g.circuit_pack, r.text(degrees[i], p, "circuit_pack"));
    LM_ASSIGN_OR_RETURN(g.port, r.text(degrees[i], p, "port"));
    LM_ASSIGN_OR_RETURN(g.logical_connection_point,
                        r.text(degrees[i], p, "logical_connection_point"));
    e.degrees.push_back(std::move(g));
  }
  if (d.contains("srg")) {
    const json& s = d["srg"];
    const std::string p = at + "/srg";
    if (!s.is_object()) return r.error(p, "srg is an object");
    LM_ASSIGN_OR_RETURN(e.srg, r.number(s, p, "number", 1));
    LM_ASSIGN_OR_RETURN(e.srg_circuit_pack, r.text(s, p, "circuit_pack"));
    const json ads = s.value("add_drops", json::array());
    if (!ads.is_array()) return r.error(p + "/add_drops", "add_drops is an array");
    for (std::size_t i = 0; i < ads.size(); ++i) {
      const std::string q = fmt::format("{}/add_drops/{}", p, i);
      if (!ads[i].is_object()) return r.error(q, "an add/drop is an object");
      AddDrop a;
      LM_ASSIGN_OR_RETURN(a.srg_port, r.text(ads[i], q, "srg_port"));
      LM_ASSIGN_OR_RETURN(a.srg_logical_connection_point,
                          r.text(ads[i], q, "srg_logical_connection_point"));
      LM_ASSIGN_OR_RETURN(a.transponder_circuit_pack,
                          r.text(ads[i], q, "transponder_circuit_pack"));
      LM_ASSIGN_OR_RETURN(a.transponder_port, r.text(ads[i], q, "transponder_port"));
      LM_ASSIGN_OR_RETURN(a.transponder_logical_connection_point,
                          r.text(ads[i], q, "transponder_logical_connection_point"));
      e.add_drops.push_back(std::move(a));
    }
  }
  return e;
}

// The checks against the network, in device order, first failure reported.
Status check(const Reader& r, Inventory& inv, const Network& net) {
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  inv.device_of.assign(net.nodes().size(), kNone);
  for (std::uint32_t i = 0; i < inv.devices.size(); ++i) {
    const DeviceEntry& d = inv.devices[i];
    const std::string at = fmt::format("/devices/{}", i);
    const NodeIndex n = net.find_node(d.node);
    if (n == kNoIndex)
      return r.error(at + "/node",
                     fmt::format("\"{}\" is not an optical node of the network", d.node));
    if (inv.device_of[n] != kNone)
      return r.error(at + "/node",
                     fmt::format("node \"{}\" already has device {}", d.node, inv.device_of[n]));
    inv.device_of[n] = i;
    std::set<std::string> seen;
    std::set<std::uint16_t> numbers;
    for (std::size_t g = 0; g < d.degrees.size(); ++g) {
      const std::string p = fmt::format("{}/degrees/{}", at, g);
      const FiberIndex f = net.find_fiber(d.degrees[g].fiber);
      if (f == kNoIndex || (net.fiber(f).a != n && net.fiber(f).b != n))
        return r.error(p + "/fiber", fmt::format("\"{}\" is not a fibre ending at node \"{}\"",
                                                 d.degrees[g].fiber, d.node));
      if (!seen.insert(d.degrees[g].fiber).second)
        return r.error(p + "/fiber",
                       fmt::format("fibre \"{}\" is listed twice", d.degrees[g].fiber));
      if (!numbers.insert(d.degrees[g].degree).second)
        return r.error(p + "/degree",
                       fmt::format("degree {} is listed twice", d.degrees[g].degree));
    }
    for (FiberIndex f : net.fibers_at(n)) {
      if (!seen.count(net.fiber(f).id))
        return r.error(at + "/degrees",
                       fmt::format("fibre \"{}\" ends at node \"{}\" but has no degree",
                                   net.fiber(f).id, d.node));
    }
    const bool site = net.node(n).site != kNoIndex;
    if (site && d.add_drops.empty() && d.model == kOpenConfig)
      return r.error(
          at + "/add_drops",
          fmt::format("node \"{}\" is a site's node: it needs at least one add/drop", d.node));
    if (site && d.add_drops.empty())
      return r.error(at + "/srg", fmt::format("node \"{}\" is a site's node: it needs an srg "
                                              "with at least one add/drop",
                                              d.node));
  }
  for (NodeIndex n = 0; n < net.nodes().size(); ++n) {
    if (inv.device_of[n] == kNone)
      return r.error("/devices", fmt::format("node \"{}\" has no device", net.node(n).id));
  }
  return {};
}

}  // namespace

Result<Inventory> parse_inventory(std::string_view text, const std::string& file,
                                  const Network& net) {
  const Reader r(file);
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Error::parse("not valid JSON").at(file);
  if (!doc.is_object() || !doc.contains("devices") || !doc["devices"].is_array())
    return r.error("/devices", "an inventory is an object with a \"devices\" array");
  Inventory inv;
  for (std::size_t i = 0; i < doc["devices"].size(); ++i) {
    LM_ASSIGN_OR_RETURN(DeviceEntry e,
                        read_device(r, doc["devices"][i], fmt::format("/devices/{}", i)));
    inv.devices.push_back(std::move(e));
  }
  LM_RETURN_IF_ERROR(check(r, inv, net));
  return inv;
}

Result<Inventory> load_inventory(const std::string& file, const Network& net) {
  std::ifstream in(file);
  if (!in) return Error::not_found("cannot read the inventory").at(file);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_inventory(ss.str(), file, net);
}

Inventory default_inventory(const Network& net, const std::string& address, std::uint16_t base_port,
                            const std::string& model) {
  const bool oc = model == kOpenConfig;
  Inventory inv;
  for (NodeIndex n = 0; n < net.nodes().size(); ++n) {
    DeviceEntry d;
    d.node = net.node(n).id;
    d.model = model;
    d.address = address;
    d.port = static_cast<std::uint16_t>(base_port + n);
    d.user = "lightmesh";
    d.password_env = "LIGHTMESH_DEVICE_PASSWORD";
    std::uint16_t deg = 1;
    for (FiberIndex f : net.fibers_at(n)) {
      const std::string cp = fmt::format("DEG{}", deg);
      if (oc) {
        d.degrees.push_back({.fiber = net.fiber(f).id, .degree = deg, .port = cp + "-LINE"});
        ++deg;
        continue;
      }
      d.degrees.push_back({.fiber = net.fiber(f).id,
                           .degree = deg,
                           .circuit_pack = cp,
                           .port = "TTP",
                           .logical_connection_point = cp + "-TTP-TXRX"});
      ++deg;
    }
    if (const SiteIndex s = net.node(n).site; s != kNoIndex) {
      const std::uint32_t ports = net.site(s).transceiver_ports ? net.site(s).transceiver_ports : 8;
      if (!oc) d.srg_circuit_pack = "SRG1";
      for (std::uint32_t p = 1; p <= ports; ++p) {
        if (oc) {
          d.add_drops.push_back({.srg_port = fmt::format("SRG1-AD{}", p),
                                 .transponder_port = fmt::format("XPDR1-TRX{}", p),
                                 .optical_channel = fmt::format("XPDR1-OCH{}", p)});
          continue;
        }
        d.add_drops.push_back(
            {.srg_port = fmt::format("PP{}", p),
             .srg_logical_connection_point = fmt::format("SRG1-PP{}-TXRX", p),
             .transponder_circuit_pack = "XPDR1",
             .transponder_port = fmt::format("NETWORK{}", p),
             .transponder_logical_connection_point = fmt::format("XPDR1-NETWORK{}", p)});
      }
    }
    inv.device_of.push_back(static_cast<std::uint32_t>(inv.devices.size()));
    inv.devices.push_back(std::move(d));
  }
  return inv;
}

namespace {

nlohmann::ordered_json openconfig_device_json(const DeviceEntry& d) {
  using oj = nlohmann::ordered_json;
  oj degrees = oj::array();
  for (const DegreePort& g : d.degrees)
    degrees.push_back({{"fiber", g.fiber}, {"degree", g.degree}, {"port", g.port}});
  oj ads = oj::array();
  for (const AddDrop& a : d.add_drops)
    ads.push_back({{"port", a.srg_port},
                   {"transceiver", a.transponder_port},
                   {"optical_channel", a.optical_channel}});
  oj e = {{"node", d.node},    {"model", d.model}, {"address", d.address},
          {"port", d.port},    {"user", d.user},   {"password_env", d.password_env},
          {"degrees", degrees}};
  if (!ads.empty()) e["add_drops"] = ads;
  return e;
}

}  // namespace

nlohmann::ordered_json inventory_json(const Inventory& inv) {
  using oj = nlohmann::ordered_json;
  oj devices = oj::array();
  for (const DeviceEntry& d : inv.devices) {
    if (d.model == kOpenConfig) {
      devices.push_back(openconfig_device_json(d));
      continue;
    }
    oj degrees = oj::array();
    for (const DegreePort& g : d.degrees)
      degrees.push_back({{"fiber", g.fiber},
                         {"degree", g.degree},
                         {"circuit_pack", g.circuit_pack},
                         {"port", g.port},
                         {"logical_connection_point", g.logical_connection_point}});
    oj e = {{"node", d.node},    {"model", d.model}, {"address", d.address},
            {"port", d.port},    {"user", d.user},   {"password_env", d.password_env},
            {"degrees", degrees}};
    if (!d.srg_circuit_pack.empty()) {
      oj ads = oj::array();
      for (const AddDrop& a : d.add_drops)
        ads.push_back(
            {{"srg_port", a.srg_port},
             {"srg_logical_connection_point", a.srg_logical_connection_point},
             {"transponder_circuit_pack", a.transponder_circuit_pack},
             {"transponder_port", a.transponder_port},
             {"transponder_logical_connection_point", a.transponder_logical_connection_point}});
      e["srg"] = {{"number", d.srg}, {"circuit_pack", d.srg_circuit_pack}, {"add_drops", ads}};
    }
    devices.push_back(std::move(e));
  }
  return {{"devices", devices}};
}

}  // namespace lightmesh::southbound
