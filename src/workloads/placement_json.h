// The JSON answer of a placement, shared by `lightmesh place` and the workloads API so the
// contract's field names live in one place:
//   {"kind","placement":{"sites":[{"site","gpus"?,"gpu_model"?,"cpu_cores"?,"storage_tb"?,"role"?}]},
//    "lightpaths":[…plan's fields…, "service","purpose"],"prediction":{…},"alternatives":[…],
//    "audit"?,"cost_usd_h"}
// or, for a refusal, {"kind","refused":{"reason","rule","detail"}}.
//
//   nlohmann::ordered_json j = answer_json(fabric, latency, spec, placed);
//
// Pure function of its inputs; thread-compatible.
#pragma once

#include <nlohmann/json.hpp>

#include "fabric/fabric.h"
#include "model/workload_spec.h"
#include "workloads/place.h"

namespace lightmesh::workloads {

// `latency` is the matrix the placement was chosen with (a site search quotes each site's RTT).
nlohmann::ordered_json answer_json(const fabric::Fabric& fabric, const SiteMatrix& latency,
                                   const WorkloadSpec& spec, const Placed& placed);

// One site's share: {"site","gpus"?,"gpu_model"?,"cpu_cores"?,"storage_tb"?,"role"?}.
nlohmann::ordered_json site_share_json(const Network& net, const SiteShare& share);

}  // namespace lightmesh::workloads
