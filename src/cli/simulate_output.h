// What `lightmesh simulate` prints beside sim::study_json()'s document: the terminal table, the
// comparison of a what-if with today, and the SVG plot of blocking against load.
//
//   std::string table = simulate_table(study, result, rate);
//   std::string svg = blocking_svg(result);
//
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/study.h"

namespace lightmesh::cli {

std::string simulate_table(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                           std::optional<double> requests_per_second);

// --compare: a what-if against today (the same study without the what-if), or another network
// file against NETWORK, each point with both blockings and their paired difference
// (sim/comparison.h); with failures also availability by class and restoration success. The
// JSON is sim::study_json()'s for the what-if with "compared_with" (and, for two files, "today":
// the first network) and, per point, "today", "what_if" and "difference".
nlohmann::ordered_json compare_json(const sim::PreparedStudy& today,
                                    const sim::PreparedStudy& what_if,
                                    const sim::SimulationResult& today_result,
                                    const sim::SimulationResult& what_if_result,
                                    std::optional<double> requests_per_second);
std::string compare_table(const sim::PreparedStudy& today, const sim::PreparedStudy& what_if,
                          const sim::SimulationResult& today_result,
                          const sim::SimulationResult& what_if_result,
                          std::optional<double> requests_per_second);

// Service and bandwidth blocking against load, log scale, 95 % confidence bars. Points whose
// blocking is 0 cannot sit on a log axis and are drawn on its floor as open circles.
std::string blocking_svg(const sim::SimulationResult& result, const std::string& title);

}  // namespace lightmesh::cli
