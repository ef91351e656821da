// The terminal table of blocking by bit-rate class (sim/bitrate_classes.h): one row per class, one
// column per load, each cell the service blocking ± its 95 % half-width. Nothing when the traffic
// has a single class (its figures are the overall ones).
//
//   out += bitrate_table(study, result);
//
// Pure function; thread-safe.
#pragma once

#include <string>

#include "sim/study.h"

namespace lightmesh::cli {

std::string bitrate_table(const sim::PreparedStudy& study, const sim::SimulationResult& result);

}  // namespace lightmesh::cli
