#include "cli/log_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace lightmesh::cli {

namespace {

constexpr double kWidth = 640, kHeight = 420;

std::string xml_escape(const std::string& in) {
  std::string out;
  for (char c : in) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string log_plot_svg(const LogPlot& plot) {
  const double w = kWidth, h = kHeight, left = 80, right = 20, top = 40, bottom = 60;
  const double pw = w - left - right, ph = h - top - bottom;
  double lo = 1, hi = 0, xmin = 0, xmax = 1;
  for (const PlotSeries& se : plot.series) {
    for (const auto& e : se.values) {
      if (!e) continue;
      if (e->mean - e->ci95 > 0) lo = std::min(lo, e->mean - e->ci95);
      if (e->mean > 0) lo = std::min(lo, e->mean);
      hi = std::max(hi, e->mean + e->ci95);
    }
  }
  for (std::size_t i = 0; i < plot.loads.size(); ++i) {
    xmin = i == 0 ? plot.loads[i] : std::min(xmin, plot.loads[i]);
    xmax = i == 0 ? plot.loads[i] : std::max(xmax, plot.loads[i]);
  }
  if (hi <= 0) hi = 1;
  if (lo >= hi) lo = hi / 10;
  const double dlo = std::floor(std::log10(lo)), dhi = std::max(std::ceil(std::log10(hi)), dlo + 1);
  if (xmax <= xmin) {
    xmin -= 1;
    xmax += 1;
  }
  const double pad = (xmax - xmin) * 0.05;
  xmin -= pad;
  xmax += pad;
  auto X = [&](double x) { return left + (x - xmin) / (xmax - xmin) * pw; };
  auto Y = [&](double v) {
    const double d = v > 0 ? std::clamp(std::log10(v), dlo, dhi) : dlo;
    return top + (dhi - d) / (dhi - dlo) * ph;
  };
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"24\" text-anchor=\"middle\" font-size=\"14\">{3}</text>\n",
      w, h, w / 2, xml_escape(plot.title));
  // Axes, decade grid lines and labels.
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"black\"/>\n", left,
      top, pw, ph);
  for (double d = dlo; d <= dhi; d += 1) {
    s += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#ddd\"/>\n"
        "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">1e{5:g}</text>\n",
        left, left + pw, Y(std::pow(10, d)), left - 6, Y(std::pow(10, d)) + 4, d);
  }
  for (double load : plot.loads)
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:g}</text>\n", X(load),
                     top + ph + 18, load);
  s += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">offered load (Erlang)</text>\n"
      "<text x=\"18\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {})\">{}</text>\n",
      left + pw / 2, h - 16, top + ph / 2, top + ph / 2, xml_escape(plot.y_label));
  int row = 0;
  for (const PlotSeries& se : plot.series) {
    const std::string name = xml_escape(se.name);
    std::string line;
    for (std::size_t i = 0; i < plot.loads.size() && i < se.values.size(); ++i) {
      if (!se.values[i]) continue;
      const sim::Estimate& e = *se.values[i];
      const double x = X(plot.loads[i]), y = Y(e.mean);
      line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x, y);
      if (e.ci95 > 0)
        s += fmt::format(
            "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>\n",
            x, Y(e.mean - e.ci95), Y(e.mean + e.ci95), se.colour);
      s += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\" stroke=\"{}\" "
          "data-series=\"{}\" data-load=\"{:g}\" data-value=\"{:.17g}\"/>\n",
          x, y, e.mean > 0 ? se.colour : "white", se.colour, name, plot.loads[i], e.mean);
    }
    s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" data-series=\"{}\"/>\n",
                     line, se.colour, name);
    s += fmt::format(
        "<circle cx=\"{0}\" cy=\"{1}\" r=\"3.5\" fill=\"{2}\"/><text x=\"{3}\" "
        "y=\"{4}\">{5}</text>\n",
        left + 12, top + 14 + 16 * row, se.colour, left + 22, top + 18 + 16 * row, name);
    ++row;
  }
  s += "</svg>\n";
  return s;
}

std::string stack_svgs(const std::vector<std::string>& panels) {
  if (panels.size() == 1) return panels.front();
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\">\n",
      kWidth, kHeight * static_cast<double>(panels.size()));
  for (std::size_t i = 0; i < panels.size(); ++i) {
    // A nested <svg> placed at its panel's offset; its own coordinates are unchanged.
    std::string panel = panels[i];
    if (panel.rfind("<svg", 0) == 0)
      panel.insert(4, fmt::format(" y=\"{:g}\"", kHeight * static_cast<double>(i)));
    s += panel;
  }
  s += "</svg>\n";
  return s;
}

}  // namespace lightmesh::cli
