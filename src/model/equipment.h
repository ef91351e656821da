// The equipment library of the physical layer: amplifier, fibre, span, ROADM, reference-channel
// and transceiver types, as GNPy's eqpt_config.json describes them. Plain data; no parsing here
// (io/gnpy_equipment.h reads it).
//
//   LM_ASSIGN_OR_RETURN(Equipment eq, io::read_gnpy_equipment("eqpt_config.json"));
//   const EdfaType* amp = eq.find_edfa("std_medium_gain");
//   double nf_db = amp->nf_max_db.value_or(0);
//
// Units are GNPy's (its docs/json.rst, "Equipment description"), written into each name: Hz,
// baud, bit/s, dB, dBm, s/m² for dispersion, m² for the effective area, s/√m for the PMD
// coefficient. Values are immutable once read and safe to share between threads.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace lightmesh {

// An amplifier's gain and noise-figure shape over frequency (GNPy's "advanced" and "default"
// configuration files). Each list is sampled evenly from f_min_hz to f_max_hz, so lists of
// different lengths are each spread over the same band; a list of one value is flat.
struct EdfaConfig {
  double f_min_hz = 0;
  double f_max_hz = 0;
  std::vector<double> nf_ripple_db;    // added to the noise figure per frequency
  std::vector<double> gain_ripple_db;  // added to the gain per frequency
  std::vector<double> dgt;             // dynamic gain tilt, relative dB per dB of gain change
  std::vector<double> nf_fit_coeff;    // advanced_model: NF(gain) polynomial, highest power first
  std::string source;                  // the file it came from, or "" for the flat default
};

enum class EdfaKind {
  kVariableGain,      // NF from nf_min / nf_max
  kFixedGain,         // NF is nf0
  kAdvancedModel,     // NF from nf_fit_coeff in the advanced configuration
  kOpenroadm,         // OpenROADM in-line amplifier: NF from nf_coef against the input power
  kOpenroadmPreamp,   // OpenROADM preamplifier mask
  kOpenroadmBooster,  // OpenROADM booster mask
  kDualStage,         // a preamp stage and a booster stage, each another type of this library
  kMultiBand,         // one amplifier per band, each another type of this library
};

// GNPy's name of a type_def: "variable_gain", "fixed_gain" …
const char* edfa_kind_name(EdfaKind kind);

struct EdfaType {
  std::string type_variety;
  EdfaKind kind = EdfaKind::kVariableGain;
  // Gain and power range. A dual-stage type may omit gain_flatmax and p_max (its stages bound it).
  std::optional<double> gain_flatmax_db;
  double gain_min_db = 0;
  std::optional<double> p_max_dbm;
  std::optional<double> nf_min_db, nf_max_db;   // variable_gain
  std::optional<double> nf0_db;                 // fixed_gain
  std::vector<double> nf_coef;                  // openroadm: NF polynomial, highest power first
  std::string preamp_variety, booster_variety;  // dual_stage
  std::vector<std::string> amplifiers;          // multi_band
  bool raman = false;
  bool out_voa_auto = false;
  bool allowed_for_design = false;
  double pmd_s = 0;
  double pdl_db = 0;
  // The files named in the library ("" when not named) and the configuration in force: the
  // advanced file, else the default_config file, else GNPy's built-in default (read from
  // gnpy_default_edfa_config.json beside the library when present, otherwise flat).
  std::string advanced_config_from_json;
  std::string default_config_from_json;
  EdfaConfig config;
};

struct FiberVariety {
  std::string type_variety;
  double dispersion_s_per_m2 = 0;                   // 1.67e-05 s/m² = 16.7 ps/(nm·km)
  std::optional<double> dispersion_slope_s_per_m3;  // 5.8e+01 s/m³ ≈ 0.058 ps/(nm²·km)
  // At least one of the two is given; the physics derives the other (γ = 2π·n₂ / (λ·A_eff)).
  std::optional<double> effective_area_m2;  // 83e-12 m² = 83 µm²
  std::optional<double> gamma_per_w_per_m;
  double pmd_coef_s_per_sqrt_m = 0;  // 1.265e-15 s/√m ≈ 0.04 ps/√km
  bool raman = false;                // listed under "RamanFiber"
};

