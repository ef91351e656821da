#include "southbound/inventory.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "southbound/host_key.h"

namespace lightmesh::southbound {

namespace {

using json = nlohmann::json;

// A value as a message quotes it: ASCII, and at most 60 characters of it.
std::string shown(const json& v) {
  const std::string text = v.dump(-1, ' ', true);
  return text.size() <= 60 ? text : text.substr(0, 57) + "...";
}

// Reads one inventory document, remembering the file for every message and collecting every
// problem rather than stopping at the first, so `lightmesh validate` can list them all.
class Reader {
 public:
  Reader(std::string file, std::vector<Error>* problems)
      : file_(std::move(file)), problems_(problems) {}

  Error error(const std::string& pointer, const std::string& what) const {
    return Error::invalid(what).at(file_, pointer);
  }
  void problem(const std::string& pointer, const std::string& what) const {
    problems_->push_back(error(pointer, what));
  }
  std::size_t count() const { return problems_->size(); }

  // The field's text, or "" with the problem recorded.
  std::string text(const json& obj, const std::string& at, const char* key) const {
    auto it = obj.find(key);
    const std::string p = at + "/" + key;
    if (it == obj.end()) {
      problem(p, fmt::format("missing required field \"{}\"", key));
      return {};
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
      problem(p, fmt::format("{} is not a non-empty string", shown(*it)));
      return {};
    }
    return it->get<std::string>();
  }

  // The field's number, or 0 with the problem recorded.
  std::uint16_t number(const json& obj, const std::string& at, const char* key,
                       std::uint32_t min) const {
    auto it = obj.find(key);
    const std::string p = at + "/" + key;
    if (it == obj.end()) {
      problem(p, fmt::format("missing required field \"{}\"", key));
      return 0;
    }
    if (!it->is_number_integer() || it->get<std::int64_t>() < min ||
        it->get<std::int64_t>() > std::numeric_limits<std::uint16_t>::max()) {
      problem(p, fmt::format("{} is not an integer from {} to 65535", shown(*it), min));
      return 0;
    }
    return static_cast<std::uint16_t>(it->get<std::int64_t>());
  }

  // The array under `key` (empty when absent), or nullptr with the problem recorded.
  const json* array(const json& obj, const std::string& at, const char* key) const {
    static const json kEmpty = json::array();
    auto it = obj.find(key);
    if (it == obj.end()) return &kEmpty;
    if (!it->is_array()) {
      problem(at + "/" + key, fmt::format("{} is an array", key));
      return nullptr;
    }
    return &*it;
  }

  // Calls read(element, pointer) for each element of the array under `key`; an element that is
  // not an object is a problem naming `what` ("a degree").
  template <typename Read>
  void each_object(const json& obj, const std::string& at, const char* key, const char* what,
                   Read read) const {
    const json* list = array(obj, at, key);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = fmt::format("{}/{}/{}", at, key, i);
      if (!(*list)[i].is_object()) {
        problem(p, fmt::format("{} is an object", what));
        continue;
      }
      read((*list)[i], p);
    }
  }

