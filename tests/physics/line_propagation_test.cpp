// Propagation along element paths: the amplifier as GNPy v2.12 computes it (gain profile, ripple,
// DGT tilt, VOAs, the NF models), ROADM equalisation, the receiver's figures and the per-request
// channel grid. Networks and equipment are written out here by hand; the single span reproduces
// GNPy v2.12's published result (docs/sources.md §10).
#include "physics/line_propagation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "physics/edfa.h"
#include "physics/element_network.h"
#include "physics/fiber_propagation.h"
#include "physics/roadm.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {
namespace {

SpectralInfo c_band_76(double power_w = 1e-3) {
  return *uniform_spectrum({.f_min_hz = 191.3e12,
                            .f_max_hz = 195.1e12,
                            .spacing_hz = 50e9,
                            .baud_rate_hz = 32e9,
                            .roll_off = 0.15,
                            .power_w = power_w,
                            .tx_osnr_db = 40});
}

// A smooth, made-up DGT curve over the C band (96 samples rising by 1 %), and a configuration
// with no ripple around it.
EdfaConfig dgt_config() {
  EdfaConfig c{.f_min_hz = 191.275e12, .f_max_hz = 196.125e12};
  c.nf_ripple_db = {0.0};
  c.gain_ripple_db = {0.0};
  for (int k = 0; k < 96; ++k) c.dgt.push_back(1.0 + 0.01 * k);
  return c;
}

EdfaType std_low_gain_type() {
  return {.type_variety = "std_low_gain",
          .kind = EdfaKind::kVariableGain,
          .gain_flatmax_db = 16,
          .gain_min_db = 8,
          .p_max_dbm = 23,
          .nf_min_db = 6.5,
          .nf_max_db = 11,
          .config = dgt_config()};
}

Equipment equipment() {
  Equipment eq;
  eq.edfas.push_back(std_low_gain_type());
  eq.roadms.push_back({.type_variety = "default", .target = -20, .add_drop_osnr_db = 38});
  return eq;
}

// A chain of elements connected in order; returns the path.
struct Chain {
  ElementNetwork net;
  std::vector<ElementIndex> path;
  template <class T>
  void add(std::string uid, std::string variety, T data) {
    path.push_back(
        net.add({.uid = std::move(uid), .type_variety = std::move(variety), .data = data}));
    if (path.size() > 1) net.add_connection(path[path.size() - 2], path.back());
  }
};

FiberElement ssmf(double length_km, double con_in = 0.5, double con_out = 0.5) {
  FiberElement f;
  f.params = {.length_m = length_km * 1e3,
              .loss_db_per_km = 0.2,
              .con_in_db = con_in,
              .con_out_db = con_out,
              .dispersion_s_per_m2 = 16.7e-6,
              .effective_area_m2 = 83e-12,
              .pmd_coef_s_per_sqrt_m = 1.265e-15};
  return f;
}

// GNPy's edfa_example_network: Site_A → 80 km SSMF (0.5 dB connectors) → std_low_gain → Site_B.
Chain single_span(EdfaElement amp) {
  Chain c;
  c.add("Site_A", "", TransceiverElement{});
  c.add("Span1", "SSMF", ssmf(80));
  c.add("Edfa1", "std_low_gain", amp);
  c.add("Site_B", "", TransceiverElement{});
  return c;
}

TEST(PropagatePath, SingleSpanReproducesGnpyPublishedFigures) {
  // GNPy v2.12's design sets the gain to 15 dB here (power mode, delta_p = −2 dB, 17 dB of span
  // loss); it then prints GSNR 31.18 dB at 0.1 nm (31.1777 unrounded), 27.10 dB in the signal
  // bandwidth, OSNR ASE 33.30 dB at 0.1 nm, NF 6.62 dB, power in 1.81 dBm and out 16.82 dBm,
  // actual pch out −1.99 dBm, CD 1336 ps/nm, PMD 0.36 ps, latency 0.39 ms.
  const Chain c =
      single_span({.gain_target_db = 15, .delta_p_db = -2, .tilt_target_db = 0, .out_voa_db = 0});
  SpectralInfo s = c_band_76();
  auto t = propagate_path(c.net, c.path, equipment(), s, {.reference_pch_dbm = 0});
  ASSERT_TRUE(t) << t.error().to_string();
  const QotSummary& q = t->receiver.summary;
  EXPECT_NEAR(q.gsnr_01nm_db, 31.1777, 5e-4);
  EXPECT_NEAR(q.gsnr_bw_db, 27.0953, 5e-4);
  EXPECT_NEAR(q.osnr_ase_01nm_db, 33.2966, 5e-4);
  EXPECT_NEAR(q.osnr_ase_bw_db, 29.2142, 5e-4);
  EXPECT_NEAR(q.min_gsnr_01nm_db, 31.0629, 5e-4);
  EXPECT_NEAR(q.cd_ps_per_nm, 1336.0, 1e-9);
  EXPECT_NEAR(q.pmd_ps, 0.3578, 1e-4);
  EXPECT_NEAR(q.latency_ms, 0.3917, 1e-4);
  EXPECT_EQ(q.pdl_db, 0.0);
  ASSERT_EQ(t->receiver.gsnr_bw_db.size(), 76u);
  EXPECT_NEAR(t->receiver.osnr_ase_bw_db[0], 29.25, 0.005);
  EXPECT_NEAR(t->receiver.snr_nli_bw_db[0], 32.89, 0.005);
  EXPECT_NEAR(t->receiver.gsnr_bw_db[0], 27.69, 0.005);
  ASSERT_EQ(t->elements.size(), 4u);
  const ElementTrace& fiber = t->elements[1];
  EXPECT_EQ(fiber.kind, ElementKind::kFiber);
  EXPECT_NEAR(fiber.loss_db, 17.0, 1e-12);
  EXPECT_NEAR(fiber.reference_pch_out_dbm, -17.0, 1e-12);
  const ElementTrace& amp = t->elements[2];
  EXPECT_EQ(amp.type_variety, "std_low_gain");
  EXPECT_NEAR(amp.amplifier.effective_gain_db, 15.0, 1e-12);
  EXPECT_NEAR(amp.amplifier.nf_db, 6.62, 0.005);
  EXPECT_NEAR(amp.amplifier.pin_dbm, 1.81, 0.005);
  EXPECT_NEAR(amp.amplifier.pout_dbm, 16.82, 0.005);
  EXPECT_NEAR(amp.actual_pch_out_dbm, -1.99, 0.005);
  ASSERT_TRUE(amp.target_pch_out_dbm);
  EXPECT_NEAR(*amp.target_pch_out_dbm, -2.0, 1e-12);
  EXPECT_NEAR(t->receiver.tx_power_dbm, 0.0, 1e-12);
}

TEST(PropagatePath, PowerModeDerivesAMissingGainFromDeltaP) {
  const Chain c = single_span({.delta_p_db = -2});
  SpectralInfo s = c_band_76();
  auto t = propagate_path(c.net, c.path, equipment(), s, {.reference_pch_dbm = 0});
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_NEAR(t->elements[2].amplifier.effective_gain_db, 15.0, 1e-12);
  EXPECT_NEAR(t->receiver.summary.gsnr_01nm_db, 31.1777, 5e-4);
}

TEST(PropagatePath, ErrorsNameTheElementAndTheField) {
  SpectralInfo s = c_band_76();
  const Chain gainless = single_span({.delta_p_db = -2});
  auto r = propagate_path(gainless.net, gainless.path, equipment(), s, {.power_mode = false});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("Edfa1"), std::string::npos);
  EXPECT_EQ(r.error().place(), "/elements/Edfa1/operational/gain_target");

