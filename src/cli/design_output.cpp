#include "cli/design_output.h"

#include <fmt/format.h>

#include "cli/table.h"

namespace lightmesh::cli {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::string target_text(const physics::RoadmSummary& r) {
  if (r.target_pch_out_dbm) return fmt::format("{:g} dBm per channel", *r.target_pch_out_dbm);
  return fmt::format("{:g} mW/GHz", r.target_psd_out_mw_per_ghz.value_or(0));
}

std::string choice_text(const std::vector<std::string>& varieties) {
  return varieties.empty() ? "chosen by auto-design" : joined(varieties);
}

}  // namespace

std::string design_text(const Network& net, const physics::DesignSummary& d) {
  std::string out;
  out += fmt::format("equipment: {}; amplifier types {}; in-line from {}\n",
                     d.library.empty() ? "GNPy v2.12 example library" : d.library,
                     joined(d.edfa_varieties), joined(d.inline_varieties));
  std::string per_mode;
  for (const auto& [name, dbm] : d.mode_launch_power_dbm)
    per_mode += fmt::format("{}{} {:g} dBm", per_mode.empty() ? "; " : ", ", name, dbm);
  out += fmt::format("launch: {:g} dBm per channel into every span, {} reference channels{}\n",
                     d.launch_power_dbm, d.reference_channels, per_mode);
  out += fmt::format(
      "ROADM: target {}, add/drop OSNR {:g} dB, PMD {:g} ps, PDL {:g} dB; booster {}; preamp {}\n",
      target_text(d.roadm), d.roadm.add_drop_osnr_db, d.roadm.pmd_ps, d.roadm.pdl_db,
      choice_text(d.roadm.booster_varieties), choice_text(d.roadm.preamp_varieties));
  Table t({"fibre", "direction", "spans", "amplifier", "type", "gain dB", "NF dB"},
          {false, false, true, false, false, true, true});
  for (const physics::DirectionSummary& dir : d.directions) {
    bool first = true;
    for (const physics::AmplifierSummary& a : dir.amplifiers) {
      t.add({first ? net.fiber(dir.fiber).id : "",
             first ? net.node(dir.from).id + " → " + net.node(dir.to).id : "",
             first ? std::to_string(dir.spans) : "", physics::amplifier_role_name(a.role),
             a.type_variety, fmt::format("{:.2f}", a.gain_db), fmt::format("{:.2f}", a.nf_db)});
      first = false;
    }
  }
  out += t.render();
  return out;
}

nlohmann::ordered_json design_json(const Network& net, const physics::DesignSummary& d) {
  using J = nlohmann::ordered_json;
  J roadm = J::object();
  if (d.roadm.target_pch_out_dbm) roadm["target_pch_out_dbm"] = *d.roadm.target_pch_out_dbm;
  if (d.roadm.target_psd_out_mw_per_ghz)
    roadm["target_psd_out_mw_per_ghz"] = *d.roadm.target_psd_out_mw_per_ghz;
  roadm["add_drop_osnr_db"] = d.roadm.add_drop_osnr_db;
  roadm["pmd_ps"] = d.roadm.pmd_ps;
  roadm["pdl_db"] = d.roadm.pdl_db;
  roadm["booster_varieties"] = d.roadm.booster_varieties;
  roadm["preamp_varieties"] = d.roadm.preamp_varieties;
  J dirs = J::array();
  for (const physics::DirectionSummary& dir : d.directions) {
    J amps = J::array();
    for (const physics::AmplifierSummary& a : dir.amplifiers) {
      amps.push_back({{"role", physics::amplifier_role_name(a.role)},
                      {"uid", a.uid},
                      {"type_variety", a.type_variety},
                      {"gain_db", a.gain_db},
                      {"nf_db", a.nf_db},
                      {"delta_p_db", a.delta_p_db}});
    }
    dirs.push_back({{"fiber", net.fiber(dir.fiber).id},
                    {"from", net.node(dir.from).id},
                    {"to", net.node(dir.to).id},
                    {"spans", dir.spans},
                    {"amplifiers", std::move(amps)}});
  }
  J j = J::object();
  j["equipment"] = d.library.empty() ? J(nullptr) : J(d.library);
  j["amplifier_varieties"] = d.edfa_varieties;
  j["inline_varieties"] = d.inline_varieties;
  j["launch_power_dbm"] = d.launch_power_dbm;
  j["reference_channels"] = d.reference_channels;
  J per_mode = J::object();
  for (const auto& [name, dbm] : d.mode_launch_power_dbm) per_mode[name] = dbm;
  j["mode_launch_power_dbm"] = std::move(per_mode);
  j["roadm"] = std::move(roadm);
  j["fibers"] = std::move(dirs);
  return j;
}

}  // namespace lightmesh::cli