 private:
  std::string file_;
  std::vector<Error>* problems_;
};

// An OpenConfig device's port mapping: each degree's line port and each add/drop's ports, by
// platform component name (docs/southbound.md, "The inventory").
void read_openconfig_ports(const Reader& r, const json& d, const std::string& at, DeviceEntry& e) {
  r.each_object(d, at, "degrees", "a degree", [&](const json& g, const std::string& p) {
    e.degrees.push_back({.fiber = r.text(g, p, "fiber"),
                         .degree = r.number(g, p, "degree", 1),
                         .port = r.text(g, p, "port")});
  });
  r.each_object(d, at, "add_drops", "an add/drop", [&](const json& a, const std::string& q) {
    e.add_drops.push_back({.srg_port = r.text(a, q, "port"),
                           .transponder_port = r.text(a, q, "transceiver"),
                           .optical_channel = r.text(a, q, "optical_channel")});
  });
}

void read_openroadm_ports(const Reader& r, const json& d, const std::string& at, DeviceEntry& e) {
  r.each_object(d, at, "degrees", "a degree", [&](const json& g, const std::string& p) {
    e.degrees.push_back({.fiber = r.text(g, p, "fiber"),
                         .degree = r.number(g, p, "degree", 1),
                         .circuit_pack = r.text(g, p, "circuit_pack"),
                         .port = r.text(g, p, "port"),
                         .logical_connection_point = r.text(g, p, "logical_connection_point")});
  });
  if (!d.contains("srg")) return;
  const json& s = d["srg"];
  const std::string p = at + "/srg";
  if (!s.is_object()) return r.problem(p, "srg is an object");
  e.srg = r.number(s, p, "number", 1);
  e.srg_circuit_pack = r.text(s, p, "circuit_pack");
  r.each_object(s, p, "add_drops", "an add/drop", [&](const json& a, const std::string& q) {
    e.add_drops.push_back(
        {.srg_port = r.text(a, q, "srg_port"),
         .srg_logical_connection_point = r.text(a, q, "srg_logical_connection_point"),
         .transponder_circuit_pack = r.text(a, q, "transponder_circuit_pack"),
         .transponder_port = r.text(a, q, "transponder_port"),
         .transponder_logical_connection_point =
             r.text(a, q, "transponder_logical_connection_point")});
  });
}

// An environment variable's name as a shell would accept it.
bool valid_env_name(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// An IPv4 or IPv6 literal, or a host name (RFC 1123 labels of letters, digits and hyphens).
bool valid_address(const std::string& s) {
  in6_addr buf{};
  if (inet_pton(AF_INET, s.c_str(), &buf) == 1 || inet_pton(AF_INET6, s.c_str(), &buf) == 1)
    return true;
  if (s.size() > 253) return false;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t dot = std::min(s.find('.', start), s.size());
    const std::string label = s.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    start = dot + 1;
  }
  return true;
}

DeviceEntry read_device(const Reader& r, const json& d, const std::string& at) {
  DeviceEntry e;
  if (!d.is_object()) {
    r.problem(at, "a device is an object");
    return e;
  }
  e.node = r.text(d, at, "node");
  e.model = r.text(d, at, "model");
  if (!e.model.empty() && e.model != kOpenRoadm221 && e.model != kOpenConfig)
    r.problem(at + "/model", fmt::format("model \"{}\" is not supported (expected \"{}\" or "
                                         "\"{}\")",
                                         e.model, kOpenRoadm221, kOpenConfig));
  e.address = r.text(d, at, "address");
  if (!e.address.empty() && !valid_address(e.address))
    r.problem(at + "/address",
              fmt::format("\"{}\" is not an IPv4 or IPv6 address or a host name", e.address));
  e.port = r.number(d, at, "port", 1);
  e.user = r.text(d, at, "user");
  e.password_env = r.text(d, at, "password_env");
  if (!e.password_env.empty() && !valid_env_name(e.password_env))
    r.problem(at + "/password_env",
              fmt::format("\"{}\" is not an environment variable's name (letters, digits and _, "
                          "not starting with a digit)",
                          e.password_env));
  if (auto it = d.find("host_key_sha256"); it != d.end()) {
    if (it->is_string() && is_host_key_fingerprint(it->get<std::string>()))
      e.host_key_sha256 = it->get<std::string>();
    else
      r.problem(at + "/host_key_sha256",
                fmt::format("{} is not an SSH host key fingerprint (expected \"SHA256:\" and 43 "
                            "base64 characters, as `ssh-keygen -l -f KEY` prints)",
                            shown(*it)));
  }
  if (e.model == kOpenConfig)
    read_openconfig_ports(r, d, at, e);
  else
    read_openroadm_ports(r, d, at, e);
  return e;
}

// Every port and logical connection point a device's entry names is named once: two fibres or
// add/drops on one port would each get the other's light.
void check_unique_ports(const Reader& r, const DeviceEntry& d, const std::string& at) {
  std::map<std::string, std::string> first_use;  // name -> JSON pointer of its first use
  auto use = [&](const std::string& what, const std::string& name, const std::string& pointer) {
    if (name.empty()) return;
    auto [it, fresh] = first_use.emplace(what + " " + name, pointer);
    if (!fresh)
      r.problem(pointer, fmt::format("{} \"{}\" is already used at {}", what, name, it->second));
  };
  const bool oc = d.model == kOpenConfig;
  for (std::size_t g = 0; g < d.degrees.size(); ++g) {
    const std::string p = fmt::format("{}/degrees/{}", at, g);
    const DegreePort& dp = d.degrees[g];
    if (oc) {
      use("port", dp.port, p + "/port");
      continue;
    }
    if (!dp.circuit_pack.empty() && !dp.port.empty())
      use("port", dp.circuit_pack + "/" + dp.port, p + "/port");
    use("logical connection point", dp.logical_connection_point, p + "/logical_connection_point");
  }
  for (std::size_t k = 0; k < d.add_drops.size(); ++k) {
    const AddDrop& a = d.add_drops[k];
    if (oc) {
      const std::string q = fmt::format("{}/add_drops/{}", at, k);
      use("port", a.srg_port, q + "/port");
      use("port", a.transponder_port, q + "/transceiver");
      use("port", a.optical_channel, q + "/optical_channel");
      continue;
    }
    const std::string q = fmt::format("{}/srg/add_drops/{}", at, k);
    if (!d.srg_circuit_pack.empty() && !a.srg_port.empty())
      use("port", d.srg_circuit_pack + "/" + a.srg_port, q + "/srg_port");
    if (!a.transponder_circuit_pack.empty() && !a.transponder_port.empty())
      use("port", a.transponder_circuit_pack + "/" + a.transponder_port, q + "/transponder_port");
    use("logical connection point", a.srg_logical_connection_point,
        q + "/srg_logical_connection_point");
    use("logical connection point", a.transponder_logical_connection_point,
        q + "/transponder_logical_connection_point");
  }
}

// The checks against the network, in device order. `readable[i]` is false when device i's own
// fields had problems: only its node is checked then, so one mistake gives one message.
void check(const Reader& r, Inventory& inv, const std::vector<bool>& readable, const Network& net) {
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  inv.device_of.assign(net.nodes().size(), kNone);
  std::vector<std::uint32_t> claimed_by(net.nodes().size(), kNone);
  std::map<std::string, std::uint32_t> endpoints;  // "address port" -> first device
  for (std::uint32_t i = 0; i < inv.devices.size(); ++i) {
    const DeviceEntry& d = inv.devices[i];
    const std::string at = fmt::format("/devices/{}", i);
    if (d.node.empty()) continue;
    const NodeIndex n = net.find_node(d.node);
    if (n == kNoIndex) {
      r.problem(at + "/node", fmt::format("\"{}\" is not an optical node of the network", d.node));
      continue;
    }
    if (claimed_by[n] != kNone) {
      r.problem(at + "/node",
                fmt::format("node \"{}\" already has device {}", d.node, claimed_by[n]));
      continue;
    }
    claimed_by[n] = i;
    if (!readable[i]) continue;
    inv.device_of[n] = i;
    if (auto [it, fresh] = endpoints.emplace(fmt::format("{} {}", d.address, d.port), i); !fresh)
      r.problem(at + "/port", fmt::format("{}:{} is already device {}'s address and port",
                                          d.address, d.port, it->second));
    check_unique_ports(r, d, at);
    std::set<std::string> seen;
    std::set<std::uint16_t> numbers;
    for (std::size_t g = 0; g < d.degrees.size(); ++g) {
      const std::string p = fmt::format("{}/degrees/{}", at, g);
      const FiberIndex f = net.find_fiber(d.degrees[g].fiber);
      if (f == kNoIndex || (net.fiber(f).a != n && net.fiber(f).b != n)) {
        r.problem(p + "/fiber", fmt::format("\"{}\" is not a fibre ending at node \"{}\"",
                                            d.degrees[g].fiber, d.node));
        continue;
      }
      if (!seen.insert(d.degrees[g].fiber).second)
        r.problem(p + "/fiber", fmt::format("fibre \"{}\" is listed twice", d.degrees[g].fiber));
      if (!numbers.insert(d.degrees[g].degree).second)
        r.problem(p + "/degree", fmt::format("degree {} is listed twice", d.degrees[g].degree));
    }
    for (FiberIndex f : net.fibers_at(n)) {
      if (!seen.count(net.fiber(f).id))
        r.problem(at + "/degrees", fmt::format("fibre \"{}\" ends at node \"{}\" but has no degree",
                                               net.fiber(f).id, d.node));
    }
    const bool site = net.node(n).site != kNoIndex;
    if (site && d.add_drops.empty() && d.model == kOpenConfig)
      r.problem(
          at + "/add_drops",
          fmt::format("node \"{}\" is a site's node: it needs at least one add/drop", d.node));
    else if (site && d.add_drops.empty())
      r.problem(at + "/srg", fmt::format("node \"{}\" is a site's node: it needs an srg "
                                         "with at least one add/drop",
                                         d.node));
  }
  for (NodeIndex n = 0; n < net.nodes().size(); ++n) {
    if (claimed_by[n] == kNone)
      r.problem("/devices", fmt::format("node \"{}\" has no device", net.node(n).id));
  }
}

}  // namespace

