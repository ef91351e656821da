#include "sim/comparison.h"

#include <algorithm>
#include <cmath>

namespace lightmesh::sim {

namespace {

Estimate paired(const std::vector<double>& today, const std::vector<double>& what_if) {
  std::vector<double> d(std::min(today.size(), what_if.size()));
  for (std::size_t r = 0; r < d.size(); ++r) d[r] = what_if[r] - today[r];
  return estimate(d);
}

// Over the replications where both are defined (a NaN marks one that is not).
std::optional<Estimate> paired_defined(const std::vector<double>& today,
                                       const std::vector<double>& what_if) {
  std::vector<double> d;
  for (std::size_t r = 0; r < std::min(today.size(), what_if.size()); ++r)
    if (!std::isnan(today[r]) && !std::isnan(what_if[r])) d.push_back(what_if[r] - today[r]);
  if (d.empty()) return std::nullopt;
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
    if (a.by_bitrate.size() == b.by_bitrate.size()) {
      for (std::size_t c = 0; c < a.by_bitrate.size(); ++c) {
        const ClassResult& x = a.by_bitrate[c];
        const ClassResult& y = b.by_bitrate[c];
        out.back().by_bitrate.push_back(
            {paired_defined(x.service_blocking_by_replication, y.service_blocking_by_replication),
             paired_defined(x.bandwidth_blocking_by_replication,
                            y.bandwidth_blocking_by_replication)});
      }
    }
    if (a.failures && b.failures) {
      PointComparison& c = out.back();
      c.failures = true;
      for (std::size_t k = 0; k < kProtectionClasses; ++k)
        c.availability[k] =
            paired_defined(a.availability_by_replication[k], b.availability_by_replication[k]);
      c.restore_success_ratio =
          paired_defined(a.restore_success_by_replication, b.restore_success_by_replication);
    }
  }
  return out;
}

Status same_sites(const Network& today, const std::string& today_file, const Network& other,
                  const std::string& other_file) {
  const auto& a = today.sites();
  const auto& b = other.sites();
  const std::string why =
      " (--compare pairs the two networks' traffic by site: both need the same site ids in the "
      "same order)";
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i].id == b[i].id) continue;
    return Error::invalid("--compare " + other_file + ": site " + std::to_string(i + 1) + " is \"" +
                          b[i].id + "\" where " + today_file + " has \"" + a[i].id + "\"" + why);
  }
  if (a.size() != b.size())
    return Error::invalid("--compare " + other_file + ": " + std::to_string(b.size()) +
                          " sites where " + today_file + " has " + std::to_string(a.size()) + why);
  return {};
}

}  // namespace lightmesh::sim
