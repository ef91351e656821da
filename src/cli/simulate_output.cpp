#include "cli/simulate_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/bitrate_table.h"
#include "cli/log_plot.h"
#include "cli/table.h"
#include "sim/comparison.h"
#include "sim/failures_file.h"
#include "sim/policy.h"
#include "sim/study_json.h"
#include "store/open_store.h"
#include "store/postgres_store.h"

namespace lightmesh::cli {

namespace {

// The store as it may be shown: a PostgreSQL URL without its password.
std::string store_name(const std::string& db) {
  return store::is_postgres_url(db) ? store::PostgresStore::redact(db) : db;
}

std::string added_name(const sim::FiberAddition& f) {
  return fmt::format("{},{},{:g}", f.a, f.b, f.km);
}

// One line on what the run starts from, when it is not the empty network as the file has it.
std::string twin_line(const sim::PreparedStudy& study) {
  std::string out;
  if (study.twin)
    out += fmt::format(
        "twin of {}: {} services held ({} link-slots booked{}), never offered to new requests\n",
        store_name(study.spec.from_db), study.twin->services, study.twin->link_slots,
        study.twin->cut_fibers ? fmt::format(", {} cut fibres wholly", study.twin->cut_fibers)
                               : std::string());
  if (!study.edit.empty()) {
    std::string what;
    for (const auto& f : study.edit.add) what += (what.empty() ? "+" : ", +") + added_name(f);
    for (const auto& id : study.edit.remove) what += (what.empty() ? "−" : ", −") + id;
    out += "what-if: " + what + "\n";
  }
  return out;
}

// The protection classes the mix holds (by index), each with a column headed `prefix` + its name
// appended to `head`.
std::vector<std::size_t> class_columns(const sim::FailureModel& m, const std::string& prefix,
                                       std::vector<std::string>& head) {
  std::vector<std::size_t> classes;
  for (std::size_t k = 0; k < sim::kProtectionClasses; ++k) {
    const auto cls = static_cast<sim::Protection>(k);
    if (m.protection.share(cls) == 0) continue;
    classes.push_back(k);
    head.push_back(prefix + sim::protection_name(cls));
  }
  return classes;
}

// Availability by class and restoration, one row per load.
std::string failures_table(const sim::FailureModel& m, const sim::SimulationResult& result) {
  std::vector<std::string> head{"load (E)"};
  const std::vector<std::size_t> classes = class_columns(m, "availability ", head);
  for (const char* h : {"restorations", "restored", "added latency (µs)"}) head.emplace_back(h);
  Table t(head, std::vector<bool>(head.size(), true));
  auto pm = [](const std::optional<sim::Estimate>& e, const char* spec) {
    return e ? fmt::format(fmt::runtime(spec), e->mean, e->ci95) : std::string("–");
  };
  for (const sim::PointResult& p : result.points) {
    std::vector<std::string> row{fmt::format("{:g}", p.load)};
    for (std::size_t k : classes) row.push_back(pm(p.availability[k], "{:.6f} ± {:.1e}"));
    row.push_back(pm(p.restore_attempts, "{:.3g} ± {:.2g}"));
    std::optional<sim::Estimate> pct = p.restore_success_ratio;
    if (pct) pct = sim::Estimate{100 * pct->mean, 100 * pct->ci95};
    row.push_back(pm(pct, "{:.1f} ± {:.1f} %"));
    row.push_back(pm(p.restore_added_latency_us, "{:.1f} ± {:.1f}"));
    t.add(row);
  }
  std::string mtbf = m.mtbf_hours > 0 ? fmt::format("MTBF {:g} h per 1,000 km, MTTR {:g} h",
                                                    m.mtbf_hours, m.mttr_hours)
                                      : std::string("no random cuts");
  if (!m.script_file.empty())
    mtbf += fmt::format("; {} cuts from {}", m.script.size(), m.script_file);
  mtbf += sim::describe_failure_groups(m);
  return fmt::format("\nfailures: {}; a time unit is {:g} h; protection {}\n", mtbf,
                     m.time_unit_hours, m.protection.describe()) +
         t.render();
}

}  // namespace

std::string simulate_table(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                           std::optional<double> requests_per_second) {
  const sim::StudySpec& s = study.spec;
  std::string out = fmt::format(
      "{}: {} sites, {} {}links, {} slots of {:g} GHz; {}, k = {} ({} paths); {:g}–{:g} Gb/s\n"
      "{} replications × {} requests after a warm-up of {}; 95 % confidence intervals\n\n",
      s.network, study.table.site_count(), study.table.link_count(), s.directed ? "directed " : "",
      study.slots, s.slot_ghz, sim::policy_name(study.run.policy), s.k, sim::path_order_name(s),
      study.traffic.rates_gbps.front(), study.traffic.rates_gbps.back(), s.replications, s.requests,
      s.warmup);
  if (const std::string line = twin_line(study); !line.empty()) {
    out.insert(out.size() - 1, line);
  }
  Table t({"load (E)", "service blocking", "bandwidth blocking", "utilisation", "fragmentation"},
          {true, true, true, true, true});
  auto pm = [](const sim::Estimate& e) { return fmt::format("{:.3e} ± {:.1e}", e.mean, e.ci95); };
  auto pct = [](const sim::Estimate& e) {
    return fmt::format("{:.1f} ± {:.1f} %", 100 * e.mean, 100 * e.ci95);
  };
  for (const sim::PointResult& p : result.points)
    t.add({fmt::format("{:g}", p.load), pm(p.service_blocking), pm(p.bandwidth_blocking),
           pct(p.utilisation), pct(p.fragmentation)});
  out += t.render();
  out += bitrate_table(study, result);
  if (study.run.failures) out += failures_table(*study.run.failures, result);
  if (s.check_slots) out += fmt::format("\nslot conflicts: {}\n", result.slot_conflicts);
  if (requests_per_second)
    out += fmt::format("\n{} requests in total, {:.3g} requests per second\n", result.arrivals,
                       *requests_per_second);
  return out;
}

namespace {

// Two network files rather than a what-if of one.
// (A what-if always edits the network; --compare FILE never does.)
bool two_files(const sim::PreparedStudy& /*today*/, const sim::PreparedStudy& what_if) {
  return what_if.edit.empty();
}

nlohmann::ordered_json side_json(const sim::PreparedStudy& study,
                                 const sim::BitrateClasses& classes, const sim::PointResult& p) {
  nlohmann::ordered_json out = {{"service_blocking", sim::estimate_json(p.service_blocking)},
                                {"bandwidth_blocking", sim::estimate_json(p.bandwidth_blocking)}};
  if (study.run.failures && p.failures)
    out.update(sim::failure_figures_json(*study.run.failures, p));
  out["by_bitrate"] = sim::by_bitrate_json(classes, p);
  return out;
}

nlohmann::ordered_json optional_json(const std::optional<sim::Estimate>& e) {
  return e ? sim::estimate_json(*e) : nlohmann::ordered_json();
}

// The paired differences of the failure figures, by the classes of the mix.
void add_failure_difference(const sim::FailureModel& m, const sim::PointComparison& d,
                            nlohmann::ordered_json& out) {
  nlohmann::ordered_json availability = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < sim::kProtectionClasses; ++k) {
    const auto cls = static_cast<sim::Protection>(k);
    if (m.protection.share(cls) > 0)
      availability[sim::protection_name(cls)] = optional_json(d.availability[k]);
  }
  out["availability"] = availability;
  out["restoration"] = {{"success_ratio", optional_json(d.restore_success_ratio)}};
}

// The paired differences of blocking by bit-rate class, named as the study's by_bitrate names
// them; over the replications where both drew a request of the class (null where none did).
void add_bitrate_difference(const sim::BitrateClasses& classes, const sim::PointComparison& d,
                            nlohmann::ordered_json& out) {
  nlohmann::ordered_json by_bitrate = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < d.by_bitrate.size() && c < classes.classes.size(); ++c) {
    nlohmann::ordered_json e = sim::bitrate_class_json(classes.classes[c]);
    e["service_blocking"] = optional_json(d.by_bitrate[c].service_blocking);
    e["bandwidth_blocking"] = optional_json(d.by_bitrate[c].bandwidth_blocking);
    by_bitrate.push_back(std::move(e));
  }
  out["by_bitrate"] = by_bitrate;
}

}  // namespace

