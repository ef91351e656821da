// An erbium-doped fibre amplifier acting on the channels, as GNPy v2.12's Edfa computes it:
//   - the operating point: gain target, tilt target, input and output VOAs;
//   - the gain, capped so the total output stays within p_max (GNPy's "effective gain");
//   - the gain profile over frequency: GNPy's dynamic-gain-tilt (DGT) model, which bends the flat
//     gain by the configuration's gain ripple and by the DGT curve scaled to the tilt target;
//   - the noise figure, averaged over the band by the type's model plus the configuration's NF
//     ripple per channel: variable gain (two coils), fixed gain, advanced (polynomial in the gain
//     shortfall), OpenROADM in-line (OSNR against input power), OpenROADM preamp and booster
//     masks, and dual stage (a preamp stage then a booster stage);
//   - the ASE it adds, NF·h·f·B per channel at the input, and its PMD and PDL.
// docs/physics.md gives the equations.
//
//   LM_ASSIGN_OR_RETURN(EdfaParams p, edfa_params(*equipment.find_edfa("std_low_gain"),
//   equipment)); LM_ASSIGN_OR_RETURN(Edfa amp, Edfa::create(std::move(p))); EdfaReport r =
//   amp.propagate(spectrum, {.gain_target_db = 15, .tilt_target_db = 0});
//
// An Edfa is immutable once created; propagate*() are const and safe on many threads at once, each
// on its own SpectralInfo.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "model/equipment.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {

// The amplifier models are the equipment library's (lightmesh::EdfaKind); multi-band amplifiers
// are not propagated here.
using lightmesh::EdfaKind;

struct EdfaParams {
  std::string type_variety;
  EdfaKind kind = EdfaKind::kVariableGain;
  double gain_flatmax_db = 26;
  double gain_min_db = 15;
  double p_max_dbm = 23;  // total output power limit
  double nf_min_db = 6;   // variable gain: noise figure at gain_flatmax
  double nf_max_db = 10;  // variable gain: noise figure at gain_min
  double nf0_db = 5.5;    // fixed gain: the noise figure
  double pmd_s = 0;
  double pdl_db = 0;
  std::vector<double> nf_fit_coeff;  // advanced model: NF(−Δg) polynomial, highest power first
  std::vector<double> nf_coef;       // OpenROADM in-line: OSNR(P_in) polynomial, highest first
  // Band, gain ripple, NF ripple and DGT over frequency. Empty curves are flat; a band of 0…0
  // accepts every channel.
  EdfaConfig config;
  // Dual stage: the two stages, each a single-stage amplifier.
  std::shared_ptr<const EdfaParams> preamp, booster;

  static EdfaParams variable_gain(std::string type_variety, double gain_min_db,
                                  double gain_flatmax_db, double p_max_dbm, double nf_min_db,
                                  double nf_max_db);
  static EdfaParams fixed_gain(std::string type_variety, double gain_min_db, double gain_flatmax_db,
                               double p_max_dbm, double nf0_db);
};

// The parameters of an equipment type. A dual-stage type takes its stages from `equipment`, its
// flat gain as the sum of theirs and its p_max from the booster when it gives none. Errors name
// the type and the field.
Result<EdfaParams> edfa_params(const EdfaType& type, const Equipment& equipment);

// The two-coil model behind a variable-gain amplifier: NF(G) = nf1 ⊕ nf2 / g1a with
// g1a = G − delta_p − max(gain_flatmax − G, 0), in linear units (GNPy's estimate_nf_model).
struct TwoCoilNfModel {
  double nf1_db = 0;
  double nf2_db = 0;
  double delta_p_db = 0;
};

// Solves nf_min = nf1 ⊕ nf2/g1a_max and nf_max = nf1 ⊕ nf2/g1a_min starting from delta_p = 5 dB,
// then keeps nf2 within [nf1 + 0.3, nf1 + 2] dB by re-deriving delta_p. Errors (naming the
// amplifier and the field) where the data sheet's figures admit no physical pair of coils.
Result<TwoCoilNfModel> derive_two_coil_model(const EdfaParams& p);

