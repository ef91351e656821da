#include "cli/simulate_plot.h"

#include "cli/log_plot.h"
#include "cli/simulate_output.h"
#include "sim/policy.h"

namespace lightmesh::cli {

std::string unavailability_svg(const sim::FailureModel& model, const sim::SimulationResult& result,
                               const std::string& title) {
  static constexpr const char* kColours[] = {"#d62728", "#2ca02c", "#9467bd"};
  LogPlot plot{title, "unavailability, 1 − availability (95 % CI)", {}, {}};
  for (const sim::PointResult& p : result.points) plot.loads.push_back(p.load);
  for (std::size_t k = 0; k < sim::kProtectionClasses; ++k) {
    const auto cls = static_cast<sim::Protection>(k);
    if (model.protection.share(cls) == 0) continue;
    PlotSeries series{std::string("unavailability ") + sim::protection_name(cls),
                      kColours[k % std::size(kColours)],
                      {}};
    for (const sim::PointResult& p : result.points) {
      const auto& a = p.availability[k];
      series.values.push_back(a ? std::optional<sim::Estimate>({1 - a->mean, a->ci95})
                                : std::nullopt);
    }
    plot.series.push_back(std::move(series));
  }
  return log_plot_svg(plot);
}

std::string simulate_svg(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         const std::string& network) {
  std::string blocking = blocking_svg(result, "Blocking against load: " + network);
  if (!study.run.failures) return blocking;
  return stack_svgs(
      {std::move(blocking),
       unavailability_svg(*study.run.failures, result, "Unavailability against load: " + network)});
}

}  // namespace lightmesh::cli
