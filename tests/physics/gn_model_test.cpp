// The per-channel propagation core: spectrum helpers, fibre (loss, CD, PMD, latency, GN-model NLI)
// and EDFA (gain, noise figure, ASE, power cap). Fixtures are written out here by hand; the single
// span reproduces GNPy v2.12's published result (docs/sources.md §10).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "physics/edfa.h"
#include "physics/fiber_propagation.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {
namespace {

// GNPy's example SI block: 191.3–195.1 THz at 50 GHz gives 76 channels of 32 GBd, 0 dBm each.
SpectralInfo c_band_76(double power_w = 1e-3) {
  return *uniform_spectrum({.f_min_hz = 191.3e12,
                            .f_max_hz = 195.1e12,
                            .spacing_hz = 50e9,
                            .baud_rate_hz = 32e9,
                            .roll_off = 0.15,
                            .power_w = power_w,
                            .tx_osnr_db = 40});
}

// 80 km of SSMF with 0.5 dB connectors at both ends: 17 dB in total.
Fiber ssmf_80km() {
  return *Fiber::create({.length_m = 80e3,
                         .loss_db_per_km = 0.2,
                         .con_in_db = 0.5,
                         .con_out_db = 0.5,
                         .dispersion_s_per_m2 = 16.7e-6,
                         .effective_area_m2 = 83e-12,
                         .pmd_coef_s_per_sqrt_m = 1.265e-15});
}

// The "std_low_gain" amplifier of GNPy's example equipment: gain 8–16 dB, NF 6.5–11 dB, 23 dBm.
Edfa std_low_gain() {
  return *Edfa::create(EdfaParams::variable_gain("std_low_gain", 8, 16, 23, 6.5, 11));
}

TEST(SpectralInfo, UniformGridFollowsGnpyChannelNumbering) {
  const SpectralInfo s = c_band_76();
  ASSERT_EQ(s.size(), 76u);
  EXPECT_DOUBLE_EQ(s.frequency_hz.front(), 191.35e12);
  EXPECT_NEAR(s.frequency_hz.back(), 195.1e12, 1.0);
  EXPECT_DOUBLE_EQ(s.slot_width_hz[0], 50e9);
  EXPECT_EQ(s.ase_w[3], 0.0);
}

TEST(SpectralInfo, RejectsBadChannelsNamingTheField) {
  const std::vector<ChannelSpec> bad = {{.frequency_hz = 193e12, .baud_rate_hz = 32e9},
                                        {.frequency_hz = 193.1e12, .baud_rate_hz = 0}};
  auto r = make_spectrum(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/channels/1/baud_rate_hz");
  const std::vector<ChannelSpec> unordered = {{.frequency_hz = 193e12, .baud_rate_hz = 32e9},
                                              {.frequency_hz = 192e12, .baud_rate_hz = 32e9}};
  EXPECT_FALSE(make_spectrum(unordered));
  EXPECT_FALSE(uniform_spectrum({.spacing_hz = 0}));
}

TEST(SpectralInfo, TransmitterOsnrIsQuotedAtPointOneNanometre) {
  const SpectralInfo s = c_band_76();
  // 40 dB in 12.5 GHz is 40 − 10·log10(32/12.5) = 35.92 dB in 32 GHz (GNPy prints 35.92).
  EXPECT_NEAR(s.osnr_01nm_db(0), 40.0, 1e-12);
  EXPECT_NEAR(s.gsnr_bw_db(0), 40.0 - 10 * std::log10(32.0 / 12.5), 1e-12);
}

TEST(SpectralInfo, SummariesAverageDecibels) {
  const std::vector<double> db = {10.0, 20.0};
  EXPECT_DOUBLE_EQ(mean_db(db), 15.0);  // a linear mean would give 17.4 dB
  EXPECT_TRUE(std::isnan(mean_db({})));
  EXPECT_NEAR(to_01nm_db(27.0, 32e9), 27.0 + 4.0824, 1e-4);
}

TEST(Fiber, DerivedQuantitiesMatchSsmf) {
  const Fiber f = ssmf_80km();
  EXPECT_NEAR(f.total_loss_db(), 17.0, 1e-12);
  // γ = 2π·n₂/(λ·A_eff) = 1.2698e-3 /W/m for n₂ = 2.6e-20, 1550 nm, 83 µm².
  EXPECT_NEAR(f.gamma_ref_per_w_m(), 1.2698e-3, 1e-7);
  EXPECT_NEAR(f.gamma_per_w_m(kSpeedOfLight / 1550e-9), f.gamma_ref_per_w_m(), 1e-12);
  // β₂ = −λ²D/(2πc) ≈ −21.30 ps²/km for D = 16.7 ps/nm/km.
  EXPECT_NEAR(f.beta2_s2_per_m() * 1e27, -21.30, 0.005);
  EXPECT_NEAR(f.effective_length_m(), (1 - std::exp(-f.alpha_per_m() * 80e3)) / f.alpha_per_m(),
              1e-9);
  EXPECT_NEAR(f.asymptotic_length_m(), 21714.7, 0.1);  // 1/α for 0.2 dB/km
}

TEST(Fiber, GammaGivenDirectlyFixesTheEffectiveArea) {
  auto f = Fiber::create({.gamma_per_w_m = 1.3e-3});
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->gamma_ref_per_w_m(), 1.3e-3, 1e-12);
}

TEST(Fiber, RejectsBadParametersNamingTheField) {
  auto r = Fiber::create({.length_m = -1});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/length_m");
  EXPECT_EQ(Fiber::create({.con_in_db = -0.5}).error().place(), "/con_in_db");
  EXPECT_EQ(Fiber::create({.dispersion_s_per_m2 = 0}).error().place(), "/dispersion_s_per_m2");
  EXPECT_EQ(Fiber::create({.effective_area_m2 = 0}).error().place(), "/effective_area_m2");
}

TEST(Fiber, LossAppliesToSignalAseAndNliAlike) {
  SpectralInfo s = c_band_76();
  s.ase_w.assign(s.size(), 1e-6);
  const double nli_before = 0;
  ssmf_80km().propagate(s);
  EXPECT_NEAR(s.signal_w[10], 1e-3 * std::pow(10, -1.7), 1e-15);
  EXPECT_NEAR(s.ase_w[10], 1e-6 * std::pow(10, -1.7), 1e-18);
  EXPECT_GT(s.nli_w[10], nli_before);
}

TEST(Fiber, LumpedLossesAddToTheSpanLoss) {
  auto f = Fiber::create({.length_m = 50e3, .lumped_losses_db = {0.3, 0.7}});
  ASSERT_TRUE(f);
  SpectralInfo s = c_band_76();
  f->propagate(s);
  EXPECT_NEAR(linear_to_db(s.signal_w[0] * 1e3), -11.0, 1e-12);
}

TEST(Fiber, NliGrowsAsTheCubeOfLaunchPower) {
  const Fiber f = ssmf_80km();
  const std::vector<double> low = f.nli_at_input(c_band_76(1e-3));
  const std::vector<double> high = f.nli_at_input(c_band_76(2e-3));
  for (std::size_t i = 0; i < low.size(); ++i) EXPECT_NEAR(high[i] / low[i], 8.0, 1e-9);
}

TEST(Fiber, NliIsLargestInTheMiddleOfTheBand) {
  const std::vector<double> nli = ssmf_80km().nli_at_input(c_band_76());
  EXPECT_GT(nli[38], nli[0]);
  EXPECT_GT(nli[38], nli[75]);
}

TEST(Fiber, UniformAndGeneralNliPathsAgree) {
  // Nudging one channel 1 MHz off the grid (more than the 1 ppm of the spacing the grid test
  // allows) forces the general n² path; the NLI hardly moves.
  SpectralInfo grid = c_band_76();
  SpectralInfo nudged = grid;
  nudged.frequency_hz[75] += 1e6;
  const Fiber f = ssmf_80km();
  const auto a = f.nli_at_input(grid);
  const auto b = f.nli_at_input(nudged);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(b[i] / a[i], 1.0, 1e-4);
}

TEST(Fiber, FlatLoadShortcutAgreesWithTheFullSum) {
  // Equal powers take the prefix-sum shortcut; a 1e-9 nudge on one channel forces the full sum.
  SpectralInfo flat = c_band_76();
  SpectralInfo nudged = flat;
  nudged.signal_w[40] *= 1 + 1e-9;
  const Fiber f = ssmf_80km();
  const auto a = f.nli_at_input(flat);
  const auto b = f.nli_at_input(nudged);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(b[i] / a[i], 1.0, 1e-8) << i;
}

TEST(Fiber, SpmPsiHasItsClosedForm) {
  // For i = j, ψ = asinh(π²/2 · L_a·|β₂|·B²) · L_eff² / (2π·|β₂|·L_a) (Poggiolini 2012, eq. 123).
  const Fiber f = ssmf_80km();
  const double b2 = std::abs(f.beta2_s2_per_m());
  const double la = f.asymptotic_length_m();
  const double leff = f.effective_length_m();
  const double pi = 3.141592653589793;
  const double expected =
      std::asinh(pi * pi / 2 * la * b2 * 32e9 * 32e9) * leff * leff / (2 * pi * b2 * la);
  EXPECT_NEAR(gn_psi(0, 32e9, 32e9, b2, leff, la) / expected, 1.0, 1e-13);
  // ψ is even in the frequency offset when both channels share a baud rate.
  EXPECT_NEAR(gn_psi(150e9, 32e9, 32e9, b2, leff, la) / gn_psi(-150e9, 32e9, 32e9, b2, leff, la),
              1.0, 1e-13);
}

TEST(Fiber, FlexGridMatchesGnpysPublishedFiberTest) {
  // GNPy's tests/test_science_utils.py::test_fiber, flex grid, Raman off (docs/sources.md §10):
  // five channels around 191 THz with mixed baud rates and powers through 80 km of fibre with
  // 0.5 dB connectors; expected output signal and NLI in W. GNPy asserts rtol 1e-3; the same
  // equations agree to rounding, so 1e-9 is asserted here.
  const std::vector<ChannelSpec> channels = {
      {.frequency_hz = 191.000e12, .baud_rate_hz = 32e9, .signal_w = 1.0e-3},
      {.frequency_hz = 191.050e12, .baud_rate_hz = 42e9, .signal_w = 0.9e-3},
      {.frequency_hz = 191.150e12, .baud_rate_hz = 64e9, .signal_w = 1.3e-3},
      {.frequency_hz = 191.225e12, .baud_rate_hz = 42e9, .signal_w = 0.8e-3},
      {.frequency_hz = 191.275e12, .baud_rate_hz = 32e9, .signal_w = 1.2e-3}};
  SpectralInfo s = *make_spectrum(channels);
  ssmf_80km().propagate(s);
  const double signal[] = {1.9952623149688796e-05, 1.7957360834719913e-05, 2.593841009459543e-05,
                           1.5962098519751036e-05, 2.3943147779626556e-05};
  const double nli[] = {5.183134799604202e-09, 4.286200408629989e-09, 6.2510001955285065e-09,
                        4.082332034495425e-09, 7.857762167195498e-09};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(s.signal_w[i] / signal[i], 1.0, 1e-9) << i;
    EXPECT_NEAR(s.nli_w[i] / nli[i], 1.0, 1e-9) << i;
  }
}

