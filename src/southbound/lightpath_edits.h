// The edits of one lightpath on every device of its route, each device's from the driver of its
// inventory model (openroadm.h or openconfig.h), so one route may cross devices of both models.
//
//   LM_ASSIGN_OR_RETURN(auto edits, lightpath_edits(net, grid, inv, lp, {ad_a, ad_z}));
//
// Pure function; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "rsa/lightpath.h"
#include "southbound/device_edit.h"
#include "southbound/inventory.h"
#include "spectrum/grid.h"

namespace lightmesh::southbound {

Result<std::vector<DeviceEdit>> lightpath_edits(const Network& net, const spectrum::Grid& g,
                                                const Inventory& inv, const rsa::Lightpath& lp,
                                                std::array<std::uint32_t, 2> add_drop);

}  // namespace lightmesh::southbound
