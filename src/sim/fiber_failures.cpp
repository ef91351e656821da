#include "sim/fiber_failures.h"

#include <algorithm>
#include <cmath>

namespace lightmesh::sim {

FiberFailures::FiberFailures(const FailureModel& model, RandomStream rng) : rng_(rng) {
  constexpr double kNever = std::numeric_limits<double>::infinity();
  const double unit = model.time_unit_hours;
  fibers_ = static_cast<std::uint32_t>(model.fiber_km.size());
  for (double km : model.fiber_km) {
    // Cuts per hour = km / 1000 / MTBF, so the mean time up is MTBF × 1000 / km hours.
    const bool cut_ever = model.mtbf_hours > 0 && km > 0;
    mean_up_.push_back(cut_ever ? model.mtbf_hours * 1000.0 / km / unit : kNever);
    mean_repair_.push_back(model.mttr_hours / unit);
  }
  // The groups' processes come after the fibres', so a run without groups draws as before.
  for (const FailureGroup& g : model.groups) {
    mean_up_.push_back(g.mtbf_hours > 0 && !g.fibers.empty() ? g.mtbf_hours / unit : kNever);
    mean_repair_.push_back(g.mttr_hours / unit);
  }
  for (double mean : mean_up_) at_.push_back(std::isfinite(mean) ? rng_.exponential(mean) : kNever);
  down_.assign(mean_up_.size(), 0);
  for (const ScriptedCut& c : model.script) {
    script_.push_back({c.at_hours / unit, c.fiber, true, c.group});
    script_.push_back({(c.at_hours + c.duration_hours) / unit, c.fiber, false, c.group});
  }
  std::stable_sort(script_.begin(), script_.end(), [](const FiberEvent& a, const FiberEvent& b) {
    return a.time < b.time || (a.time == b.time && !a.cut && b.cut);
  });
  find_next();
}

FiberEvent FiberFailures::pop() {
  const FiberEvent e = next_;
  if (next_scripted_) {
    ++script_next_;
  } else if (std::isfinite(e.time)) {
    // A random event: the fibre changes state and draws the time of its next change.
    const std::uint32_t u = e.group == kNoGroup ? e.fiber : fibers_ + e.group;
    down_[u] = e.cut ? 1 : 0;
    at_[u] += e.cut ? rng_.exponential(mean_repair_[u]) : rng_.exponential(mean_up_[u]);
  }
  find_next();
  return e;
}

void FiberFailures::find_next() {
  next_ = {std::numeric_limits<double>::infinity(), 0, false};
  next_scripted_ = script_next_ < script_.size();
  if (next_scripted_) next_ = script_[script_next_];
  for (std::uint32_t u = 0; u < at_.size(); ++u) {
    const bool repair = down_[u] != 0;
    // Strictly earlier wins; at equal times a repair goes before a cut.
    if (at_[u] < next_.time || (at_[u] == next_.time && repair && next_.cut)) {
      next_ = u < fibers_ ? FiberEvent{at_[u], u, !repair, kNoGroup}
                          : FiberEvent{at_[u], 0, !repair, u - fibers_};
      next_scripted_ = false;
    }
  }
}

}  // namespace lightmesh::sim
