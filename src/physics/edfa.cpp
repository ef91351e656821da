#include "physics/edfa.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/bounded.h"
#include "physics/fiber_propagation.h"

namespace lightmesh::physics {

namespace {

constexpr double kLn10Over10 = 0.23025850929940458;  // ln(10) / 10

// dB → linear through exp(): the propagation loops call it per channel and amplifier.
inline double fast_db_to_linear(double db) { return std::exp(db * kLn10Over10); }

Error amp_error(const std::string& type_variety, const char* field, const std::string& what) {
  return Error::invalid("amplifier " + type_variety + ": " + field + " " + what)
      .at_place(std::string("/") + field);
}
Error amp_error(const EdfaParams& p, const char* field, const std::string& what) {
  return amp_error(p.type_variety, field, what);
}

double watts_to_dbm(double w) { return linear_to_db(w * 1e3); }

// The sum of per-channel powers in four partial sums, so that the adds do not wait on each other
// (a single running sum chains every add on the last). Differs from it in the last bits only.
double sum_of(std::span<const double> values) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= values.size(); i += 4) {
    s0 += values[i];
    s1 += values[i + 1];
    s2 += values[i + 2];
    s3 += values[i + 3];
  }
  for (; i < values.size(); ++i) s0 += values[i];
  return (s0 + s1) + (s2 + s3);
}

// numpy.polyval: coefficients from the highest power down.
double polyval(std::span<const double> coefficients, double x) {
  double y = 0;
  for (double c : coefficients) y = y * x + c;
  return y;
}

struct StageNoise {
  double nf_db = 0;
  double pad_db = 0;
};

// The band-average noise figure of one single-stage model at a gain (GNPy's Edfa._nf).
StageNoise stage_noise(const EdfaParams& p, const TwoCoilNfModel& m, double gain_db,
                       double pin_per_50ghz_dbm) {
  const double pad = std::max(p.gain_min_db - gain_db, 0.0);
  const double gain = gain_db + pad;
  const double dg = std::max(p.gain_flatmax_db - gain, 0.0);
  double nf = 0;
  switch (p.kind) {
    case EdfaKind::kVariableGain: {
      const double g1a = gain - m.delta_p_db - dg;
      nf = linear_to_db(db_to_linear(m.nf1_db) + db_to_linear(m.nf2_db) / db_to_linear(g1a));
      break;
    }
    case EdfaKind::kFixedGain:
      nf = p.nf0_db;
      break;
    case EdfaKind::kAdvancedModel:
      // The polynomial is fitted against the shortfall from the flat gain, −Δg.
      nf = polyval(p.nf_fit_coeff, -dg);
      break;
    case EdfaKind::kOpenroadm:
      // OpenROADM specifies the amplifier's OSNR contribution against the input power per 50 GHz
      // channel; NF = P_in − OSNR(P_in) + 58 dB (58 = −10·log10(h·ν·12.5 GHz / 1 mW)).
      nf = pin_per_50ghz_dbm - polyval(p.nf_coef, pin_per_50ghz_dbm) + 58;
      break;
    case EdfaKind::kOpenroadmPreamp:
      // The preamp mask: OSNR = min((4·P_in + 275) / 7, 33) dB.
      nf = pin_per_50ghz_dbm - std::min((4 * pin_per_50ghz_dbm + 275) / 7, 33.0) + 58;
      break;
    case EdfaKind::kOpenroadmBooster:
      // The booster mask is noiseless: an NF of −∞ dB adds no ASE.
      nf = -std::numeric_limits<double>::infinity();
      break;
    case EdfaKind::kDualStage:
    case EdfaKind::kMultiBand:
      break;  // composite kinds never reach a single stage (create() checks)
  }
  return {nf + pad, pad};
}

}  // namespace

EdfaParams EdfaParams::variable_gain(std::string type_variety, double gain_min_db,
                                     double gain_flatmax_db, double p_max_dbm, double nf_min_db,
                                     double nf_max_db) {
  EdfaParams p;
  p.type_variety = std::move(type_variety);
  p.kind = EdfaKind::kVariableGain;
  p.gain_flatmax_db = gain_flatmax_db;
  p.gain_min_db = gain_min_db;
  p.p_max_dbm = p_max_dbm;
  p.nf_min_db = nf_min_db;
  p.nf_max_db = nf_max_db;
  return p;
}

