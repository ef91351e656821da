#include "fabric/fabric.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "physics/latency.h"
#include "rsa/format_detail.h"

namespace lightmesh::fabric {

const char* protection_name(ServiceProtection p) {
  switch (p) {
    case ServiceProtection::kNone:
      return "none";
    case ServiceProtection::kOnePlusOne:
      return "1+1";
    case ServiceProtection::kRestore:
      return "restore";
  }
  return "none";
}

const char* state_name(ServiceState s) { return s == ServiceState::kUp ? "up" : "down"; }

std::vector<const ServiceLightpath*> Service::carrying() const {
  std::vector<const ServiceLightpath*> out;
  if (state != ServiceState::kUp) return out;
  const rsa::Role active = on_protect ? rsa::Role::kProtect : rsa::Role::kWorking;
  for (const auto& lp : lightpaths) {
    if (lp.path.role == active) out.push_back(&lp);
  }
  return out;
}

namespace {

bool uses_fiber(const Service& s, FiberIndex f) {
  for (const auto& lp : s.lightpaths) {
    if (std::find(lp.path.fibers.begin(), lp.path.fibers.end(), f) != lp.path.fibers.end())
      return true;
  }
  return false;
}

bool leg_up(const Service& s, rsa::Role role) {
  bool any = false;
  for (const auto& lp : s.lightpaths) {
    if (lp.path.role != role) continue;
    any = true;
    if (!lp.up) return false;
  }
  return any;
}

Demand demand_of(const ServiceRequest& r, const std::string& id) {
  Demand d;
  d.id = id;
  d.from = r.from;
  d.to = r.to;
  d.bandwidth = r.bandwidth;
  d.max_rtt = r.max_rtt;
  d.max_one_way = r.max_one_way;
  d.protection =
      r.protection == ServiceProtection::kOnePlusOne ? Protection::kOnePlusOne : Protection::kNone;
  return d;
}

}  // namespace

Result<Fabric> Fabric::make(const Network& net, const rsa::PlanOptions& options, Clock clock) {
  LM_ASSIGN_OR_RETURN(rsa::Planner planner, rsa::Planner::create(net, options));
  return Fabric(net, std::move(planner), std::move(clock));
}

Fabric Fabric::empty_like() const { return Fabric(*net_, planner_.fresh(), clock_); }

Fabric::Fabric(const Network& net, rsa::Planner planner, Clock clock)
    : net_(&net), planner_(std::move(planner)), clock_(std::move(clock)) {
  recompute_free();
}

std::string Fabric::next_id() { return fmt::format("svc-{:06d}", next_id_++); }

void Fabric::log(const Service* s, std::string what, std::string why) {
  Event e;
  e.sequence = events_.size() + 1;
  e.time_us = clock_ ? clock_() : 0;
  if (s) {
    e.tenant = s->request.tenant;
    e.service = s->id;
    e.subject_name = s->request.name;
    dirty_.insert(s->id);
  }
  e.what = std::move(what);
  e.why = std::move(why);
  events_.push_back(std::move(e));
}

Result<const Service*> Fabric::create(ServiceRequest request, Refusal* refusal) {
  if (!(std::isfinite(request.bandwidth.value()) && request.bandwidth.value() > 0)) {
    return Error::invalid("bandwidth_gbps must be a positive number");
  }
  if (request.from.empty() || request.to.empty())
    return Error::invalid("from and to must name sites");
  const std::string id = next_id();
  rsa::Planner::Outcome out = planner_.serve(demand_of(request, id), 0);
  auto refuse = [&](std::string reason, std::string detail) -> Error {
    if (refusal) *refusal = Refusal{reason, detail};
    return Error::unsupported(reason + ": " + detail);
  };
  if (out.unserved) return refuse(rsa::reason_name(out.unserved->reason), out.unserved->detail);

  Service s;
  s.id = id;
  s.request = std::move(request);
  for (auto& lp : out.lightpaths) s.lightpaths.push_back({std::move(lp), Microseconds{0}, true});
  const std::string group = s.request.latency_group;
  const std::string tenant = s.request.tenant;
  Service& stored = services_.emplace(id, std::move(s)).first->second;
  if (!group.empty() && !equalise(tenant, group, /*strict=*/true)) {
    for (const auto& lp : stored.lightpaths) planner_.release(lp.path);
    services_.erase(id);
    equalise(tenant, group, false);
    return refuse("LATENCY_BOUND", "equalising latency group \"" + group +
                                       "\" would break a member's latency bound");
  }
  log(&stored, "created",
      fmt::format("{} → {}, {} Gbps, {} lightpaths, protection {}", stored.request.from,
                  stored.request.to, rsa::format_number(stored.request.bandwidth.value()),
                  stored.lightpaths.size(), protection_name(stored.request.protection)));
  return &stored;
}

Status Fabric::remove(const std::string& id) {
  auto it = services_.find(id);
  if (it == services_.end()) return Error::not_found("no service \"" + id + "\"");
  // Alone, the service's workload would keep its compute without the links it was placed with.
  if (auto owner = owner_.find(id); owner != owner_.end()) {
    return Error::invalid("service " + id + " belongs to workload " + owner->second +
                          "; delete the workload instead");
  }
  return remove_service(it);
}

Status Fabric::remove_service(std::map<std::string, Service>::iterator it) {
  const std::string id = it->first;
  for (const auto& lp : it->second.lightpaths) planner_.release(lp.path);
  const std::string group = it->second.request.latency_group;
  const std::string tenant = it->second.request.tenant;
  log(&it->second, "deleted",
      "released " + std::to_string(it->second.lightpaths.size()) + " lightpaths");
  dirty_.erase(id);
  removed_.insert(id);
  services_.erase(it);
  if (!group.empty()) equalise(tenant, group, false);
  return {};
}

const Service* Fabric::find(const std::string& id) const {
  auto it = services_.find(id);
  return it == services_.end() ? nullptr : &it->second;
}

std::vector<const Service*> Fabric::list(const std::string& tenant, const std::string& after,
                                         std::size_t limit) const {
  std::vector<const Service*> out;
  for (auto it = after.empty() ? services_.begin() : services_.upper_bound(after);
       it != services_.end() && out.size() < limit; ++it) {
    if (tenant.empty() || it->second.request.tenant == tenant) out.push_back(&it->second);
  }
  return out;
}

std::vector<std::string> Fabric::failed_fibers() const {
  std::vector<std::string> out;
  for (FiberIndex f = 0; f < net_->fibers().size(); ++f) {
    if (planner_.fiber_down(f)) out.push_back(net_->fiber(f).id);
  }
  return out;
}

void Fabric::refresh_state(Service& s) {
  for (auto& lp : s.lightpaths) {
    lp.up = std::none_of(lp.path.fibers.begin(), lp.path.fibers.end(),
                         [&](FiberIndex f) { return planner_.fiber_down(f); });
  }
}

bool Fabric::equalise(const std::string& tenant, const std::string& group, bool strict) {
  // A group is a tenant's: another tenant's group of the same name is another group, so no tenant
  // can pad (or learn of) another's services.
  auto member = [&](const Service& s) {
    return s.request.latency_group == group && s.request.tenant == tenant;
  };
  // The target is the slowest lightpath of any member, working or protect, so a switch-over keeps
  // the group equal.
  Microseconds target{0};
  for (const auto& [id, s] : services_) {
    if (!member(s)) continue;
    for (const auto& lp : s.lightpaths) target = std::max(target, lp.path.one_way);
  }
  for (const auto& [id, s] : services_) {
    if (!member(s)) continue;
    const auto bound = s.request.one_way_bound();
    if (strict && bound && target > *bound) return false;
  }
  for (auto& [id, s] : services_) {
    if (!member(s)) continue;
    const auto bound = s.request.one_way_bound();
    for (auto& lp : s.lightpaths) {
      Microseconds added = target - lp.path.one_way;
      if (bound && lp.path.one_way + added > *bound)
        added = std::max(Microseconds{0}, *bound - lp.path.one_way);
      if (lp.added_delay != added) dirty_.insert(id);
      lp.added_delay = added;
    }
  }
  return true;
}

Result<FailureReport> Fabric::cut(const std::string& fiber, const PushRestoration& push) {
  const FiberIndex f = net_->find_fiber(fiber);
  if (f == kNoIndex) return Error::not_found("no fibre \"" + fiber + "\"");
  if (planner_.fiber_down(f)) return Error::invalid("fibre \"" + fiber + "\" is already cut");
  planner_.set_fiber_down(f, true);
  fibers_dirty_ = true;
  log_fiber("fiber-cut", fiber, "fibre " + fiber + " cut");
  FailureReport report;
  report.fiber = fiber;
  std::vector<std::pair<std::string, std::string>> groups;  // tenant, group
  for (auto& [id, s] : services_) {
    if (!uses_fiber(s, f)) continue;
    refresh_state(s);
    dirty_.insert(id);
    Affected a;
    a.service = id;
    if (s.state == ServiceState::kDown) {
      a.outcome = "down";
      a.detail = "already down: " + s.down_reason;
    } else if (s.request.protection == ServiceProtection::kOnePlusOne) {
      const rsa::Role active = s.on_protect ? rsa::Role::kProtect : rsa::Role::kWorking;
      const rsa::Role standby = s.on_protect ? rsa::Role::kWorking : rsa::Role::kProtect;
      if (leg_up(s, active)) {
        a.outcome = "switched";
        a.detail = std::string("the ") + rsa::role_name(standby) +
                   " leg was hit; traffic stays on the " + rsa::role_name(active) + " leg";
      } else if (leg_up(s, standby)) {
        s.on_protect = !s.on_protect;
        a.outcome = "switched";
        a.detail = std::string("traffic moved to the ") + rsa::role_name(standby) + " leg";
        log(&s, "switched", a.detail + " after fibre " + fiber + " was cut");
      } else {
        s.state = ServiceState::kDown;
        s.down_reason = "both legs cut";
        a.outcome = "down";
        a.detail = s.down_reason;
        log(&s, "down", s.down_reason + " (fibre " + fiber + ")");
      }
    } else if (s.request.protection == ServiceProtection::kRestore) {
      for (const auto& lp : s.lightpaths) planner_.release(lp.path);
      rsa::Planner::Outcome out = planner_.serve(demand_of(s.request, id), 0);
      RestorationPush pushed;
      if (!out.unserved) {
        const Service before = s;
        s.lightpaths.clear();
        for (auto& lp : out.lightpaths)
          s.lightpaths.push_back({std::move(lp), Microseconds{0}, true});
        if (push) pushed = push(before, s);
        if (pushed.refused) {
          // The equipment kept the old route: so does the fabric. Released first, as the new
          // lightpaths may hold the old ones' slots on the fibres the routes share.
          for (const auto& lp : s.lightpaths) planner_.release(lp.path);
          s.lightpaths = before.lightpaths;
        }
      }
      if (!out.unserved && !pushed.refused) {
        a.outcome = "restored";
        a.detail = fmt::format("re-routed onto {} lightpath{}", s.lightpaths.size(),
                               s.lightpaths.size() == 1 ? "" : "s");
        if (!pushed.detail.empty()) a.detail += "; " + pushed.detail;
        log(&s, "restored", a.detail + " after fibre " + fiber + " was cut");
      } else if (pushed.refused) {
        for (const auto& lp : s.lightpaths) (void)planner_.book_exact(lp.path);
        refresh_state(s);
        s.state = ServiceState::kDown;
        s.down_reason = "restoration refused by the devices: " + pushed.detail;
        a.outcome = "down";
        a.detail = s.down_reason;
        log(&s, "down", s.down_reason + " (fibre " + fiber + ")");
      } else {
        // Keep the original reservation so a repair brings the service back as it was.
        for (const auto& lp : s.lightpaths) (void)planner_.book_exact(lp.path);
        s.state = ServiceState::kDown;
        s.down_reason = std::string("no restoration: ") + rsa::reason_name(out.unserved->reason) +
                        ", " + out.unserved->detail;
        a.outcome = "down";
        a.detail = s.down_reason;
        log(&s, "down", s.down_reason + " (fibre " + fiber + ")");
      }
    } else {
      s.state = ServiceState::kDown;
      s.down_reason = "fibre " + fiber + " cut";
      a.outcome = "down";
      a.detail = s.down_reason;
      log(&s, "down", s.down_reason);
    }
    if (!s.request.latency_group.empty())
      groups.emplace_back(s.request.tenant, s.request.latency_group);
    report.affected.push_back(std::move(a));
  }
  for (const auto& [tenant, group] : groups) equalise(tenant, group, false);
  return report;
}

Result<FailureReport> Fabric::repair(const std::string& fiber) {
  const FiberIndex f = net_->find_fiber(fiber);
  if (f == kNoIndex) return Error::not_found("no fibre \"" + fiber + "\"");
  if (!planner_.fiber_down(f)) return Error::invalid("fibre \"" + fiber + "\" is not cut");
  planner_.set_fiber_down(f, false);
  fibers_dirty_ = true;
  log_fiber("fiber-repaired", fiber, "fibre " + fiber + " repaired");
  FailureReport report;
  report.fiber = fiber;
  for (auto& [id, s] : services_) {
    if (!uses_fiber(s, f)) continue;
    refresh_state(s);
    dirty_.insert(id);
    if (s.state != ServiceState::kDown) continue;
    bool up = false;
    if (s.request.protection == ServiceProtection::kOnePlusOne) {
      if (leg_up(s, rsa::Role::kWorking)) {
        s.on_protect = false;
        up = true;
      } else if (leg_up(s, rsa::Role::kProtect)) {
        s.on_protect = true;
        up = true;
      }
    } else {
      up = leg_up(s, rsa::Role::kWorking);
    }
    if (!up) continue;
    s.state = ServiceState::kUp;
    s.down_reason.clear();
    report.affected.push_back({id, "up", "its lightpaths are whole again"});
    log(&s, "up", "fibre " + fiber + " repaired");
  }
  return report;
}

}  // namespace lightmesh::fabric