  Chain untyped;
  untyped.add("A", "", TransceiverElement{});
  untyped.add("amp", "", EdfaElement{.gain_target_db = 10});
  s = c_band_76();
  r = propagate_path(untyped.net, untyped.path, equipment(), s, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/elements/amp/type_variety");

  Chain unknown;
  unknown.add("amp", "no_such_amp", EdfaElement{.gain_target_db = 10});
  s = c_band_76();
  r = propagate_path(unknown.net, unknown.path, equipment(), s, {});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("no_such_amp"), std::string::npos);
}

TEST(PropagatePath, AseAddsLinearlyOverSpans) {
  auto run = [](int spans) {
    Chain c;
    c.add("A", "", TransceiverElement{});
    for (int k = 0; k < spans; ++k) {
      c.add("span" + std::to_string(k), "SSMF", ssmf(80));
      c.add("amp" + std::to_string(k), "std_low_gain", EdfaElement{.gain_target_db = 17});
    }
    c.add("B", "", TransceiverElement{});
    SpectralInfo s = c_band_76();
    EXPECT_TRUE(propagate_path(c.net, c.path, equipment(), s, {}));
    return s;
  };
  const SpectralInfo one = run(1);
  const SpectralInfo five = run(5);
  for (std::size_t i = 0; i < one.size(); i += 15) {
    EXPECT_NEAR(five.ase_w[i] / one.ase_w[i], 5.0, 1e-9);
    EXPECT_NEAR(five.nli_w[i] / one.nli_w[i], 5.0, 1e-9);
  }
}

