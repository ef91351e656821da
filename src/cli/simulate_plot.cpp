#include "cli/simulate_plot.h"

#include <vector>

#include "cli/bitrate_table.h"
#include "cli/log_plot.h"
#include "cli/simulate_output.h"
#include "sim/bitrate_classes.h"
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

namespace {

// Class c of n (n ≥ 2), narrow to wide: blue to red, so rank reads as colour; past six classes a
// ten-colour cycle.
const char* class_colour(std::size_t c, std::size_t n) {
  static constexpr const char* kRamp[] = {"#1f77b4", "#17becf", "#2ca02c",
                                          "#bcbd22", "#ff7f0e", "#d62728"};
  static constexpr const char* kCycle[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  constexpr std::size_t kLast = std::size(kRamp) - 1;
  if (n > std::size(kRamp)) return kCycle[c % std::size(kCycle)];
  return kRamp[(c * kLast + (n - 1) / 2) / (n - 1)];  // c spread over the ramp, rounded
}

}  // namespace

std::string bitrate_svg(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                        const std::string& title) {
  const sim::BitrateClasses classes = sim::bitrate_classes(study.traffic.rates_gbps);
  const std::size_t n = classes.classes.size();
  if (n < 2) return {};
  LogPlot plot{title, "service blocking by bit rate (95 % CI)", {}, {}};
  for (const sim::PointResult& p : result.points) plot.loads.push_back(p.load);
  for (std::size_t c = 0; c < n; ++c) {
    PlotSeries series{
        "service blocking " + class_label(classes.classes[c]) + " Gb/s", class_colour(c, n), {}};
    for (const sim::PointResult& p : result.points)
      series.values.push_back(c < p.by_bitrate.size() ? p.by_bitrate[c].service_blocking
                                                      : std::nullopt);
    plot.series.push_back(std::move(series));
  }
  return log_plot_svg(plot);
}

std::string simulate_svg(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         const std::string& network) {
  std::vector<std::string> panels{blocking_svg(result, "Blocking against load: " + network)};
  if (std::string by_rate = bitrate_svg(study, result, "Blocking by bit rate: " + network);
      !by_rate.empty())
    panels.push_back(std::move(by_rate));
  if (study.run.failures)
    panels.push_back(
        unavailability_svg(*study.run.failures, result, "Unavailability against load: " + network));
  if (panels.size() == 1) return panels.front();
  return stack_svgs(panels);
}

}  // namespace lightmesh::cli
