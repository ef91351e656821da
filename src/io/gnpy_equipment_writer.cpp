// Equipment → GNPy's eqpt_config.json. The member names mirror io/gnpy_equipment.cpp's reader.
#include "io/gnpy_equipment_writer.h"

#include <nlohmann/json.hpp>

namespace lightmesh::io {

namespace {

using OJson = nlohmann::ordered_json;  // GNPy's member order, for a reader of the file

OJson edfa_json(const EdfaType& t) {
  OJson j = OJson::object();
  j["type_variety"] = t.type_variety;
  j["type_def"] = edfa_kind_name(t.kind);
  if (t.kind == EdfaKind::kDualStage) {
    j["preamp_variety"] = t.preamp_variety;
    j["booster_variety"] = t.booster_variety;
  }
  if (t.kind == EdfaKind::kMultiBand) j["amplifiers"] = t.amplifiers;
  if (t.gain_flatmax_db) j["gain_flatmax"] = *t.gain_flatmax_db;
  if (t.kind != EdfaKind::kMultiBand) j["gain_min"] = t.gain_min_db;
  if (t.p_max_dbm) j["p_max"] = *t.p_max_dbm;
  if (t.nf_min_db) j["nf_min"] = *t.nf_min_db;
  if (t.nf_max_db) j["nf_max"] = *t.nf_max_db;
  if (t.nf0_db) j["nf0"] = *t.nf0_db;
  if (!t.nf_coef.empty()) j["nf_coef"] = t.nf_coef;
  if (!t.advanced_config_from_json.empty())
    j["advanced_config_from_json"] = t.advanced_config_from_json;
  if (!t.default_config_from_json.empty())
    j["default_config_from_json"] = t.default_config_from_json;
  // The band in force, stated on the entry: GNPy takes it over its configuration's band.
  if (t.config.f_max_hz > t.config.f_min_hz) {
    j["f_min"] = t.config.f_min_hz;
    j["f_max"] = t.config.f_max_hz;
  }
  if (t.raman) j["raman"] = true;
  j["out_voa_auto"] = t.out_voa_auto;
  j["allowed_for_design"] = t.allowed_for_design;
  if (t.pmd_s != 0) j["pmd"] = t.pmd_s;
  if (t.pdl_db != 0) j["pdl"] = t.pdl_db;
  return j;
}

OJson fiber_json(const FiberVariety& f) {
  OJson j = OJson::object();
  j["type_variety"] = f.type_variety;
  j["dispersion"] = f.dispersion_s_per_m2;
  if (f.dispersion_slope_s_per_m3) j["dispersion_slope"] = *f.dispersion_slope_s_per_m3;
  if (f.effective_area_m2) j["effective_area"] = *f.effective_area_m2;
  if (f.gamma_per_w_per_m) j["gamma"] = *f.gamma_per_w_per_m;
  j["pmd_coef"] = f.pmd_coef_s_per_sqrt_m;
  return j;
}

OJson span_json(const SpanDefaults& s) {
  OJson j = OJson::object();
  j["power_mode"] = s.power_mode;
  j["delta_power_range_db"] = s.delta_power_range_db;
  if (s.max_fiber_lineic_loss_for_raman_db_per_km)
    j["max_fiber_lineic_loss_for_raman"] = *s.max_fiber_lineic_loss_for_raman_db_per_km;
  j["target_extended_gain"] = s.target_extended_gain_db;
  j["max_length"] = s.max_length_km;
  j["length_units"] = "km";
  j["max_loss"] = s.max_loss_db;
  j["padding"] = s.padding_db;
  j["EOL"] = s.eol_db;
  j["con_in"] = s.con_in_db;
  j["con_out"] = s.con_out_db;
  return j;
}

const char* path_key(RoadmPathKind kind) {
  switch (kind) {
    case RoadmPathKind::kAdd:
      return "roadm-add-path";
    case RoadmPathKind::kDrop:
      return "roadm-drop-path";
    case RoadmPathKind::kExpress:
      break;
  }
  return "roadm-express-path";
}

OJson band_json(const RoadmImpairmentBand& b) {
  OJson j = OJson::object();
  j["frequency-range"] = {{"lower-frequency", b.lower_frequency_hz},
                          {"upper-frequency", b.upper_frequency_hz}};
  j["roadm-pmd"] = b.pmd_s;
  j["roadm-cd"] = b.cd_s_per_m;
  j["roadm-pdl"] = b.pdl_db;
  j["roadm-inband-crosstalk"] = b.inband_crosstalk_db;
  j["roadm-maxloss"] = b.maxloss_db;
  auto optional = [&](const char* key, const std::optional<double>& v) {
    if (v) j[key] = *v;
  };
  optional("roadm-minloss", b.minloss_db);
  optional("roadm-typloss", b.typloss_db);
  optional("roadm-pmin", b.pmin_dbm);
  optional("roadm-pmax", b.pmax_dbm);
  optional("roadm-ptyp", b.ptyp_dbm);
  optional("roadm-osnr", b.osnr_db);
  optional("roadm-noise-figure", b.noise_figure_db);
  return j;
}

OJson roadm_json(const RoadmType& r) {
  OJson j = OJson::object();
  // GNPy names the entry without a type_variety "default".
  if (r.type_variety != "default") j["type_variety"] = r.type_variety;
  switch (r.target_kind) {
    case RoadmTargetKind::kPowerPerChannelDbm:
      j["target_pch_out_db"] = r.target;
      break;
    case RoadmTargetKind::kPsdMwPerGhz:
      j["target_psd_out_mWperGHz"] = r.target;
      break;
    case RoadmTargetKind::kPowerMwPerSlotWidth:
      j["target_out_mWperSlotWidth"] = r.target;
      break;
  }
  j["add_drop_osnr"] = r.add_drop_osnr_db;
  j["pmd"] = r.pmd_s;
  j["pdl"] = r.pdl_db;
  j["restrictions"] = {{"preamp_variety_list", r.preamp_variety_list},
                       {"booster_variety_list", r.booster_variety_list}};
  if (!r.path_impairments.empty()) {
    OJson list = OJson::array();
    for (const RoadmPathImpairment& p : r.path_impairments) {
      OJson bands = OJson::array();
      for (const RoadmImpairmentBand& b : p.bands) bands.push_back(band_json(b));
      list.push_back({{"roadm-path-impairments-id", p.id}, {path_key(p.kind), bands}});
    }
    j["roadm-path-impairments"] = std::move(list);
  }
  return j;
}

OJson si_json(const SpectralInformation& si) {
  OJson j = OJson::object();
  if (si.type_variety != "default") j["type_variety"] = si.type_variety;
  j["f_min"] = si.f_min_hz;
  j["baud_rate"] = si.baud_rate_baud;
  j["f_max"] = si.f_max_hz;
  j["spacing"] = si.spacing_hz;
  j["power_dbm"] = si.power_dbm;
  j["power_range_db"] = si.power_range_db;
  if (si.tx_power_dbm) j["tx_power_dbm"] = *si.tx_power_dbm;
  j["roll_off"] = si.roll_off;
  j["tx_osnr"] = si.tx_osnr_db;
  j["sys_margins"] = si.sys_margins_db;
  return j;
}

OJson transceiver_json(const TransceiverType& t) {
  OJson modes = OJson::array();
  for (const TransceiverTypeMode& m : t.modes) {
    modes.push_back({{"format", m.format},
                     {"baud_rate", m.baud_rate_baud},
                     {"OSNR", m.required_osnr_db},
                     {"bit_rate", m.bit_rate_bps},
                     {"roll_off", m.roll_off},
                     {"tx_osnr", m.tx_osnr_db},
                     {"min_spacing", m.min_spacing_hz},
                     {"cost", m.cost}});
    // Written only when set, as GNPy's own library leaves it out (default 0).
    if (m.equalization_offset_db != 0)
      modes.back()["equalization_offset_db"] = m.equalization_offset_db;
  }
  return {{"type_variety", t.type_variety},
          {"frequency", {{"min", t.f_min_hz}, {"max", t.f_max_hz}}},
          {"mode", std::move(modes)}};
}

template <typename T, typename F>
OJson list_of(const std::vector<T>& items, F&& to_json) {
  OJson list = OJson::array();
  for (const T& item : items) list.push_back(to_json(item));
  return list;
}

}  // namespace

std::string write_gnpy_equipment(const Equipment& eq) {
  OJson root = OJson::object();
  root["Edfa"] = list_of(eq.edfas, edfa_json);
  root["Fiber"] = list_of(eq.fibers, fiber_json);
  if (!eq.raman_fibers.empty()) root["RamanFiber"] = list_of(eq.raman_fibers, fiber_json);
  root["Span"] = OJson::array({span_json(eq.span)});
  root["Roadm"] = list_of(eq.roadms, roadm_json);
  root["SI"] = list_of(eq.spectral_information, si_json);
  root["Transceiver"] = list_of(eq.transceivers, transceiver_json);
  return root.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n";
}

}  // namespace lightmesh::io