EdfaParams EdfaParams::fixed_gain(std::string type_variety, double gain_min_db,
                                  double gain_flatmax_db, double p_max_dbm, double nf0_db) {
  EdfaParams p;
  p.type_variety = std::move(type_variety);
  p.kind = EdfaKind::kFixedGain;
  p.gain_flatmax_db = gain_flatmax_db;
  p.gain_min_db = gain_min_db;
  p.p_max_dbm = p_max_dbm;
  p.nf0_db = nf0_db;
  return p;
}

namespace {

Result<EdfaParams> single_stage_params(const EdfaType& t) {
  EdfaParams p;
  p.type_variety = t.type_variety;
  p.kind = t.kind;
  p.gain_min_db = t.gain_min_db;
  if (!t.gain_flatmax_db) return amp_error(t.type_variety, "gain_flatmax", "is missing");
  if (!t.p_max_dbm) return amp_error(t.type_variety, "p_max", "is missing");
  p.gain_flatmax_db = *t.gain_flatmax_db;
  p.p_max_dbm = *t.p_max_dbm;
  p.pmd_s = t.pmd_s;
  p.pdl_db = t.pdl_db;
  p.config = t.config;
  switch (t.kind) {
    case EdfaKind::kVariableGain:
      if (!t.nf_min_db) return amp_error(t.type_variety, "nf_min", "is missing");
      if (!t.nf_max_db) return amp_error(t.type_variety, "nf_max", "is missing");
      p.nf_min_db = *t.nf_min_db;
      p.nf_max_db = *t.nf_max_db;
      break;
    case EdfaKind::kFixedGain:
      if (!t.nf0_db) return amp_error(t.type_variety, "nf0", "is missing");
      p.nf0_db = *t.nf0_db;
      break;
    case EdfaKind::kAdvancedModel:
      p.nf_fit_coeff = t.config.nf_fit_coeff;
      break;
    case EdfaKind::kOpenroadm:
      p.nf_coef = t.nf_coef;
      break;
    default:
      break;
  }
  return p;
}

}  // namespace

