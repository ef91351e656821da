// A fibre span acting on the channels that cross it: connector, padding and lumped losses, the
// fibre's own loss, chromatic dispersion, PMD, latency, and nonlinear interference (NLI) from the
// incoherent GN model in its closed form, as GNPy's default method `gn_model_analytic` computes it.
// docs/physics.md gives the equations and their sources.
//
//   LM_ASSIGN_OR_RETURN(Fiber span, Fiber::create({.length_m = 80e3, .loss_db_per_km = 0.2,
//       .con_in_db = 0.5, .con_out_db = 0.5}));   // SSMF defaults for the rest
//   span.propagate(spectrum);
//
// A Fiber is immutable once created; propagate() is const and may run on many threads at once,
// each on its own SpectralInfo.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/result.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {

inline constexpr double kSpeedOfLight = 299792458.0;  // m/s
inline constexpr double kPlanck = 6.62607015e-34;     // J·s

// Fibre parameters in SI units. Defaults are standard single-mode fibre (ITU-T G.652) with the
// figures GNPy's example equipment uses for "SSMF".
struct FiberParams {
  double length_m = 80e3;
  double loss_db_per_km = 0.2;
  double att_in_db = 0;   // padding before the fibre
  double con_in_db = 0;   // input connector
  double con_out_db = 0;  // output connector (GNPy folds the end-of-life margin in here)
  std::vector<double> lumped_losses_db;  // splices and the like along the span, summed
  double dispersion_s_per_m2 = 16.7e-6;  // D at the reference wavelength (16.7 ps/nm/km)
  double ref_wavelength_m = 1550e-9;
  double effective_area_m2 = 83e-12;
  std::optional<double> gamma_per_w_m;  // when given, the effective area is derived from it
  double n2_m2_per_w = 2.6e-20;         // nonlinear index
  double pmd_coef_s_per_sqrt_m = 1.265e-15;
  double group_index = 1.468;  // latency = length · group_index / c
  // Step-index core model used to scale the effective area (and so γ) with frequency.
  double core_radius_m = 4.2e-6;
  double core_index = 1.468;
};

// What the GN model's NLI needs that depends neither on a span's length nor on the channel powers,
// kept between spans: the weighted ψ kernel without its length factor L_eff² (the asinh
// differences depend only on L_a = 1/α, |β₂| and the channels' frequencies and baud rates) and γ²
// per channel (the core model and the frequencies). The spans of one fibre type carrying one
// channel layout (a path of SSMF spans carrying a request's channels) compute them once instead of
// once per span. Entries are keyed by every input they depend on and compared exactly, so a
// different fibre type or channel layout gets its own entry and the figures are those computed
// without a workspace. Also holds the scratch buffers of a propagation, so a span allocates none.
//
//   NliWorkspace ws;                         // one per thread: it is mutated by propagate()
//   for (const Fiber& span : spans) span.propagate(s, ws);
class NliWorkspace {
 public:
  NliWorkspace() = default;

 private:
  friend class Fiber;
  // The fibre properties the cached tables depend on (not the length, nor the losses).
  struct FiberKey {
    double alpha_per_m = 0;
    double beta2_abs = 0;
    double n2 = 0;
    double core_radius_m = 0;
    double core_index = 0;
    double core_contrast = 0;
    bool operator==(const FiberKey&) const = default;
  };
  struct Entry {
    FiberKey fiber;
    std::vector<double> frequency_hz, baud_rate_hz;  // the channel layout
    bool uniform = false;  // one baud rate on a fixed grid: the kernel depends on i − j only
    // Uniform: kernel[n − 1 + d] is the weighted asinh difference for i − j = d (2n − 1 values)
    // and prefix[m] the sum of kernel[0 … m − 1]. General: the n × n matrix, row i = channel
    // under test. Multiply by the span's length factor to get weighted ψ.
    std::vector<double> kernel, prefix;
    std::vector<double> gamma_squared;  // γ² per channel, 1/(W·m)²
  };
  // A few fibre types per path at most; beyond that the oldest entry makes room.
  static constexpr std::size_t kMaxEntries = 4;
  std::vector<Entry> entries_;
  std::size_t next_to_replace_ = 0;
  std::vector<double> pump_, sum_, nli_;  // scratch of one span
};