InventoryCheck check_inventory(std::string_view text, const std::string& file, const Network& net) {
  InventoryCheck out;
  const Reader r(file, &out.problems);
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    out.problems.push_back(Error::parse("not valid JSON").at(file));
    return out;
  }
  if (!doc.is_object() || !doc.contains("devices") || !doc["devices"].is_array()) {
    r.problem("/devices", "an inventory is an object with a \"devices\" array");
    return out;
  }
  std::vector<bool> readable;
  for (std::size_t i = 0; i < doc["devices"].size(); ++i) {
    const std::size_t before = r.count();
    DeviceEntry e = read_device(r, doc["devices"][i], fmt::format("/devices/{}", i));
    readable.push_back(r.count() == before);
    out.inventory.devices.push_back(std::move(e));
  }
  check(r, out.inventory, readable, net);
  // Checked here, not on connect only, so a missing variable shows before anything is pushed.
  // Its value is never read beyond "is it set".
  for (std::size_t i = 0; i < out.inventory.devices.size(); ++i) {
    const std::string& var = out.inventory.devices[i].password_env;
    if (valid_env_name(var) && !std::getenv(var.c_str()))
      out.warnings.push_back(
          Error::invalid(
              fmt::format("environment variable {} (the device's password) is not set", var))
              .at(file, fmt::format("/devices/{}/password_env", i)));
  }
  return out;
}