TEST(Edfa, ConfigurationWithoutRippleOrTiltGivesTheFlatResult) {
  EdfaParams flat = EdfaParams::variable_gain("std_low_gain", 8, 16, 23, 6.5, 11);
  EdfaParams shaped = flat;
  shaped.config = dgt_config();
  SpectralInfo a = c_band_76(1e-3 * std::pow(10, -1.7));
  SpectralInfo b = a;
  const EdfaReport ra = Edfa::create(flat)->propagate(a, {.gain_target_db = 15});
  const EdfaReport rb = Edfa::create(shaped)->propagate(b, {.gain_target_db = 15});
  EXPECT_NEAR(ra.nf_db, rb.nf_db, 1e-12);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_NEAR(b.signal_w[i] / a.signal_w[i], 1.0, 1e-12);
    EXPECT_NEAR(b.ase_w[i] / a.ase_w[i], 1.0, 1e-12);
  }
}

std::vector<double> flat_input(const SpectralInfo& s) {
  std::vector<double> pin(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) pin[i] = s.total_w(i);
  return pin;
}

TEST(Edfa, AConstantGainRippleIsLeveledByTheInternalVoa) {
  // GNPy adds the ripple to the flat gain, then an internal VOA brings the mean linear gain back
  // to the effective gain: a constant ripple moves nothing.
  EdfaParams p = EdfaParams::variable_gain("a", 8, 16, 23, 6.5, 11);
  p.config = dgt_config();
  const Edfa plain = *Edfa::create(p);
  p.config.gain_ripple_db = {0.7};
  const Edfa rippled = *Edfa::create(p);
  const SpectralInfo s = c_band_76();
  const auto a = plain.gain_profile_db(s.frequency_hz, flat_input(s), 15, 0);
  const auto b = rippled.gain_profile_db(s.frequency_hz, flat_input(s), 15, 0);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-9);
}

