#include "physics/edfa.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "physics/fiber_propagation.h"

namespace lightmesh::physics {

namespace {

Error amp_error(const EdfaParams& p, const char* field, const std::string& what) {
  return Error::invalid("amplifier " + p.type_variety + ": " + field + " " + what)
      .at_place(std::string("/") + field);
}

double watts_to_dbm(double w) { return linear_to_db(w * 1e3); }

}  // namespace

EdfaParams EdfaParams::variable_gain(std::string type_variety, double gain_min_db,
                                     double gain_flatmax_db, double p_max_dbm, double nf_min_db,
                                     double nf_max_db) {
  return {.type_variety = std::move(type_variety),
          .kind = EdfaKind::kVariableGain,
          .gain_flatmax_db = gain_flatmax_db,
          .gain_min_db = gain_min_db,
          .p_max_dbm = p_max_dbm,
          .nf_min_db = nf_min_db,
          .nf_max_db = nf_max_db};
}

EdfaParams EdfaParams::fixed_gain(std::string type_variety, double gain_min_db,
                                  double gain_flatmax_db, double p_max_dbm, double nf0_db) {
  return {.type_variety = std::move(type_variety),
          .kind = EdfaKind::kFixedGain,
          .gain_flatmax_db = gain_flatmax_db,
          .gain_min_db = gain_min_db,
          .p_max_dbm = p_max_dbm,
          .nf0_db = nf0_db};
}

Result<TwoCoilNfModel> derive_two_coil_model(const EdfaParams& p) {
  if (p.nf_min_db < -10) return amp_error(p, "nf_min", "is below -10 dB");
  if (p.nf_max_db < -10) return amp_error(p, "nf_max", "is below -10 dB");
  if (!(p.gain_flatmax_db > p.gain_min_db))
    return amp_error(p, "gain_flatmax", "must exceed gain_min");
  const double gain_min = p.gain_min_db;
  const double gain_max = p.gain_flatmax_db;
  // First guess: the first coil carries 5 dB more than the second at full gain.
  double delta_p = 5;
  double g1a_min = gain_min - (gain_max - gain_min) - delta_p;
  double g1a_max = gain_max - delta_p;
  const double nf_min = db_to_linear(p.nf_min_db);
  const double nf_max = db_to_linear(p.nf_max_db);
  const double nf2_lin =
      (nf_min - nf_max) / (1 / db_to_linear(g1a_max) - 1 / db_to_linear(g1a_min));
  if (!(nf2_lin > 0)) return amp_error(p, "nf_max", "must exceed nf_min");
  double nf2 = linear_to_db(nf2_lin);
  const double nf1_lin = nf_min - nf2_lin / db_to_linear(g1a_max);
  if (!(nf1_lin > 0)) return amp_error(p, "nf_min", "is too low for the gain range");
  const double nf1 = linear_to_db(nf1_lin);
  if (nf1 < 4) return amp_error(p, "nf_min", "gives a first coil noise figure below 4 dB");
  // Two real coils differ by a few tenths of a dB to 2 dB; outside that, clamp nf2 and find the
  // power split that still meets nf_min.
  if (!(nf1 + 0.3 < nf2 && nf2 < nf1 + 2)) {
    nf2 = std::clamp(nf2, nf1 + 0.3, nf1 + 2);
    const double denom = nf_min - db_to_linear(nf1);
    if (!(denom > 0)) return amp_error(p, "nf_min", "leaves no room for a second coil");
    g1a_max = linear_to_db(db_to_linear(nf2) / denom);
    delta_p = gain_max - g1a_max;
    g1a_min = gain_min - (gain_max - gain_min) - delta_p;
    if (!(delta_p > 1 && delta_p < 11))
      return amp_error(p, "nf_max", "gives a coil power split outside 1..11 dB");
  }
  const double calc_nf_min =
      linear_to_db(db_to_linear(nf1) + db_to_linear(nf2) / db_to_linear(g1a_max));
  const double calc_nf_max =
      linear_to_db(db_to_linear(nf1) + db_to_linear(nf2) / db_to_linear(g1a_min));
  if (std::abs(calc_nf_min - p.nf_min_db) > 0.01)
    return amp_error(p, "nf_min", "cannot be met by two coils");
  if (std::abs(calc_nf_max - p.nf_max_db) > 0.01)
    return amp_error(p, "nf_max", "cannot be met by two coils");
  return TwoCoilNfModel{.nf1_db = nf1, .nf2_db = nf2, .delta_p_db = delta_p};
}

Result<Edfa> Edfa::create(EdfaParams p) {
  if (!std::isfinite(p.p_max_dbm)) return amp_error(p, "p_max", "must be finite");
  if (!(p.pmd_s >= 0)) return amp_error(p, "pmd", "must not be negative");
  if (!(p.gain_flatmax_db >= p.gain_min_db))
    return amp_error(p, "gain_flatmax", "must not be below gain_min");
  TwoCoilNfModel model;
  if (p.kind == EdfaKind::kVariableGain) {
    LM_ASSIGN_OR_RETURN(model, derive_two_coil_model(p));
  } else if (!std::isfinite(p.nf0_db)) {
    return amp_error(p, "nf0", "must be finite");
  }
  return Edfa(std::move(p), model);
}

double Edfa::noise_figure_db(double gain_db) const {
  const double pad = std::max(p_.gain_min_db - gain_db, 0.0);
  const double gain = gain_db + pad;
  if (p_.kind == EdfaKind::kFixedGain) return p_.nf0_db + pad;
  const double dg = std::max(p_.gain_flatmax_db - gain, 0.0);
  const double g1a = gain - model_.delta_p_db - dg;
  return linear_to_db(db_to_linear(model_.nf1_db) +
                      db_to_linear(model_.nf2_db) / db_to_linear(g1a)) +
         pad;
}

EdfaReport Edfa::propagate_with_gain(SpectralInfo& s, double gain_db) const {
  EdfaReport r;
  double pin_w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) pin_w += s.signal_w[i] + s.ase_w[i] + s.nli_w[i];
  r.pin_dbm = watts_to_dbm(pin_w);
  r.effective_gain_db = gain_db;
  if (s.size() > 0 && gain_db > p_.p_max_dbm - r.pin_dbm) {
    r.effective_gain_db = p_.p_max_dbm - r.pin_dbm;
    r.power_limited = true;
  }
  r.nf_db = noise_figure_db(r.effective_gain_db);
  const double nf = db_to_linear(r.nf_db);
  const double gain = db_to_linear(r.effective_gain_db);
  double pout_w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // ASE within the signal bandwidth, referred to the input: NF·h·f·B, so NF·h·f·B·G at the
    // output (both polarisations, G ≫ 1), as GNPy computes it.
    s.ase_w[i] += kPlanck * s.frequency_hz[i] * s.baud_rate_hz[i] * nf;
    s.signal_w[i] *= gain;
    s.ase_w[i] *= gain;
    s.nli_w[i] *= gain;
    pout_w += s.signal_w[i] + s.ase_w[i] + s.nli_w[i];
    s.pmd_s[i] = std::sqrt(s.pmd_s[i] * s.pmd_s[i] + p_.pmd_s * p_.pmd_s);
  }
  r.pout_dbm = watts_to_dbm(pout_w);
  return r;
}

EdfaReport Edfa::propagate_to_power(SpectralInfo& s, double target_pch_out_dbm,
                                    double reference_pch_in_dbm) const {
  return propagate_with_gain(s, target_pch_out_dbm - reference_pch_in_dbm);
}

}  // namespace lightmesh::physics