Result<EdfaParams> edfa_params(const EdfaType& t, const Equipment& eq) {
  if (t.kind == EdfaKind::kMultiBand)
    return amp_error(t.type_variety, "type_def", "multi_band amplifiers are not propagated");
  if (t.kind != EdfaKind::kDualStage) return single_stage_params(t);
  auto stage = [&](const std::string& name,
                   const char* field) -> Result<std::shared_ptr<const EdfaParams>> {
    const EdfaType* s = eq.find_edfa(name);
    if (!s) return amp_error(t.type_variety, field, "names no amplifier type '" + name + "'");
    if (s->kind == EdfaKind::kDualStage || s->kind == EdfaKind::kMultiBand)
      return amp_error(t.type_variety, field, "must name a single-stage amplifier");
    LM_ASSIGN_OR_RETURN(EdfaParams p, single_stage_params(*s));
    return std::make_shared<const EdfaParams>(std::move(p));
  };
  EdfaParams p;
  p.type_variety = t.type_variety;
  p.kind = EdfaKind::kDualStage;
  LM_ASSIGN_OR_RETURN(p.preamp, stage(t.preamp_variety, "preamp_variety"));
  LM_ASSIGN_OR_RETURN(p.booster, stage(t.booster_variety, "booster_variety"));
  p.gain_min_db = t.gain_min_db;
  p.gain_flatmax_db =
      t.gain_flatmax_db.value_or(p.preamp->gain_flatmax_db + p.booster->gain_flatmax_db);
  p.p_max_dbm = t.p_max_dbm.value_or(p.booster->p_max_dbm);
  p.pmd_s = t.pmd_s;
  p.pdl_db = t.pdl_db;
  p.config = t.config;
  return p;
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

namespace {

// Checks one single-stage parameter set and derives its two-coil model where it has one.
Result<TwoCoilNfModel> check_stage(const EdfaParams& p) {
  if (!(p.gain_flatmax_db >= p.gain_min_db))
    return amp_error(p, "gain_flatmax", "must not be below gain_min");
  switch (p.kind) {
    case EdfaKind::kVariableGain:
      return derive_two_coil_model(p);
    case EdfaKind::kFixedGain:
      if (!std::isfinite(p.nf0_db)) return amp_error(p, "nf0", "must be finite");
      break;
    case EdfaKind::kAdvancedModel:
      if (p.nf_fit_coeff.empty())
        return amp_error(p, "nf_fit_coeff", "is missing (the advanced configuration gives it)");
      break;
    case EdfaKind::kOpenroadm:
      if (p.nf_coef.empty()) return amp_error(p, "nf_coef", "is missing");
      break;
    case EdfaKind::kOpenroadmPreamp:
    case EdfaKind::kOpenroadmBooster:
      break;
    case EdfaKind::kDualStage:
    case EdfaKind::kMultiBand:
      return amp_error(p, "type_def", "must be a single stage here");
  }
  return TwoCoilNfModel{};
}

}  // namespace

Result<Edfa> Edfa::create(EdfaParams p) {
  if (!std::isfinite(p.p_max_dbm)) return amp_error(p, "p_max", "must be finite");
  if (!(p.pmd_s >= 0)) return amp_error(p, "pmd", "must not be negative");
  if (!(p.pdl_db >= 0)) return amp_error(p, "pdl", "must not be negative");
  if (p.kind == EdfaKind::kMultiBand)
    return amp_error(p, "type_def", "multi_band amplifiers are not propagated");
  TwoCoilNfModel model, pre, boost;
  if (p.kind == EdfaKind::kDualStage) {
    if (!p.preamp) return amp_error(p, "preamp_variety", "is missing");
    if (!p.booster) return amp_error(p, "booster_variety", "is missing");
    LM_ASSIGN_OR_RETURN(pre, check_stage(*p.preamp));
    LM_ASSIGN_OR_RETURN(boost, check_stage(*p.booster));
  } else {
    LM_ASSIGN_OR_RETURN(model, check_stage(p));
  }
  const EdfaConfig& c = p.config;
  if (!c.gain_ripple_db.empty() || !c.nf_ripple_db.empty() || c.dgt.size() > 1) {
    if (!(c.f_max_hz > c.f_min_hz))
      return amp_error(p, "f_max", "must exceed f_min when the configuration has curves");
  }
  return Edfa(std::move(p), model, pre, boost);
}

double Edfa::noise_figure_db(double gain_db, double pin_per_50ghz_dbm) const {
  if (p_.kind != EdfaKind::kDualStage)
    return stage_noise(p_, model_, gain_db, pin_per_50ghz_dbm).nf_db;
  // GNPy's dual stage: the preamp runs at its flat gain, the booster makes up the rest; the
  // booster's noise is referred to the input through the preamp's gain. No input pad.
  const double g1 = p_.preamp->gain_flatmax_db;
  const double nf1 = stage_noise(*p_.preamp, preamp_model_, g1, pin_per_50ghz_dbm).nf_db;
  const double nf2 =
      stage_noise(*p_.booster, booster_model_, gain_db - g1, pin_per_50ghz_dbm).nf_db;
  return linear_to_db(db_to_linear(nf1) + db_to_linear(nf2 - g1));
}

bool Edfa::in_band(double frequency_hz, double slot_width_hz) const {
  const EdfaConfig& c = p_.config;
  if (!(c.f_max_hz > c.f_min_hz)) return true;
  return frequency_hz - slot_width_hz / 2 >= c.f_min_hz &&
         frequency_hz + slot_width_hz / 2 <= c.f_max_hz;
}

double interpolate_curve(std::span<const double> curve, double f_min_hz, double f_max_hz,
                         double f) {
  if (curve.empty()) return 0;
  if (curve.size() == 1 || !(f_max_hz > f_min_hz)) return curve.front();
  const double step = (f_max_hz - f_min_hz) / static_cast<double>(curve.size() - 1);
  if (f <= f_min_hz) return curve.front();
  if (f >= f_max_hz) return curve.back();
  const double x = (f - f_min_hz) / step;
  auto k = saturate<std::size_t>(x);
  if (k >= curve.size() - 1) k = curve.size() - 2;
  // numpy.interp's sample points are linspace(f_min, f_max, n): interpolate between them.
  const double f_k = f_min_hz + static_cast<double>(k) * step;
  const double t = (f - f_k) / step;
  return curve[k] + (curve[k + 1] - curve[k]) * t;
}

bool Edfa::flat_gain_profile(std::size_t channels, double tilt_target_db) const {
  // GNPy applies the effective gain as is to a single channel. Otherwise its profile is the gain
  // ripple plus the DGT curve scaled to the tilt, leveled by the internal VOA: flat when there is
  // no ripple and either no tilt or a DGT curve without slope (the VOA takes the flat gain down to
  // the effective gain).
  if (channels <= 1) return true;
  const EdfaConfig& c = p_.config;
  const bool no_ripple = std::all_of(c.gain_ripple_db.begin(), c.gain_ripple_db.end(),
                                     [](double v) { return v == 0; });
  const bool constant_dgt =
      std::all_of(c.dgt.begin(), c.dgt.end(), [&](double v) { return v == c.dgt.front(); });
  return no_ripple && (tilt_target_db == 0 || constant_dgt);
}

std::vector<double> Edfa::nf_ripple_db(std::span<const double> frequency_hz) const {
  const EdfaConfig& c = p_.config;
  std::vector<double> ripple(frequency_hz.size(), 0.0);
  if (c.nf_ripple_db.empty()) return ripple;
  for (std::size_t i = 0; i < ripple.size(); ++i)
    ripple[i] = interpolate_curve(c.nf_ripple_db, c.f_min_hz, c.f_max_hz, frequency_hz[i]);
  return ripple;
}

std::vector<double> Edfa::gain_profile_db(std::span<const double> frequency_hz,
                                          std::span<const double> pin_w, double effective_gain_db,
                                          double tilt_target_db) const {
  const std::size_t n = frequency_hz.size();
  const EdfaConfig& c = p_.config;
  if (flat_gain_profile(n, tilt_target_db)) return std::vector<double>(n, effective_gain_db);
  std::vector<double> dgt(n), g1st(n);
  for (std::size_t i = 0; i < n; ++i)
    dgt[i] = interpolate_curve(c.dgt, c.f_min_hz, c.f_max_hz, frequency_hz[i]);
  // Slope of the least-squares line through the DGT samples at the channels.
  double dgt_slope = 0;
  if (n > 1) {
    double mf = 0, md = 0;
    for (std::size_t i = 0; i < n; ++i) {
      mf += frequency_hz[i];
      md += dgt[i];
    }
    mf /= static_cast<double>(n);
    md /= static_cast<double>(n);
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sxy += (frequency_hz[i] - mf) * (dgt[i] - md);
      sxx += (frequency_hz[i] - mf) * (frequency_hz[i] - mf);
    }
    dgt_slope = sxx > 0 ? sxy / sxx : 0;
  }
  // The tilt target is across the amplifier's band; the DGT curve is scaled to that slope.
  const double target_slope = -tilt_target_db / (c.f_max_hz - c.f_min_hz);
  const double dgt_scale = dgt_slope != 0 ? target_slope / dgt_slope : 0;
  double mean_lin = 0, g_max = -std::numeric_limits<double>::infinity(), g_min = -g_max;
  for (std::size_t i = 0; i < n; ++i) {
    const double ripple = c.gain_ripple_db.empty() ? 0
                                                   : interpolate_curve(c.gain_ripple_db, c.f_min_hz,
                                                                       c.f_max_hz, frequency_hz[i]);
    g1st[i] = ripple + p_.gain_flatmax_db + dgt[i] * dgt_scale;
    mean_lin += fast_db_to_linear(g1st[i]);
    g_max = std::max(g_max, g1st[i]);
    g_min = std::min(g_min, g1st[i]);
  }
  // The internal VOA levels the profile so that its mean linear gain is the effective gain.
  const double voa = linear_to_db(mean_lin / static_cast<double>(n)) - effective_gain_db;
  std::vector<double> profile(n);
  const double spread = g_max - g_min;
  if (std::abs(spread) <= 0.05) {
    for (std::size_t i = 0; i < n; ++i) profile[i] = g1st[i] - voa;
    return profile;
  }
  // With real ripple, find the DGT scale that gives the effective gain on the actual input
  // powers: three probes (centre, low, high) and a linear step from the centre, as GNPy does.
  double total_in = 0;
  for (double p : pin_w) total_in += p;
  const double total_in_dbm = watts_to_dbm(total_in);
  auto average_gain = [&](double x) {
    double out = 0;
    for (std::size_t i = 0; i < n; ++i)
      out += pin_w[i] * fast_db_to_linear(g1st[i] - voa + dgt[i] * x);
    return watts_to_dbm(out) - total_in_dbm;
  };
  double out2 = 0;
  for (std::size_t i = 0; i < n; ++i) out2 += pin_w[i] * fast_db_to_linear(g1st[i] - voa);
  const double x_cent = effective_gain_db - (watts_to_dbm(out2) - total_in_dbm);
  const double gain_cent = average_gain(x_cent);
  // GNPy probes below and above the centre too, but only uses them when the centre misses.
  if (std::abs(effective_gain_db - gain_cent) <= 1e-11) {
    for (std::size_t i = 0; i < n; ++i) profile[i] = g1st[i] - voa + dgt[i] * x_cent;
    return profile;
  }
  const double x_low = x_cent - spread;
  const double x_high = x_cent + spread;
  const double gain_low = average_gain(x_low);
  const double gain_high = average_gain(x_high);
  const double slope1 = (gain_low - gain_cent) / (x_low - x_cent);
  const double slope2 = (gain_cent - gain_high) / (x_cent - x_high);
  // A DGT curve of zeros moves no gain at all: keep the centre rather than divide by zero.
  double x = x_cent;
  if (effective_gain_db < gain_cent) {
    if (slope1 != 0) x = x_cent - (gain_cent - effective_gain_db) / slope1;
  } else if (slope2 != 0) {
    x = x_cent + (effective_gain_db - gain_cent) / slope2;
  }
  for (std::size_t i = 0; i < n; ++i) profile[i] = g1st[i] - voa + dgt[i] * x;
  return profile;
}