namespace lightmesh::fabric {

void Changes::append(Changes later) {
  for (auto& s : later.upserted) upserted.push_back(std::move(s));
  for (auto& id : later.removed) removed.push_back(std::move(id));
  if (later.fibers_changed) {
    fibers_changed = true;
    failed_fibers = std::move(later.failed_fibers);
  }
  for (auto& e : later.events) events.push_back(std::move(e));
  for (auto& w : later.workloads_upserted) workloads_upserted.push_back(std::move(w));
  for (auto& id : later.workloads_removed) workloads_removed.push_back(std::move(id));
}

Changes Fabric::take_changes() {
  Changes c;
  for (const auto& id : dirty_) {
    if (auto it = services_.find(id); it != services_.end()) c.upserted.push_back(it->second);
  }
  c.removed.assign(removed_.begin(), removed_.end());
  c.fibers_changed = fibers_dirty_;
  c.failed_fibers = failed_fibers();
  c.events.assign(events_.begin() + static_cast<long>(events_flushed_), events_.end());
  for (const auto& id : workloads_dirty_) {
    if (auto it = workloads_.find(id); it != workloads_.end())
      c.workloads_upserted.push_back(it->second);
  }
  c.workloads_removed.assign(workloads_removed_.begin(), workloads_removed_.end());
  dirty_.clear();
  removed_.clear();
  workloads_dirty_.clear();
  workloads_removed_.clear();
  fibers_dirty_ = false;
  events_flushed_ = events_.size();
  return c;
}

Status Fabric::adopt(Service s) {
  const auto bad = [&](const std::string& what) {
    return Error::invalid("service " + s.id + ": " + what);
  };
  if (services_.count(s.id)) return bad("duplicate id");
  const std::uint32_t slots = planner_.spectrum().grid().slot_count();
  for (auto& lp : s.lightpaths) {
    const auto& p = lp.path;
    if (p.nodes.size() != p.fibers.size() + 1 || p.fibers.empty())
      return bad("a lightpath has no route");
    for (std::size_t i = 0; i < p.fibers.size(); ++i) {
      if (p.fibers[i] >= net_->fibers().size()) return bad("a lightpath names an unknown fibre");
      const Fiber& fib = net_->fiber(p.fibers[i]);
      const bool joins = (fib.a == p.nodes[i] && fib.b == p.nodes[i + 1]) ||
                         (fib.b == p.nodes[i] && fib.a == p.nodes[i + 1]);
      if (!joins) return bad("a lightpath's route does not follow its fibre " + fib.id);
    }
    if (p.mode >= net_->catalogue().modes().size()) return bad("a lightpath names an unknown mode");
    if (p.slots.count == 0 || p.slots.first + p.slots.count > slots)
      return bad("a lightpath's slots lie outside the band");
    const auto l =
        physics::route_latency(*net_, p.nodes, p.fibers, &net_->catalogue().mode(p.mode));
    lp.path.length = l.length;
    lp.path.one_way = l.total();
    // Derived, not stored: the full-load GSNR depends only on the route, the mode and the
    // channel.
    lp.path.gsnr = planner_.gsnr_of(p.nodes, p.fibers, p.mode, p.slots);
  }
  std::vector<const rsa::Lightpath*> booked;
  for (const auto& lp : s.lightpaths) {
    if (auto st = planner_.book_exact(lp.path); !st) {
      for (const auto* b : booked) planner_.release(*b);
      return bad("slots " + std::to_string(lp.path.slots.first) + "–" +
                 std::to_string(lp.path.slots.first + lp.path.slots.count - 1) +
                 " are already booked by another service (a slot would be booked twice)");
    }
    booked.push_back(&lp.path);
  }
  note_id(s.id);
  // Lightpaths over a fibre that is already down are down (a full load adopts fibres afterwards,
  // which refreshes them again).
  refresh_state(services_.emplace(s.id, std::move(s)).first->second);
  return {};
}

Status Fabric::forget(const std::string& id) {
  auto it = services_.find(id);
  if (it == services_.end()) return Error::not_found("no service \"" + id + "\"");
  for (const auto& lp : it->second.lightpaths) planner_.release(lp.path);
  services_.erase(it);
  return {};
}

Status Fabric::forget_failed_fiber(const std::string& fiber) {
  const FiberIndex f = net_->find_fiber(fiber);
  if (f == kNoIndex || !planner_.fiber_down(f))
    return Error::not_found("fibre \"" + fiber + "\" is not failed");
  planner_.set_fiber_down(f, false);
  for (auto& [id, s] : services_) refresh_state(s);
  return {};
}

void Fabric::append_events(std::vector<Event> events) {
  for (auto& e : events) {
    note_id(e.service);
    events_.push_back(std::move(e));
  }
  events_flushed_ = events_.size();
}

Status Fabric::adopt_failed_fiber(const std::string& fiber) {
  const FiberIndex f = net_->find_fiber(fiber);
  if (f == kNoIndex) return Error::invalid("failed fibre \"" + fiber + "\" is not in the network");
  planner_.set_fiber_down(f, true);
  for (auto& [id, s] : services_) refresh_state(s);
  return {};
}

void Fabric::note_id(const std::string& id) {
  // New ids come after every id ever used ("svc-000042" → 43, "wl-000007" → 8), deleted ones
  // included: an id names one service or workload for ever, in the event log and in clients'
  // records.
  const bool workload = id.rfind("wl-", 0) == 0;
  const std::size_t digits = workload ? 3 : 4;
  if ((!workload && id.rfind("svc-", 0) != 0) || id.size() <= digits) return;
  std::uint64_t n = 0;
  for (char c : id.substr(digits)) {
    if (c < '0' || c > '9' || n > (1ull << 50)) return;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  std::uint64_t& next = workload ? next_workload_id_ : next_id_;
  next = std::max(next, n + 1);
}

void Fabric::adopt_events(std::vector<Event> events) {
  for (const auto& e : events) note_id(e.service);
  events_ = std::move(events);
  events_flushed_ = events_.size();
}

}  // namespace lightmesh::fabric

// ---------------------------------------------------------------------------------------------
// Workloads: compute grants booked with the services that carry the workload's traffic.

namespace lightmesh::fabric {

namespace {

bool has_model(const Compute& c, const std::string& model) {
  return std::any_of(c.gpus.begin(), c.gpus.end(),
                     [&](const GpuPool& p) { return p.model == model; });
}

}  // namespace

void Fabric::recompute_free() {
  free_.assign(net_->sites().size(), Compute{});
  for (SiteIndex i = 0; i < free_.size(); ++i) {
    if (net_->site(i).compute) free_[i] = *net_->site(i).compute;
  }
  for (const auto& [id, w] : workloads_) take_compute(w);
}

void Fabric::take_compute(const Workload& w) {
  // Every grant was checked by fit_grants against free_ as it is now, so nothing goes below zero.
  for (const ComputeGrant& g : w.grants) {
    Compute& c = free_[net_->find_site(g.site)];
    for (const PoolShare& p : g.pools) c.gpus[p.pool].count -= p.gpus;
    c.cpu_cores -= g.cpu_cores;
    c.storage_tb -= g.storage_tb;
  }
}

Status Fabric::fit_grants(std::vector<ComputeGrant>& grants, bool exact) const {
  // What the earlier grants of this workload leave, for the sites they touch; free_ itself is
  // changed only once every grant fits.
  std::map<SiteIndex, Compute> left;
  for (std::size_t i = 0; i < grants.size(); ++i) {
    ComputeGrant& g = grants[i];
    const auto bad = [&](const std::string& what) {
      return Error::invalid(fmt::format("grant {} at {}: {}", i + 1, g.site, what));
    };
    const SiteIndex s = net_->find_site(g.site);
    if (s == kNoIndex)
      return Error::invalid(
          fmt::format("grant {}: site \"{}\" is not in the network", i + 1, g.site));
    Compute& f = left.try_emplace(s, free_[s]).first->second;
    if (!(std::isfinite(g.storage_tb) && g.storage_tb >= 0))
      return bad("storage_tb must be a non-negative number");
    if (g.gpus > 0 && g.gpu_model.empty()) return bad("asks GPUs without naming their model");
    if (!g.gpu_model.empty() && !has_model(f, g.gpu_model))
      return bad("the site has no " + g.gpu_model + " GPUs");
    if (g.pools.empty() && g.gpus > 0) {
      if (exact) return bad("names no pools for its GPUs");
      std::uint64_t available = 0;
      for (const GpuPool& p : f.gpus) available += p.model == g.gpu_model ? p.count : 0;
      if (available < g.gpus)
        return bad(fmt::format("{} {} GPUs asked, {} free", g.gpus, g.gpu_model, available));
      std::uint32_t need = g.gpus;
      for (std::uint32_t p = 0; p < f.gpus.size() && need > 0; ++p) {
        if (f.gpus[p].model != g.gpu_model || f.gpus[p].count == 0) continue;
        const std::uint32_t take = std::min(need, f.gpus[p].count);
        g.pools.push_back({p, take});
        need -= take;
      }
    } else {
      std::uint64_t total = 0;
      for (const PoolShare& p : g.pools) {
        if (p.pool >= f.gpus.size()) return bad(fmt::format("the site has no GPU pool {}", p.pool));
        if (f.gpus[p.pool].model != g.gpu_model) {
          return bad(fmt::format("GPU pool {} holds {} GPUs, not {}", p.pool, f.gpus[p.pool].model,
                                 g.gpu_model.empty() ? "none" : g.gpu_model));
        }
        total += p.gpus;
      }
      if (total != g.gpus)
        return bad(fmt::format("its pools add up to {} GPUs, not {}", total, g.gpus));
    }
    for (const PoolShare& p : g.pools) {
      if (f.gpus[p.pool].count < p.gpus) {
        return bad(fmt::format("{} {} GPUs asked of pool {}, {} free", p.gpus, g.gpu_model, p.pool,
                               f.gpus[p.pool].count));
      }
      f.gpus[p.pool].count -= p.gpus;
    }
    if (g.cpu_cores > f.cpu_cores)
      return bad(fmt::format("{} CPU cores asked, {} free", g.cpu_cores, f.cpu_cores));
    f.cpu_cores -= g.cpu_cores;
    if (g.storage_tb > f.storage_tb) {
      return bad(fmt::format("{} TB of storage asked, {} TB free", rsa::format_number(g.storage_tb),
                             rsa::format_number(f.storage_tb)));
    }
    f.storage_tb -= g.storage_tb;
  }
  return {};
}

Status Fabric::check_owned_services(const Workload& w) const {
  std::set<std::string> seen;
  for (const std::string& id : w.services) {
    const auto it = services_.find(id);
    if (it == services_.end()) return Error::invalid("service " + id + " does not exist");
    if (it->second.request.tenant != w.tenant) {
      return Error::invalid("service " + id + " belongs to tenant \"" + it->second.request.tenant +
                            "\", not \"" + w.tenant + "\"");
    }
    if (const auto owner = owner_.find(id); owner != owner_.end())
      return Error::invalid("service " + id + " already belongs to workload " + owner->second);
    if (!seen.insert(id).second) return Error::invalid("service " + id + " is listed twice");
  }
  return {};
}

namespace {

// How far the lightpath's GSNR is above (≥ 0) or below its mode's required OSNR + margin; nullopt
// for a mode judged by reach.
std::optional<double> qot_headroom(const Network& net, const rsa::Lightpath& lp, double margin) {
  if (!lp.gsnr || lp.mode >= net.catalogue().modes().size()) return std::nullopt;
  const TransceiverMode& mode = net.catalogue().mode(lp.mode);
  if (!mode.required_osnr) return std::nullopt;
  return lp.gsnr->at_01nm_db - mode.required_osnr->value() - margin;
}

}  // namespace

bool Fabric::qot_failing(const Service& s) const {
  const double margin = planner_.options().osnr_margin_db;
  for (const ServiceLightpath& lp : s.lightpaths) {
    const auto headroom = qot_headroom(*net_, lp.path, margin);
    if (headroom && *headroom < 0) return true;
  }
  return false;
}

std::size_t Fabric::report_qot_failing() {
  const double margin = planner_.options().osnr_margin_db;
  // Services already reported: the last event about each that is not a qot-failing one resets.
  std::set<std::string> reported;
  for (const Event& e : events_) {
    if (e.what == "qot-failing") {
      reported.insert(e.service);
    } else if (!e.service.empty()) {
      reported.erase(e.service);
    }
  }
  std::size_t failing = 0;
  for (const auto& [id, s] : services_) {
    std::optional<double> worst;
    const ServiceLightpath* worst_lp = nullptr;
    for (const ServiceLightpath& lp : s.lightpaths) {
      const auto headroom = qot_headroom(*net_, lp.path, margin);
      if (headroom && *headroom < 0 && (!worst || *headroom < *worst)) {
        worst = headroom;
        worst_lp = &lp;
      }
    }
    if (!worst) continue;
    ++failing;
    if (reported.count(id)) continue;
    const TransceiverMode& mode = net_->catalogue().mode(worst_lp->path.mode);
    log(&s, "qot-failing",
        fmt::format("{} lightpath over {} km has a GSNR of {:.2f} dB, below {:.1f} dB required + "
                    "{} dB margin; kept as it is: re-plan it (delete and create) to get a "
                    "feasible mode",
                    mode.name, rsa::format_number(std::round(worst_lp->path.length.value())),
                    worst_lp->path.gsnr->at_01nm_db, mode.required_osnr->value(),
                    rsa::format_number(margin)));
  }
  return failing;
}

void Fabric::log_fiber(std::string what, const std::string& fiber, std::string why) {
  log(nullptr, std::move(what), std::move(why));
  events_.back().subject_name = fiber;
}

void Fabric::log_workload(const Workload& w, std::string what, std::string why) {
  Event e;
  e.sequence = events_.size() + 1;
  e.time_us = clock_ ? clock_() : 0;
  e.tenant = w.tenant;
  e.service = w.id;  // the event's subject; "wl-…" tells it from a service
  e.subject_name = w.name;
  e.what = std::move(what);
  e.why = std::move(why);
  events_.push_back(std::move(e));
}

namespace {

// "64 GPUs, 128 CPU cores and 10 TB at 2 sites; 3 services"
std::string holdings(const Workload& w) {
  std::uint64_t gpus = 0, cores = 0;
  double tb = 0;
  std::set<std::string> sites;
  for (const ComputeGrant& g : w.grants) {
    gpus += g.gpus;
    cores += g.cpu_cores;
    tb += g.storage_tb;
    sites.insert(g.site);
  }
  return fmt::format("{} GPUs, {} CPU cores and {} TB at {} site{}; {} service{}", gpus, cores,
                     rsa::format_number(tb), sites.size(), sites.size() == 1 ? "" : "s",
                     w.services.size(), w.services.size() == 1 ? "" : "s");
}

}  // namespace

Result<const Workload*> Fabric::add_workload(Workload w) {
  if (!w.id.empty() && workloads_.count(w.id))
    return Error::invalid("workload " + w.id + " already exists");
  LM_RETURN_IF_ERROR(fit_grants(w.grants, /*exact=*/false));
  LM_RETURN_IF_ERROR(check_owned_services(w));
  // The id is taken only now, so a refused workload uses none up.
  if (w.id.empty()) {
    w.id = fmt::format("wl-{:06d}", next_workload_id_++);
  } else {
    note_id(w.id);
  }
  for (const std::string& s : w.services) owner_[s] = w.id;
  const Workload& stored = workloads_.emplace(w.id, std::move(w)).first->second;
  take_compute(stored);
  workloads_dirty_.insert(stored.id);
  log_workload(stored, "workload-created",
               (stored.kind.empty() ? "" : stored.kind + ": ") + holdings(stored));
  return &stored;
}

Status Fabric::remove_workload(const std::string& id_ref) {
  // A copy: the caller may pass the workload's own id, which the move below empties.
  const std::string id = id_ref;
  auto it = workloads_.find(id);
  if (it == workloads_.end()) return Error::not_found("no workload \"" + id + "\"");
  Workload w = std::move(it->second);
  workloads_.erase(it);
  for (const std::string& s : w.services) {
    owner_.erase(s);
    // Always present: a service with an owner can only go through here.
    if (auto sit = services_.find(s); sit != services_.end()) (void)remove_service(sit);
  }
  // Recomputed rather than given back grant by grant: fractional terabytes added back need not
  // land exactly where they were, and the free inventory must return to the stated one.
  recompute_free();
  workloads_dirty_.erase(id);
  workloads_removed_.insert(id);
  log_workload(w, "workload-deleted", "released " + holdings(w));
  return {};
}

const Workload* Fabric::find_workload(const std::string& id) const {
  auto it = workloads_.find(id);
  return it == workloads_.end() ? nullptr : &it->second;
}

std::vector<const Workload*> Fabric::list_workloads(const std::string& tenant,
                                                    const std::string& after,
                                                    std::size_t limit) const {
  std::vector<const Workload*> out;
  for (auto it = after.empty() ? workloads_.begin() : workloads_.upper_bound(after);
       it != workloads_.end() && out.size() < limit; ++it) {
    if (tenant.empty() || it->second.tenant == tenant) out.push_back(&it->second);
  }
  return out;
}

const Workload* Fabric::workload_of(const std::string& service_id) const {
  auto it = owner_.find(service_id);
  return it == owner_.end() ? nullptr : find_workload(it->second);
}

Status Fabric::forget_workload(const std::string& id) {
  auto it = workloads_.find(id);
  if (it == workloads_.end()) return Error::not_found("no workload \"" + id + "\"");
  for (const std::string& s : it->second.services) owner_.erase(s);
  workloads_.erase(it);
  recompute_free();
  return {};
}

Status Fabric::adopt_workload(Workload w) {
  const auto bad = [&](const std::string& what) {
    return Error::invalid("workload " + w.id + ": " + what);
  };
  if (w.id.empty()) return Error::invalid("a stored workload has no id");
  if (workloads_.count(w.id)) return bad("duplicate id");
  if (auto st = fit_grants(w.grants, /*exact=*/true); !st) return bad(st.error().message());
  if (auto st = check_owned_services(w); !st) return bad(st.error().message());
  note_id(w.id);
  for (const std::string& s : w.services) owner_[s] = w.id;
  take_compute(workloads_.emplace(w.id, std::move(w)).first->second);
  return {};
}

}  // namespace lightmesh::fabric
