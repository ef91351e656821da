// The failure figures of lightmesh.simulate(): availability per protection class and the
// restoration figures, one numpy entry per load, as `lightmesh simulate --format json` writes
// them per point ("availability", "restoration"). A figure the JSON writes as null (no replication
// defined it) is NaN here, so every array keeps one entry per load.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <limits>
#include <optional>

#include "python/bindings.h"

namespace py = pybind11;

namespace lightmesh::python {

namespace {

// {"mean": array, "ci95": array} over the points, NaN where `figure` has no value.
template <typename Figure>
py::dict estimate_arrays(const sim::SimulationResult& result, Figure figure) {
  const std::size_t n = result.points.size();
  py::array_t<double> mean(static_cast<py::ssize_t>(n)), ci95(static_cast<py::ssize_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<sim::Estimate> e = figure(result.points[i]);
    mean.mutable_at(i) = e ? e->mean : std::numeric_limits<double>::quiet_NaN();
    ci95.mutable_at(i) = e ? e->ci95 : std::numeric_limits<double>::quiet_NaN();
  }
  py::dict d;
  d["mean"] = mean;
  d["ci95"] = ci95;
  return d;
}

}  // namespace

void add_failure_figures(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         py::dict& out) {
  const sim::ProtectionMix& mix = study.run.failures->protection;
  py::dict availability;
  for (std::size_t k = 0; k < sim::kProtectionClasses; ++k) {
    const auto cls = static_cast<sim::Protection>(k);
    if (mix.share(cls) > 0)
      availability[sim::protection_name(cls)] =
          estimate_arrays(result, [k](const sim::PointResult& p) { return p.availability[k]; });
  }
  py::dict restoration;
  restoration["attempts"] = estimate_arrays(result, [](const sim::PointResult& p) {
    return std::optional<sim::Estimate>(p.restore_attempts);
  });
  restoration["success_ratio"] =
      estimate_arrays(result, [](const sim::PointResult& p) { return p.restore_success_ratio; });
  restoration["added_latency_us"] =
      estimate_arrays(result, [](const sim::PointResult& p) { return p.restore_added_latency_us; });
  out["availability"] = availability;
  out["restoration"] = restoration;
}

}  // namespace lightmesh::python
