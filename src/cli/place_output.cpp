#include "cli/place_output.h"

#include <fmt/format.h>

#include "cli/table.h"

namespace lightmesh::cli {

namespace {

using json = nlohmann::ordered_json;

// A JSON scalar as a table cell; "" for absent.
std::string cell(const json& j, const char* key) {
  if (!j.contains(key)) return "";
  const json& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return fmt::format("{:.6g}", v.get<double>());
  return v.dump();
}

std::string route_text(const json& lp) {
  std::string out;
  for (const auto& n : lp.value("route", json::array())) {
    if (!out.empty()) out += "→";
    out += n.is_string() ? n.get<std::string>() : n.dump();
  }
  return out;
}

std::string sites_table(const json& sites, bool with_latency) {
  std::vector<std::string> head = {"site", "role", "gpus", "model", "cpu cores", "storage TB"};
  std::vector<bool> right = {false, false, true, false, true, true};
  if (with_latency) {
    head.insert(head.end(), {"RTT µs", "USD/MWh", "PUE"});
    right.insert(right.end(), {true, true, true});
  }
  Table t(head, right);
  for (const json& s : sites) {
    std::vector<std::string> row = {cell(s, "site"),      cell(s, "role"),
                                    cell(s, "gpus"),      cell(s, "gpu_model"),
                                    cell(s, "cpu_cores"), cell(s, "storage_tb")};
    if (with_latency)
      row.insert(row.end(), {cell(s, "rtt_us"), cell(s, "power_price_usd_mwh"), cell(s, "pue")});
    t.add(std::move(row));
  }
  return t.render();
}

// Lightpaths of one service over the same route and mode (a link of n × 400G) share one row:
// "×8" lightpaths, and the range of their N.
std::string lightpaths_table(const json& lightpaths) {
  Table t({"service", "purpose", "role", "route", "km", "one-way µs", "mode", "count", "n", "m"},
          {false, false, false, false, true, true, false, true, true, true});
  for (std::size_t i = 0; i < lightpaths.size();) {
    const json& lp = lightpaths[i];
    auto same = [&](const json& other) {
      for (const char* k : {"service", "role", "route", "mode", "m"})
        if (other.value(k, json()) != lp.value(k, json())) return false;
      return true;
    };
    std::size_t j = i + 1;
    while (j < lightpaths.size() && same(lightpaths[j])) ++j;
    std::string n = cell(lp, "n");
    if (j - i > 1 && n != cell(lightpaths[j - 1], "n")) n += "…" + cell(lightpaths[j - 1], "n");
    t.add({cell(lp, "service"), cell(lp, "purpose"), cell(lp, "role"), route_text(lp),
           cell(lp, "length_km"), cell(lp, "one_way_us"), cell(lp, "mode"),
           "×" + std::to_string(j - i), n, cell(lp, "m")});
    i = j;
  }
  return t.render();
}

// Scalars first, one per line; with `all`, lists and objects too as compact JSON.
std::string key_values(const json& object, bool all) {
  std::string out;
  for (const auto& [k, v] : object.items()) {
    if (v.is_structured() && !all) continue;
    std::string text = v.is_string()         ? v.get<std::string>()
                       : v.is_number_float() ? fmt::format("{:.6g}", v.get<double>())
                                             : v.dump();
    out += fmt::format("  {}: {}\n", k, text);
  }
  return out;
}

std::string alternatives_table(const json& alternatives) {
  Table t({"sites", "USD/h", "why it lost"}, {false, true, false});
  for (const json& a : alternatives) {
    std::string sites;
    for (const json& s : a.value("sites", json::array())) {
      if (!sites.empty()) sites += ", ";
      sites += cell(s, "site");
      if (s.contains("gpus")) sites += fmt::format(" ×{}", s["gpus"].get<std::uint32_t>());
    }
    t.add({sites, cell(a, "cost_usd_h"), cell(a, "why")});
  }
  return t.render();
}

}  // namespace

std::string answer_table(const json& a, const std::string& title, bool explain) {
  if (a.contains("refused")) {
    const json& r = a["refused"];
    return fmt::format("{}: refused\n  reason: {}\n  rule: {}\n  detail: {}\n", title,
                       cell(r, "reason"), cell(r, "rule"), cell(r, "detail"));
  }
  const json none = json::array();
  const json& sites = a.contains("placement") ? a["placement"].value("sites", none) : none;
  const json& lightpaths = a.contains("lightpaths") ? a["lightpaths"] : none;
  const json& alternatives = a.contains("alternatives") ? a["alternatives"] : none;
  std::string out = title + "\n\nSites\n" + sites_table(sites, a.value("kind", "") == "sites");
  if (!lightpaths.empty()) out += "\nLightpaths\n" + lightpaths_table(lightpaths);
  if (a.contains("prediction")) out += "\nPrediction\n" + key_values(a["prediction"], explain);
  if (a.contains("audit")) out += "\nAudit\n" + key_values(a["audit"], true);
  if (a.value("cost_usd_h", 0.0) > 0)
    out += fmt::format("\nCost: {} USD per hour of energy\n", cell(a, "cost_usd_h"));
  if (explain && !alternatives.empty())
    out += "\nAlternatives that lost\n" + alternatives_table(alternatives);
  else if (!explain && !alternatives.empty())
    out += fmt::format("({} alternatives considered; --explain shows them and why they lost)\n",
                       alternatives.size());
  return out;
}

std::string place_table(const fabric::Fabric& fabric, const WorkloadSpec& spec,
                        const workloads::Placed& placed, bool explain) {
  const Network& net = fabric.network();
  const std::string title = fmt::format("{} workload on {}", workload_kind_name(spec.kind()),
                                        net.name().empty() ? net.file() : net.name());
  return answer_table(placed.answer, placed.answer.contains("refused") ? title : title + ": placed",
                      explain);
}

}  // namespace lightmesh::cli
