#include "southbound/openroadm.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace lightmesh::southbound {

namespace {

constexpr const char* kDeviceNs = "http://org/openroadm/device";
constexpr const char* kNcNs = "urn:ietf:params:xml:ns:netconf:base:1.0";
// TransportPCE's grid (common/fixedflex/GridConstant.java): 768 slots of 6.25 GHz from 191.325 THz.
constexpr std::int64_t kTpceStartEdge = 19132500000;  // 191.325 THz in 1e-8 THz
constexpr std::int64_t kSlotUnits = 625000;           // 6.25 GHz in 1e-8 THz
constexpr int kTpceSlots = 768;

std::string trimmed(std::int64_t units, std::int64_t scale, int digits) {
  const bool neg = units < 0;
  const std::int64_t a = neg ? -units : units;
  std::string frac = fmt::format("{:0{}}", a % scale, digits);
  while (frac.size() > 1 && frac.back() == '0') frac.pop_back();
  return fmt::format("{}{}.{}", neg ? "-" : "", a / scale, frac);
}

// An interface or roadm-connections entry, keyed by its name, with the children after the key.
ConfigEntry device_entry(bool connection, const std::string& name, const std::string& body) {
  const char* tag = connection ? "roadm-connections" : "interface";
  const char* key = connection ? "connection-name" : "name";
  return {fmt::format("<org-openroadm-device xmlns=\"{}\" xmlns:nc=\"{}\">", kDeviceNs, kNcNs),
          "</org-openroadm-device>",
          fmt::format("<{0} nc:operation=\"create\"><{1}>{2}</{1}>{3}</{0}>", tag, key, name, body),
          fmt::format("<{0} nc:operation=\"remove\"><{1}>{2}</{1}></{0}>", tag, key, name)};
}

std::string if_type(const char* identity) {
  return fmt::format(
      "<type xmlns:openROADM-if=\"http://org/openroadm/interfaces\">"
      "openROADM-if:{}</type><administrative-state>inService</administrative-state>",
      identity);
}

std::string supporting(const std::string& cp, const std::string& port) {
  return fmt::format(
      "<supporting-circuit-pack-name>{}</supporting-circuit-pack-name>"
      "<supporting-port>{}</supporting-port>",
      cp, port);
}

const char* modulation_enum(const std::string& m) {
  if (m == "DP-QPSK") return "dp-qpsk";
  if (m == "DP-16QAM") return "dp-qam16";
  if (m == "DP-8QAM") return "dp-qam8";
  if (m == "DP-BPSK") return "dc-dp-bpsk";
  return nullptr;  // not in 2.2.1's enumeration: left out
}

const char* rate_identity(double gbps) {
  if (gbps == 100) return "R100G";
  if (gbps == 200) return "R200G";
  return nullptr;  // 2.2.1 has no R300G or R400G identity: left out
}

const DegreePort* degree_of(const DeviceEntry& d, const std::string& fiber) {
  for (const DegreePort& g : d.degrees)
    if (g.fiber == fiber) return &g;
  return nullptr;
}

}  // namespace

std::string thz_text(std::int64_t units_1e8) { return trimmed(units_1e8, 100000000, 8); }
std::string ghz_text(std::int64_t units_1e5) { return trimmed(units_1e5, 100000, 5); }

Result<std::array<int, 2>> transportpce_slots(const spectrum::Grid& g, spectrum::SlotBlock b) {
  const std::int64_t first = std::llround(g.first_thz * 1e8);
  const std::int64_t offset = (first - kTpceStartEdge) / kSlotUnits;  // band start on the grid
  const std::int64_t lo = offset + b.first + 1;
  const std::int64_t hi = offset + b.first + b.count;
  if (lo < 1 || hi > kTpceSlots)
    return Error::unsupported(
        fmt::format("slots {}..{} lie outside TransportPCE's 768 slots from 191.325 THz", lo, hi));
  return std::array<int, 2>{static_cast<int>(lo), static_cast<int>(hi)};
}