TEST(Edfa, AShapedGainRippleShiftsChannelsAroundTheEffectiveGain) {
  EdfaParams p = EdfaParams::variable_gain("a", 8, 16, 23, 6.5, 11);
  p.config = dgt_config();
  // +0.5 dB at the low end falling to −0.5 dB at the high end.
  p.config.gain_ripple_db = {0.5, 0.0, -0.5};
  const Edfa amp = *Edfa::create(p);
  const SpectralInfo s = c_band_76();
  const std::vector<double> pin = flat_input(s);
  const auto g = amp.gain_profile_db(s.frequency_hz, pin, 15, 0);
  // Relative shape follows the ripple; the total output still matches the effective gain.
  const double f0 = s.frequency_hz.front(), f1 = s.frequency_hz.back();
  const double r0 =
      interpolate_curve(p.config.gain_ripple_db, p.config.f_min_hz, p.config.f_max_hz, f0);
  const double r1 =
      interpolate_curve(p.config.gain_ripple_db, p.config.f_min_hz, p.config.f_max_hz, f1);
  EXPECT_NEAR(g.front() - g.back(), r0 - r1, 1e-6);
  double in = 0, out = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    in += pin[i];
    out += pin[i] * db_to_linear(g[i]);
  }
  EXPECT_NEAR(linear_to_db(out / in), 15.0, 1e-6);
}

TEST(Edfa, RippleShapesTheGainEvenWithAOneValueDgtCurve) {
  // GNPy's flat default configuration has a one-value DGT curve: no tilt, but a ripple still
  // applies (leveled around the effective gain).
  EdfaParams p = EdfaParams::variable_gain("a", 8, 16, 23, 6.5, 11);
  p.config = {.f_min_hz = 191.275e12,
              .f_max_hz = 196.125e12,
              .gain_ripple_db = {0.02, -0.02},
              .dgt = {1.0}};
  const Edfa amp = *Edfa::create(p);
  const SpectralInfo s = c_band_76();
  const auto g = amp.gain_profile_db(s.frequency_hz, flat_input(s), 15, 3.0);
  EXPECT_GT(g.front(), g.back());
  EXPECT_NEAR(g.front() - g.back(),
              0.04 * (s.frequency_hz.back() - s.frequency_hz.front()) /
                  (p.config.f_max_hz - p.config.f_min_hz),
              1e-9);
  // One channel gets the effective gain as is.
  const std::vector<double> one_f = {193e12}, one_p = {1e-3};
  EXPECT_DOUBLE_EQ(amp.gain_profile_db(one_f, one_p, 15, 3.0)[0], 15);
}

double fitted_slope_db_per_hz(const std::vector<double>& f, const std::vector<double>& g) {
  const double mf = std::accumulate(f.begin(), f.end(), 0.0) / f.size();
  const double mg = std::accumulate(g.begin(), g.end(), 0.0) / g.size();
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    sxy += (f[i] - mf) * (g[i] - mg);
    sxx += (f[i] - mf) * (f[i] - mf);
  }
  return sxy / sxx;
}

TEST(Edfa, DynamicGainTiltIsLinearInTheTiltTarget) {
  EdfaParams p = EdfaParams::variable_gain("a", 8, 16, 23, 6.5, 11);
  p.config = dgt_config();
  const Edfa amp = *Edfa::create(p);
  const SpectralInfo s = c_band_76();
  const double band = p.config.f_max_hz - p.config.f_min_hz;
  for (double tilt : {-1.0, -0.5, 0.5, 2.0}) {
    const auto g = amp.gain_profile_db(s.frequency_hz, flat_input(s), 15, tilt);
    // The DGT curve is scaled so that the fitted slope is the target's: −tilt across the band.
    EXPECT_NEAR(fitted_slope_db_per_hz(s.frequency_hz, g) * band, -tilt, 1e-9) << tilt;
  }
  // Zero tilt leaves the gain flat.
  for (double g : amp.gain_profile_db(s.frequency_hz, flat_input(s), 15, 0))
    EXPECT_NEAR(g, 15, 1e-12);
}

