// The OpenConfig driver: what a lightpath puts on each device of its route, as NETCONF
// edit-config payloads (docs/southbound.md, "OpenConfig: what is written").
//
//   LM_ASSIGN_OR_RETURN(auto edits, openconfig_lightpath(net, grid, inv, lp, {ad_a, ad_z}));
//
// On every node of the route, two openconfig-wavelength-router media channels, one each way
// through the node (lower-frequency and upper-frequency: the block's edges in MHz; source and dest:
// the ports of the fibres or add/drops on either side). On both ends' transponder, its
// optical-channel component's frequency (MHz), target-output-power (dBm) and operational-mode
// (openconfig-terminal-device). A media channel's index names the lightpath's ports and first slot
// (media_channel_index), so a device's entries tell which are lightmesh's. A DeviceEdit here lists
// the optical-channel components as its `interfaces` and the media-channel indices as its
// `connections`. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "rsa/lightpath.h"
#include "southbound/device_edit.h"
#include "southbound/inventory.h"
#include "southbound/openroadm.h"
#include "spectrum/grid.h"

namespace lightmesh::southbound {

// A device's ports numbered for media-channel indices: its degrees 1, 2, … in inventory order,
// then its add/drops. At most kMaxOpenConfigPorts.
inline constexpr std::uint32_t kMaxOpenConfigPorts = 999;

// The index of the media channel from port number `src` to port number `dst` whose block starts
// at TransportPCE slot `lo` (1–768): src × 10⁶ + dst × 10³ + lo, so "2001279" reads "from port 2
// to port 1, from slot 279". Two channels of a device never share it: a port carries a slot once.
std::uint32_t media_channel_index(std::uint32_t src, std::uint32_t dst, int lo);

// Whether `index` is one media_channel_index() gives on a device with `ports` ports.
bool is_media_channel_index(std::uint32_t index, std::uint32_t ports);

// The edits of one lightpath, in route order, every device treated as an OpenConfig device.
// `add_drop` is the add/drop index used at the route's first and last node. kInvalidInput if the
// inventory lacks a degree or add/drop.
Result<std::vector<DeviceEdit>> openconfig_lightpath(const Network& net, const spectrum::Grid& g,
                                                     const Inventory& inv, const rsa::Lightpath& lp,
                                                     std::array<std::uint32_t, 2> add_drop);

// The starting configuration of an OpenConfig device, which the emulator loads: a platform
// component for each degree's line port and each add/drop port, and at a site the transponder's
// transceivers (each naming its optical channel) and optical-channel components, with nothing
// tuned yet.
std::string openconfig_base_config(const DeviceEntry& d);

}  // namespace lightmesh::southbound
