// Shared helpers of the simulator tests: fixture paths and a study with the DeepRMSA NSFNET setup.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "sim/study.h"

namespace lightmesh::sim::testing {

inline std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/sim/data/" + name;
}

// The DeepRMSA / XLRON NSFNET setup (directed, 100 slots, guard 1, 25–100 Gb/s, mean holding 20
// truncated) on our own fixture, with k shortest paths by length.
inline StudySpec nsfnet_spec(std::vector<double> loads) {
  StudySpec s;
  s.network = fixture("nsfnet_deeprmsa.json");
  s.modulations = fixture("modulations_deeprmsa.csv");
  s.loads = std::move(loads);
  s.requests = 20'000;
  s.warmup = 3'000;
  s.replications = 4;
  s.seed = 7;
  s.slots = 100;
  s.guard = 1;
  s.bitrate_min_gbps = 25;
  s.bitrate_max_gbps = 100;
  s.holding_mean = 20;
  s.truncate_holding = true;
  s.directed = true;
  return s;
}

inline PreparedStudy prepare(StudySpec spec) {
  auto s = prepare_study(std::move(spec));
  if (!s) ADD_FAILURE() << s.error().to_string();
  return std::move(s).value();
}

}  // namespace lightmesh::sim::testing