InventoryCheck check_inventory_file(const std::string& file, const Network& net) {
  std::ifstream in(file);
  if (!in) {
    InventoryCheck out;
    out.problems.push_back(Error::not_found("cannot read the inventory").at(file));
    return out;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return check_inventory(ss.str(), file, net);
}

Result<Inventory> parse_inventory(std::string_view text, const std::string& file,
                                  const Network& net) {
  InventoryCheck c = check_inventory(text, file, net);
  if (!c.problems.empty()) return c.problems.front();
  return std::move(c.inventory);
}

Result<Inventory> load_inventory(const std::string& file, const Network& net) {
  InventoryCheck c = check_inventory_file(file, net);
  if (!c.problems.empty()) return c.problems.front();
  return std::move(c.inventory);
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

// What every device entry has, whatever its model, in the inventory's key order.
nlohmann::ordered_json device_head_json(const DeviceEntry& d, nlohmann::ordered_json degrees) {
  nlohmann::ordered_json e = {{"node", d.node},
                              {"model", d.model},
                              {"address", d.address},
                              {"port", d.port},
                              {"user", d.user},
                              {"password_env", d.password_env},
                              {"degrees", std::move(degrees)}};
  if (!d.host_key_sha256.empty()) e["host_key_sha256"] = d.host_key_sha256;
  return e;
}

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
  oj e = device_head_json(d, std::move(degrees));
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
    oj e = device_head_json(d, std::move(degrees));
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
