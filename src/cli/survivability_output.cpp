#include "cli/survivability_output.h"

#include <fmt/format.h>

#include "cli/table.h"

namespace lightmesh::cli {

namespace {

double share(std::uint64_t part, std::uint64_t all) {
  return all ? static_cast<double>(part) / static_cast<double>(all) : 0.0;
}

std::string impact_text(const fabric::ServiceImpact& s) {
  const std::string who = s.name.empty() ? s.service : s.service + " (" + s.name + ")";
  if (s.outcome == "restored" && s.added_latency)
    return fmt::format("{} restored {:+.1f} µs", who, s.added_latency->value());
  return who + " " + s.outcome;
}

}  // namespace

nlohmann::ordered_json survivability_json(const fabric::SurvivabilityReport& report,
                                          const SurvivabilitySource& source) {
  nlohmann::ordered_json scenarios = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < report.scenarios.size(); ++i) {
    const fabric::FailureScenario& s = report.scenarios[i];
    nlohmann::ordered_json services = nlohmann::ordered_json::array();
    for (const fabric::ServiceImpact& v : s.services)
      services.push_back(
          {{"id", v.service},
           {"name", v.name},
           {"outcome", v.outcome},
           {"bandwidth_gbps", v.bandwidth_gbps},
           {"added_latency_us", v.added_latency ? nlohmann::ordered_json(v.added_latency->value())
                                                : nlohmann::ordered_json()},
           {"detail", v.detail}});
    scenarios.push_back(
        {{"rank", i + 1},
         {"kind", s.kind},
         {"name", s.name},
         {"fibers_cut", s.fibers},
         {"switched", s.switched},
         {"restored", s.restored},
         {"lost", s.lost},
         {"lost_gbps", s.lost_gbps},
         {"added_latency_us",
          {{"max", s.max_added_latency.value()}, {"total", s.total_added_latency.value()}}},
         {"spectrum_left",
          {{"free_slots", s.free_slots},
           {"slots", s.slots},
           {"free_share", share(s.free_slots, s.slots)}}},
         {"services", services}});
  }
  return {{"network", source.network},
          {"services_from", {{source.kind, source.name}}},
          {"services", report.services},
          {"fibers", source.fibers},
          {"sites", source.sites},
          {"spectrum_before",
           {{"free_slots", report.free_slots},
            {"slots", report.slots},
            {"free_share", share(report.free_slots, report.slots)}}},
          {"scenarios", scenarios}};
}

std::string survivability_table(const fabric::SurvivabilityReport& report,
                                const SurvivabilitySource& source) {
  std::string out = fmt::format(
      "{}: {} services up (from {}), {} fibres, {} sites; spectrum free {:.1f} %\n"
      "{} single failures, most impact first (Gb/s lost, lost, restored, latency added)\n\n",
      source.network, report.services, source.name, source.fibers, source.sites,
      100 * share(report.free_slots, report.slots), report.scenarios.size());
  Table t({"rank", "failure", "switched", "restored", "lost", "lost Gb/s", "added µs (max)",
           "spectrum free"},
          {true, false, true, true, true, true, true, true});
  for (std::size_t i = 0; i < report.scenarios.size(); ++i) {
    const fabric::FailureScenario& s = report.scenarios[i];
    t.add({std::to_string(i + 1), s.kind + " " + s.name, std::to_string(s.switched),
           std::to_string(s.restored), std::to_string(s.lost), fmt::format("{:g}", s.lost_gbps),
           s.restored ? fmt::format("{:.1f}", s.max_added_latency.value()) : "-",
           fmt::format("{:.1f} %", 100 * share(s.free_slots, s.slots))});
  }
  out += t.render();
  bool any = false;
  for (const fabric::FailureScenario& s : report.scenarios) {
    if (s.services.empty()) continue;
    if (!any) out += "\nServices hit:\n";
    any = true;
    std::string line;
    for (const fabric::ServiceImpact& v : s.services)
      line += (line.empty() ? "" : ", ") + impact_text(v);
    out += fmt::format("  {} {}: {}\n", s.kind, s.name, line);
  }
  return out;
}

}  // namespace lightmesh::cli
