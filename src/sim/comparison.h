// compare(): a what-if against today on common random numbers. Replication r of both studies
// drew the same arrivals, pairs, bit rates and holding times (the same seed and stream), so the
// difference of their blocking is estimated from the paired differences, whose confidence
// interval is far narrower than the two intervals apart.
//
//   std::vector<PointComparison> d = compare(today, what_if);
//   d[0].service_blocking.mean;   // what-if minus today
//
// The what-if may also be another network file (`simulate A --compare B`): same_sites() checks
// that a pair drawn by the shared stream means the same two sites in both.
//
// Pure function; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "sim/simulation.h"

namespace lightmesh::sim {

// The blocking difference of one bit-rate class (BitrateClasses order), over the replications
// where both studies drew a request of it (nullopt where none did).
struct ClassComparison {
  std::optional<Estimate> service_blocking;
  std::optional<Estimate> bandwidth_blocking;
};

struct PointComparison {
  double load = 0;
  Estimate service_blocking;    // what-if − today, mean and 95 % half-width
  Estimate bandwidth_blocking;  // the same for bandwidth blocking
  // With failures in both: availability by protection class and the share of restorations that
  // succeeded, each paired over the replications where both define it (nullopt where none does).
  bool failures = false;
  std::array<std::optional<Estimate>, kProtectionClasses> availability;
  std::optional<Estimate> restore_success_ratio;
  // By bit-rate class, when both studies have the same classes (the same traffic); else empty.
  std::vector<ClassComparison> by_bitrate;
};

// Points are matched by position; both results must come from the same loads and replications.
std::vector<PointComparison> compare(const SimulationResult& today,
                                     const SimulationResult& what_if);

// Two networks compared on common random numbers must mean the same sites by the same pair
// index: the same site ids in the same order. The error names both files and the first site
// that differs (or the counts).
Status same_sites(const Network& today, const std::string& today_file, const Network& other,
                  const std::string& other_file);

}  // namespace lightmesh::sim