Result<std::vector<DeviceEdit>> openroadm_lightpath(const Network& net, const spectrum::Grid& g,
                                                    const Inventory& inv, const rsa::Lightpath& lp,
                                                    std::array<std::uint32_t, 2> add_drop) {
  LM_ASSIGN_OR_RETURN(auto slots, transportpce_slots(g, lp.slots));
  const std::string sn = fmt::format("{}:{}", slots[0], slots[1]);
  const std::int64_t lower = std::llround(g.first_thz * 1e8) + lp.slots.first * kSlotUnits;
  const std::int64_t upper = lower + lp.slots.count * kSlotUnits;
  const std::int64_t center = (lower + upper) / 2;         // the count is even: exact
  const std::int64_t width_1e5 = lp.slots.count * 625000;  // 6.25 GHz in 1e-5 GHz
  const std::string mc_body = fmt::format(
      "<mc-ttp xmlns=\"http://org/openroadm/media-channel-interfaces\"><min-freq>{}</min-freq>"
      "<max-freq>{}</max-freq></mc-ttp>",
      thz_text(lower), thz_text(upper));
  const std::string nmc_body = fmt::format(
      "<nmc-ctp xmlns=\"http://org/openroadm/network-media-channel-interfaces\"><frequency>{}"
      "</frequency><width>{}</width></nmc-ctp>",
      thz_text(center), ghz_text(width_1e5));

  std::vector<DeviceEdit> out;
  const std::size_t last = lp.nodes.size() - 1;
  for (std::size_t i = 0; i <= last; ++i) {
    const NodeIndex n = lp.nodes[i];
    const DeviceEntry& d = inv.devices[inv.device_of[n]];
    DeviceEdit e{.device = inv.device_of[n]};
    auto add = [&e](bool connection, const std::string& name, const std::string& body) {
      e.entries.push_back(device_entry(connection, name, body));
      (connection ? e.connections : e.interfaces).push_back(name);
    };
    // The two sides of the node: towards the previous node and towards the next, each a degree
    // (MC + NMC) or, at an end, an SRG port (NMC only, as TransportPCE does).
    std::array<std::string, 2> nmc;
    std::array<std::string, 2> lcp;
    for (int side = 0; side < 2; ++side) {
      const bool end = side == 0 ? i == 0 : i == last;
      if (end) {
        const std::uint32_t k = add_drop[i == 0 ? 0 : 1];
        if (k >= d.add_drops.size())
          return Error::invalid(fmt::format("device of node \"{}\" has no add/drop {}", d.node, k));
        const AddDrop& a = d.add_drops[k];
        lcp[side] = a.srg_logical_connection_point;
        nmc[side] = lcp[side] + "-nmc-" + sn;
        add(false, nmc[side],
            if_type("networkMediaChannelConnectionTerminationPoint") +
                supporting(d.srg_circuit_pack, a.srg_port) + nmc_body);
      } else {
        const FiberIndex f = lp.fibers[side == 0 ? i - 1 : i];
        const DegreePort* deg = degree_of(d, net.fiber(f).id);
        if (!deg)
          return Error::invalid(fmt::format("device of node \"{}\" has no degree for fibre \"{}\"",
                                            d.node, net.fiber(f).id));
        lcp[side] = deg->logical_connection_point;
        const std::string mc = lcp[side] + "-mc-" + sn;
        nmc[side] = lcp[side] + "-nmc-" + sn;
        add(false, mc,
            if_type("mediaChannelTrailTerminationPoint") +
                supporting(deg->circuit_pack, deg->port) + mc_body);
        add(false, nmc[side],
            if_type("networkMediaChannelConnectionTerminationPoint") + "<supporting-interface>" +
                mc + "</supporting-interface>" + supporting(deg->circuit_pack, deg->port) +
                nmc_body);
      }
    }
    // A lightpath carries both ways: a connection each way through the node.
    for (int dir = 0; dir < 2; ++dir) {
      const int s = dir, t = 1 - dir;
      add(true, fmt::format("{}-{}-{}", lcp[s], lcp[t], sn),
          fmt::format("<opticalControlMode>off</opticalControlMode><source><src-if>"
                      "{}</src-if></source><destination><dst-if>{}</dst-if>"
                      "</destination>",
                      nmc[s], nmc[t]));
    }
    // The transponder at either end: its network port's optical channel.
    if (i == 0 || i == last) {
      const AddDrop& a = d.add_drops[add_drop[i == 0 ? 0 : 1]];
      const TransceiverMode& mode = net.catalogue().mode(lp.mode);
      std::string och = "<och xmlns=\"http://org/openroadm/optical-channel-interfaces\">";
      if (const char* r = rate_identity(mode.bit_rate.value()))
        och += fmt::format(
            "<rate xmlns:org-openroadm-common-types=\"http://org/openroadm/"
            "common-types\">org-openroadm-common-types:{}</rate>",
            r);
      och += fmt::format("<frequency>{}</frequency>", thz_text(center));
      if (const char* m = modulation_enum(mode.modulation))
        och += fmt::format("<modulation-format>{}</modulation-format>", m);
      const double power = net.physics().launch_power_dbm.value_or(0.0);
      och += fmt::format("<transmit-power>{}</transmit-power></och>",
                         trimmed(std::llround(power * 100), 100, 2));
      add(false, a.transponder_logical_connection_point + "-" + sn,
          if_type("opticalChannel") + supporting(a.transponder_circuit_pack, a.transponder_port) +
              och);
    }
    out.push_back(with_payloads(std::move(e)));
  }
  return out;
}

