#include "sim/study_json.h"

#include <cmath>

#include "sim/policy.h"

namespace lightmesh::sim {

nlohmann::ordered_json estimate_json(const Estimate& e) {
  return {{"mean", e.mean}, {"ci95", e.ci95}};
}

namespace {

nlohmann::ordered_json optional_estimate_json(const std::optional<Estimate>& e) {
  return e ? estimate_json(*e) : nlohmann::ordered_json();
}

nlohmann::ordered_json failures_config_json(const FailureModel& m) {
  return {{"mtbf_hours_per_1000km",
           m.mtbf_hours > 0 ? nlohmann::ordered_json(m.mtbf_hours) : nlohmann::ordered_json()},
          {"mttr_hours",
           m.mtbf_hours > 0 ? nlohmann::ordered_json(m.mttr_hours) : nlohmann::ordered_json()},
          {"file", m.script_file.empty() ? nlohmann::ordered_json()
                                         : nlohmann::ordered_json(m.script_file)},
          {"scripted_cuts", m.script.size()},
          {"time_unit_hours", m.time_unit_hours},
          {"protection", m.protection.describe()}};
}

// The shared-risk groups and the sites' rates of a failures file: added members only.
void add_failure_groups(const FailureModel& m, const Network& net, nlohmann::ordered_json& out) {
  auto rate = [](double v) { return v > 0 ? nlohmann::ordered_json(v) : nlohmann::ordered_json(); };
  nlohmann::ordered_json srgs = nlohmann::ordered_json::array();
  const FailureGroup* site = nullptr;
  for (const FailureGroup& g : m.groups) {
    if (g.kind == GroupKind::kSite) {
      if (!site) site = &g;
      continue;
    }
    nlohmann::ordered_json fibers = nlohmann::ordered_json::array();
    for (std::uint32_t f : g.fibers) fibers.push_back(net.fiber(f).id);
    srgs.push_back({{"id", g.id},
                    {"fibers", fibers},
                    {"mtbf_hours", rate(g.mtbf_hours)},
                    {"mttr_hours", g.mtbf_hours > 0 ? nlohmann::ordered_json(g.mttr_hours)
                                                    : nlohmann::ordered_json()}});
  }
  out["shared_risk_groups"] = srgs;
  out["sites"] = m.random_sites && site ? nlohmann::ordered_json{{"mtbf_hours", site->mtbf_hours},
                                                                 {"mttr_hours", site->mttr_hours}}
                                        : nlohmann::ordered_json();
}

// Availability by the protection classes of the mix, and the restoration figures.
void add_failure_points(const FailureModel& m, const PointResult& p,
                        nlohmann::ordered_json& point) {
  nlohmann::ordered_json availability = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < kProtectionClasses; ++k) {
    const auto cls = static_cast<Protection>(k);
    if (m.protection.share(cls) > 0)
      availability[protection_name(cls)] = optional_estimate_json(p.availability[k]);
  }
  point["availability"] = availability;
  point["restoration"] = {{"attempts", estimate_json(p.restore_attempts)},
                          {"success_ratio", optional_estimate_json(p.restore_success_ratio)},
                          {"added_latency_us", optional_estimate_json(p.restore_added_latency_us)}};
}

}  // namespace

nlohmann::ordered_json bitrate_class_json(const BitrateClass& k) {
  return k.single() ? nlohmann::ordered_json{{"gbps", k.gbps_min}}
                    : nlohmann::ordered_json{{"gbps_min", k.gbps_min}, {"gbps_max", k.gbps_max}};
}

nlohmann::ordered_json by_bitrate_json(const BitrateClasses& classes, const PointResult& p) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < p.by_bitrate.size() && c < classes.classes.size(); ++c) {
    nlohmann::ordered_json e = bitrate_class_json(classes.classes[c]);
    e["requests"] = p.by_bitrate[c].requests;
    e["service_blocking"] = optional_estimate_json(p.by_bitrate[c].service_blocking);
    e["bandwidth_blocking"] = optional_estimate_json(p.by_bitrate[c].bandwidth_blocking);
    out.push_back(std::move(e));
  }
  return out;
}

nlohmann::ordered_json failure_figures_json(const FailureModel& m, const PointResult& p) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  add_failure_points(m, p, out);
  return out;
}

std::string path_order_name(const StudySpec& s) { return s.paths.empty() ? s.path_order : "given"; }

nlohmann::ordered_json study_json(const PreparedStudy& study, const SimulationResult& result,
                                  std::optional<double> requests_per_second) {
  const StudySpec& s = study.spec;
  nlohmann::ordered_json config = {
      {"network", s.network},
      {"sites", study.table.site_count()},
      {"links", study.table.link_count()},
      {"directed", s.directed},
      {"candidate_paths", study.table.path_count()},
      {"policy", policy_name(study.run.policy)},
      {"k", s.k},
      {"path_order", path_order_name(s)},
      {"paths",
       s.paths.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.paths)},
      {"modulations", study.modulations_name},
      {"slots", study.slots},
      {"slot_ghz", s.slot_ghz},
      {"guard", s.guard},
      {"bitrate_gbps",
       {{"min", study.traffic.rates_gbps.front()}, {"max", study.traffic.rates_gbps.back()}}},
      {"bitrate_dist", s.bitrate_dist.empty() ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(s.bitrate_dist)},
      {"holding_mean", s.holding_mean},
      {"truncate_holding", s.truncate_holding},
      {"traffic",
       s.traffic.empty() ? nlohmann::ordered_json("uniform") : nlohmann::ordered_json(s.traffic)},
      {"seed", s.seed},
      {"random_streams", "xoshiro256** seeded by splitmix64; replication r uses stream r"},
  };
  if (!study.edit.empty()) {
    nlohmann::ordered_json added = nlohmann::ordered_json::array();
    for (const auto& f : study.edit.add) added.push_back({{"a", f.a}, {"b", f.b}, {"km", f.km}});
    config["what_if"] = {{"add_fibers", added}, {"remove_fibers", study.edit.remove}};
  }
  if (study.twin)
    config["from_db"] = {{"store", s.from_db},
                         {"services", study.twin->services},
                         {"cut_fibers", study.twin->cut_fibers},
                         {"booked_link_slots", study.twin->link_slots}};
  if (study.run.failures) {
    config["failures"] = failures_config_json(*study.run.failures);
    add_failure_groups(*study.run.failures, study.network.network, config["failures"]);
  }
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  const BitrateClasses classes = bitrate_classes(study.traffic.rates_gbps);
  for (const PointResult& p : result.points) {
    points.push_back({{"load", p.load},
                      {"requests", p.requests},
                      {"warmup", p.warmup},
                      {"replications", p.replications},
                      {"service_blocking", estimate_json(p.service_blocking)},
                      {"bandwidth_blocking", estimate_json(p.bandwidth_blocking)},
                      {"utilisation", estimate_json(p.utilisation)},
                      {"fragmentation", estimate_json(p.fragmentation)},
                      {"by_bitrate", by_bitrate_json(classes, p)}});
    if (study.run.failures && p.failures) add_failure_points(*study.run.failures, p, points.back());
  }
  nlohmann::ordered_json out = {{"config", config}, {"points", points}};
  if (s.check_slots) out["slot_conflicts"] = result.slot_conflicts;
  out["requests_per_second"] = requests_per_second
                                   ? nlohmann::ordered_json(std::round(*requests_per_second))
                                   : nlohmann::ordered_json();
  return out;
}

}  // namespace lightmesh::sim
