// An erbium-doped fibre amplifier acting on the channels: a flat gain chosen by the design (or
// derived from a per-channel power target), capped so the total output stays within p_max, and
// the ASE it adds, from a noise figure that depends on the gain as in GNPy's equipment models:
//   - variable gain: two coils in cascade whose noise figures nf1, nf2 and power split delta_p are
//     derived from the data sheet's nf_min (at gain_flatmax) and nf_max (at gain_min);
//   - fixed gain: one noise figure nf0.
// Ripple, tilt, the advanced (polynomial) and the OpenROADM models are not modelled yet.
//
//   LM_ASSIGN_OR_RETURN(Edfa amp, Edfa::create(EdfaParams::variable_gain("std_low_gain", 8, 16,
//                                                                        23, 6.5, 11)));
//   EdfaReport r = amp.propagate_to_power(spectrum, /*target_pch_out_dbm=*/-2, /*ref in*/ -17);
//
// An Edfa is immutable once created; propagate*() are const and safe on many threads at once, each
// on its own SpectralInfo.
#pragma once

#include <string>
#include <utility>

#include "core/result.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {

enum class EdfaKind { kVariableGain, kFixedGain };

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

  static EdfaParams variable_gain(std::string type_variety, double gain_min_db,
                                  double gain_flatmax_db, double p_max_dbm, double nf_min_db,
                                  double nf_max_db);
  static EdfaParams fixed_gain(std::string type_variety, double gain_min_db, double gain_flatmax_db,
                               double p_max_dbm, double nf0_db);
};

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

// What the amplifier did, for reports (GNPy prints the same per element).
struct EdfaReport {
  double effective_gain_db = 0;  // after the output power cap
  double nf_db = 0;
  double pin_dbm = 0;   // total input power: signal + ASE + NLI
  double pout_dbm = 0;  // total output power
  bool power_limited = false;
};

class Edfa {
 public:
  static Result<Edfa> create(EdfaParams params);

  const EdfaParams& params() const { return p_; }
  const TwoCoilNfModel& nf_model() const { return model_; }

  // Noise figure at a gain. Below gain_min an input attenuator pads the gain up to gain_min and
  // adds its loss to the noise figure dB for dB, as GNPy assumes.
  double noise_figure_db(double gain_db) const;

  // Applies `gain_db` (capped by p_max − total input power) to signal, ASE and NLI, adding the
  // amplifier's ASE, h·f·B·NF per channel referred to the input.
  EdfaReport propagate_with_gain(SpectralInfo& s, double gain_db) const;

  // GNPy's power mode: the gain that brings the reference channel from `reference_pch_in_dbm` to
  // `target_pch_out_dbm`, then as propagate_with_gain.
  EdfaReport propagate_to_power(SpectralInfo& s, double target_pch_out_dbm,
                                double reference_pch_in_dbm) const;

 private:
  Edfa(EdfaParams p, TwoCoilNfModel m) : p_(std::move(p)), model_(m) {}
  EdfaParams p_;
  TwoCoilNfModel model_;
};

}  // namespace lightmesh::physics
