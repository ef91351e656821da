// The channels travelling together through a line, one entry per channel, and the quality-of-
// transmission figures read from them: GSNR and OSNR per channel (linear and dB, at the signal
// bandwidth and at 0.1 nm = 12.5 GHz) and GNPy's summaries, which average dB values.
//
//   LM_ASSIGN_OR_RETURN(SpectralInfo s, uniform_spectrum({.f_min_hz = 191.3e12,
//       .f_max_hz = 195.1e12, .spacing_hz = 50e9, .baud_rate_hz = 32e9, .power_w = 1e-3}));
//   fiber.propagate(s);  edfa.propagate_with_gain(s, 15.0);
//   QotSummary q = summarize(s);  // q.gsnr_01nm_db
//
// Units are SI throughout (Hz, W, s, s/m), as GNPy keeps them, so figures compare one to one.
// Channels are stored as parallel arrays so that the propagation loops stay tight.
// A SpectralInfo is a plain value: not thread-safe to mutate, safe to read from many threads.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "core/result.h"

namespace lightmesh::physics {

// Bandwidth that "0.1 nm" stands for in OSNR figures, as GNPy uses it (≈ 0.1 nm at 1550 nm).
inline constexpr double kReferenceBandwidthHz = 12.5e9;

// One channel as given by its transmitter.
struct ChannelSpec {
  double frequency_hz = 0;
  double baud_rate_hz = 0;
  double roll_off = 0.15;
  double signal_w = 1e-3;
  double tx_osnr_db = 40;    // the transmitter's own OSNR, referred to 0.1 nm
  double slot_width_hz = 0;  // 0: baud rate × (1 + roll-off)
  // Offset of this channel's power from the ROADM equalisation target (GNPy's
  // delta_pdb_per_channel, a mode's equalization_offset_db).
  double delta_pdb = 0;
};

// A full load on a fixed grid: channel k (k = 1 … floor((f_max − f_min) / spacing)) sits at
// f_min + k·spacing. This is how GNPy builds its spectrum from the SI block of the equipment.
struct UniformGrid {
  double f_min_hz = 191.3e12;
  double f_max_hz = 196.1e12;
  double spacing_hz = 50e9;
  double baud_rate_hz = 32e9;
  double roll_off = 0.15;
  double power_w = 1e-3;
  double tx_osnr_db = 40;
};

struct SpectralInfo {
  // Per channel, all the same length.
  std::vector<double> frequency_hz;
  std::vector<double> baud_rate_hz;
  std::vector<double> roll_off;
  std::vector<double> slot_width_hz;
  std::vector<double> tx_osnr_db;
  std::vector<double> signal_w;
  std::vector<double> ase_w;  // amplified spontaneous emission within the signal bandwidth
  std::vector<double> nli_w;  // nonlinear interference within the signal bandwidth
  // Accumulated impairments, kept per channel as GNPy keeps them.
  std::vector<double> chromatic_dispersion_s_per_m;
  std::vector<double> pmd_s;
  std::vector<double> latency_s;
  // Polarisation-dependent loss accumulated in quadrature (dB), as GNPy keeps it per channel.
  std::vector<double> pdl_db;
  // Per-channel offset from the ROADM equalisation target (dB); see ChannelSpec::delta_pdb.
  std::vector<double> delta_pdb;

  std::size_t size() const { return frequency_hz.size(); }

  // Total power of channel i: signal + ASE + NLI, what a power meter (and GNPy's pch) sees.
  double total_w(std::size_t i) const { return signal_w[i] + ase_w[i] + nli_w[i]; }
  // Sum of total_w over all channels.
  double total_power_w() const;

  // Keeps only the channels whose `keep[i]` is true, in order.
  void keep_channels(const std::vector<bool>& keep);

  // Signal, ASE and NLI all see a passive loss or a gain alike.
  void apply_attenuation_db(double loss_db);
  void apply_gain_db(double gain_db);
  void apply_gain_linear(double factor);

  // Noise of the transmitter itself, in the signal bandwidth: it follows the signal through every
  // loss and gain, so it is derived from the current signal power instead of being stored.
  double tx_noise_w(std::size_t i) const;

  // Signal over ASE plus transmitter noise, in the signal bandwidth (linear). Excludes NLI.
  double osnr_bw_linear(std::size_t i) const;
  // Signal over NLI alone, in the signal bandwidth (linear).
  double snr_nli_linear(std::size_t i) const;
  // Signal over all noise: ASE, transmitter noise and NLI, in the signal bandwidth (linear).
  double gsnr_bw_linear(std::size_t i) const;

  double osnr_bw_db(std::size_t i) const;
  double osnr_01nm_db(std::size_t i) const;
  double snr_nli_db(std::size_t i) const;
  double gsnr_bw_db(std::size_t i) const;
  double gsnr_01nm_db(std::size_t i) const;
};

// Channels from explicit specs. Errors name the channel index and the field.
Result<SpectralInfo> make_spectrum(std::span<const ChannelSpec> channels);
// A full fixed-grid load (see UniformGrid).
Result<SpectralInfo> uniform_spectrum(const UniformGrid& grid);

// A figure referred to the signal bandwidth, re-referred to 0.1 nm: + 10·log10(baud / 12.5 GHz).
double to_01nm_db(double value_bw_db, double baud_rate_hz);

// GNPy's convention for a summary over channels: the mean of the per-channel dB values (not the
// dB of a linear mean). An empty list gives NaN.
double mean_db(std::span<const double> values_db);

// What GNPy reports at a receiver, each a mean over channels of dB values (impairments: plain
// means).
struct QotSummary {
  double gsnr_bw_db = 0;
  double gsnr_01nm_db = 0;
  double min_gsnr_01nm_db = 0;  // the worst channel, which decides feasibility
  double osnr_ase_bw_db = 0;
  double osnr_ase_01nm_db = 0;
  double snr_nli_bw_db = 0;
  double cd_ps_per_nm = 0;
  double pmd_ps = 0;
  double latency_ms = 0;
  double pdl_db = 0;
};
QotSummary summarize(const SpectralInfo& s);

// The mean of 10·log10(values[i]) over positive values without a logarithm per value: the
// mantissas are multiplied and the binary exponents summed, then one logarithm is taken. Reports
// of mean channel powers in dB (GNPy's convention) use it on every element of a path.
double mean_db_of_linear(std::span<const double> values);

// Adds `added` to every value in quadrature, √(v² + added²), as independent impairments (PMD, PDL)
// accumulate. Channels travelling together usually share their value so far, so one root is taken
// per run of equal values.
void add_in_quadrature(std::vector<double>& values, double added);

// dB ↔ linear power ratio.
inline double db_to_linear(double db) { return std::pow(10.0, db / 10.0); }
inline double linear_to_db(double linear) { return 10.0 * std::log10(linear); }

}  // namespace lightmesh::physics
