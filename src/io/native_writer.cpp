#include "io/native_writer.h"

#include <cmath>

#include "io/json_doc.h"
#include "io/native_reader.h"

namespace lightmesh::io {

namespace {

// Insertion-ordered, so files read id first, as people write them.
using OJson = nlohmann::ordered_json;

// Six decimals keep lengths exact to the millimetre without float noise in the file. A positive
// value below half a millimetre is kept as it is: rounded to 0 it would no longer be a valid span.
double tidy(double v) {
  const double r = std::round(v * 1e6) / 1e6;
  return r == 0 && v != 0 ? v : r;
}

OJson position(OJson obj, const std::optional<LatLon>& p) {
  if (p) {
    obj["lat"] = tidy(p->lat);
    obj["lon"] = tidy(p->lon);
  }
  return obj;
}

OJson mode_json(const TransceiverMode& m) {
  OJson j = {{"name", m.name},
             {"bit_rate_gbps", m.bit_rate.value()},
             {"width_ghz", m.channel_width.value()},
             {"reach_km", m.reach.value()}};
  if (m.reach.value() <= 0) j.erase("reach_km");  // a mode judged by GSNR alone
  if (m.baud_rate.value() > 0) j["baud_gbd"] = m.baud_rate.value();
  if (m.required_osnr) j["required_osnr_db"] = m.required_osnr->value();
  if (m.tx_osnr.value() != 40) j["tx_osnr_db"] = m.tx_osnr.value();
  if (m.roll_off != 0.15) j["roll_off"] = m.roll_off;
  if (!m.modulation.empty()) j["modulation"] = m.modulation;
  if (m.dsp_fec_latency) j["dsp_fec_us"] = m.dsp_fec_latency->value();
  if (!m.source.empty()) j["source"] = m.source;
  return j;
}

OJson catalogue_json(const std::vector<TransceiverMode>& modes) {
  OJson list = OJson::array();
  for (const auto& m : modes) {
    if (list.empty() || list.back()["id"] != m.transceiver)
      list.push_back({{"id", m.transceiver}, {"modes", OJson::array()}});
    list.back()["modes"].push_back(mode_json(m));
  }
  return list;
}

// Only what differs from the defaults, so a file that never stated physics gains none.
OJson physics_json(const LinePhysics& p) {
  const LinePhysics d;
  OJson j = OJson::object();
  if (p.loss_db_per_km != d.loss_db_per_km) j["loss_db_per_km"] = p.loss_db_per_km;
  if (p.dispersion_ps_nm_km != d.dispersion_ps_nm_km)
    j["dispersion_ps_nm_km"] = p.dispersion_ps_nm_km;
  if (p.effective_area_um2 != d.effective_area_um2) j["effective_area_um2"] = p.effective_area_um2;
  if (p.connector_loss_db != d.connector_loss_db) j["connector_loss_db"] = p.connector_loss_db;
  if (p.max_span != d.max_span) j["max_span_km"] = p.max_span.value();
  if (p.launch_power_dbm) j["launch_power_dbm"] = *p.launch_power_dbm;
  if (p.amplifier_nf_db) j["amplifier_nf_db"] = *p.amplifier_nf_db;
  if (p.roadm_add_drop_osnr_db) j["roadm_add_drop_osnr_db"] = *p.roadm_add_drop_osnr_db;
  const RoadmEquipment& r = p.roadm;
  OJson roadm = OJson::object();
  if (r.target_pch_out_dbm) roadm["target_pch_out_dbm"] = *r.target_pch_out_dbm;
  if (r.target_psd_out_mw_per_ghz)
    roadm["target_psd_out_mw_per_ghz"] = *r.target_psd_out_mw_per_ghz;
  if (r.booster) roadm["booster"] = *r.booster;
  if (r.booster_nf_db) roadm["booster_nf_db"] = *r.booster_nf_db;
  if (r.preamp) roadm["preamp"] = *r.preamp;
  if (r.preamp_nf_db) roadm["preamp_nf_db"] = *r.preamp_nf_db;
  if (r.pmd_ps) roadm["pmd_ps"] = *r.pmd_ps;
  if (r.pdl_db) roadm["pdl_db"] = *r.pdl_db;
  if (!roadm.empty()) j["roadm"] = std::move(roadm);
  if (!p.mode_launch_power_dbm.empty()) {
    OJson per_mode = OJson::object();
    for (const auto& [name, dbm] : p.mode_launch_power_dbm) per_mode[name] = dbm;
    j["mode_launch_power_dbm"] = std::move(per_mode);
  }
  if (!p.inline_amplifiers.empty()) j["amplifiers"] = p.inline_amplifiers;
  if (!p.equipment_file.empty()) j["equipment"] = p.equipment_file;
  return j;
}

}  // namespace

std::string write_native_json(const Network& net) {
  OJson root = OJson::object();
  if (!net.name().empty()) root["name"] = net.name();
  if (net.default_route_factor()) root["route_factor"] = *net.default_route_factor();
  if (net.band_first_thz() != 191.325 || net.band_last_thz() != 196.125) {
    root["spectrum"] = {{"first_thz", net.band_first_thz()}, {"last_thz", net.band_last_thz()}};
  }
  const ElementLatency defaults;
  const ElementLatency& l = net.latency();
  if (l.transceiver_pair != defaults.transceiver_pair || l.roadm != defaults.roadm ||
      l.gateway != defaults.gateway || l.amplifier != defaults.amplifier) {
    root["latency"] = {{"transceiver_pair_us", l.transceiver_pair.value()},
                       {"roadm_us", l.roadm.value()},
                       {"gateway_us", l.gateway.value()},
                       {"amplifier_us", l.amplifier.value()}};
  }
  if (OJson ph = physics_json(net.physics()); net.physics_stated() || !ph.empty()) {
    root["physics"] = std::move(ph);
  }
  OJson sites = OJson::array();
  for (const Site& s : net.sites()) {
    OJson j = position({{"id", s.id}}, s.position);
    if (s.name != s.id) j["name"] = s.name;
    j["kind"] = s.kind;
    if (!s.jurisdiction.empty()) j["jurisdiction"] = s.jurisdiction;
    if (s.transceiver_ports) j["transceiver_ports"] = s.transceiver_ports;
    if (s.power_price_usd_mwh) j["power_price_usd_mwh"] = *s.power_price_usd_mwh;
    if (s.pue) j["pue"] = *s.pue;
    if (s.compute) {
      OJson gpus = OJson::array();
      for (const auto& g : s.compute->gpus) {
        gpus.push_back({{"model", g.model},
                        {"count", g.count},
                        {"nvlink_domain", g.nvlink_domain},
                        {"hbm_gb", g.hbm_gb},
                        {"tflops_bf16", g.tflops_bf16},
                        {"confidential", g.confidential},
                        {"diskless", g.diskless}});
      }
      j["compute"] = {{"gpus", gpus},
                      {"cpu_cores", s.compute->cpu_cores},
                      {"storage_tb", s.compute->storage_tb},
                      {"storage_gbps", s.compute->storage_gbps}};
    }
    sites.push_back(std::move(j));
  }
  root["sites"] = std::move(sites);
  OJson nodes = OJson::array();
  for (const OpticalNode& n : net.nodes()) {
    if (n.site != kNoIndex) continue;
    OJson j = position({{"id", n.id}}, n.position);
    if (n.name != n.id) j["name"] = n.name;
    j["kind"] = node_kind_name(n.kind);
    if (n.latency_overridden) j["latency_us"] = n.latency.value();
    nodes.push_back(std::move(j));
  }
  if (!nodes.empty()) root["nodes"] = std::move(nodes);
  OJson fibers = OJson::array();
  for (const Fiber& f : net.fibers()) {
    OJson j = {{"id", f.id},
               {"a", net.node(f.a).id},
               {"b", net.node(f.b).id},
               {"length_km", tidy(f.length.value())}};
    if (f.length_from_coordinates)
      j["_length_from"] = "great-circle × route_factor " + OJson(f.route_factor).dump();
    if (f.type != FiberType::kSsmf) j["type"] = fiber_type_name(f.type);
    if (f.delay_overridden || f.type == FiberType::kCustom) j["us_per_km"] = f.delay.value();
    if (!f.spans.empty()) {
      OJson spans = OJson::array();
      for (const auto& s : f.spans) {
        OJson sj = {{"length_km", tidy(s.length.value())}};
        if (s.loss) sj["loss_db"] = s.loss->value();
        spans.push_back(std::move(sj));
      }
      j["spans"] = std::move(spans);
    }
    if (f.amplifiers_stated || f.amplifiers != (f.spans.empty() ? 0u : f.spans.size() - 1))
      j["amplifiers"] = f.amplifiers;
    if (f.loss_db_per_km) j["loss_db_per_km"] = *f.loss_db_per_km;
    if (f.amplifier_variety) j["amplifier_variety"] = *f.amplifier_variety;
    fibers.push_back(std::move(j));
  }
  root["fibers"] = std::move(fibers);
  const OJson mine = catalogue_json(net.catalogue().modes());
  if (mine != catalogue_json(builtin_modes())) root["transceivers"] = mine;
  return root.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n";
}

}  // namespace lightmesh::io
