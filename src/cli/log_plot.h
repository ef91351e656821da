// A plot of figures against offered load on a log scale, with 95 % confidence bars, as SVG: the
// drawing behind `simulate --plot` (blocking, and unavailability with failures).
//
//   LogPlot plot{"Blocking against load", "blocking probability (95 % CI)", loads, {series…}};
//   std::string svg = log_plot_svg(plot);
//   std::string both = stack_svgs({svg, other});   // panels one above the other, one file
//
// Each series' line carries data-series="NAME" and each point data-load and data-value, so a
// reader (or a test) finds the numbers without reading pixels. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/estimate.h"

namespace lightmesh::cli {

struct PlotSeries {
  std::string name;
  std::string colour;
  // One per load; nullopt leaves the point out. A value ≤ 0 cannot sit on a log axis and is drawn
  // on its floor as an open circle.
  std::vector<std::optional<sim::Estimate>> values;
};

struct LogPlot {
  std::string title;
  std::string y_label;
  std::vector<double> loads;
  std::vector<PlotSeries> series;
};

std::string log_plot_svg(const LogPlot& plot);

// Standalone SVGs (each from log_plot_svg()) one above the other in one SVG of their total height.
std::string stack_svgs(const std::vector<std::string>& panels);

}  // namespace lightmesh::cli