TEST(Fiber, DispersionIsTheSumOfDTimesL) {
  auto a = Fiber::create({.length_m = 80e3, .dispersion_s_per_m2 = 16.7e-6});
  auto b = Fiber::create({.length_m = 50e3, .dispersion_s_per_m2 = 4.0e-6});
  SpectralInfo s = c_band_76();
  a->propagate(s);
  b->propagate(s);
  // (16.7 ps/nm/km × 80 km) + (4 ps/nm/km × 50 km) = 1336 + 200 ps/nm.
  EXPECT_NEAR(s.chromatic_dispersion_s_per_m[5] * 1e3, 1536.0, 1e-9);
  EXPECT_NEAR(summarize(s).cd_ps_per_nm, 1536.0, 1e-9);
}

TEST(Fiber, PmdIsTheRootOfTheSumOfSquares) {
  auto a = Fiber::create({.length_m = 80e3, .pmd_coef_s_per_sqrt_m = 1.265e-15});
  auto b = Fiber::create({.length_m = 20e3, .pmd_coef_s_per_sqrt_m = 3.0e-15});
  SpectralInfo s = c_band_76();
  a->propagate(s);
  b->propagate(s);
  const double expected = std::sqrt(1.265e-15 * 1.265e-15 * 80e3 + 3.0e-15 * 3.0e-15 * 20e3);
  EXPECT_NEAR(s.pmd_s[0], expected, 1e-20);
}