class Fiber {
 public:
  // Checks the parameters; errors name the field.
  static Result<Fiber> create(FiberParams params);

  const FiberParams& params() const { return p_; }

  // Power attenuation coefficient α in 1/m (not dB): loss_db_per_km / (10·log10(e)) / 1000.
  double alpha_per_m() const { return alpha_; }
  // Effective length L_eff = (1 − e^(−αL)) / α and asymptotic length L_a = 1/α.
  double effective_length_m() const { return effective_length_; }
  double asymptotic_length_m() const { return 1.0 / alpha_; }
  // β₂ = −λ²·D / (2πc), constant over frequency (no dispersion slope).
  double beta2_s2_per_m() const { return beta2_; }
  // Nonlinear coefficient at the reference wavelength, 2π·n₂ / (λ·A_eff).
  double gamma_ref_per_w_m() const;
  // γ at frequency f with the effective area scaled by the step-index core model.
  double gamma_per_w_m(double frequency_hz) const;
  // Total loss from input to output: att_in + con_in + α_dB·L + lumped + con_out.
  double total_loss_db() const;
  double pmd_s() const;
  double latency_s() const;
  double chromatic_dispersion_s_per_m() const { return p_.dispersion_s_per_m2 * p_.length_m; }

  // NLI power (W, signal bandwidth) that the channels of `s`, as they enter the fibre after the
  // input losses, generate on each channel. The result is referred to the fibre input.
  std::vector<double> nli_at_input(const SpectralInfo& s) const;
  // The same, reusing (and filling) the tables of `workspace`; the span stays valid until the next
  // call with the same workspace.
  std::span<const double> nli_at_input(const SpectralInfo& s, NliWorkspace& workspace) const;

  // Everything the span does to the channels, in GNPy's order: input losses, NLI from the powers
  // after them, CD/PMD/latency, fibre and lumped loss, output connector.
  void propagate(SpectralInfo& s) const;
  // The same, with the NLI tables of spans before it of the same type and channel layout.
  void propagate(SpectralInfo& s, NliWorkspace& workspace) const;

 private:
  explicit Fiber(FiberParams p);
  FiberParams p_;
  double alpha_ = 0;
  double effective_length_ = 0;
  double beta2_ = 0;
  double effective_area_ref_ = 0;
  double core_contrast_ = 0;  // Δ of the step-index model, fitted so A_eff(f_ref) = A_eff

  NliWorkspace::FiberKey nli_key() const;
  // The workspace entry for this fibre type and the layout of `s`, computed when missing.
  const NliWorkspace::Entry& nli_tables(const SpectralInfo& s, NliWorkspace& workspace) const;
};

// The asinh difference of gn_psi alone, which does not depend on the span's length:
// asinh(π²·L_a·|β₂|·B_i·(Δf + B_j/2)) − asinh(π²·L_a·|β₂|·B_i·(Δf − B_j/2)).
double gn_asinh_difference(double delta_f_hz, double cut_baud_hz, double pump_baud_hz,
                           double beta2_abs, double asymptotic_length_m);

// The GN model's ψ for channel-under-test i and pump j (closed form, Poggiolini 2012, eq. 123):
// [asinh(π²·L_a·|β₂|·B_i·(Δf + B_j/2)) − asinh(π²·L_a·|β₂|·B_i·(Δf − B_j/2))] / 2
//   × L_eff² / (2π·|β₂|·L_a), with Δf = f_j − f_i.
double gn_psi(double delta_f_hz, double cut_baud_hz, double pump_baud_hz, double beta2_abs,
              double effective_length_m, double asymptotic_length_m);

}  // namespace lightmesh::physics
