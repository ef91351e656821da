// The OpenROADM 2.2.1 driver: what a lightpath puts on each device of its route, as NETCONF
// edit-config payloads (docs/southbound.md, "OpenROADM 2.2.1").
//
//   LM_ASSIGN_OR_RETURN(auto edits, openroadm_lightpath(net, grid, inv, lp, {ad_a, ad_z}));
//   for (const DeviceEdit& e : edits) send(e.device, e.create_xml);
//
// On every node of the route: a media-channel TTP (mc-ttp min-freq/max-freq) and a network-media-
// channel CTP (nmc-ctp frequency/width) on each degree used, an NMC CTP on the SRG port at either
// end, and a roadm-connections entry each way through the node. On both ends' transponder port an
// opticalChannel interface. Names follow TransportPCE: "<lcp>-mc-<lo>:<hi>", "<lcp>-nmc-<lo>:<hi>",
// "<src lcp>-<dst lcp>-<lo>:<hi>" and "<xpdr lcp>-<lo>:<hi>", where lo:hi are the 6.25 GHz slots
// numbered as TransportPCE's GridUtils numbers them (1 + the index of the lower edge from
// 191.325 THz, and the index of the upper edge). Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "rsa/lightpath.h"
#include "southbound/inventory.h"
#include "spectrum/grid.h"

namespace lightmesh::southbound {

// One entry a lightpath writes under /org-openroadm-device: an interface or a roadm-connections
// entry, its key and the children after the key.
struct ConfigEntry {
  bool connection = false;
  std::string name;
  std::string body;
  bool operator==(const ConfigEntry&) const = default;
};

// What one lightpath writes on one device: the payload that creates its entries, the one that
// removes them, and their names (for read-back and for messages).
struct DeviceEdit {
  std::uint32_t device = 0;  // index into Inventory::devices
  std::string create_xml;    // each entry with nc:operation="create"
  std::string remove_xml;    // each entry with nc:operation="remove" (for rollback: never fails)
  std::vector<std::string> interfaces;
  std::vector<std::string> connections;
  // The entries themselves, in creation order: a re-route writes only those its old route lacks.
  std::vector<ConfigEntry> entries;
};

// The payloads of a set of entries of one device: each entry created (in order), or removed
// (in reverse order, so a connection goes before the interfaces it names).
std::string openroadm_create_xml(const std::vector<ConfigEntry>& entries);
std::string openroadm_remove_xml(const std::vector<ConfigEntry>& entries);

// Slot numbers as TransportPCE names them: {lower, higher}, 1-based, over 768 slots from 191.325
// THz. kUnsupported when the block lies outside that range.
Result<std::array<int, 2>> transportpce_slots(const spectrum::Grid& g, spectrum::SlotBlock b);

// Decimal text of a frequency in THz (8 fraction digits in the model) and of a width in GHz (5):
// exact, from integers, without trailing zeros ("193.1", "75.0").
std::string thz_text(std::int64_t units_1e8);
std::string ghz_text(std::int64_t units_1e5);

// The edits of one lightpath, in route order. `add_drop` is the add/drop index used at the
// route's first and last node. kInvalidInput if the inventory lacks a device, degree or add/drop.
Result<std::vector<DeviceEdit>> openroadm_lightpath(const Network& net, const spectrum::Grid& g,
                                                    const Inventory& inv, const rsa::Lightpath& lp,
                                                    std::array<std::uint32_t, 2> add_drop);

// The starting configuration of a device, which the emulator loads: a shelf, a circuit pack per
// degree (its TTP port), the SRG with its add/drop ports, the transponder pack with its network
// ports, and the degree and shared-risk-group entries that name them.
std::string openroadm_base_config(const DeviceEntry& d);

}  // namespace lightmesh::southbound
