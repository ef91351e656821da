#include "southbound/southbound.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "southbound/lightpath_edits.h"
#include "southbound/repair_edit.h"

namespace lightmesh::southbound {

Southbound::Southbound(const Network& net, spectrum::Grid grid, Inventory inventory, int timeout_ms)
    : net_(&net), grid_(grid), links_(std::move(inventory), timeout_ms) {
  for (const DeviceEntry& d : links_.inventory().devices) {
    ad_used_.emplace_back(d.add_drops.size(), false);
    std::vector<std::string> lcps;
    for (const DegreePort& g : d.degrees) lcps.push_back(g.logical_connection_point);
    for (const AddDrop& a : d.add_drops) {
      lcps.push_back(a.srg_logical_connection_point);
      lcps.push_back(a.transponder_logical_connection_point);
    }
    lcps_.push_back(std::move(lcps));
  }
  drift_.resize(links_.inventory().devices.size());
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

void Southbound::give_back(const Held& held) {
  for (auto [d, i] : held.add_drops) ad_used_[d][i] = false;
}

std::optional<PushFailure> Southbound::plan(const fabric::Service& s, Held* held) {
  const Inventory& inv = links_.inventory();
  for (const fabric::ServiceLightpath& slp : s.lightpaths) {
    const rsa::Lightpath& lp = slp.path;
    std::array<std::uint32_t, 2> ads{};
    for (int end = 0; end < 2; ++end) {
      const std::uint32_t dev = inv.device_of[end == 0 ? lp.nodes.front() : lp.nodes.back()];
      auto ad = take_add_drop(dev);
      if (!ad) {
        give_back(*held);
        return PushFailure{FailureKind::kRefused, inv.devices[dev].node,
                           "every add/drop port of the inventory is in use"};
      }
      ads[end] = *ad;
      held->add_drops.emplace_back(dev, *ad);
    }
    auto edits = lightpath_edits(*net_, grid_, inv, lp, ads);
    if (!edits) {
      give_back(*held);
      return PushFailure{FailureKind::kRefused, inv.devices[inv.device_of[lp.nodes.front()]].node,
                         edits.error().to_string()};
    }
    for (DeviceEdit& e : *edits) held->edits.push_back(std::move(e));
  }
  return std::nullopt;
}

std::optional<PushFailure> Southbound::provision(const fabric::Service& s) {
  return provision(std::vector<const fabric::Service*>{&s});
}

std::optional<PushFailure> Southbound::provision(const std::vector<const fabric::Service*>& all) {
  std::lock_guard lock(mu_);
  std::vector<Held> held(all.size());
  auto give_back_all = [&] {
    for (const Held& h : held) give_back(h);
  };
  std::vector<DevicePush> pushes;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (auto f = plan(*all[i], &held[i])) {
      give_back_all();
      return f;
    }
    for (const DeviceEdit& e : held[i].edits)
      pushes.push_back({e.device, e.create_xml, e.remove_xml});
  }
  if (auto f = links_.apply(pushes)) {
    give_back_all();
    return f;
  }
  for (std::size_t i = 0; i < all.size(); ++i) held_[all[i]->id] = std::move(held[i]);
  return std::nullopt;
}

std::optional<PushFailure> Southbound::release(const fabric::Service& s) {
  return release(std::vector<const fabric::Service*>{&s});
}

std::optional<PushFailure> Southbound::release(const std::vector<const fabric::Service*>& all) {
  std::lock_guard lock(mu_);
  std::vector<DevicePush> pushes;
  std::vector<std::map<std::string, Held>::iterator> found;
  for (const fabric::Service* s : all) {
    auto it = held_.find(s->id);
    if (it == held_.end()) continue;
    found.push_back(it);
    // The undo of a removal re-creates what was there.
    for (const DeviceEdit& e : it->second.edits)
      pushes.push_back({e.device, e.remove_xml, e.create_xml});
  }
  if (pushes.empty()) return std::nullopt;
  if (auto f = links_.apply(pushes)) return f;
  for (auto it : found) {
    give_back(it->second);
    held_.erase(it);
  }
  return std::nullopt;
}

namespace {

// Each device's entries on a route. An entry both routes hold on a device (a node they pass
// through the same ports on the same slots) is written once.
using EntriesByDevice = std::map<std::uint32_t, std::vector<ConfigEntry>>;

EntriesByDevice by_device(const std::vector<DeviceEdit>& edits) {
  EntriesByDevice out;
  for (const DeviceEdit& e : edits)
    for (const ConfigEntry& x : e.entries) out[e.device].push_back(x);
  return out;
}

bool holds(const EntriesByDevice& all, std::uint32_t device, const ConfigEntry& x) {
  auto it = all.find(device);
  return it != all.end() && std::find(it->second.begin(), it->second.end(), x) != it->second.end();
}

// The entries of `from` that `other` lacks, as one push per device: created (undone by removal)
// or removed (undone by creation).
std::vector<DevicePush> difference(const EntriesByDevice& from, const EntriesByDevice& other,
                                   bool create) {
  std::vector<DevicePush> out;
  for (const auto& [device, entries] : from) {
    std::vector<ConfigEntry> only;
    for (const ConfigEntry& x : entries)
      if (!holds(other, device, x)) only.push_back(x);
    if (only.empty()) continue;
    const std::string add = edit_xml(only, EditOp::kCreate);
    const std::string remove = edit_xml(only, EditOp::kRemove);
    out.push_back(create ? DevicePush{device, add, remove} : DevicePush{device, remove, add});
  }
  return out;
}

}  // namespace

RerouteOutcome Southbound::reroute(const fabric::Service& after) {
  std::lock_guard lock(mu_);
  RerouteOutcome out;
  Held next;
  // The old route's add/drops are still taken here, so the new one gets ports of its own.
  if ((out.make = plan(after, &next))) return out;
  auto it = held_.find(after.id);
  const EntriesByDevice now = it == held_.end() ? EntriesByDevice{} : by_device(it->second.edits);
  const EntriesByDevice then = by_device(next.edits);
  // Make: what the new route needs that the old one does not already hold.
  const std::vector<DevicePush> make = difference(then, now, true);
  if (!make.empty() && (out.make = links_.apply(make))) {
    give_back(next);
    return out;
  }
  // Break: what only the old route held. If it fails, the devices keep those entries, which
  // lightmesh no longer intends: the audit reports them as extra and a repair removes them.
  const std::vector<DevicePush> brk = difference(now, then, false);
  if (!brk.empty()) out.brk = links_.apply(brk);
  if (it != held_.end()) give_back(it->second);
  held_[after.id] = std::move(next);
  return out;
}

AdoptOutcome Southbound::adopt(const fabric::Fabric& fabric) {
  std::lock_guard lock(mu_);
  const Inventory& inv = links_.inventory();
  AdoptOutcome out;
  // Whatever was intended before is forgotten: the fabric's services are the whole intent.
  held_.clear();
  for (std::vector<bool>& used : ad_used_) std::fill(used.begin(), used.end(), false);
  // The names of the entries each end device holds, read once and parsed as the audit parses
  // them (whatever the model); none if it cannot be read.
  std::map<std::uint32_t, std::set<std::string>> running;
  auto holds_entry = [&](std::uint32_t device, const std::string& name) {
    auto it = running.find(device);
    if (it == running.end()) {
      std::set<std::string> names;
      std::string xml;
      auto ctx = context();
      if (ctx && !links_.running(device, &xml))
        if (auto tree = parse_running(*ctx, xml, "running configuration"))
          for (const auto& [key, leaves] : config_entries(tree->get())) names.insert(key.name);
      it = running.emplace(device, std::move(names)).first;
    }
    return it->second.count(name) > 0;
  };
  const std::vector<const fabric::Service*> services = fabric.list("", "", fabric.size());
  // Each lightpath end's add/drop: first those the devices show, then (so a guess never takes a
  // port a later lightpath is seen on) the first free one for the rest.
  std::vector<std::vector<std::array<std::optional<std::uint32_t>, 2>>> ports(services.size());
  for (std::size_t i = 0; i < services.size(); ++i) {
    for (const fabric::ServiceLightpath& slp : services[i]->lightpaths) {
      const rsa::Lightpath& lp = slp.path;
      std::array<std::optional<std::uint32_t>, 2> ends;
      for (int end = 0; end < 2; ++end) {
        const std::uint32_t dev = inv.device_of[end == 0 ? lp.nodes.front() : lp.nodes.back()];
        for (std::uint32_t k = 0; k < ad_used_[dev].size() && !ends[end]; ++k) {
          if (ad_used_[dev][k]) continue;
          // The other end's first add/drop stands in: only this end's entries are looked at.
          const std::array<std::uint32_t, 2> ads =
              end == 0 ? std::array<std::uint32_t, 2>{k, 0} : std::array<std::uint32_t, 2>{0, k};
          auto edits = lightpath_edits(*net_, grid_, inv, lp, ads);
          if (!edits || edits->empty()) break;
          const DeviceEdit& e = end == 0 ? edits->front() : edits->back();
          if (!e.connections.empty() && holds_entry(dev, e.connections.front())) {
            ad_used_[dev][k] = true;
            ends[end] = k;
          }
        }
      }
      ports[i].push_back(ends);
    }
  }
  for (std::size_t i = 0; i < services.size(); ++i) {
    Held held;
    // The ports seen on the devices are this service's whatever follows.
    for (std::size_t l = 0; l < services[i]->lightpaths.size(); ++l) {
      const rsa::Lightpath& lp = services[i]->lightpaths[l].path;
      for (int end = 0; end < 2; ++end) {
        const std::uint32_t dev = inv.device_of[end == 0 ? lp.nodes.front() : lp.nodes.back()];
        if (ports[i][l][end]) held.add_drops.emplace_back(dev, *ports[i][l][end]);
      }
    }
    bool whole = true;
    for (std::size_t l = 0; l < services[i]->lightpaths.size() && whole; ++l) {
      const rsa::Lightpath& lp = services[i]->lightpaths[l].path;
      std::array<std::uint32_t, 2> ads{};
      for (int end = 0; end < 2 && whole; ++end) {
        const std::uint32_t dev = inv.device_of[end == 0 ? lp.nodes.front() : lp.nodes.back()];
        std::optional<std::uint32_t> k = ports[i][l][end];
        if (!k) {
          ++out.ends_not_found;
          if ((k = take_add_drop(dev))) held.add_drops.emplace_back(dev, *k);
        }
        whole = k.has_value();
        ads[end] = k.value_or(0);
      }
      if (!whole) break;
      auto edits = lightpath_edits(*net_, grid_, inv, lp, ads);
      whole = edits.has_value();
      if (whole)
        for (DeviceEdit& e : *edits) held.edits.push_back(std::move(e));
    }
    // A service the inventory cannot carry (no free add/drop) is left out: it intends nothing.
    if (!whole) {
      give_back(held);
      continue;
    }
    held_[services[i]->id] = std::move(held);
    ++out.services;
  }
  return out;
}

Result<const ly_ctx*> Southbound::context() {
  if (!ctx_) {
    LM_ASSIGN_OR_RETURN(YangContext c, all_models_context(yang_dir()));
    ctx_ = std::move(c);
  }
  return static_cast<const ly_ctx*>(ctx_.get());
}

Result<DataTree> Southbound::intended_tree(std::uint32_t device) {
  LM_ASSIGN_OR_RETURN(const ly_ctx* ctx, context());
  DataTree merged;
  for (const auto& [id, held] : held_) {
    for (const DeviceEdit& e : held.edits) {
      if (e.device != device) continue;
      // The very payload provision() pushed, so the audit compares against what was sent.
      LM_ASSIGN_OR_RETURN(DataTree t, parse_config(ctx, e.create_xml, "service " + id));
      if (!merged) {
        merged = std::move(t);
        continue;
      }
      lyd_node* target = merged.release();
      const LY_ERR rc = lyd_merge_siblings(&target, t.get(), 0);
      merged.reset(target);
      if (rc != LY_SUCCESS)
        return Error::internal("merging service " + id + ": " + last_error(ctx));
    }
  }
  return merged;
}

DeviceAudit Southbound::audit_one(std::uint32_t device, DataTree* intended, DataTree* running) {
  DeviceAudit a{.device = device};
  auto ctx = context();
  if (!ctx) {
    a.error = ctx.error().to_string();
    return a;
  }
  auto want = intended_tree(device);
  if (!want) {
    a.error = want.error().to_string();
    return a;
  }
  std::string xml;
  if (auto e = links_.running(device, &xml)) {
    // A session that dropped since it was last used is reopened once: a restarted device is
    // read at once rather than on the next audit.
    if (e->kind != FailureKind::kUnreachable || (e = links_.running(device, &xml))) {
      a.error = "get-config: " + e->detail;
      return a;
    }
  }
  auto have = parse_running(*ctx, xml, "running configuration");
  if (!have) {
    a.error = have.error().to_string();
    return a;
  }
  a.read = true;
  const std::vector<std::string>& lcps = lcps_[device];
  a.diff =
      diff_config(config_entries(want->get()), config_entries(have->get()), [&](const EntryKey& k) {
        return named_by_lightmesh(k, lcps) ||
               openconfig_owned(k, links_.inventory().devices[device]);
      });
  if (intended) *intended = std::move(*want);
  if (running) *running = std::move(*have);
  return a;
}

void Southbound::record(const DeviceAudit& a, const std::string& event) {
  DriftRecord r{.audited_at = std::chrono::system_clock::now(),
                .read = a.read,
                .error = a.error,
                .missing = a.diff.missing.size(),
                .extra = a.diff.extra.size(),
                .different = a.diff.different.size()};
  std::lock_guard lock(drift_mu_);
  r.event = event.empty() && drift_[a.device] ? drift_[a.device]->event : event;
  drift_[a.device] = std::move(r);
}

std::optional<DriftRecord> Southbound::last_audit(std::uint32_t device) const {
  std::lock_guard lock(drift_mu_);
  return drift_.at(device);
}

std::vector<DeviceAudit> Southbound::audit() {
  std::lock_guard lock(mu_);
  std::vector<DeviceAudit> out;
  for (std::uint32_t d = 0; d < links_.inventory().devices.size(); ++d) {
    out.push_back(audit_one(d, nullptr, nullptr));
    record(out.back(), "");
  }
  return out;
}

RepairOutcome Southbound::repair() {
  std::lock_guard lock(mu_);
  RepairOutcome r;
  std::vector<DevicePush> pushes;
  for (std::uint32_t d = 0; d < links_.inventory().devices.size(); ++d) {
    DataTree want, have;
    r.found.push_back(audit_one(d, &want, &have));
    const DeviceAudit& a = r.found.back();
    record(a, "");
    const std::string& node = links_.inventory().devices[d].node;
    if (!a.read) {
      if (!r.failure) r.failure = PushFailure{FailureKind::kUnreachable, node, a.error};
      continue;
    }
    if (a.diff.clean()) continue;
    auto edit = repair_edit(ctx_.get(), want.get(), have.get(), a.diff, true);
    if (!edit) {
      if (!r.failure)
        r.failure = PushFailure{FailureKind::kRefused, node, edit.error().to_string()};
      continue;
    }
    pushes.push_back({d, edit->xml, edit->undo_xml});
  }
  if (r.failure || pushes.empty()) return r;
  if ((r.failure = links_.apply(pushes))) return r;
  for (const DevicePush& p : pushes) {
    r.repaired.push_back(p.device);
    // The device now holds what lightmesh intends.
    record(DeviceAudit{.device = p.device, .read = true}, "repaired");
  }
  return r;
}

std::optional<std::string> Southbound::restore_after_reconnect(std::uint32_t device, bool first) {
  const char* how = first ? "connected" : "reconnected";
  std::lock_guard lock(mu_);
  DataTree want, have;
  const DeviceAudit a = audit_one(device, &want, &have);
  const std::string node = links_.inventory().devices[device].node;
  if (!a.read) {
    record(a, fmt::format("{}; audit failed: {}", how, a.error));
    return fmt::format("device {}: {}; audit failed: {}", node, how, a.error);
  }
  std::string event =
      fmt::format("{}; drift: {} missing, {} extra, {} different", how, a.diff.missing.size(),
                  a.diff.extra.size(), a.diff.different.size());
  if (a.diff.missing.empty() && a.diff.different.empty()) {
    record(a, event);
    if (first && a.diff.clean()) return std::nullopt;
    return fmt::format("device {}: {}", node, event);
  }
  auto edit = repair_edit(ctx_.get(), want.get(), have.get(), a.diff, false);
  std::optional<PushFailure> failure;
  if (!edit)
    failure = PushFailure{FailureKind::kRefused, node, edit.error().to_string()};
  else
    failure = links_.apply({{device, edit->xml, edit->undo_xml}});
  if (failure) {
    event += "; re-push failed: " + failure->detail;
    record(a, event);
  } else {
    event += "; re-pushed";
    // What is left is only what re-pushing leaves alone: the extra entries.
    DeviceAudit after{.device = device, .read = true};
    after.diff.extra = a.diff.extra;
    record(after, event);
  }
  return fmt::format("device {}: {}", node, event);
}

}  // namespace lightmesh::southbound
