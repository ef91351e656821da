// Fabric: the live state of the network — services, their lightpaths and spectrum, failed fibres,
// latency groups (each a tenant's), placed workloads and the compute they hold, and the event log.
// The single owner of mutable state: every change is one transaction that computes, reserves and
// commits, or rolls back leaving nothing behind.
//
//   LM_ASSIGN_OR_RETURN(Fabric fabric, Fabric::make(net, {}, [] { return std::int64_t{0}; }));
//   auto svc = fabric.create(request);  // Result<const Service*>: a refusal carries the reason
//   FailureReport r = fabric.cut("LSE-LD8");  // switch, restore or take down what ran over it
//   Workload w{.tenant = "acme", .kind = "training", .services = {(*svc)->id}};
//   w.grants.push_back({.site = "LSE", .gpu_model = "H100", .gpus = 64});
//   auto placed = fabric.add_workload(std::move(w));  // books the GPUs with the service
//
// Not thread-safe: callers serialise access (the server holds one lock around each call).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "fabric/event.h"
#include "fabric/service.h"
#include "fabric/workload.h"
#include "model/compute.h"
#include "model/network.h"
#include "rsa/planner.h"

namespace lightmesh::fabric {

// A refused create: the planner's reason ("NO_PATH", "LATENCY_BOUND", …) and its detail.
struct Refusal {
  std::string reason;
  std::string detail;
};

struct Affected {
  std::string service;
  std::string outcome;  // "switched", "restored" or "down"
  std::string detail;
};

struct FailureReport {
  std::string fiber;
  std::vector<Affected> affected;
};

// What one or more calls changed, for a store to persist in one transaction.
struct Changes {
  std::vector<Service> upserted;  // services created or changed (copies)
  std::vector<std::string> removed;
  std::vector<std::string> failed_fibers;  // the full set after the changes
  bool fibers_changed = false;
  std::vector<Event> events;                 // appended since the last take_changes()
  std::vector<Workload> workloads_upserted;  // workloads created (copies); ids are never reused
  std::vector<std::string> workloads_removed;
  bool empty() const {
    return upserted.empty() && removed.empty() && !fibers_changed && events.empty() &&
           workloads_upserted.empty() && workloads_removed.empty();
  }
  // Folds a later batch into this one, as if both had been taken at once: a store applies the
  // upserts in order (the later copy of a service or workload wins), then the removals; services
  // before workloads, as loading adopts them.
  void append(Changes later);
};

// What putting a restoration on the equipment gave (the southbound's make before break). Refused:
// the equipment still holds the old route, so the service stays on it, down, with `detail` as its
// reason. Otherwise the restoration stands, and `detail` (if any) is added to its report and event.
struct RestorationPush {
  bool refused = false;
  std::string detail;
};
// Called once for each restored service, with it already on its new lightpaths; `before` holds
// the old ones.
using PushRestoration = std::function<RestorationPush(const Service& before, const Service& after)>;

class Fabric {
 public:
  using Clock = std::function<std::int64_t()>;  // microseconds; injected so tests control time

  // Fails only for invalid planning options (k == 0). The Network must outlive the Fabric.
  static Result<Fabric> make(const Network& net, const rsa::PlanOptions& options, Clock clock);
  // A fabric over the same network, options and clock with nothing in it: what a store rebuilds
  // into when another process has changed the state or a commit failed.
  Fabric empty_like() const;

  // Plans and books a service. On refusal nothing is booked and `refusal` (if given) names the
  // reason. Errors: kInvalidInput for a bad request (non-positive bandwidth), kUnsupported for a
  // refusal.
  Result<const Service*> create(ServiceRequest request, Refusal* refusal = nullptr);
  // Releases everything the service holds. kNotFound for an unknown id; kInvalidInput for a
  // service that belongs to a workload (remove_workload() deletes it with its compute).
  Status remove(const std::string& id);

  const Service* find(const std::string& id) const;
  // Services in id order, optionally of one tenant, starting after `after` (a cursor), at most
  // `limit`.
  std::vector<const Service*> list(const std::string& tenant, const std::string& after,
                                   std::size_t limit) const;
  std::size_t size() const { return services_.size(); }

  // Workloads: compute granted at sites, booked together with the services that carry the
  // workload's traffic, so the two cannot drift apart.
  //
  // Books compute for a workload whose services already exist in this fabric. Fails with
  // kInvalidInput, booking nothing, if a grant names an unknown site or GPU model, asks GPUs
  // without naming the model, names a pool that is not of that model, or exceeds what is free
  // there (GPUs of that model, CPU cores, storage TB); or if a listed service does not exist,
  // belongs to another tenant, is listed twice or already belongs to a workload. GPUs come from
  // the site's pools of the model in pool order unless the grant names its pools. Assigns the id
  // when w.id is empty ("wl-000001", … in creation order, never reused, surviving reloads) and
  // logs "workload-created" (the event's `service` field carries the workload id).
  Result<const Workload*> add_workload(Workload w);
  // Removes the workload's services (as remove() does) and releases its compute. kNotFound for an
  // unknown id. Logs "workload-deleted" after the services' "deleted".
  Status remove_workload(const std::string& id);
  const Workload* find_workload(const std::string& id) const;
  // In id order (creation order), optionally of one tenant, after a cursor, at most `limit`.
  std::vector<const Workload*> list_workloads(const std::string& tenant, const std::string& after,
                                              std::size_t limit) const;
  std::size_t workload_count() const { return workloads_.size(); }
  // The workload owning a service, or nullptr.
  const Workload* workload_of(const std::string& service_id) const;
  // Each site's inventory (Network::site(i).compute) minus every grant, by site index; a site
  // without an inventory has an empty Compute. Pools keep their order and flags; counts are what
  // is free.
  std::vector<Compute> free_compute() const { return free_; }

