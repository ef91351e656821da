#include "cli/bitrate_table.h"

#include <fmt/format.h>

#include "cli/table.h"
#include "sim/bitrate_classes.h"

namespace lightmesh::cli {

std::string class_label(const sim::BitrateClass& k) {
  return k.single() ? fmt::format("{:g}", k.gbps_min)
                    : fmt::format("{:g}–{:g}", k.gbps_min, k.gbps_max);
}

std::string bitrate_table(const sim::PreparedStudy& study, const sim::SimulationResult& result) {
  const sim::BitrateClasses classes = sim::bitrate_classes(study.traffic.rates_gbps);
  if (classes.classes.size() < 2 || result.points.empty()) return {};
  std::vector<std::string> head{"bit rate (Gb/s)", "requests"};
  for (const sim::PointResult& p : result.points) head.push_back(fmt::format("{:g} E", p.load));
  Table t(head, std::vector<bool>(head.size(), true));
  for (std::size_t c = 0; c < classes.classes.size(); ++c) {
    const sim::BitrateClass& k = classes.classes[c];
    // Requests of the class at the first load, per replication: its share of the traffic.
    const auto& first = result.points.front();
    const double share =
        c < first.by_bitrate.size() && first.replications
            ? static_cast<double>(first.by_bitrate[c].requests) / first.replications
            : 0;
    std::vector<std::string> row{class_label(k), fmt::format("{:.0f}", share)};
    for (const sim::PointResult& p : result.points) {
      const auto& e = c < p.by_bitrate.size() ? p.by_bitrate[c].service_blocking : std::nullopt;
      row.push_back(e ? fmt::format("{:.2e} ± {:.1e}", e->mean, e->ci95) : std::string("–"));
    }
    t.add(row);
  }
  return "\nservice blocking by bit rate (requests: per replication, at the first load)\n" +
         t.render();
}

std::string bitrate_difference_table(const sim::PreparedStudy& what_if,
                                     const std::vector<sim::PointComparison>& diff) {
  const sim::BitrateClasses classes = sim::bitrate_classes(what_if.traffic.rates_gbps);
  if (classes.classes.size() < 2 || diff.empty()) return {};
  std::vector<std::string> head{"bit rate (Gb/s)"};
  for (const sim::PointComparison& d : diff) head.push_back(fmt::format("Δ {:g} E", d.load));
  Table t(head, std::vector<bool>(head.size(), true));
  for (std::size_t c = 0; c < classes.classes.size(); ++c) {
    std::vector<std::string> row{class_label(classes.classes[c])};
    for (const sim::PointComparison& d : diff) {
      const auto& e = c < d.by_bitrate.size() ? d.by_bitrate[c].service_blocking : std::nullopt;
      row.push_back(e ? fmt::format("{:+.2e} ± {:.1e}", e->mean, e->ci95) : std::string("–"));
    }
    t.add(row);
  }
  return "\nservice blocking by bit rate, what-if − today (paired by replication)\n" + t.render();
}

}  // namespace lightmesh::cli