TEST(Edfa, VoasAttenuateBeforeAndAfterTheGain) {
  const Edfa amp = *Edfa::create(EdfaParams::variable_gain("a", 8, 16, 23, 6.5, 11));
  SpectralInfo plain = c_band_76(1e-3 * std::pow(10, -1.7));
  SpectralInfo out_voa = plain;
  SpectralInfo in_voa = plain;
  const EdfaReport r0 = amp.propagate(plain, {.gain_target_db = 15});
  const EdfaReport r1 = amp.propagate(out_voa, {.gain_target_db = 15, .out_voa_db = 2});
  const EdfaReport r2 = amp.propagate(in_voa, {.gain_target_db = 15, .in_voa_db = 3});
  EXPECT_NEAR(out_voa.signal_w[5] / plain.signal_w[5], db_to_linear(-2), 1e-12);
  EXPECT_NEAR(out_voa.ase_w[5] / plain.ase_w[5], db_to_linear(-2), 1e-12);
  EXPECT_NEAR(r1.pout_dbm, r0.pout_dbm, 1e-12);  // reported before the output VOA
  EXPECT_NEAR(in_voa.signal_w[5] / plain.signal_w[5], db_to_linear(-3), 1e-12);
  EXPECT_NEAR(r2.pin_dbm, r0.pin_dbm - 3, 1e-12);
}

TEST(Edfa, AdvancedModelNoiseFigureIsItsPolynomialInTheGainShortfall) {
  EdfaParams p;
  p.type_variety = "advanced";
  p.kind = EdfaKind::kAdvancedModel;
  p.gain_flatmax_db = 25;
  p.gain_min_db = 15;
  p.p_max_dbm = 21;
  p.nf_fit_coeff = {0.0002, 0.05, 0.04, 5.2};  // NF(x) = 0.0002x³ + 0.05x² + 0.04x + 5.2, x = −Δg
  const Edfa amp = *Edfa::create(p);
  auto poly = [](double x) { return 0.0002 * x * x * x + 0.05 * x * x + 0.04 * x + 5.2; };
  EXPECT_NEAR(amp.noise_figure_db(25), poly(0), 1e-12);
  EXPECT_NEAR(amp.noise_figure_db(20), poly(-5), 1e-12);
  EXPECT_NEAR(amp.noise_figure_db(28), poly(0), 1e-12);        // above flat gain: Δg = 0
  EXPECT_NEAR(amp.noise_figure_db(12), poly(-10) + 3, 1e-12);  // 3 dB input pad
  p.nf_fit_coeff.clear();
  EXPECT_FALSE(Edfa::create(p));
}

TEST(Edfa, OpenroadmNoiseFiguresFollowTheirMasks) {
  EdfaParams ila;
  ila.type_variety = "openroadm_ila";
  ila.kind = EdfaKind::kOpenroadm;
  ila.gain_flatmax_db = 27;
  ila.gain_min_db = 0;
  ila.p_max_dbm = 22;
  ila.nf_coef = {-0.0005, -0.06, -1.0, 29.0};
  const Edfa amp = *Edfa::create(ila);
  // 76 channels at −20 dBm on a 50 GHz grid: 50 GHz of input per channel is −20 dBm.
  SpectralInfo s = c_band_76(1e-5);
  const EdfaReport r = amp.propagate(s, {.gain_target_db = 20});
  const double pin = -20;
  const double osnr = -0.0005 * pin * pin * pin - 0.06 * pin * pin - 1.0 * pin + 29.0;
  EXPECT_NEAR(r.nf_db, pin - osnr + 58, 1e-9);
  // The ASE it added is NF·h·f·B at the input, amplified.
  EXPECT_NEAR(s.ase_w[0], kPlanck * s.frequency_hz[0] * 32e9 * db_to_linear(pin - osnr + 58) * 100,
              1e-18);

  EdfaParams preamp = ila;
  preamp.kind = EdfaKind::kOpenroadmPreamp;
  preamp.nf_coef.clear();
  EXPECT_NEAR(Edfa::create(preamp)->noise_figure_db(20, -20), -20 - (4 * -20.0 + 275) / 7 + 58,
              1e-12);
  EXPECT_NEAR(Edfa::create(preamp)->noise_figure_db(20, 10), 10 - 33 + 58, 1e-12);

  EdfaParams booster = ila;
  booster.kind = EdfaKind::kOpenroadmBooster;
  SpectralInfo b = c_band_76(1e-5);
  (void)Edfa::create(booster)->propagate(b, {.gain_target_db = 20});
  EXPECT_EQ(b.ase_w[10], 0.0);  // noiseless
}

