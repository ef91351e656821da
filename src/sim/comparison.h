// compare(): a what-if against today on common random numbers. Replication r of both studies
// drew the same arrivals, pairs, bit rates and holding times (the same seed and stream), so the
// difference of their blocking is estimated from the paired differences, whose confidence
// interval is far narrower than the two intervals apart.
//
//   std::vector<PointComparison> d = compare(today, what_if);
//   d[0].service_blocking.mean;   // what-if minus today
//
// Pure function; thread-safe.
#pragma once

#include <vector>

#include "sim/simulation.h"

namespace lightmesh::sim {

struct PointComparison {
  double load = 0;
  Estimate service_blocking;    // what-if − today, mean and 95 % half-width
  Estimate bandwidth_blocking;  // the same for bandwidth blocking
};

// Points are matched by position; both results must come from the same loads and replications.
std::vector<PointComparison> compare(const SimulationResult& today,
                                     const SimulationResult& what_if);

}  // namespace lightmesh::sim
