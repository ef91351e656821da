#include "sim/fiber_failures.h"

#include <algorithm>
#include <cmath>

namespace lightmesh::sim {

FiberFailures::FiberFailures(const FailureModel& model, RandomStream rng) : rng_(rng) {
  constexpr double kNever = std::numeric_limits<double>::infinity();
  const double unit = model.time_unit_hours;
  mean_repair_ = model.mttr_hours / unit;
  for (double km : model.fiber_km) {
    // Cuts per hour = km / 1000 / MTBF, so the mean time up is MTBF × 1000 / km hours.
    const bool cut_ever = model.mtbf_hours > 0 && km > 0;
    mean_up_.push_back(cut_ever ? model.mtbf_hours * 1000.0 / km / unit : kNever);
  }
  for (double mean : mean_up_) at_.push_back(std::isfinite(mean) ? rng_.exponential(mean) : kNever);
  down_.assign(mean_up_.size(), 0);
  for (const ScriptedCut& c : model.script) {
    script_.push_back({c.at_hours / unit, c.fiber, true});
    script_.push_back({(c.at_hours + c.duration_hours) / unit, c.fiber, false});
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
    down_[e.fiber] = e.cut ? 1 : 0;
    at_[e.fiber] += e.cut ? rng_.exponential(mean_repair_) : rng_.exponential(mean_up_[e.fiber]);
  }
  find_next();
  return e;
}

void FiberFailures::find_next() {
  next_ = {std::numeric_limits<double>::infinity(), 0, false};
  next_scripted_ = script_next_ < script_.size();
  if (next_scripted_) next_ = script_[script_next_];
  for (std::uint32_t f = 0; f < at_.size(); ++f) {
    const bool repair = down_[f] != 0;
    // Strictly earlier wins; at equal times a repair goes before a cut.
    if (at_[f] < next_.time || (at_[f] == next_.time && repair && next_.cut)) {
      next_ = {at_[f], f, !repair};
      next_scripted_ = false;
    }
  }
}

}  // namespace lightmesh::sim
