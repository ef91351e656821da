// Estimate: the mean of independent replications and the half-width of its 95 % confidence
// interval from Student's t distribution.
//
//   Estimate e = estimate({0.011, 0.013, 0.012});   // e.mean = 0.012, e.ci95 = t(0.975, 2) × s /
//   √3
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace lightmesh::sim {

struct Estimate {
  double mean = 0;
  double ci95 = 0;  // half-width; 0 with fewer than two values
};

// The 0.975 quantile of Student's t with `df` ≥ 1 degrees of freedom: tabulated to df = 30 (the
// standard table, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), above that the Cornish-Fisher
// expansion about the normal quantile, within 1e-4 of the exact value.
double student_t975(std::uint64_t df);

Estimate estimate(const std::vector<double>& values);

}  // namespace lightmesh::sim
