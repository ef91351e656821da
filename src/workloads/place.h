// place(): the one entry point for every workload kind — choose where the work runs, provision the
// lightpaths it needs and grant its compute, as one unit: all of it is booked in the fabric, or
// none of it.
//
//   LM_ASSIGN_OR_RETURN(WorkloadSpec spec, io::read_workload(text, "job.json"));
//   LM_ASSIGN_OR_RETURN(Placed placed, place(fabric, spec, text));
//   if (placed.choice.refusal) ...;  // nothing was booked
//
// Not thread-safe: it changes the fabric (callers serialise access, as for Fabric itself). A server
// that must not hold its lock for the choice takes a snapshot_of() under the lock, decide()s
// without it, and books under the lock again if the decision is still_current():
//
//   Decision d = decide(net, snapshot_of(fabric), spec);   // only the snapshot under the lock
//   auto placed = still_current(fabric, d) ? book(fabric, spec, text, d)
//                                          : place(fabric, spec, text);
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "fabric/fabric.h"
#include "model/workload_spec.h"
#include "workloads/placement.h"

namespace lightmesh::workloads {

// Dispatches to the kind's placer. Errors for documents that can never be placed on this network
// (unknown site, impossible degrees, more GPUs than exist); a refusal for what cannot be placed
// now.
Result<Choice> choose(const Network& net, const SiteMatrix& latency, const FreeCompute& free,
                      const WorkloadSpec& spec);

// The free compute the fabric has not granted.
FreeCompute free_compute_of(const fabric::Fabric& fabric);

struct Placed {
  Choice choice;  // its prediction states the lightpaths provisioned (provisioned.h)
  // One entry per choice.links, in order: the service carrying it and its provisioned one-way
  // latency (the slowest carrying lightpath, equalisation padding included).
  std::vector<std::string> services;
  std::vector<double> one_way_us;
  std::string workload;  // the fabric's workload id; empty when refused
  // The answer as `place --format json` prints it and the API returns it (answer_json), also kept
  // with the workload in the fabric.
  nlohmann::ordered_json answer;
};

// What choosing reads of a fabric: the fibres out of service and the compute not granted. Cheap
// to take, so a server takes it under its lock and chooses without it.
struct FabricSnapshot {
  std::vector<FiberIndex> cut;
  FreeCompute free;
};
FabricSnapshot snapshot_of(const fabric::Fabric& fabric);

// The choice made over a snapshot, with the latency matrix it was made on. Choosing is the heavy
// part of placement (all site pairs' routes, then the placer's search) and books nothing.
struct Decision {
  FabricSnapshot basis;
  SiteMatrix latency;
  Result<Choice> choice;
};
Decision decide(const Network& net, FabricSnapshot basis, const WorkloadSpec& spec);

// True while the fabric has the same fibres out of service and the same free compute as the
// decision's snapshot, so booking it gives what deciding now would.
bool still_current(const fabric::Fabric& fabric, const Decision& decision);

// Chooses, provisions and grants. A refusal (choice.refusal set) books nothing. An error is a bad
// document, or an internal fault: a provisioned placement that the independent validator rejects
// is undone and reported as kInternal, never booked.
Result<Placed> place(fabric::Fabric& fabric, const WorkloadSpec& spec, const std::string& document);

// place() with the choice made beforehand; `decision` must be still_current for this fabric.
Result<Placed> book(fabric::Fabric& fabric, const WorkloadSpec& spec, const std::string& document,
                    const Decision& decision);

}  // namespace lightmesh::workloads
