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
#include "southbound/device_edit.h"
#include "southbound/inventory.h"
#include "spectrum/grid.h"

namespace lightmesh::southbound {

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
