// The table form of a placement answer for `lightmesh place --format table`.
//
//   out << place_table(fabric, spec, placed, /*explain=*/true);
//
// Pure function; thread-compatible.
#pragma once

#include <string>

#include "fabric/fabric.h"
#include "model/workload_spec.h"
#include "workloads/place.h"

namespace lightmesh::cli {

// Sites, lightpaths, the prediction's headline figures and the cost; with `explain`, every term of
// the prediction and the alternatives that lost, with why.
std::string place_table(const fabric::Fabric& fabric, const WorkloadSpec& spec,
                        const workloads::Placed& placed, bool explain);

}  // namespace lightmesh::cli
