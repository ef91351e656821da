// Southbound: what lightmesh pushes to the devices when a service is created or deleted, through
// one all-or-nothing transaction per service (docs/southbound.md).
//
//   Southbound sb(net, grid, std::move(inventory), 5000);
//   if (auto f = sb.provision(service)) return refuse(*f);  // nothing left on any device
//
// Thread-safe (a mutex), though the controller calls it under its own lock, one service at a
// time. What each service holds on the devices is kept in memory only (not yet audited or
// persisted).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fabric/service.h"
#include "model/network.h"
#include "southbound/openroadm.h"
#include "southbound/transaction.h"
#include "spectrum/grid.h"

namespace lightmesh::southbound {

class Southbound {
 public:
  Southbound(const Network& net, spectrum::Grid grid, Inventory inventory, int timeout_ms);

  // Creates every lightpath of the service on its devices. nullopt on success; else the failure
  // (and the devices hold nothing of the service).
  std::optional<PushFailure> provision(const fabric::Service& s);
  // Removes what provision() put on the devices for this service; nullopt if it held nothing.
  std::optional<PushFailure> release(const fabric::Service& s);

  DeviceLinks& links() { return links_; }

 private:
  struct Held {
    std::vector<DeviceEdit> edits;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> add_drops;  // (device, add/drop index)
  };
  // A free add/drop of a device, marked used; nullopt if all are taken.
  std::optional<std::uint32_t> take_add_drop(std::uint32_t device);

  const Network* net_;
  spectrum::Grid grid_;
  DeviceLinks links_;
  std::mutex mu_;
  std::map<std::string, Held> held_;        // by service id; guarded by mu_
  std::vector<std::vector<bool>> ad_used_;  // by device, by add/drop; guarded by mu_
};

}  // namespace lightmesh::southbound
