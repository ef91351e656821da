#include "southbound/southbound.h"

#include <fmt/format.h>

namespace lightmesh::southbound {

Southbound::Southbound(const Network& net, spectrum::Grid grid, Inventory inventory, int timeout_ms)
    : net_(&net), grid_(grid), links_(std::move(inventory), timeout_ms) {
  for (const DeviceEntry& d : links_.inventory().devices)
    ad_used_.emplace_back(d.add_drops.size(), false);
}

std::optional<std::uint32_t> Southbound::take_add_drop(std::uint32_t device) {
  auto& used = ad_used_[device];
  for (std::uint32_t i = 0; i < used.size(); ++i) {
    if (!used[i]) {
      used[i] = true;
      return i;
    }
  }
  return std::nullopt;
}

std::optional<PushFailure> Southbound::provision(const fabric::Service& s) {
  std::lock_guard lock(mu_);
  const Inventory& inv = links_.inventory();
  Held held;
  auto give_back = [&] {
    for (auto [d, i] : held.add_drops) ad_used_[d][i] = false;
  };
  for (const fabric::ServiceLightpath& slp : s.lightpaths) {
    const rsa::Lightpath& lp = slp.path;
    std::array<std::uint32_t, 2> ads{};
    for (int end = 0; end < 2; ++end) {
      const std::uint32_t dev = inv.device_of[end == 0 ? lp.nodes.front() : lp.nodes.back()];
      auto ad = take_add_drop(dev);
      if (!ad) {
        give_back();
        return PushFailure{FailureKind::kRefused, inv.devices[dev].node,
                           "every add/drop port of the inventory is in use"};
      }
      ads[end] = *ad;
      held.add_drops.emplace_back(dev, *ad);
    }
    auto edits = openroadm_lightpath(*net_, grid_, inv, lp, ads);
    if (!edits) {
      give_back();
      return PushFailure{FailureKind::kRefused, inv.devices[inv.device_of[lp.nodes.front()]].node,
                         edits.error().to_string()};
    }
    for (DeviceEdit& e : *edits) held.edits.push_back(std::move(e));
  }
  std::vector<DevicePush> pushes;
  for (const DeviceEdit& e : held.edits) pushes.push_back({e.device, e.create_xml, e.remove_xml});
  if (auto f = links_.apply(pushes)) {
    give_back();
    return f;
  }
  held_[s.id] = std::move(held);
  return std::nullopt;
}

std::optional<PushFailure> Southbound::release(const fabric::Service& s) {
  std::lock_guard lock(mu_);
  auto it = held_.find(s.id);
  if (it == held_.end()) return std::nullopt;
  std::vector<DevicePush> pushes;
  // The undo of a removal re-creates what was there.
  for (const DeviceEdit& e : it->second.edits)
    pushes.push_back({e.device, e.remove_xml, e.create_xml});
  if (auto f = links_.apply(pushes)) return f;
  for (auto [d, i] : it->second.add_drops) ad_used_[d][i] = false;
  held_.erase(it);
  return std::nullopt;
}

}  // namespace lightmesh::southbound