std::string openroadm_base_config(const DeviceEntry& d) {
  std::string xml = fmt::format("<org-openroadm-device xmlns=\"{}\">", kDeviceNs);
  // A ROADM: the degree and SRG lists exist only when info/node-type is "rdm".
  xml += "<info><node-type>rdm</node-type></info>";
  xml +=
      "<shelves><shelf-name>SHELF1</shelf-name><shelf-type>lightmesh-devsim</shelf-type>"
      "</shelves>";
  auto pack = [&](const std::string& name, const char* type, int slot, const std::string& ports) {
    xml += fmt::format(
        "<circuit-packs><circuit-pack-name>{}</circuit-pack-name>"
        "<circuit-pack-type>{}</circuit-pack-type><shelf>SHELF1</shelf>"
        "<slot>{}</slot>{}</circuit-packs>",
        name, type, slot, ports);
  };
  auto port = [](const std::string& name, const std::string& lcp) {
    return fmt::format(
        "<ports><port-name>{}</port-name><logical-connection-point>{}"
        "</logical-connection-point></ports>",
        name, lcp);
  };
  int slot = 1;
  for (const DegreePort& g : d.degrees)
    pack(g.circuit_pack, "WSS", slot++, port(g.port, g.logical_connection_point));
  if (!d.srg_circuit_pack.empty()) {
    std::string srg_ports, xpdr_ports;
    for (const AddDrop& a : d.add_drops) {
      srg_ports += port(a.srg_port, a.srg_logical_connection_point);
      xpdr_ports += port(a.transponder_port, a.transponder_logical_connection_point);
    }
    pack(d.srg_circuit_pack, "SRG", slot++, srg_ports);
    // Every add/drop names its transponder pack; the generated inventory uses one.
    std::vector<std::string> packs;
    for (const AddDrop& a : d.add_drops) {
      if (std::find(packs.begin(), packs.end(), a.transponder_circuit_pack) != packs.end())
        continue;
      packs.push_back(a.transponder_circuit_pack);
      std::string ps;
      for (const AddDrop& b : d.add_drops)
        if (b.transponder_circuit_pack == a.transponder_circuit_pack)
          ps += port(b.transponder_port, b.transponder_logical_connection_point);
      pack(a.transponder_circuit_pack, "XPDR", slot++, ps);
    }
  }
  for (const DegreePort& g : d.degrees)
    xml += fmt::format(
        "<degree><degree-number>{0}</degree-number><circuit-packs><index>1</index>"
        "<circuit-pack-name>{1}</circuit-pack-name></circuit-packs>"
        "<connection-ports><index>1</index><circuit-pack-name>{1}"
        "</circuit-pack-name><port-name>{2}</port-name></connection-ports>"
        "</degree>",
        g.degree, g.circuit_pack, g.port);
  if (!d.srg_circuit_pack.empty())
    xml += fmt::format(
        "<shared-risk-group><srg-number>{}</srg-number><circuit-packs><index>1"
        "</index><circuit-pack-name>{}</circuit-pack-name></circuit-packs>"
        "</shared-risk-group>",
        d.srg, d.srg_circuit_pack);
  return xml + "</org-openroadm-device>";
}

}  // namespace lightmesh::southbound
