// Southbound: what lightmesh pushes to the devices when a service is created or deleted, through
// one all-or-nothing transaction per service (docs/southbound.md).
//
//   Southbound sb(net, grid, std::move(inventory), 5000);
//   if (auto f = sb.provision(service)) return refuse(*f);  // nothing left on any device
//
// The audit compares each device's running configuration with what the services provisioned
// here put on it (the driver's own edits, kept per service), and repair() pushes the difference
// through the same all-or-nothing transaction:
//
//   for (const DeviceAudit& a : sb.audit()) if (!a.diff.clean()) …;
//   RepairOutcome r = sb.repair();  // r.failure: nothing was changed on any device
//
// Thread-safe (a mutex), though the controller calls it under its own lock, one service at a
// time. What each service holds on the devices is kept in memory, not persisted: after a restart,
// adopt() recomputes it from the restored services.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fabric/fabric.h"
#include "fabric/service.h"
#include "model/network.h"
#include "southbound/config_diff.h"
#include "southbound/openroadm.h"
#include "southbound/transaction.h"
#include "southbound/yang.h"
#include "spectrum/grid.h"

namespace lightmesh::southbound {

// One device's audit: its running configuration against what lightmesh intends.
struct DeviceAudit {
  std::uint32_t device = 0;  // index into the inventory
  bool read = false;         // false: the configuration could not be read or parsed (see error)
  std::string error;
  ConfigDiff diff;
};

// The last audit of a device, for the device list.
struct DriftRecord {
  std::chrono::system_clock::time_point audited_at;
  bool read = false;
  std::string error;
  std::size_t missing = 0, extra = 0, different = 0;
  // The last thing the audit did on its own: "reconnected: 6 missing, 0 different; re-pushed".
  std::string event;
};

// A re-route on the devices: the new route's entries are committed first (make), then the old
// route's are removed (break), each all or nothing.
struct RerouteOutcome {
  // Set: the new route was refused and nothing changed on any device (the old route's entries
  // are still there, still intended).
  std::optional<PushFailure> make;
  // Set: the new route is on the devices and intended, but the old route's entries (those the new
  // route does not share) could not be removed: they stay, reported by the audit as extra.
  std::optional<PushFailure> brk;
};

// What adopt() recomputed.
struct AdoptOutcome {
  std::size_t services = 0;
  // Lightpath ends whose add/drop no device showed (a device unreachable, or that lost its
  // entries): given the first free one, so the audit reports their entries as missing.
  std::size_t ends_not_found = 0;
};

struct RepairOutcome {
  std::vector<DeviceAudit> found;       // what the audit found before the push
  std::optional<PushFailure> failure;   // set: nothing was changed on any device
  std::vector<std::uint32_t> repaired;  // the devices that got an edit
};

class Southbound {
 public:
  Southbound(const Network& net, spectrum::Grid grid, Inventory inventory, int timeout_ms);

  // Creates every lightpath of the service on its devices. nullopt on success; else the failure
  // (and the devices hold nothing of the service).
  std::optional<PushFailure> provision(const fabric::Service& s);
  // Several services in one transaction (a workload's): all on the devices, or none.
  std::optional<PushFailure> provision(const std::vector<const fabric::Service*>& services);
  // Removes what provision() put on the devices for this service; nullopt if it held nothing.
  std::optional<PushFailure> release(const fabric::Service& s);
  std::optional<PushFailure> release(const std::vector<const fabric::Service*>& services);
  // A service whose lightpaths changed (a restoration): make before break. Entries the old and
  // new routes share (same device, same name, so the same values) are left in place; the new
  // route takes add/drop ports of its own and the old route's are given back once it is gone.
  // A service that held nothing here (not pushed by this controller) is simply provisioned.
  RerouteOutcome reroute(const fabric::Service& after);

  // At startup, over services restored from a store: what each holds on the devices, recomputed
  // (the pushes are a function of the lightpath, the inventory and the add/drop port each end
  // uses). The port of each end is recognised from the end device's running configuration (its
  // roadm-connections name the SRG port, the degree and the slots); an end not found there gets
  // the first free port. Reads each end device once; pushes nothing. What was intended before is
  // forgotten, so a call after a failed commit makes the fabric's services the whole intent again
  // (and repair() then puts the devices back to it).
  AdoptOutcome adopt(const fabric::Fabric& fabric);

  // Audits every device (in inventory order). Devices that cannot be read are reported, not
  // skipped.
  std::vector<DeviceAudit> audit();
  // Audits every device and pushes the difference in one transaction: missing entries are
  // created, different ones rewritten, extra ones (named as lightmesh names its entries) removed.
  // A device that cannot be read fails the repair before anything is pushed (kUnreachable).
  RepairOutcome repair();
  // A device that just connected (`first`) or reconnected: audits it and, if entries are missing
  // or different (a device that restarted empty), pushes them back. Extra entries are reported,
  // never removed here: only repair() removes. Records the outcome as the device's event and
  // returns its text ("device R-HAYES: reconnected; drift: 9 missing, …; re-pushed"), or nullopt
  // for a device's first audit that found it clean (nothing worth a line in the log).
  std::optional<std::string> restore_after_reconnect(std::uint32_t device, bool first = false);

  // The device's last audit; nullopt if none ran yet.
  std::optional<DriftRecord> last_audit(std::uint32_t device) const;

  DeviceLinks& links() { return links_; }

 private:
  struct Held {
    std::vector<DeviceEdit> edits;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> add_drops;  // (device, add/drop index)
  };
  // The edits of every lightpath of the service, taking add/drops for them; on failure gives back
  // what it took. Needs mu_ held.
  std::optional<PushFailure> plan(const fabric::Service& s, Held* held);
  void give_back(const Held& held);
  // A free add/drop of a device, marked used; nullopt if all are taken.
  std::optional<std::uint32_t> take_add_drop(std::uint32_t device);
  // What lightmesh intends on a device: every held edit of it, merged into one tree (null when
  // it intends nothing). Needs mu_ held.
  Result<DataTree> intended_tree(std::uint32_t device);
  // Reads, parses and compares one device; `running` and `intended` get the trees compared (for
  // a repair). Needs mu_ held.
  DeviceAudit audit_one(std::uint32_t device, DataTree* intended, DataTree* running);
  void record(const DeviceAudit& a, const std::string& event);
  // The schema context for parsing, loaded on first use. Needs mu_ held.
  Result<const ly_ctx*> context();

  const Network* net_;
  spectrum::Grid grid_;
  DeviceLinks links_;
  std::mutex mu_;
  std::map<std::string, Held> held_;               // by service id; guarded by mu_
  std::vector<std::vector<bool>> ad_used_;         // by device, by add/drop; guarded by mu_
  YangContext ctx_;                                // guarded by mu_
  std::vector<std::vector<std::string>> lcps_;     // by device: its logical connection points
  mutable std::mutex drift_mu_;                    // apart from mu_: the list never waits on a push
  std::vector<std::optional<DriftRecord>> drift_;  // by device; guarded by drift_mu_
};

}  // namespace lightmesh::southbound