TEST(Edfa, DualStageReferstheBoosterNoiseThroughThePreamp) {
  Equipment eq;
  eq.edfas.push_back({.type_variety = "pre",
                      .kind = EdfaKind::kFixedGain,
                      .gain_flatmax_db = 12,
                      .gain_min_db = 12,
                      .p_max_dbm = 21,
                      .nf0_db = 5});
  eq.edfas.push_back({.type_variety = "boost",
                      .kind = EdfaKind::kFixedGain,
                      .gain_flatmax_db = 21,
                      .gain_min_db = 20,
                      .p_max_dbm = 23,
                      .nf0_db = 6});
  eq.edfas.push_back({.type_variety = "dual",
                      .kind = EdfaKind::kDualStage,
                      .gain_min_db = 25,
                      .preamp_variety = "pre",
                      .booster_variety = "boost"});
  auto p = edfa_params(eq.edfas[2], eq);
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_DOUBLE_EQ(p->gain_flatmax_db, 33);
  EXPECT_DOUBLE_EQ(p->p_max_dbm, 23);
  const Edfa amp = *Edfa::create(*p);
  // Preamp at its flat 12 dB, booster at 32 − 12 = 20 dB: NF = 5 dB ⊕ (6 − 12) dB.
  EXPECT_NEAR(amp.noise_figure_db(32), linear_to_db(db_to_linear(5) + db_to_linear(6 - 12)), 1e-12);
  eq.edfas[2].booster_variety = "nothing";
  EXPECT_FALSE(edfa_params(eq.edfas[2], eq));
}

TEST(Edfa, ChannelsOutsideItsBandAreDropped) {
  EdfaParams p = EdfaParams::variable_gain("a", 8, 16, 23, 6.5, 11);
  p.config = dgt_config();
  p.config.f_min_hz = 191.4e12;  // the first two 50 GHz slots start below
  SpectralInfo s = c_band_76();
  const EdfaReport r = Edfa::create(p)->propagate(s, {.gain_target_db = 15});
  EXPECT_EQ(r.dropped_channels, 2u);
  EXPECT_EQ(s.size(), 74u);
  EXPECT_DOUBLE_EQ(s.frequency_hz[0], 191.45e12);
}

RoadmElement plain_roadm() { return {}; }

TEST(Roadm, EqualisesEveryChannelToItsTargetAndLeavesWeakerOnesAlone) {
  std::vector<ChannelSpec> specs;
  for (int k = 0; k < 6; ++k)
    specs.push_back({.frequency_hz = 193e12 + k * 50e9,
                     .baud_rate_hz = 32e9,
                     .signal_w = 1e-3 * db_to_linear(-5.0 + k),
                     .slot_width_hz = 50e9});
  specs[2].signal_w = 1e-3 * db_to_linear(-25);  // already below the −20 dBm target
  specs[4].delta_pdb = 1.5;                      // this mode is equalised 1.5 dB higher
  SpectralInfo s = *make_spectrum(specs);
  const RoadmType type{.target = -20, .add_drop_osnr_db = 38, .pmd_s = 1e-12, .pdl_db = 0.5};
  const RoadmReport r =
      propagate_roadm(s, plain_roadm(), type, "out", RoadmPathKind::kExpress, {.pch_in_dbm = 0});
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double expected = i == 2 ? -25 : i == 4 ? -18.5 : -20;
    EXPECT_NEAR(linear_to_db(s.total_w(i) * 1e3), expected, 1e-9) << i;
    EXPECT_NEAR(s.pmd_s[i], 1e-12, 1e-24);
    EXPECT_NEAR(s.pdl_db[i], 0.5, 1e-12);
  }
  EXPECT_NEAR(r.reference_pch_out_dbm, -20, 1e-12);
  EXPECT_NEAR(r.reference_loss_db, 20, 1e-12);
  EXPECT_FALSE(r.osnr_db);  // express: no add/drop noise
}

