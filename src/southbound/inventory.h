// Inventory: which NETCONF device configures each optical node, and which of its ports each fibre
// end and each add/drop uses (docs/southbound.md, "The inventory").
//
//   LM_ASSIGN_OR_RETURN(Inventory inv, load_inventory("devices.json", net));
//   const DeviceEntry& d = inv.devices[inv.device_of[node]];
//
// Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "model/network.h"

namespace lightmesh::southbound {

inline constexpr const char* kOpenRoadm221 = "openroadm-2.2.1";
inline constexpr const char* kOpenConfig = "openconfig";

// One fibre end: the degree it lands on and that degree's line port (TTP). On an OpenConfig
// device only `port` is used: the line port's platform component ("DEG1-LINE"); the circuit pack
// and logical connection point stay empty.
struct DegreePort {
  std::string fiber;  // the fibre's id
  std::uint16_t degree = 0;
  std::string circuit_pack;
  std::string port;
  std::string logical_connection_point;  // "DEG1-TTP-TXRX", as TransportPCE's port mapping names it
};

// One add/drop: an SRG port and the transponder network port cabled to it. On an OpenConfig
// device `srg_port` is the ROADM's add/drop port component ("SRG1-AD1"), `transponder_port` the
// transceiver component cabled to it ("XPDR1-TRX1") and `optical_channel` the transponder's
// optical-channel component ("XPDR1-OCH1"); the other fields stay empty.
struct AddDrop {
  std::string srg_port;
  std::string srg_logical_connection_point;  // "SRG1-PP1-TXRX"
  std::string transponder_circuit_pack;
  std::string transponder_port;
  std::string transponder_logical_connection_point;  // "XPDR1-NETWORK1"
  std::string optical_channel;                       // OpenConfig only
};

struct DeviceEntry {
  std::string node;  // the optical node's id
  std::string model = kOpenRoadm221;
  std::string address;
  std::uint16_t port = 830;
  std::string user;
  std::string password_env;  // the name of the environment variable holding the password
  // The SSH host key the device must present, "SHA256:…" as `ssh-keygen -l` prints it; empty:
  // any key is accepted.
  std::string host_key_sha256;
  std::vector<DegreePort> degrees;
  std::uint16_t srg = 1;
  std::string srg_circuit_pack;  // empty when the node has no add/drop
  std::vector<AddDrop> add_drops;
};

struct Inventory {
  std::vector<DeviceEntry> devices;
  std::vector<std::uint32_t> device_of;  // by node index
};

// What checking an inventory found: every problem (each naming the file and JSON pointer), and
// warnings that do not stop it from being used (a password variable that is not set here).
// `inventory` is complete only when `problems` is empty.
struct InventoryCheck {
  Inventory inventory;
  std::vector<Error> problems;
  std::vector<Error> warnings;
};

// Checks an inventory against the network: every optical node has exactly one device and no
// device names an unknown node; every fibre end at a node has exactly one degree, and a site's
// node at least one add/drop; models are known; names are non-empty; addresses are IPv4, IPv6 or
// host names, each address and port is one device's; password_env is a variable name (a warning
// if it is not set); no device names one of its ports or logical connection points twice.
InventoryCheck check_inventory(std::string_view text, const std::string& file, const Network& net);
InventoryCheck check_inventory_file(const std::string& file, const Network& net);

// The checked inventory, or the first of check_inventory's problems.
Result<Inventory> load_inventory(const std::string& file, const Network& net);
Result<Inventory> parse_inventory(std::string_view text, const std::string& file,
                                  const Network& net);

// The inventory the device emulator generates: one device per node on `address` ports base_port,
// base_port + 1, … in node order; a degree per fibre in the node's fibre order; at a site's node
// an SRG with one add/drop per transceiver port (8 when the site states none). Every device has
// `model` (kOpenRoadm221 or kOpenConfig), with the port names of that model.
Inventory default_inventory(const Network& net, const std::string& address, std::uint16_t base_port,
                            const std::string& model = kOpenRoadm221);

nlohmann::ordered_json inventory_json(const Inventory& inv);

}  // namespace lightmesh::southbound
