#include "southbound/transaction.h"

#include <fmt/format.h>

#include <future>
#include <map>

namespace lightmesh::southbound {

DeviceLinks::DeviceLinks(Inventory inventory, int timeout_ms)
    : inventory_(std::move(inventory)), timeout_ms_(timeout_ms) {
  sessions_.resize(inventory_.devices.size());
  status_.resize(inventory_.devices.size());
}

const char* link_state_name(LinkState s) {
  switch (s) {
    case LinkState::kConnected:
      return "connected";
    case LinkState::kDisconnected:
      return "disconnected";
    case LinkState::kNotContacted:
      break;
  }
  return "not-contacted";
}

LinkStatus DeviceLinks::status(std::uint32_t device) const {
  std::lock_guard lock(status_mu_);
  return status_.at(device);
}

DeviceLinks::~DeviceLinks() = default;

NetconfSession* DeviceLinks::session(std::uint32_t device, DeviceError* err) {
  auto& s = sessions_[device];
  if (s && !s->alive()) s.reset();
  if (!s) {
    s = NetconfSession::connect(inventory_.devices[device], timeout_ms_, err);
    std::lock_guard lock(status_mu_);
    LinkStatus& st = status_[device];
    if (s) {
      st.state = LinkState::kConnected;
      ++st.sessions_opened;
    } else {
      st.state = LinkState::kDisconnected;
      st.last_error = err->detail;
    }
  }
  return s.get();
}

void DeviceLinks::drop_if_dead(std::uint32_t device) {
  if (sessions_[device] && !sessions_[device]->alive()) {
    sessions_[device].reset();
    std::lock_guard lock(status_mu_);
    status_[device].state = LinkState::kDisconnected;
  }
}

void DeviceLinks::note_failure(std::uint32_t device, const DeviceError& e) {
  std::lock_guard lock(status_mu_);
  status_[device].last_error = e.detail;
}

namespace {

// Runs `step` on every device at once and collects each one's error.
template <typename Step>
std::map<std::uint32_t, std::optional<DeviceError>> on_all(const std::vector<std::uint32_t>& devs,
                                                           Step step) {
  std::map<std::uint32_t, std::future<std::optional<DeviceError>>> running;
  for (std::uint32_t d : devs) running[d] = std::async(std::launch::async, step, d);
  std::map<std::uint32_t, std::optional<DeviceError>> out;
  for (auto& [d, f] : running) out[d] = f.get();
  return out;
}

}  // namespace

std::optional<PushFailure> DeviceLinks::apply(const std::vector<DevicePush>& pushes) {
  std::lock_guard lock(mu_);
  // Each device's edits in push order; the devices in the order they first appear.
  std::vector<std::uint32_t> order;
  std::map<std::uint32_t, std::vector<const DevicePush*>> by_device;
  for (const DevicePush& p : pushes) {
    if (!by_device.count(p.device)) order.push_back(p.device);
    by_device[p.device].push_back(&p);
  }
  // Written by each device's own thread only (the map itself is not changed once filled).
  std::map<std::uint32_t, PushState> state;
  for (std::uint32_t d : order) state[d] = {};

  // Phase 1: lock, edit, validate (candidate), or lock and edit running (no candidate).
  auto prepared = on_all(order, [&](std::uint32_t d) -> std::optional<DeviceError> {
    DeviceError err;
    NetconfSession* s = session(d, &err);
    if (!s) return err;
    PushState& st = state.at(d);
    st.direct = !s->has_candidate();
    if (st.direct) return edit_running(d, by_device.at(d), st);
    if (auto e = s->lock_candidate()) return e;
    st.locked = true;
    for (const DevicePush* p : by_device.at(d))
      if (auto e = s->edit_candidate(p->xml)) return e;
    return s->validate_candidate();
  });
  auto first_failure = [&](const std::map<std::uint32_t, std::optional<DeviceError>>& r)
      -> std::optional<PushFailure> {
    for (std::uint32_t d : order)
      if (r.at(d)) return PushFailure{r.at(d)->kind, inventory_.devices[d].node, r.at(d)->detail};
    return std::nullopt;
  };
  // Unlocks every device; a candidate's uncommitted changes are discarded first.
  auto release = [&](const std::vector<std::uint32_t>& devs) {
    on_all(devs, [&](std::uint32_t d) -> std::optional<DeviceError> {
      NetconfSession* s = sessions_[d].get();
      const PushState& st = state.at(d);
      if (!s || !s->alive() || !st.locked) return std::nullopt;
      if (st.direct) return s->unlock_running();
      s->discard_changes();
      return s->unlock_candidate();
    });
  };
  for (std::uint32_t d : order)
    if (prepared.at(d)) note_failure(d, *prepared.at(d));
  if (auto f = first_failure(prepared)) {
    on_all(order, [&](std::uint32_t d) -> std::optional<DeviceError> {
      if (state.at(d).direct) roll_back_running(d, by_device.at(d), state.at(d));
      return std::nullopt;
    });
    release(order);
    for (std::uint32_t d : order) drop_if_dead(d);
    return f;
  }

  // Phase 2: commit everywhere (running-only devices already hold their edits).
  auto commit_errors = on_all(order, [&](std::uint32_t d) -> std::optional<DeviceError> {
    if (state.at(d).direct) return std::nullopt;
    return sessions_[d]->commit();
  });
  auto failure = first_failure(commit_errors);
  for (std::uint32_t d : order)
    if (commit_errors.at(d)) note_failure(d, *commit_errors.at(d));
  if (failure) {
    // Undo where the edits went through (a commit, or running directly); discard where not.
    on_all(order, [&](std::uint32_t d) -> std::optional<DeviceError> {
      if (state.at(d).direct) {
        roll_back_running(d, by_device.at(d), state.at(d));
        return std::nullopt;
      }
      NetconfSession* s = sessions_[d].get();
      if (!s || !s->alive()) return std::nullopt;
      if (commit_errors.at(d)) {  // not committed: its candidate goes
        s->discard_changes();
      } else {
        for (auto it = by_device.at(d).rbegin(); it != by_device.at(d).rend(); ++it)
          s->edit_candidate((*it)->undo_xml);
        s->commit();
      }
      return std::nullopt;
    });
  }
  release(order);
  for (std::uint32_t d : order) drop_if_dead(d);
  if (!failure) {
    const auto now = std::chrono::system_clock::now();
    std::lock_guard status_lock(status_mu_);
    for (std::uint32_t d : order) status_[d].last_commit = now;
  }
  return failure;
}

std::optional<DeviceError> DeviceLinks::edit_running(std::uint32_t device,
                                                     const std::vector<const DevicePush*>& edits,
                                                     PushState& st) {
  NetconfSession* s = sessions_[device].get();
  if (auto e = s->lock_running()) return e;
  st.locked = true;
  for (const DevicePush* p : edits) {
    auto e = s->edit_running(p->xml);
    // A refused edit changed nothing (the device applies an edit whole or not at all); one that
    // got no answer may have been applied, so its undo joins the rollback list too.
    if (!e || e->kind == FailureKind::kUnreachable) ++st.applied;
    if (e) return e;
  }
  return std::nullopt;
}

void DeviceLinks::roll_back_running(std::uint32_t device,
                                    const std::vector<const DevicePush*>& edits, PushState& st) {
  if (st.applied == 0) return;
  DeviceError err;
  NetconfSession* s = sessions_[device].get();
  if (!s || !s->alive()) {
    // The session died with edits on the device: reopen it to take them back (the lock went with
    // the old session).
    sessions_[device].reset();
    st.locked = false;
    s = session(device, &err);
    if (!s) {
      note_failure(device, {err.kind, "rollback not applied: " + err.detail});
      return;
    }
  }
  for (std::size_t i = st.applied; i > 0; --i)
    if (auto e = s->edit_running(edits[i - 1]->undo_xml))
      note_failure(device, {e->kind, "rollback: " + e->detail});
  st.applied = 0;
}

std::optional<DeviceError> DeviceLinks::running(std::uint32_t device, std::string* xml) {
  std::lock_guard lock(mu_);
  DeviceError err;
  NetconfSession* s = session(device, &err);
  if (!s) return err;
  auto e = s->get_running(xml);
  if (e) note_failure(device, *e);
  drop_if_dead(device);
  return e;
}

}  // namespace lightmesh::southbound