nlohmann::ordered_json compare_json(const sim::PreparedStudy& today,
                                    const sim::PreparedStudy& what_if,
                                    const sim::SimulationResult& today_result,
                                    const sim::SimulationResult& what_if_result,
                                    std::optional<double> requests_per_second) {
  nlohmann::ordered_json out = sim::study_json(what_if, what_if_result, requests_per_second);
  const std::vector<sim::PointComparison> diff = sim::compare(today_result, what_if_result);
  // Both sides draw the same traffic, so the same classes.
  const sim::BitrateClasses classes = sim::bitrate_classes(what_if.traffic.rates_gbps);
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < diff.size(); ++p) {
    const sim::PointResult& a = today_result.points[p];
    const sim::PointResult& b = what_if_result.points[p];
    nlohmann::ordered_json difference = {
        {"service_blocking", sim::estimate_json(diff[p].service_blocking)},
        {"bandwidth_blocking", sim::estimate_json(diff[p].bandwidth_blocking)}};
    if (what_if.run.failures && diff[p].failures)
      add_failure_difference(*what_if.run.failures, diff[p], difference);
    add_bitrate_difference(classes, diff[p], difference);
    points.push_back({{"load", a.load},
                      {"today", side_json(today, classes, a)},
                      {"what_if", side_json(what_if, classes, b)},
                      {"difference", difference}});
  }
  if (two_files(today, what_if)) {
    out["compared_with"] =
        "today: the network " + today.spec.network +
        " (the what-if is config.network), the same study on common random numbers (replication "
        "r of both draws stream r); difference = what-if − today, paired by replication";
    out["today"] = {{"network", today.spec.network},
                    {"sites", today.table.site_count()},
                    {"links", today.table.link_count()},
                    {"candidate_paths", today.table.path_count()}};
  } else {
    out["compared_with"] =
        "today: the same study without the what-if, on common random numbers (replication r of "
        "both draws stream r); difference = what-if − today, paired by replication";
  }
  out["points"] = points;
  return out;
}

