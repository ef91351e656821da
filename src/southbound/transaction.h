// DeviceLinks: the open sessions to every device of an inventory, and the all-or-nothing push
// across them (docs/southbound.md, "All or nothing").
//
//   DeviceLinks links(inventory, 5000);
//   if (auto f = links.apply({{.device = 2, .xml = create, .undo_xml = remove}})) return *f;
//
// apply() locks each touched device's candidate, edits and validates it (devices in parallel);
// only if every device accepted does it commit on all. A device that does not announce
// :candidate has running locked and edited directly instead, its undo payloads kept as a
// rollback list. Any refusal, timeout or lost session discards the candidate on every device; a
// device that had already committed gets the undo payload committed, and a running-only device
// gets the undo of each edit it holds, newest first, so no device keeps anything of the push.
// Sessions stay open between pushes and are reopened when lost.
//
// Thread-safe: one push at a time (a mutex); the devices of one push are driven in parallel.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "southbound/inventory.h"
#include "southbound/netconf_session.h"

namespace lightmesh::southbound {

struct DevicePush {
  std::uint32_t device = 0;
  std::string xml;       // the edit, applied to candidate
  std::string undo_xml;  // what reverts it once committed (never fails: nc:operation="remove")
};

// The first failing device in push order, its kind and the device's own error.
struct PushFailure {
  FailureKind kind = FailureKind::kRefused;
  std::string device;  // the node id of the device
  std::string detail;
};

// What the links know of one device, for the device list.
enum class LinkState { kNotContacted, kConnected, kDisconnected };
const char* link_state_name(LinkState s);  // "not-contacted", "connected", "disconnected"

struct LinkStatus {
  LinkState state = LinkState::kNotContacted;
  // When a push last committed on it; nullopt if none has since the controller started.
  std::optional<std::chrono::system_clock::time_point> last_commit;
  std::uint64_t sessions_opened = 0;  // grows by one each time a session is (re)opened
  std::string last_error;             // why it was last unreachable or refused; empty if never
};

class DeviceLinks {
 public:
  DeviceLinks(Inventory inventory, int timeout_ms);
  ~DeviceLinks();

  // nullopt when every device committed; else what failed (and nothing stays on any device).
  std::optional<PushFailure> apply(const std::vector<DevicePush>& pushes);

  // A device's running configuration as XML (for audits and tests).
  std::optional<DeviceError> running(std::uint32_t device, std::string* xml);

  // The device's state as the last operation left it. Never waits for a push in progress.
  LinkStatus status(std::uint32_t device) const;

  const Inventory& inventory() const { return inventory_; }

 private:
  // The session to a device, opened if needed; null with `err` set if it cannot be.
  NetconfSession* session(std::uint32_t device, DeviceError* err);
  void drop_if_dead(std::uint32_t device);
  void note_failure(std::uint32_t device, const DeviceError& e);

  // One device's part of a push in progress.
  struct PushState {
    bool locked = false;      // its target datastore is locked by this push
    bool direct = false;      // no :candidate: the edits go to running
    std::size_t applied = 0;  // direct only: how many of its edits running may hold
  };
  // Locks running and applies the edits in order, counting what running may now hold.
  std::optional<DeviceError> edit_running(std::uint32_t device,
                                          const std::vector<const DevicePush*>& edits,
                                          PushState& st);
  // The rollback list of a running-only device: the undo of each edit it may hold, newest first.
  void roll_back_running(std::uint32_t device, const std::vector<const DevicePush*>& edits,
                         PushState& st);

  Inventory inventory_;
  int timeout_ms_;
  std::mutex mu_;
  std::vector<std::unique_ptr<NetconfSession>> sessions_;  // by device; guarded by mu_
  // Kept apart from mu_ so the device list can be read while a push holds mu_.
  mutable std::mutex status_mu_;
  std::vector<LinkStatus> status_;  // by device; guarded by status_mu_
};

}  // namespace lightmesh::southbound