EdfaReport Edfa::propagate(SpectralInfo& s, const EdfaSettings& op) const {
  EdfaReport r;
  // Channels outside the amplifier's band do not pass it (GNPy demultiplexes them away). Channels
  // are sorted and their slots do not overlap, so when the first and the last fit, all do.
  const std::size_t n_in = s.size();
  if (n_in > 0 && !(in_band(s.frequency_hz[0], s.slot_width_hz[0]) &&
                    in_band(s.frequency_hz[n_in - 1], s.slot_width_hz[n_in - 1]))) {
    std::vector<bool> keep(n_in);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n_in; ++i) {
      keep[i] = in_band(s.frequency_hz[i], s.slot_width_hz[i]);
      kept += keep[i];
    }
    if (kept != n_in) {
      r.dropped_channels = n_in - kept;
      s.keep_channels(keep);
    }
  }
  const std::size_t n = s.size();
  if (op.in_voa_db != 0) s.apply_attenuation_db(op.in_voa_db);
  std::vector<double> pin(n);
  for (std::size_t i = 0; i < n; ++i) pin[i] = s.total_w(i);
  const double pin_w = sum_of(pin);
  r.pin_dbm = watts_to_dbm(pin_w);
  r.effective_gain_db = op.gain_target_db;
  if (n > 0 && op.gain_target_db > p_.p_max_dbm - r.pin_dbm) {
    r.effective_gain_db = p_.p_max_dbm - r.pin_dbm;
    r.power_limited = true;
  }
  // OpenROADM figures are per 50 GHz channel: scale the mean channel input to 50 GHz of slot.
  double pin_per_50ghz = 0;
  if (n > 0) {
    const double slot = n > 1 ? s.frequency_hz[1] - s.frequency_hz[0] : s.slot_width_hz[0];
    pin_per_50ghz = r.pin_dbm - linear_to_db(static_cast<double>(n)) + linear_to_db(50e9 / slot);
  }
  const double nf_avg = noise_figure_db(r.effective_gain_db, pin_per_50ghz);
  if (p_.kind != EdfaKind::kDualStage)
    r.pad_db = std::max(p_.gain_min_db - r.effective_gain_db, 0.0);
  const bool flat_nf = p_.config.nf_ripple_db.empty() ||
                       std::all_of(p_.config.nf_ripple_db.begin(), p_.config.nf_ripple_db.end(),
                                   [](double v) { return v == 0; });
  const bool flat_gain = flat_gain_profile(n, op.tilt_target_db);
  std::vector<double> profile;
  if (!flat_gain)
    profile = gain_profile_db(s.frequency_hz, pin, r.effective_gain_db, op.tilt_target_db);
  // Per-channel gain and NF in linear units. A flat one is a single value read with a stride of
  // 0, so the common flat case fills no array; the loop below has no branch and reads no
  // container through a reference that might alias the spectrum's (the pointers stay in
  // registers).
  std::vector<double> gain_lin, nf_lin;
  double flat_gain_lin = 0, flat_nf_lin = 0;
  if (flat_gain) {
    flat_gain_lin = fast_db_to_linear(r.effective_gain_db);
  } else {
    gain_lin = std::move(profile);
    for (double& g : gain_lin) g = fast_db_to_linear(g);
  }
  double nf_sum = 0;
  if (flat_nf) {
    flat_nf_lin = fast_db_to_linear(nf_avg);
  } else {
    nf_lin.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double nf_db = nf_avg + interpolate_curve(p_.config.nf_ripple_db, p_.config.f_min_hz,
                                                      p_.config.f_max_hz, s.frequency_hz[i]);
      nf_sum += nf_db;
      nf_lin[i] = fast_db_to_linear(nf_db);
    }
  }
  const std::size_t gain_stride = flat_gain ? 0 : 1;
  const std::size_t nf_stride = flat_nf ? 0 : 1;
  const double out_voa_lin = fast_db_to_linear(-op.out_voa_db);
  {
    const double* __restrict f = s.frequency_hz.data();
    const double* __restrict baud = s.baud_rate_hz.data();
    const double* __restrict g = flat_gain ? &flat_gain_lin : gain_lin.data();
    const double* __restrict nf = flat_nf ? &flat_nf_lin : nf_lin.data();
    double* __restrict signal = s.signal_w.data();
    double* __restrict ase = s.ase_w.data();
    double* __restrict nli = s.nli_w.data();
    double* __restrict out = pin.data();  // pin[] now holds each channel's total output
    for (std::size_t i = 0; i < n; ++i) {
      // ASE within the signal bandwidth, referred to the input: NF·h·f·B (both polarisations,
      // G ≫ 1), as GNPy computes it.
      const double a = ase[i] + kPlanck * f[i] * baud[i] * nf[i * nf_stride];
      const double gain = g[i * gain_stride];
      out[i] = (signal[i] + a + nli[i]) * gain;
      const double factor = gain * out_voa_lin;
      signal[i] *= factor;
      ase[i] = a * factor;
      nli[i] *= factor;
    }
  }
  const double pout_w = sum_of(pin);
  if (op.out_voa_db != 0)
    for (double& p : pin) p *= out_voa_lin;
  add_in_quadrature(s.pmd_s, p_.pmd_s);
  add_in_quadrature(s.pdl_db, p_.pdl_db);
  r.nf_db = flat_nf || n == 0 ? nf_avg : nf_sum / static_cast<double>(n);
  if (n > 0) r.pch_out_dbm = mean_db_of_linear(pin) + 30;
  r.pout_dbm = watts_to_dbm(pout_w);
  return r;
}

EdfaReport Edfa::propagate_with_gain(SpectralInfo& s, double gain_db) const {
  return propagate(s, {.gain_target_db = gain_db});
}

EdfaReport Edfa::propagate_to_power(SpectralInfo& s, double target_pch_out_dbm,
                                    double reference_pch_in_dbm) const {
  return propagate_with_gain(s, target_pch_out_dbm - reference_pch_in_dbm);
}

}  // namespace lightmesh::physics
