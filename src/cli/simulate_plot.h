// What `simulate --plot FILE.svg` draws: blocking against load, and for a failure run a second
// panel below it in the same file, the unavailability (1 − availability) of each protection class
// of the mix against load, both on log scales with 95 % bars.
//
//   std::string svg = simulate_svg(study, result, "NSFNET");
//
// Unavailability rather than availability: availabilities of 0.9999 and 0.99999 differ by a decade
// on a log scale and not visibly on a linear one. Pure functions; thread-safe.
#pragma once

#include <string>

#include "sim/study.h"

namespace lightmesh::cli {

// The unavailability panel alone (series "unavailability none", "unavailability restore", …).
std::string unavailability_svg(const sim::FailureModel& model, const sim::SimulationResult& result,
                               const std::string& title);

// blocking_svg(), stacked over unavailability_svg() when the study has failures.
std::string simulate_svg(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         const std::string& network);

}  // namespace lightmesh::cli