  // Cuts a fibre: 1+1 services switch to an intact leg, restore services are re-routed on spare
  // spectrum, the rest go down. kNotFound for an unknown fibre, kInvalidInput if it is already cut.
  // With `push`, each re-route is put on the equipment before the next service is looked at; one
  // it refuses is undone (the old lightpaths booked again exactly, the service down).
  Result<FailureReport> cut(const std::string& fiber, const PushRestoration& push = {});
  // Repairs a fibre: lightpaths over it come back and services whose paths are whole again go up.
  Result<FailureReport> repair(const std::string& fiber);
  std::vector<std::string> failed_fibers() const;

  const std::vector<Event>& events() const { return events_; }

  // Everything changed since the previous call; clears the record.
  Changes take_changes();

  // Rebuilding from a store. adopt() books a stored service exactly as it was; it fails, booking
  // nothing, if the service is inconsistent with the network (unknown fibre or mode, a route that
  // does not follow its fibres, slots outside the band) or overlaps what is already booked —
  // corruption is reported, never repaired. Its lightpaths' lengths and latencies are recomputed
  // from the network.
  Status adopt(Service service);
  Status adopt_failed_fiber(const std::string& fiber);
  // Books a stored workload exactly as it was (its grants' pools included), after its services
  // were adopted. Fails, booking nothing, if it is inconsistent: a duplicate id, an unknown site,
  // model or pool, a grant whose pools do not add up to its GPUs, more than a site holds, or a
  // service missing or owned twice.
  Status adopt_workload(Workload w);
  void adopt_events(std::vector<Event> events);
  // Catching up with a store that another process changed: the store forgets what changed since
  // it last loaded (releasing exactly what adopt() booked, with no event and nothing to commit),
  // then adopts the new versions. kNotFound for an unknown id or a fibre that is not failed.
  // forget_workload() keeps the workload's services; forget() keeps the service's owner.
  Status forget(const std::string& id);
  Status forget_workload(const std::string& id);
  Status forget_failed_fiber(const std::string& fiber);
  // Events logged since adopt_events(), in sequence order.
  void append_events(std::vector<Event> events);
  // Whether any of the service's lightpaths is below its mode's required OSNR plus the planning
  // margin under the line model in force (a store written under an older model may hold such
  // lightpaths: they are kept, and reported).
  bool qot_failing(const Service& s) const;
  // After a load: logs "qot-failing" once for each such service (not again while the log already
  // has it since the service's last change), naming the worst lightpath. Returns how many are
  // failing.
  std::size_t report_qot_failing();
  const rsa::Planner& planner() const { return planner_; }
  const Network& network() const { return *net_; }
  // The injected clock's time (0 without a clock), for callers that keep time with the fabric.
  std::int64_t now_us() const { return clock_ ? clock_() : 0; }

 private:
  Fabric(const Network& net, rsa::Planner planner, Clock clock);
  void log(const Service* s, std::string what, std::string why);
  // A network-wide event about one fibre, which it names as its subject.
  void log_fiber(std::string what, const std::string& fiber, std::string why);
  void refresh_state(Service& s);
  // Re-pads every service of a tenant's group to the group's largest one-way latency; members
  // whose bound the padding would break get only what their bound allows. Returns false if a
  // member would break.
  bool equalise(const std::string& tenant, const std::string& group, bool strict);
  std::string next_id();
  void note_id(const std::string& id);
  Status remove_service(std::map<std::string, Service>::iterator it);
  // Checks a workload's grants against what is free and fills in the pools of grants that name
  // none (unless `exact`, when every GPU grant must name its pools). Changes nothing else.
  Status fit_grants(std::vector<ComputeGrant>& grants, bool exact) const;
  // Checks the services a new workload would own.
  Status check_owned_services(const Workload& w) const;
  void log_workload(const Workload& w, std::string what, std::string why);
  // free_ is the inventory minus every grant: taken grant by grant as workloads are booked (in id
  // order when loading, so the same sums as a recomputation), recomputed whole on a release.
  void recompute_free();
  void take_compute(const Workload& w);

  const Network* net_;
  rsa::Planner planner_;
  Clock clock_;
  std::map<std::string, Service> services_;
  std::map<std::string, Workload> workloads_;
  std::map<std::string, std::string> owner_;  // service id → the workload that owns it
  std::vector<Compute> free_;                 // by site index
  std::vector<Event> events_;
  std::uint64_t next_id_ = 1;
  std::uint64_t next_workload_id_ = 1;
  std::set<std::string> dirty_, removed_;
  std::set<std::string> workloads_dirty_, workloads_removed_;
  bool fibers_dirty_ = false;
  std::size_t events_flushed_ = 0;
};

}  // namespace lightmesh::fabric
