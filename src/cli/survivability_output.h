// What `lightmesh survivability` prints: the ranked failures as a terminal table (with the
// services each one hits) or as JSON.
//
//   std::string text = survivability_table(report, source);
//   nlohmann::ordered_json j = survivability_json(report, source);
//
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "fabric/survivability.h"

namespace lightmesh::cli {

// Where the services came from, as the output names it.
struct SurvivabilitySource {
  std::string network;  // the file
  std::string kind;     // "from_db" or "demands"
  std::string name;     // the store (redacted) or the demands file
  std::size_t fibers = 0;
  std::size_t sites = 0;
};

nlohmann::ordered_json survivability_json(const fabric::SurvivabilityReport& report,
                                          const SurvivabilitySource& source);
std::string survivability_table(const fabric::SurvivabilityReport& report,
                                const SurvivabilitySource& source);

}  // namespace lightmesh::cli