TEST(Fiber, LatencyIsLengthTimesGroupIndexOverC) {
  SpectralInfo s = c_band_76();
  ssmf_80km().propagate(s);
  EXPECT_NEAR(s.latency_s[0], 80e3 * 1.468 / kSpeedOfLight, 1e-15);
}

TEST(Edfa, TwoCoilModelReproducesTheDataSheetEnds) {
  const Edfa amp = std_low_gain();
  EXPECT_NEAR(amp.noise_figure_db(16), 6.5, 0.01);  // nf_min at gain_flatmax
  EXPECT_NEAR(amp.noise_figure_db(8), 11.0, 0.01);  // nf_max at gain_min
  // GNPy v2.12 prints 6.62 dB for this amplifier at 15 dB of gain.
  EXPECT_NEAR(amp.noise_figure_db(15), 6.62, 0.005);
  // Below gain_min the input pad adds its loss to the noise figure.
  EXPECT_NEAR(amp.noise_figure_db(6), amp.noise_figure_db(8) + 2, 1e-12);
  const TwoCoilNfModel& m = amp.nf_model();
  EXPECT_GT(m.nf2_db, m.nf1_db + 0.3 - 1e-9);
  EXPECT_LT(m.nf2_db, m.nf1_db + 2 + 1e-9);
}

