// A study's result as JSON: the document of `lightmesh simulate --format json` (docs/simulate.md),
// which the controller's twin route (POST /api/v1/twin/simulate) answers too.
//
//   std::string text = study_json(study, result, rate).dump(2);
//
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/bitrate_classes.h"
#include "sim/study.h"

namespace lightmesh::sim {

// {"mean", "ci95"}.
nlohmann::ordered_json estimate_json(const Estimate& e);

// The path order as the output names it: "given" when the paths came from a file.
std::string path_order_name(const StudySpec& s);

// {"config":{…},"points":[…],"requests_per_second"}: the rate is null when not measured (so that
// runs with the same seed are byte-identical, as --no-timing asks). With a twin, config.from_db
// names study.spec.from_db as it is: the caller removes any password first.
// A bit-rate class's name in by_bitrate entries: {"gbps"} for one rate, {"gbps_min", "gbps_max"}
// for a bin.
nlohmann::ordered_json bitrate_class_json(const BitrateClass& k);

// A point's "by_bitrate": one entry per bit-rate class (sim/bitrate_classes.h), named by its rate
// or by the range of rates a bin spans, with its requests and blocking.
nlohmann::ordered_json by_bitrate_json(const BitrateClasses& classes, const PointResult& p);

// A failure run's point figures as study_json() writes them: {"availability", "restoration"}.
nlohmann::ordered_json failure_figures_json(const FailureModel& m, const PointResult& p);

nlohmann::ordered_json study_json(const PreparedStudy& study, const SimulationResult& result,
                                  std::optional<double> requests_per_second);

}  // namespace lightmesh::sim