std::string compare_table(const sim::PreparedStudy& today, const sim::PreparedStudy& what_if,
                          const sim::SimulationResult& today_result,
                          const sim::SimulationResult& what_if_result,
                          std::optional<double> requests_per_second) {
  const bool files = two_files(today, what_if);
  std::string out = simulate_table(what_if, sim::SimulationResult{}, std::nullopt);
  out = out.substr(0, out.find("load (E)"));  // the header lines only
  out.insert(out.size() - 1,
             files ? "compared with today, " + today.spec.network +
                         ", on common random numbers; the difference is paired by replication\n"
                   : std::string("compared with today (without the what-if) on common random "
                                 "numbers; the difference is paired by replication\n"));
  Table t({"load (E)", "service blocking today", files ? "with this network" : "with the what-if",
           "difference"},
          {true, true, true, true});
  auto pm = [](const sim::Estimate& e) { return fmt::format("{:.3e} ± {:.1e}", e.mean, e.ci95); };
  auto signed_pm = [](const sim::Estimate& e) {
    return fmt::format("{:+.3e} ± {:.1e}", e.mean, e.ci95);
  };
  const std::vector<sim::PointComparison> diff = sim::compare(today_result, what_if_result);
  for (std::size_t p = 0; p < diff.size(); ++p)
    t.add({fmt::format("{:g}", diff[p].load), pm(today_result.points[p].service_blocking),
           pm(what_if_result.points[p].service_blocking), signed_pm(diff[p].service_blocking)});
  out += t.render();
  out += bitrate_difference_table(what_if, diff);
  if (what_if.run.failures && !diff.empty() && diff.front().failures) {
    // The failure figures' differences: availability by class and restorations that succeeded.
    const sim::FailureModel& m = *what_if.run.failures;
    std::vector<std::string> head{"load (E)"};
    const std::vector<std::size_t> classes = class_columns(m, "Δ availability ", head);
    head.emplace_back("Δ restored");
    Table f(head, std::vector<bool>(head.size(), true));
    auto opt = [](const std::optional<sim::Estimate>& e, double scale, const char* spec) {
      return e ? fmt::format(fmt::runtime(spec), scale * e->mean, scale * e->ci95)
               : std::string("–");
    };
    for (const sim::PointComparison& d : diff) {
      std::vector<std::string> row{fmt::format("{:g}", d.load)};
      for (std::size_t k : classes) row.push_back(opt(d.availability[k], 1, "{:+.6f} ± {:.1e}"));
      row.push_back(opt(d.restore_success_ratio, 100, "{:+.1f} ± {:.1f} %"));
      f.add(row);
    }
    out += "\nfailures, what-if − today (paired by replication)\n" + f.render();
  }
  if (requests_per_second)
    out += fmt::format("\n{} requests in total, {:.3g} requests per second\n",
                       today_result.arrivals + what_if_result.arrivals, *requests_per_second);
  return out;
}

std::string blocking_svg(const sim::SimulationResult& result, const std::string& title) {
  LogPlot plot{title, "blocking probability (95 % CI)", {}, {}};
  // Service (blue) and bandwidth (orange) blocking, with their bars.
  PlotSeries service{"service blocking", "#1f77b4", {}};
  PlotSeries bandwidth{"bandwidth blocking", "#ff7f0e", {}};
  for (const sim::PointResult& p : result.points) {
    plot.loads.push_back(p.load);
    service.values.emplace_back(p.service_blocking);
    bandwidth.values.emplace_back(p.bandwidth_blocking);
  }
  plot.series = {std::move(service), std::move(bandwidth)};
  return log_plot_svg(plot);
}

}  // namespace lightmesh::cli