TEST(Edfa, FixedGainUsesItsOneNoiseFigure) {
  auto amp = Edfa::create(EdfaParams::fixed_gain("std_fixed_gain", 20, 21, 21, 5.5));
  ASSERT_TRUE(amp);
  EXPECT_DOUBLE_EQ(amp->noise_figure_db(20.5), 5.5);
}

TEST(Edfa, RejectsDataSheetsNoTwoCoilsCanMeet) {
  auto r = Edfa::create(EdfaParams::variable_gain("odd", 15, 26, 23, 3, 10));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("odd"), std::string::npos);
  EXPECT_FALSE(Edfa::create(EdfaParams::variable_gain("flat", 15, 15, 23, 6, 10)));
}

TEST(Edfa, AddsAseFromItsNoiseFigureAndAppliesTheGain) {
  SpectralInfo s = c_band_76(1e-3 * std::pow(10, -1.7));
  const EdfaReport r = std_low_gain().propagate_with_gain(s, 15);
  EXPECT_FALSE(r.power_limited);
  EXPECT_NEAR(linear_to_db(s.signal_w[0] * 1e3), -2.0, 1e-12);
  const double nf = db_to_linear(std_low_gain().noise_figure_db(15));
  EXPECT_NEAR(s.ase_w[0], kPlanck * 191.35e12 * 32e9 * nf * std::pow(10, 1.5), 1e-20);
}

TEST(Edfa, OutputPowerIsCappedAtPmax) {
  const Edfa amp = *Edfa::create(EdfaParams::variable_gain("small", 8, 16, 15, 6.5, 11));
  SpectralInfo s = c_band_76(1e-3 * std::pow(10, -1.7));  // 76 × −17 dBm ≈ 1.8 dBm in
  const EdfaReport r = amp.propagate_with_gain(s, 16);
  EXPECT_TRUE(r.power_limited);
  EXPECT_NEAR(r.effective_gain_db, 15 - r.pin_dbm, 1e-12);
  EXPECT_NEAR(r.pout_dbm, 15.0, 0.01);  // the ASE added on top is tiny
}

