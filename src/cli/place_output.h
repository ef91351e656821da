// The table form of a placement answer for `lightmesh place --format table`.
//
//   out << place_table(fabric, spec, placed, /*explain=*/true);
//
// Pure function; thread-compatible.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "fabric/fabric.h"
#include "model/workload_spec.h"
#include "workloads/place.h"

namespace lightmesh::cli {

// Sites, lightpaths, the prediction's headline figures and the cost; with `explain`, every term of
// the prediction and the alternatives that lost, with why.
std::string place_table(const fabric::Fabric& fabric, const WorkloadSpec& spec,
                        const workloads::Placed& placed, bool explain);

// The same from a placement answer alone (as `place --format json` prints it and the workloads API
// returns it), under the line `title`.
std::string answer_table(const nlohmann::ordered_json& answer, const std::string& title,
                         bool explain);

}  // namespace lightmesh::cli
