// The figures of lightmesh.simulate() beyond the overall blocking, one numpy entry per load, as
// `lightmesh simulate --format json` writes them per point: availability per protection class and
// the restoration figures ("availability", "restoration"), and blocking by bit-rate class
// ("by_bitrate"). A figure the JSON writes as null (no replication defined it) is NaN here, so
// every array keeps one entry per load.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <limits>
#include <optional>

#include "python/bindings.h"
#include "sim/bitrate_classes.h"

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

void add_bitrate_figures(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         py::dict& out) {
  const sim::BitrateClasses classes = sim::bitrate_classes(study.traffic.rates_gbps);
  const std::size_t n = result.points.size();
  py::list by_bitrate;
  for (std::size_t c = 0; c < classes.classes.size(); ++c) {
    const sim::BitrateClass& k = classes.classes[c];
    auto of = [c](const sim::PointResult& p) {
      return c < p.by_bitrate.size() ? &p.by_bitrate[c] : nullptr;
    };
    py::dict d;
    if (k.single()) {
      d["gbps"] = k.gbps_min;
    } else {
      d["gbps_min"] = k.gbps_min;
      d["gbps_max"] = k.gbps_max;
    }
    py::array_t<std::int64_t> requests(static_cast<py::ssize_t>(n));
    for (std::size_t i = 0; i < n; ++i) {
      const sim::ClassResult* r = of(result.points[i]);
      requests.mutable_at(i) = r ? static_cast<std::int64_t>(r->requests) : 0;
    }
    d["requests"] = requests;
    d["service_blocking"] = estimate_arrays(result, [&](const sim::PointResult& p) {
      const sim::ClassResult* r = of(p);
      return r ? r->service_blocking : std::nullopt;
    });
    d["bandwidth_blocking"] = estimate_arrays(result, [&](const sim::PointResult& p) {
      const sim::ClassResult* r = of(p);
      return r ? r->bandwidth_blocking : std::nullopt;
    });
    by_bitrate.append(d);
  }
  out["by_bitrate"] = by_bitrate;
}

}  // namespace lightmesh::python