TEST(Line, AseAddsInLinearUnitsOverSpans) {
  const Fiber span = ssmf_80km();
  const Edfa amp = std_low_gain();
  SpectralInfo one = c_band_76();
  span.propagate(one);
  (void)amp.propagate_with_gain(one, span.total_loss_db());
  SpectralInfo many = c_band_76();
  for (int k = 0; k < 5; ++k) {
    span.propagate(many);
    (void)amp.propagate_with_gain(many, span.total_loss_db());
  }
  for (std::size_t i = 0; i < one.size(); i += 15) {
    EXPECT_NEAR(many.ase_w[i] / one.ase_w[i], 5.0, 1e-9);
    // With gain equal to loss every span sees the same powers, so NLI adds the same way.
    EXPECT_NEAR(many.nli_w[i] / one.nli_w[i], 5.0, 1e-9);
  }
}

TEST(Line, SingleSpanReproducesGnpyPublishedGsnr) {
  // GNPy v2.12 transmission example on its edfa_example_network: Site_A → 80 km SSMF (0.5 dB
  // connectors) → std_low_gain EDFA → Site_B, 76 channels at 0 dBm, power mode with the EDFA's
  // delta_p = −2 dB, so the gain is −2 − (0 − 17) = 15 dB. Published: final GSNR 31.18 dB at
  // 0.1 nm, 27.10 dB in the signal bandwidth, OSNR ASE 33.30 dB at 0.1 nm, CD 1336 ps/nm,
  // PMD 0.36 ps, latency 0.39 ms (docs/sources.md §10).
  SpectralInfo s = c_band_76();
  const Fiber span = ssmf_80km();
  span.propagate(s);
  const EdfaReport r = std_low_gain().propagate_to_power(s, -2.0, 0.0 - span.total_loss_db());
  EXPECT_NEAR(r.effective_gain_db, 15.0, 1e-12);
  EXPECT_NEAR(r.nf_db, 6.62, 0.005);
  EXPECT_NEAR(r.pout_dbm, 16.82, 0.01);
  const QotSummary q = summarize(s);
  EXPECT_NEAR(q.gsnr_01nm_db, 31.18, 0.01);
  EXPECT_NEAR(q.gsnr_bw_db, 27.10, 0.01);
  EXPECT_NEAR(q.osnr_ase_01nm_db, 33.30, 0.01);
  EXPECT_NEAR(q.cd_ps_per_nm, 1336.0, 1e-9);
  EXPECT_NEAR(q.pmd_ps, 0.36, 0.005);
  EXPECT_NEAR(q.latency_ms, 0.39, 0.005);
  // The first channel's line, as GNPy prints it: OSNR ASE 29.25, SNR NLI 32.89, GSNR 27.69 (bw).
  EXPECT_NEAR(s.osnr_bw_db(0), 29.25, 0.005);
  EXPECT_NEAR(s.snr_nli_db(0), 32.89, 0.005);
  EXPECT_NEAR(s.gsnr_bw_db(0), 27.69, 0.005);
}

TEST(Fiber, NliWorkspaceGivesTheFiguresOfAFreshComputation) {
  // One workspace carried across spans of two fibre types and two channel layouts: each span
  // must see exactly what it computes alone, so no table is reused for the wrong key.
  const Fiber ssmf = ssmf_80km();
  const Fiber other = *Fiber::create({.length_m = 60e3, .loss_db_per_km = 0.22});
  const Fiber small_core = *Fiber::create({.length_m = 80e3, .effective_area_m2 = 72e-12});
  SpectralInfo grid = c_band_76();
  SpectralInfo nudged = grid;
  nudged.frequency_hz[75] += 1e6;  // the general n² path
  SpectralInfo uneven = grid;
  uneven.signal_w[3] *= 2;  // the convolution rather than the flat-load shortcut
  NliWorkspace ws;
  for (int round = 0; round < 2; ++round)
    for (const Fiber* f : {&ssmf, &other, &small_core})
      for (const SpectralInfo* s : {&grid, &nudged, &uneven}) {
        const std::vector<double> alone = f->nli_at_input(*s);
        const std::span<const double> shared = f->nli_at_input(*s, ws);
        ASSERT_EQ(shared.size(), alone.size());
        for (std::size_t i = 0; i < alone.size(); ++i) EXPECT_EQ(shared[i], alone[i]) << i;
      }
}

}  // namespace
}  // namespace lightmesh::physics