TEST(Roadm, PerDegreeTargetsAndSpectralDensityTargets) {
  RoadmElement e;
  e.target_pch_out_dbm = -18;
  e.per_degree_pch_out_dbm["east"] = -16;
  e.per_degree_psd_out_mw_per_ghz["west"] = 3.125e-4;  // −20 dBm in 32 GHz
  const RoadmType type{.target = -20};
  EXPECT_DOUBLE_EQ(roadm_target(e, type, "east").value, -16);
  EXPECT_DOUBLE_EQ(roadm_target(e, type, "north").value, -18);
  EXPECT_EQ(roadm_target(e, type, "west").kind, RoadmTargetKind::kPsdMwPerGhz);
  EXPECT_NEAR(roadm_target_power_dbm(roadm_target(e, type, "west"), 32e9, 50e9), -20, 1e-9);
  EXPECT_NEAR(roadm_target_power_dbm(roadm_target(e, type, "west"), 64e9, 75e9),
              -20 + linear_to_db(2), 1e-9);
  EXPECT_DOUBLE_EQ(roadm_target(plain_roadm(), type, "east").value, -20);
  const RoadmTarget per_slot{RoadmTargetKind::kPowerMwPerSlotWidth, 2e-4};
  EXPECT_NEAR(roadm_target_power_dbm(per_slot, 32e9, 50e9), linear_to_db(2e-4 * 50), 1e-12);
}

TEST(Roadm, DetailedImpairmentsApplyTheirMinimumLossAndOsnr) {
  RoadmType type{.target = -20, .add_drop_osnr_db = 38};
  type.path_impairments.push_back({.id = 1,
                                   .kind = RoadmPathKind::kAdd,
                                   .bands = {{.lower_frequency_hz = 191e12,
                                              .upper_frequency_hz = 197e12,
                                              .pdl_db = 0.2,
                                              .maxloss_db = 11.5,
                                              .osnr_db = 41}}});
  std::vector<ChannelSpec> specs = {
      {.frequency_hz = 193e12, .baud_rate_hz = 32e9, .signal_w = db_to_linear(-15) * 1e-3}};
  SpectralInfo s = *make_spectrum(specs);
  const RoadmReport r =
      propagate_roadm(s, plain_roadm(), type, "out", RoadmPathKind::kAdd, {.pch_in_dbm = -15});
  // −15 dBm less the 11.5 dB minimum loss is already below −20: only the loss applies.
  EXPECT_NEAR(linear_to_db(s.total_w(0) * 1e3), -26.5, 1e-9);
  EXPECT_NEAR(r.reference_pch_out_dbm, -26.5, 1e-12);
  ASSERT_TRUE(r.osnr_db);
  EXPECT_DOUBLE_EQ(*r.osnr_db, 41);
  // A drop path has no detailed profile here: the default add/drop OSNR + 3 dB.
  EXPECT_NEAR(*roadm_path_impairment(type, RoadmPathKind::kDrop, 193e12).osnr_db,
              38 + linear_to_db(2), 1e-12);
}

