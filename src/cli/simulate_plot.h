// What `simulate --plot FILE.svg` draws: blocking against load; below it in the same file, when
// the traffic has two bit-rate classes or more, each class's service blocking against load; and
// for a failure run, the unavailability (1 − availability) of each protection class of the mix
// against load. All on log scales with 95 % bars.
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

// The bit-rate panel alone (series "service blocking 25–43 Gb/s", …); empty with one class.
std::string bitrate_svg(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                        const std::string& title);

// blocking_svg(), stacked over bitrate_svg() with two classes or more and over
// unavailability_svg() when the study has failures.
std::string simulate_svg(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         const std::string& network);

}  // namespace lightmesh::cli
