#include "southbound/lightpath_edits.h"

#include "southbound/openconfig.h"

namespace lightmesh::southbound {

Result<std::vector<DeviceEdit>> lightpath_edits(const Network& net, const spectrum::Grid& g,
                                                const Inventory& inv, const rsa::Lightpath& lp,
                                                std::array<std::uint32_t, 2> add_drop) {
  bool openroadm = false, openconfig = false;
  for (NodeIndex n : lp.nodes)
    (inv.devices[inv.device_of[n]].model == kOpenConfig ? openconfig : openroadm) = true;
  if (!openconfig) return openroadm_lightpath(net, g, inv, lp, add_drop);
  if (!openroadm) return openconfig_lightpath(net, g, inv, lp, add_drop);
  // A mixed route: both drivers walk the whole route (each node's edit depends only on its own
  // device and its two neighbouring fibres), and each node keeps its own model's edit.
  LM_ASSIGN_OR_RETURN(auto roadm, openroadm_lightpath(net, g, inv, lp, add_drop));
  LM_ASSIGN_OR_RETURN(auto oc, openconfig_lightpath(net, g, inv, lp, add_drop));
  for (std::size_t i = 0; i < roadm.size(); ++i)
    if (inv.devices[roadm[i].device].model == kOpenConfig) roadm[i] = std::move(oc[i]);
  return roadm;
}

}  // namespace lightmesh::southbound