TEST(PropagatePath, ReceiverAddsTransmitterAndAddDropOsnr) {
  // trx → ROADM → booster → 80 km → preamp → ROADM → trx: add and drop each contribute
  // add_drop_osnr + 3 dB, so 38 dB together, plus the transmitter's 40 dB.
  Chain c;
  c.add("A", "", TransceiverElement{});
  c.add("roadm A", "default", RoadmElement{});
  c.add("boost", "std_low_gain", EdfaElement{.gain_target_db = 16});
  c.add("span", "SSMF", ssmf(80));
  c.add("pre", "std_low_gain", EdfaElement{.gain_target_db = 16});
  c.add("roadm B", "default", RoadmElement{});
  c.add("B", "", TransceiverElement{});
  SpectralInfo s = c_band_76();
  auto t = propagate_path(c.net, c.path, equipment(), s, {});
  ASSERT_TRUE(t) << t.error().to_string();
  ASSERT_EQ(t->receiver.add_drop_osnr_01nm_db.size(), 2u);
  const std::size_t i = 7;
  const double ase_01nm = s.ase_w[i] / s.signal_w[i] * 12.5e9 / 32e9;
  const double expected = -linear_to_db(ase_01nm + db_to_linear(-40) + db_to_linear(-38));
  EXPECT_NEAR(t->receiver.osnr_ase_01nm_db[i], expected, 1e-9);
  // Every channel left the first ROADM at its −20 dBm target.
  EXPECT_NEAR(t->elements[1].actual_pch_out_dbm, -20, 1e-9);
  EXPECT_NEAR(t->elements[1].roadm.reference_loss_db, 20, 1e-12);
}

TEST(RequestSpectrum, FollowsGnpyChannelGridPerRequest) {
  const TransceiverType trx{.type_variety = "Voyager", .f_min_hz = 191.35e12, .f_max_hz = 196.1e12};
  const TransceiverTypeMode mode{
      .format = "mode 1", .baud_rate_baud = 32e9, .roll_off = 0.15, .tx_osnr_db = 40};
  auto s = request_spectrum(trx, mode, 50e9, std::nullopt, 1.0, 0.0);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->size(), 95u);  // ⌊4.75 THz / 50 GHz⌋
  EXPECT_DOUBLE_EQ(s->frequency_hz[0], 191.4e12);
  EXPECT_NEAR(linear_to_db(s->signal_w[0] * 1e3), 0.0, 1e-12);  // tx power wins over power
  EXPECT_DOUBLE_EQ(s->slot_width_hz[0], 50e9);
  auto limited = request_spectrum(trx, mode, 75e9, 63, 3.0, std::nullopt, 0.5);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->size(), 63u);
  EXPECT_NEAR(linear_to_db(limited->signal_w[0] * 1e3), 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(limited->delta_pdb[3], 0.5);
  EXPECT_FALSE(request_spectrum(trx, mode, 25e9, std::nullopt, 0, std::nullopt));
  EXPECT_FALSE(request_spectrum(trx, mode, 50e9, 0, 0, std::nullopt));
}

TEST(RequestSpectrum, ChannelsOutsideTheCommonAmplifierBandAreDropped) {
  const Chain c = single_span({.gain_target_db = 15});
  const TransceiverType trx{.f_min_hz = 191.15e12, .f_max_hz = 196.2e12};
  const TransceiverTypeMode mode{.baud_rate_baud = 32e9, .tx_osnr_db = 40};
  SpectralInfo s = *request_spectrum(trx, mode, 50e9, std::nullopt, 0, std::nullopt);
  ASSERT_EQ(s.size(), 101u);
  auto dropped = drop_channels_outside_amplifier_bands(c.net, c.path, equipment(), s);
  ASSERT_TRUE(dropped);
  // The band 191.275–196.125 THz holds 50 GHz slots centred 191.3 … 196.1 THz.
  EXPECT_EQ(*dropped, 4u);
  EXPECT_DOUBLE_EQ(s.frequency_hz.front(), 191.3e12);
  EXPECT_NEAR(s.frequency_hz.back(), 196.1e12, 1.0);
}

}  // namespace
}  // namespace lightmesh::physics