// The operating point (GNPy's "operational" block after design). Unset VOAs and tilt are 0.
struct EdfaSettings {
  double gain_target_db = 0;
  double tilt_target_db = 0;  // gain tilt across the amplifier's band, dB (negative: red higher)
  double out_voa_db = 0;
  double in_voa_db = 0;
};

// What the amplifier did, for reports (GNPy prints the same per element).
struct EdfaReport {
  double effective_gain_db = 0;  // the gain target after the output power cap
  double nf_db = 0;              // mean over channels of the NF in dB, input pad included
  double pad_db = 0;             // input pad below gain_min (GNPy's att_in), counted in the NF
  double pin_dbm = 0;            // total input power after the input VOA: signal + ASE + NLI
  double pout_dbm = 0;           // total output power before the output VOA
  double pch_out_dbm = 0;        // mean over channels of each channel's total output, dBm
  bool power_limited = false;
  std::size_t dropped_channels = 0;  // channels outside the amplifier's band, removed
};

class Edfa {
 public:
  static Result<Edfa> create(EdfaParams params);

  const EdfaParams& params() const { return p_; }
  const TwoCoilNfModel& nf_model() const { return model_; }

  // Band-average noise figure at a gain, input pad included. Below gain_min an input attenuator
  // pads the gain up to gain_min and adds its loss to the noise figure dB for dB, as GNPy assumes.
  // The OpenROADM models depend on the input power per 50 GHz instead (pin_per_50ghz_dbm).
  double noise_figure_db(double gain_db, double pin_per_50ghz_dbm = 0) const;

  // Whether a channel of this centre and slot width lies inside the amplifier's band.
  bool in_band(double frequency_hz, double slot_width_hz) const;

  // Everything the amplifier does, in GNPy's order: drop channels outside its band, input VOA,
  // effective gain (capped by p_max − total input power), noise figure and gain profile per
  // channel, ASE h·f·B·NF added at the input, gain minus output VOA, PMD and PDL.
  EdfaReport propagate(SpectralInfo& s, const EdfaSettings& settings) const;

  // propagate() with only a gain target.
  EdfaReport propagate_with_gain(SpectralInfo& s, double gain_db) const;

  // GNPy's power mode: the gain that brings the reference channel from `reference_pch_in_dbm` to
  // `target_pch_out_dbm`, then as propagate_with_gain.
  EdfaReport propagate_to_power(SpectralInfo& s, double target_pch_out_dbm,
                                double reference_pch_in_dbm) const;

  // GNPy's gain profile (dB per channel) for channels at `frequency_hz` whose input powers (total,
  // W) are `pin_w`, at an effective gain and tilt target: flat when the configuration has no DGT
  // curve; otherwise the gain ripple plus the DGT curve scaled to the tilt, leveled by an internal
  // VOA so that the total output power matches the effective gain (di Muro, JLT 2000).
  std::vector<double> gain_profile_db(std::span<const double> frequency_hz,
                                      std::span<const double> pin_w, double effective_gain_db,
                                      double tilt_target_db) const;

  // The configuration's NF ripple at each frequency (dB), interpolated linearly, flat outside.
  std::vector<double> nf_ripple_db(std::span<const double> frequency_hz) const;

 private:
  Edfa(EdfaParams p, TwoCoilNfModel m, TwoCoilNfModel pre, TwoCoilNfModel boost)
      : p_(std::move(p)), model_(m), preamp_model_(pre), booster_model_(boost) {}
  EdfaParams p_;
  TwoCoilNfModel model_;
  TwoCoilNfModel preamp_model_, booster_model_;  // dual stage only
};

// Samples `curve` (spread evenly from f_min to f_max, GNPy's arrange_frequencies) at `f`,
// linearly, holding the end values outside the band (numpy.interp). A one-value curve is flat.
double interpolate_curve(std::span<const double> curve, double f_min_hz, double f_max_hz, double f);

}  // namespace lightmesh::physics
