#include "cli/simulate_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/table.h"
#include "sim/comparison.h"
#include "sim/failures_file.h"
#include "sim/policy.h"
#include "sim/study_json.h"
#include "store/open_store.h"
#include "store/postgres_store.h"

namespace lightmesh::cli {

namespace {

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

// Availability by class and restoration, one row per load.
std::string failures_table(const sim::FailureModel& m, const sim::SimulationResult& result) {
  std::vector<std::string> head{"load (E)"};
  std::vector<std::size_t> classes;
  for (std::size_t k = 0; k < sim::kProtectionClasses; ++k) {
    const auto cls = static_cast<sim::Protection>(k);
    if (m.protection.share(cls) == 0) continue;
    classes.push_back(k);
    head.push_back(std::string("availability ") + sim::protection_name(cls));
  }
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
  if (study.run.failures) out += failures_table(*study.run.failures, result);
  if (s.check_slots) out += fmt::format("\nslot conflicts: {}\n", result.slot_conflicts);
  if (requests_per_second)
    out += fmt::format("\n{} requests in total, {:.3g} requests per second\n", result.arrivals,
                       *requests_per_second);
  return out;
}

nlohmann::ordered_json compare_json(const sim::PreparedStudy& what_if,
                                    const sim::SimulationResult& today_result,
                                    const sim::SimulationResult& what_if_result,
                                    std::optional<double> requests_per_second) {
  nlohmann::ordered_json out = sim::study_json(what_if, what_if_result, requests_per_second);
  const std::vector<sim::PointComparison> diff = sim::compare(today_result, what_if_result);
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < diff.size(); ++p) {
    const sim::PointResult& a = today_result.points[p];
    const sim::PointResult& b = what_if_result.points[p];
    points.push_back({{"load", a.load},
                      {"today",
                       {{"service_blocking", sim::estimate_json(a.service_blocking)},
                        {"bandwidth_blocking", sim::estimate_json(a.bandwidth_blocking)}}},
                      {"what_if",
                       {{"service_blocking", sim::estimate_json(b.service_blocking)},
                        {"bandwidth_blocking", sim::estimate_json(b.bandwidth_blocking)}}},
                      {"difference",
                       {{"service_blocking", sim::estimate_json(diff[p].service_blocking)},
                        {"bandwidth_blocking", sim::estimate_json(diff[p].bandwidth_blocking)}}}});
  }
  out["compared_with"] =
      "today: the same study without the what-if, on common random numbers (replication r of "
      "both draws stream r); difference = what-if − today, paired by replication";
  out["points"] = points;
  return out;
}

std::string compare_table(const sim::PreparedStudy& what_if,
                          const sim::SimulationResult& today_result,
                          const sim::SimulationResult& what_if_result,
                          std::optional<double> requests_per_second) {
  std::string out = simulate_table(what_if, sim::SimulationResult{}, std::nullopt);
  out = out.substr(0, out.find("load (E)"));  // the header lines only
  out.insert(out.size() - 1,
             "compared with today (without the what-if) on common random numbers; the difference "
             "is paired by replication\n");
  Table t({"load (E)", "service blocking today", "with the what-if", "difference"},
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
  if (requests_per_second)
    out += fmt::format("\n{} requests in total, {:.3g} requests per second\n",
                       today_result.arrivals + what_if_result.arrivals, *requests_per_second);
  return out;
}

std::string blocking_svg(const sim::SimulationResult& result, const std::string& title) {
  const double w = 640, h = 420, left = 80, right = 20, top = 40, bottom = 60;
  const double pw = w - left - right, ph = h - top - bottom;
  double lo = 1, hi = 0, xmin = 0, xmax = 1;
  bool first = true;
  for (const auto& p : result.points) {
    for (const auto* e : {&p.service_blocking, &p.bandwidth_blocking}) {
      if (e->mean - e->ci95 > 0) lo = std::min(lo, e->mean - e->ci95);
      if (e->mean > 0) lo = std::min(lo, e->mean);
      hi = std::max(hi, e->mean + e->ci95);
    }
    xmin = first ? p.load : std::min(xmin, p.load);
    xmax = first ? p.load : std::max(xmax, p.load);
    first = false;
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
      w, h, w / 2, xml_escape(title));
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
  for (const auto& p : result.points)
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:g}</text>\n", X(p.load),
                     top + ph + 18, p.load);
  s += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">offered load (Erlang)</text>\n"
      "<text x=\"18\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {})\">blocking "
      "probability (95 % CI)</text>\n",
      left + pw / 2, h - 16, top + ph / 2, top + ph / 2);
  // Series: service (blue, filled) and bandwidth (orange) blocking, with their bars.
  struct Series {
    const char* name;
    const char* colour;
    const sim::Estimate sim::PointResult::*field;
  };
  const Series series[] = {
      {"service blocking", "#1f77b4", &sim::PointResult::service_blocking},
      {"bandwidth blocking", "#ff7f0e", &sim::PointResult::bandwidth_blocking}};
  int row = 0;
  for (const Series& se : series) {
    std::string line;
    for (const auto& p : result.points) {
      const sim::Estimate& e = p.*se.field;
      const double x = X(p.load), y = Y(e.mean);
      line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x, y);
      if (e.ci95 > 0)
        s += fmt::format(
            "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>\n",
            x, Y(e.mean - e.ci95), Y(e.mean + e.ci95), se.colour);
      s +=
          fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\" stroke=\"{}\"/>\n",
                      x, y, e.mean > 0 ? se.colour : "white", se.colour);
    }
    s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\"/>\n", line, se.colour);
    s += fmt::format(
        "<circle cx=\"{0}\" cy=\"{1}\" r=\"3.5\" fill=\"{2}\"/><text x=\"{3}\" "
        "y=\"{4}\">{5}</text>\n",
        left + 12, top + 14 + 16 * row, se.colour, left + 22, top + 18 + 16 * row, se.name);
    ++row;
  }
  s += "</svg>\n";
  return s;
}

}  // namespace lightmesh::cli
