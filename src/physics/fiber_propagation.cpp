#include "physics/fiber_propagation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>

namespace lightmesh::physics {

namespace {

constexpr double kPi = std::numbers::pi;
// dB/km → 1/m: one neper of power is 10·log10(e) dB.
constexpr double kDbPerNeper = 4.342944819032518;  // 10·log10(e)

// Self-phase modulation weighs 16/27; each cross-phase pump counts twice (Poggiolini 2012, eq.
// 120, the factor 16/27 for dual-polarisation signals).
constexpr double kSpmWeight = 16.0 / 27.0;
constexpr double kXpmWeight = 2.0 * 16.0 / 27.0;

Error field_error(const char* field, const std::string& what) {
  return Error::invalid(std::string(field) + " " + what).at_place(std::string("/") + field);
}

// asinh(a) − asinh(b) with one logarithm: asinh(x) = ln(e(x)) where e(x) = x + sqrt(x² + 1),
// written as 1 / (|x| + sqrt(x² + 1)) for negative x to avoid cancellation. This is the hot spot
// of the NLI kernel, and the ratio form is no less accurate than two asinh calls: both lose the
// same leading digits when a and b are close.
double asinh_difference_of(double a, double b) {
  const auto e = [](double x) {
    const double root = std::sqrt(x * x + 1);
    return x >= 0 ? x + root : 1 / (root - x);
  };
  return std::log(e(a) / e(b));
}

bool uniform_grid(const SpectralInfo& s) {
  const std::size_t n = s.size();
  if (n < 2) return true;
  const double spacing = s.frequency_hz[1] - s.frequency_hz[0];
  for (std::size_t i = 1; i < n; ++i) {
    if (s.baud_rate_hz[i] != s.baud_rate_hz[0]) return false;
    if (std::abs(s.frequency_hz[i] - s.frequency_hz[i - 1] - spacing) > 1e-6 * spacing)
      return false;
  }
  return true;
}

}  // namespace

double gn_asinh_difference(double delta_f_hz, double cut_baud_hz, double pump_baud_hz,
                           double beta2_abs, double asymptotic_length_m) {
  const double k = kPi * kPi * asymptotic_length_m * beta2_abs * cut_baud_hz;
  return asinh_difference_of(k * (delta_f_hz + pump_baud_hz / 2),
                             k * (delta_f_hz - pump_baud_hz / 2));
}

double gn_psi(double delta_f_hz, double cut_baud_hz, double pump_baud_hz, double beta2_abs,
              double effective_length_m, double asymptotic_length_m) {
  const double asinh_difference =
      gn_asinh_difference(delta_f_hz, cut_baud_hz, pump_baud_hz, beta2_abs, asymptotic_length_m);
  return asinh_difference / 2 * effective_length_m * effective_length_m /
         (2 * kPi * beta2_abs * asymptotic_length_m);
}

Result<Fiber> Fiber::create(FiberParams p) {
  if (!(p.length_m > 0)) return field_error("length_m", "must be positive");
  if (!(p.loss_db_per_km > 0))
    return field_error("loss_db_per_km", "must be positive (the closed-form GN model needs loss)");
  const std::pair<const char*, double> losses[] = {
      {"att_in_db", p.att_in_db}, {"con_in_db", p.con_in_db}, {"con_out_db", p.con_out_db}};
  for (const auto& [name, value] : losses)
    if (!(value >= 0)) return field_error(name, "must not be negative");
  for (double l : p.lumped_losses_db)
    if (!(l >= 0)) return field_error("lumped_losses_db", "must not be negative");
  if (!(p.dispersion_s_per_m2 != 0) || !std::isfinite(p.dispersion_s_per_m2))
    return field_error("dispersion_s_per_m2",
                       "must be non-zero (the closed-form GN model divides by |β₂|)");
  if (!(p.ref_wavelength_m > 0)) return field_error("ref_wavelength_m", "must be positive");
  if (!(p.n2_m2_per_w > 0)) return field_error("n2_m2_per_w", "must be positive");
  if (p.gamma_per_w_m) {
    if (!(*p.gamma_per_w_m > 0)) return field_error("gamma_per_w_m", "must be positive");
    // GNPy derives the effective area from γ when γ is given.
    p.effective_area_m2 = 2 * kPi * p.n2_m2_per_w / (p.ref_wavelength_m * *p.gamma_per_w_m);
  }
  if (!(p.effective_area_m2 > 0)) return field_error("effective_area_m2", "must be positive");
  if (!(p.pmd_coef_s_per_sqrt_m >= 0))
    return field_error("pmd_coef_s_per_sqrt_m", "must not be negative");
  if (!(p.group_index > 0)) return field_error("group_index", "must be positive");
  if (!(p.core_radius_m > 0)) return field_error("core_radius_m", "must be positive");
  if (!(p.core_index > 0)) return field_error("core_index", "must be positive");
  return Fiber(std::move(p));
}

Fiber::Fiber(FiberParams p) : p_(std::move(p)) {
  alpha_ = p_.loss_db_per_km / kDbPerNeper / 1e3;
  effective_length_ = (1 - std::exp(-alpha_ * p_.length_m)) / alpha_;
  beta2_ = -p_.ref_wavelength_m * p_.ref_wavelength_m * p_.dispersion_s_per_m2 /
           (2 * kPi * kSpeedOfLight);
  effective_area_ref_ = p_.effective_area_m2;
  // The step-index model A_eff(f) = π·w², w = a / sqrt(ln V), V = 2π·f/c · a · n₁ · sqrt(2Δ),
  // with the index contrast Δ chosen so that A_eff at the reference wavelength is the given one.
  // GNPy scales A_eff (and thus γ) across the band the same way.
  const double f_ref = kSpeedOfLight / p_.ref_wavelength_m;
  const double a = p_.core_radius_m;
  const double root = kSpeedOfLight / (2 * kPi * f_ref * a * p_.core_index) *
                      std::exp(kPi * a * a / effective_area_ref_);
  core_contrast_ = 0.5 * root * root;
}

double Fiber::gamma_ref_per_w_m() const {
  return 2 * kPi * p_.n2_m2_per_w / (p_.ref_wavelength_m * effective_area_ref_);
}

double Fiber::gamma_per_w_m(double frequency_hz) const {
  const double a = p_.core_radius_m;
  const double v =
      2 * kPi * frequency_hz / kSpeedOfLight * a * p_.core_index * std::sqrt(2 * core_contrast_);
  const double w2 = a * a / std::log(v);
  const double area = kPi * w2;
  return 2 * kPi * p_.n2_m2_per_w * frequency_hz / (kSpeedOfLight * area);
}

double Fiber::total_loss_db() const {
  double lumped = 0;
  for (double l : p_.lumped_losses_db) lumped += l;
  return p_.att_in_db + p_.con_in_db + p_.loss_db_per_km * p_.length_m / 1e3 + lumped +
         p_.con_out_db;
}

double Fiber::pmd_s() const { return p_.pmd_coef_s_per_sqrt_m * std::sqrt(p_.length_m); }

double Fiber::latency_s() const { return p_.length_m * p_.group_index / kSpeedOfLight; }

NliWorkspace::FiberKey Fiber::nli_key() const {
  return {.alpha_per_m = alpha_,
          .beta2_abs = std::abs(beta2_),
          .n2 = p_.n2_m2_per_w,
          .core_radius_m = p_.core_radius_m,
          .core_index = p_.core_index,
          .core_contrast = core_contrast_};
}

const NliWorkspace::Entry& Fiber::nli_tables(const SpectralInfo& s, NliWorkspace& ws) const {
  // The tables are a function of the key and the layout alone (gn_asinh_difference takes L_a, |β₂|
  // and the channels' offsets and baud rates; gamma_per_w_m the core model and the frequency), so
  // an entry that matches both exactly holds what this span would compute.
  const NliWorkspace::FiberKey key = nli_key();
  for (const NliWorkspace::Entry& e : ws.entries_)
    if (e.fiber == key && e.frequency_hz == s.frequency_hz && e.baud_rate_hz == s.baud_rate_hz)
      return e;
  if (ws.entries_.capacity() < NliWorkspace::kMaxEntries)
    ws.entries_.reserve(NliWorkspace::kMaxEntries);
  NliWorkspace::Entry* e = nullptr;
  if (ws.entries_.size() < NliWorkspace::kMaxEntries) {
    e = &ws.entries_.emplace_back();
  } else {
    e = &ws.entries_[ws.next_to_replace_];
    ws.next_to_replace_ = (ws.next_to_replace_ + 1) % NliWorkspace::kMaxEntries;
  }
  e->fiber = key;
  e->frequency_hz = s.frequency_hz;
  e->baud_rate_hz = s.baud_rate_hz;
  e->uniform = uniform_grid(s);
  const std::size_t n = s.size();
  const double beta2_abs = key.beta2_abs;
  const double la = asymptotic_length_m();
  if (e->uniform) {
    // On a fixed grid with one baud rate the asinh difference depends only on |i − j|: n values
    // instead of n², mirrored into a kernel indexed by i − j.
    const double spacing = n > 1 ? s.frequency_hz[1] - s.frequency_hz[0] : 0;
    const double b = n > 0 ? s.baud_rate_hz[0] : 0;
    e->kernel.assign(n > 0 ? 2 * n - 1 : 0, 0.0);
    for (std::size_t d = 0; d < n; ++d) {
      const double weighted =
          (d == 0 ? kSpmWeight : kXpmWeight) *
          gn_asinh_difference(static_cast<double>(d) * spacing, b, b, beta2_abs, la);
      e->kernel[n - 1 + d] = weighted;
      e->kernel[n - 1 - d] = weighted;
    }
    e->prefix.assign(e->kernel.size() + 1, 0.0);
    for (std::size_t m = 0; m < e->kernel.size(); ++m)
      e->prefix[m + 1] = e->prefix[m] + e->kernel[m];
  } else {
    e->kernel.resize(n * n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        e->kernel[i * n + j] =
            (i == j ? kSpmWeight : kXpmWeight) *
            gn_asinh_difference(s.frequency_hz[j] - s.frequency_hz[i], s.baud_rate_hz[i],
                                s.baud_rate_hz[j], beta2_abs, la);
    e->prefix.clear();
  }
  e->gamma_squared.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double gamma = gamma_per_w_m(s.frequency_hz[i]);
    e->gamma_squared[i] = gamma * gamma;
  }
  return *e;
}

std::vector<double> Fiber::nli_at_input(const SpectralInfo& s) const {
  NliWorkspace ws;
  const std::span<const double> nli = nli_at_input(s, ws);
  return {nli.begin(), nli.end()};
}

std::span<const double> Fiber::nli_at_input(const SpectralInfo& s, NliWorkspace& ws) const {
  // NLI_i = P_i · γ_i² · Σ_j w_ij · ψ_ij · P_j² / B_j²   (eq. 120 in its incoherent, per-channel
  // form: the PSD of channel j is P_j / B_j, and the NLI PSD on channel i, integrated over B_i).
  // ψ_ij is the cached asinh difference times the span's length factor L_eff² / (4π·|β₂|·L_a),
  // which is the same for every pair and so multiplies the sum once.
  const std::size_t n = s.size();
  ws.nli_.assign(n, 0.0);
  if (n == 0) return ws.nli_;
  const NliWorkspace::Entry& t = nli_tables(s, ws);
  // Pump terms P_j² / B_j², shared by every channel under test.
  std::vector<double>& pump = ws.pump_;
  pump.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    const double g = s.signal_w[j] / s.baud_rate_hz[j];
    pump[j] = g * g;
  }
  std::vector<double>& sum = ws.sum_;
  sum.assign(n, 0.0);
  if (t.uniform) {
    const bool equal_powers =
        std::all_of(pump.begin(), pump.end(), [&](double p) { return p == pump[0]; });
    if (equal_powers) {
      // The common full, flat load: Σ_j K[i − j]·P² is P² times a window sum of the kernel, which
      // the prefix sums give in O(n).
      for (std::size_t i = 0; i < n; ++i) sum[i] = pump[0] * (t.prefix[n + i] - t.prefix[i]);
    } else {
      // The sum over pumps as a convolution whose inner loop runs over channels under test with
      // no dependency from one step to the next (a plain dot product per channel would chain
      // every add on the last).
      for (std::size_t j = 0; j < n; ++j) {
        const double pj = pump[j];
        const double* __restrict k = t.kernel.data() + (n - 1 - j);  // k[i]: kernel for i − j
        double* __restrict out = sum.data();
        // Four independent lanes per step, which the compiler turns into vector instructions.
        std::size_t i = 0;
        for (; i + 4 <= n; i += 4) {
          out[i] += k[i] * pj;
          out[i + 1] += k[i + 1] * pj;
          out[i + 2] += k[i + 2] * pj;
          out[i + 3] += k[i + 3] * pj;
        }
        for (; i < n; ++i) out[i] += k[i] * pj;
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const double* row = t.kernel.data() + i * n;
      double acc = 0;
      for (std::size_t j = 0; j < n; ++j) acc += row[j] * pump[j];
      sum[i] = acc;
    }
  }
  const double length_factor =
      effective_length_ * effective_length_ / (4 * kPi * std::abs(beta2_) * asymptotic_length_m());
  for (std::size_t i = 0; i < n; ++i)
    ws.nli_[i] = s.signal_w[i] * t.gamma_squared[i] * (length_factor * sum[i]);
  return ws.nli_;
}

void Fiber::propagate(SpectralInfo& s) const {
  NliWorkspace ws;
  propagate(s, ws);
}

void Fiber::propagate(SpectralInfo& s, NliWorkspace& ws) const {
  const double in_loss_db = p_.att_in_db + p_.con_in_db;
  if (in_loss_db != 0) s.apply_attenuation_db(in_loss_db);
  const std::span<const double> nli = nli_at_input(s, ws);
  const double cd = chromatic_dispersion_s_per_m();
  const double pmd = pmd_s();
  const double latency = latency_s();
  double lumped = 0;
  for (double l : p_.lumped_losses_db) lumped += l;
  // The fibre and lumped losses and the output connector, applied in the same pass.
  const double out_factor =
      db_to_linear(-(p_.loss_db_per_km * p_.length_m / 1e3 + lumped + p_.con_out_db));
  // Restricted pointers: the spectrum's arrays are distinct, which the compiler cannot know, and
  // without it reloads every array's address after each store.
  const std::size_t n = s.size();
  double* __restrict signal = s.signal_w.data();
  double* __restrict ase = s.ase_w.data();
  double* __restrict nli_w = s.nli_w.data();
  double* __restrict dispersion = s.chromatic_dispersion_s_per_m.data();
  double* __restrict delay = s.latency_s.data();
  const double* __restrict added = nli.data();
  for (std::size_t i = 0; i < n; ++i) {
    signal[i] *= out_factor;
    ase[i] *= out_factor;
    nli_w[i] = (nli_w[i] + added[i]) * out_factor;
    dispersion[i] += cd;
    delay[i] += latency;
  }
  // Independent random birefringence sections add in quadrature.
  add_in_quadrature(s.pmd_s, pmd);
}

}  // namespace lightmesh::physics