// How auto-design treats spans.
struct SpanDefaults {
  bool power_mode = true;  // true: set powers per span; false: set gains
  std::array<double, 3> delta_power_range_db{0, 0, 0.5};  // min, max, step
  std::optional<double> max_fiber_lineic_loss_for_raman_db_per_km;
  double target_extended_gain_db = 2.5;
  double max_length_km = 150;  // converted from length_units
  double max_loss_db = 28;
  double padding_db = 10;
  double eol_db = 0;
  double con_in_db = 0;
  double con_out_db = 0;
};

// One frequency band of a ROADM's path impairments (OpenROADM-style detailed impairments).
struct RoadmImpairmentBand {
  double lower_frequency_hz = 0;
  double upper_frequency_hz = 0;
  double pmd_s = 0;
  double cd_s_per_m = 0;
  double pdl_db = 0;
  double inband_crosstalk_db = 0;
  double maxloss_db = 0;
  std::optional<double> minloss_db, typloss_db;
  std::optional<double> pmin_dbm, pmax_dbm, ptyp_dbm;
  std::optional<double> osnr_db, noise_figure_db;
};

enum class RoadmPathKind { kExpress, kAdd, kDrop };

struct RoadmPathImpairment {
  int id = 0;
  RoadmPathKind kind = RoadmPathKind::kExpress;
  std::vector<RoadmImpairmentBand> bands;
};

// The per-channel output target: exactly one of three forms is given.
enum class RoadmTargetKind { kPowerPerChannelDbm, kPsdMwPerGhz, kPowerMwPerSlotWidth };

struct RoadmType {
  std::string type_variety = "default";  // the entry without a type_variety is "default"
  RoadmTargetKind target_kind = RoadmTargetKind::kPowerPerChannelDbm;
  double target =
      0;  // target_pch_out_db (dBm), target_psd_out_mWperGHz or target_out_mWperSlotWidth
  double add_drop_osnr_db = 0;
  double pmd_s = 0;
  double pdl_db = 0;
  std::vector<std::string> preamp_variety_list;  // restrictions: amplifiers auto-design may use
  std::vector<std::string> booster_variety_list;
  std::vector<RoadmPathImpairment> path_impairments;
};

// The reference channel (GNPy's "SI", spectral information) used for design.
struct SpectralInformation {
  std::string type_variety = "default";
  double f_min_hz = 0, f_max_hz = 0;
  double baud_rate_baud = 0;
  double spacing_hz = 0;
  double power_dbm = 0;
  std::array<double, 3> power_range_db{0, 0, 0.5};  // min, max, step
  std::optional<double> tx_power_dbm;
  double roll_off = 0;
  double tx_osnr_db = 0;
  double sys_margins_db = 0;
};

struct TransceiverTypeMode {
  std::string format;
  double baud_rate_baud = 0;
  double required_osnr_db = 0;  // "OSNR"
  double bit_rate_bps = 0;
  double roll_off = 0;
  double tx_osnr_db = 0;
  double min_spacing_hz = 0;
  double cost = 1;
  // The mode's channels are equalised this far from every ROADM target (GNPy's
  // equalization_offset_db), so they run this much above the reference power in every span.
  double equalization_offset_db = 0;
};

struct TransceiverType {
  std::string type_variety;
  double f_min_hz = 0, f_max_hz = 0;  // "frequency": {"min", "max"}
  std::vector<TransceiverTypeMode> modes;
};

struct Equipment {
  std::vector<EdfaType> edfas;
  std::vector<FiberVariety> fibers;
  std::vector<FiberVariety> raman_fibers;
  SpanDefaults span;
  std::vector<RoadmType> roadms;
  std::vector<SpectralInformation> spectral_information;
  std::vector<TransceiverType> transceivers;

  const EdfaType* find_edfa(const std::string& type_variety) const;
  const FiberVariety* find_fiber(const std::string& type_variety) const;
  const RoadmType* find_roadm(const std::string& type_variety) const;
  const TransceiverType* find_transceiver(const std::string& type_variety) const;
  // The "default" SI entry (or the first one when none is so named).
  const SpectralInformation& reference_channel() const;
};

}  // namespace lightmesh
