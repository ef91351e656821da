#include "sim/comparison.h"

#include <algorithm>

namespace lightmesh::sim {

namespace {

Estimate paired(const std::vector<double>& today, const std::vector<double>& what_if) {
  std::vector<double> d(std::min(today.size(), what_if.size()));
  for (std::size_t r = 0; r < d.size(); ++r) d[r] = what_if[r] - today[r];
  return estimate(d);
}

}  // namespace

std::vector<PointComparison> compare(const SimulationResult& today,
                                     const SimulationResult& what_if) {
  std::vector<PointComparison> out;
  for (std::size_t p = 0; p < std::min(today.points.size(), what_if.points.size()); ++p) {
    const PointResult& a = today.points[p];
    const PointResult& b = what_if.points[p];
    out.push_back(
        {a.load, paired(a.service_blocking_by_replication, b.service_blocking_by_replication),
         paired(a.bandwidth_blocking_by_replication, b.bandwidth_blocking_by_replication)});
  }
  return out;
}

}  // namespace lightmesh::sim
