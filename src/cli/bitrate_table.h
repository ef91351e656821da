// The terminal table of blocking by bit-rate class (sim/bitrate_classes.h): one row per class, one
// column per load, each cell the service blocking ± its 95 % half-width. Nothing when the traffic
// has a single class (its figures are the overall ones).
//
//   out += bitrate_table(study, result);
//   out += bitrate_difference_table(what_if, sim::compare(today_result, what_if_result));
//
// Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "sim/bitrate_classes.h"
#include "sim/comparison.h"
#include "sim/study.h"

namespace lightmesh::cli {

// A class as the tables and plots name it, in Gb/s: "100", or "25–43" for a bin.
std::string class_label(const sim::BitrateClass& k);

std::string bitrate_table(const sim::PreparedStudy& study, const sim::SimulationResult& result);

// The same for --compare: each cell the what-if's service blocking minus today's, paired by
// replication, ± its 95 % half-width.
std::string bitrate_difference_table(const sim::PreparedStudy& what_if,
                                     const std::vector<sim::PointComparison>& diff);

}  // namespace lightmesh::cli
