#include "physics/spectral_info.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <string>

#include "core/bounded.h"
#include "core/limits.h"

namespace lightmesh::physics {

namespace {

Error channel_error(std::size_t i, const char* field, const std::string& what) {
  return Error::invalid("channel " + std::to_string(i) + ": " + field + " " + what)
      .at_place("/channels/" + std::to_string(i) + "/" + field);
}

}  // namespace

double SpectralInfo::total_power_w() const {
  double sum = 0;
  for (std::size_t i = 0; i < size(); ++i) sum += total_w(i);
  return sum;
}

void SpectralInfo::keep_channels(const std::vector<bool>& keep) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < size(); ++i) {
    if (!keep[i]) continue;
    for (auto* v :
         {&frequency_hz, &baud_rate_hz, &roll_off, &slot_width_hz, &tx_osnr_db, &signal_w, &ase_w,
          &nli_w, &chromatic_dispersion_s_per_m, &pmd_s, &latency_s, &pdl_db, &delta_pdb})
      (*v)[kept] = (*v)[i];
    ++kept;
  }
  for (auto* v :
       {&frequency_hz, &baud_rate_hz, &roll_off, &slot_width_hz, &tx_osnr_db, &signal_w, &ase_w,
        &nli_w, &chromatic_dispersion_s_per_m, &pmd_s, &latency_s, &pdl_db, &delta_pdb})
    v->resize(kept);
}

void SpectralInfo::apply_attenuation_db(double loss_db) {
  apply_gain_linear(db_to_linear(-loss_db));
}

void SpectralInfo::apply_gain_db(double gain_db) { apply_gain_linear(db_to_linear(gain_db)); }

void SpectralInfo::apply_gain_linear(double factor) {
  for (std::size_t i = 0; i < size(); ++i) {
    signal_w[i] *= factor;
    ase_w[i] *= factor;
    nli_w[i] *= factor;
  }
}

double SpectralInfo::tx_noise_w(std::size_t i) const {
  // tx_osnr is quoted in 0.1 nm; in the signal bandwidth the same noise density gives
  // baud / 12.5 GHz times more power.
  return signal_w[i] / db_to_linear(tx_osnr_db[i]) * baud_rate_hz[i] / kReferenceBandwidthHz;
}

double SpectralInfo::osnr_bw_linear(std::size_t i) const {
  return signal_w[i] / (ase_w[i] + tx_noise_w(i));
}

double SpectralInfo::snr_nli_linear(std::size_t i) const { return signal_w[i] / nli_w[i]; }

double SpectralInfo::gsnr_bw_linear(std::size_t i) const {
  return signal_w[i] / (ase_w[i] + tx_noise_w(i) + nli_w[i]);
}

double SpectralInfo::osnr_bw_db(std::size_t i) const { return linear_to_db(osnr_bw_linear(i)); }
double SpectralInfo::osnr_01nm_db(std::size_t i) const {
  return to_01nm_db(osnr_bw_db(i), baud_rate_hz[i]);
}
double SpectralInfo::snr_nli_db(std::size_t i) const { return linear_to_db(snr_nli_linear(i)); }
double SpectralInfo::gsnr_bw_db(std::size_t i) const { return linear_to_db(gsnr_bw_linear(i)); }
double SpectralInfo::gsnr_01nm_db(std::size_t i) const {
  return to_01nm_db(gsnr_bw_db(i), baud_rate_hz[i]);
}

Result<SpectralInfo> make_spectrum(std::span<const ChannelSpec> channels) {
  SpectralInfo s;
  const std::size_t n = channels.size();
  for (auto* v :
       {&s.frequency_hz, &s.baud_rate_hz, &s.roll_off, &s.slot_width_hz, &s.tx_osnr_db, &s.signal_w,
        &s.ase_w, &s.nli_w, &s.chromatic_dispersion_s_per_m, &s.pmd_s, &s.latency_s, &s.delta_pdb})
    v->reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ChannelSpec& c = channels[i];
    if (!(c.frequency_hz > 0)) return channel_error(i, "frequency_hz", "must be positive");
    if (!(c.baud_rate_hz > 0)) return channel_error(i, "baud_rate_hz", "must be positive");
    if (!(c.roll_off >= 0 && c.roll_off <= 1))
      return channel_error(i, "roll_off", "must lie in [0, 1]");
    if (!(c.signal_w > 0)) return channel_error(i, "signal_w", "must be positive");
    if (!std::isfinite(c.tx_osnr_db)) return channel_error(i, "tx_osnr_db", "must be finite");
    if (!std::isfinite(c.delta_pdb)) return channel_error(i, "delta_pdb", "must be finite");
    if (i > 0 && !(c.frequency_hz > channels[i - 1].frequency_hz))
      return channel_error(i, "frequency_hz", "must increase from channel to channel");
    s.frequency_hz.push_back(c.frequency_hz);
    s.baud_rate_hz.push_back(c.baud_rate_hz);
    s.roll_off.push_back(c.roll_off);
    s.slot_width_hz.push_back(c.slot_width_hz > 0 ? c.slot_width_hz
                                                  : c.baud_rate_hz * (1 + c.roll_off));
    s.tx_osnr_db.push_back(c.tx_osnr_db);
    s.signal_w.push_back(c.signal_w);
    s.delta_pdb.push_back(c.delta_pdb);
  }
  s.ase_w.assign(n, 0.0);
  s.nli_w.assign(n, 0.0);
  s.chromatic_dispersion_s_per_m.assign(n, 0.0);
  s.pmd_s.assign(n, 0.0);
  s.latency_s.assign(n, 0.0);
  s.pdl_db.assign(n, 0.0);
  return s;
}

Result<SpectralInfo> uniform_spectrum(const UniformGrid& g) {
  if (!(g.spacing_hz > 0))
    return Error::invalid("spacing_hz must be positive").at_place("/spacing_hz");
  if (!(g.f_max_hz > g.f_min_hz))
    return Error::invalid("f_max_hz must exceed f_min_hz").at_place("/f_max_hz");
  // A small tolerance keeps floor() from losing the last channel to rounding (4.8 THz / 50 GHz).
  const double channels_fit = std::floor((g.f_max_hz - g.f_min_hz) / g.spacing_hz * (1 + 1e-12));
  if (!(channels_fit <= limits::kMaxChannels)) {
    return Error::invalid("the band holds more than 65,536 channels (expected a wider spacing)")
        .at_place("/spacing_hz");
  }
  const auto count = saturate<std::size_t>(channels_fit);
  std::vector<ChannelSpec> channels;
  channels.reserve(count);
  for (std::size_t k = 1; k <= count; ++k)
    channels.push_back({.frequency_hz = g.f_min_hz + static_cast<double>(k) * g.spacing_hz,
                        .baud_rate_hz = g.baud_rate_hz,
                        .roll_off = g.roll_off,
                        .signal_w = g.power_w,
                        .tx_osnr_db = g.tx_osnr_db,
                        .slot_width_hz = g.spacing_hz});
  return make_spectrum(channels);
}

double to_01nm_db(double value_bw_db, double baud_rate_hz) {
  return value_bw_db + linear_to_db(baud_rate_hz / kReferenceBandwidthHz);
}

double mean_db(std::span<const double> values_db) {
  if (values_db.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double v : values_db) sum += v;
  return sum / static_cast<double>(values_db.size());
}

namespace {

// Splits a positive normal double into its mantissa in [1, 2) and adds its binary exponent to
// `exponent`, by its bits (std::frexp is a library call, too slow per channel and element).
inline double split_mantissa(double v, std::int64_t& exponent) {
  auto bits = std::bit_cast<std::uint64_t>(v);
  exponent += static_cast<std::int64_t>((bits >> 52) & 0x7ff) - 1023;
  bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
  return std::bit_cast<double>(bits);
}

}  // namespace

double mean_db_of_linear(std::span<const double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  // Zero, subnormal, infinite or NaN values (sign and exponent bits outside 1 … 2046): no
  // shortcut, take the plain mean of logarithms.
  const auto normal = [](double v) { return (std::bit_cast<std::uint64_t>(v) >> 52) - 1 < 2046; };
  const auto plain_mean = [&] {
    double sum = 0;
    for (double w : values) sum += linear_to_db(w);
    return sum / static_cast<double>(values.size());
  };
  // Four independent products, so that each multiplication need not wait for the one before
  // (scalars, not an array, so that they stay in registers); each takes at most eight factors
  // below 2 between renormalisations, staying below 2^8.
  double m0 = 1, m1 = 1, m2 = 1, m3 = 1;
  std::int64_t exponent = 0;
  const std::size_t n = values.size();
  const double* v = values.data();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    if (!(normal(v[i]) & normal(v[i + 1]) & normal(v[i + 2]) & normal(v[i + 3])))
      return plain_mean();
    m0 *= split_mantissa(v[i], exponent);
    m1 *= split_mantissa(v[i + 1], exponent);
    m2 *= split_mantissa(v[i + 2], exponent);
    m3 *= split_mantissa(v[i + 3], exponent);
    if ((i & 31) == 28) {
      m0 = split_mantissa(m0, exponent);
      m1 = split_mantissa(m1, exponent);
      m2 = split_mantissa(m2, exponent);
      m3 = split_mantissa(m3, exponent);
    }
  }
  for (; i < n; ++i) {
    if (!normal(v[i])) return plain_mean();
    m0 *= split_mantissa(v[i], exponent);
  }
  const double mantissa = split_mantissa(m0, exponent) * split_mantissa(m1, exponent) *
                          split_mantissa(m2, exponent) * split_mantissa(m3, exponent);
  const double log2_sum = std::log2(mantissa) + static_cast<double>(exponent);
  return 10.0 * std::log10(2.0) * log2_sum / static_cast<double>(values.size());
}

QotSummary summarize(const SpectralInfo& s) {
  const std::size_t n = s.size();
  std::vector<double> gsnr_bw(n), gsnr_01(n), osnr_bw(n), osnr_01(n), snr_nli(n), cd(n), pmd(n),
      latency(n), pdl(n);
  for (std::size_t i = 0; i < n; ++i) {
    gsnr_bw[i] = s.gsnr_bw_db(i);
    gsnr_01[i] = to_01nm_db(gsnr_bw[i], s.baud_rate_hz[i]);
    osnr_bw[i] = s.osnr_bw_db(i);
    osnr_01[i] = to_01nm_db(osnr_bw[i], s.baud_rate_hz[i]);
    snr_nli[i] = s.snr_nli_db(i);
    cd[i] = s.chromatic_dispersion_s_per_m[i] * 1e3;  // s/m → ps/nm
    pmd[i] = s.pmd_s[i] * 1e12;
    latency[i] = s.latency_s[i] * 1e3;
    pdl[i] = i < s.pdl_db.size() ? s.pdl_db[i] : 0.0;
  }
  QotSummary q;
  q.gsnr_bw_db = mean_db(gsnr_bw);
  q.gsnr_01nm_db = mean_db(gsnr_01);
  q.min_gsnr_01nm_db = n ? *std::min_element(gsnr_01.begin(), gsnr_01.end())
                         : std::numeric_limits<double>::quiet_NaN();
  q.osnr_ase_bw_db = mean_db(osnr_bw);
  q.osnr_ase_01nm_db = mean_db(osnr_01);
  q.snr_nli_bw_db = mean_db(snr_nli);
  // Impairments are plain means; mean_db is just an arithmetic mean, so it serves here too.
  q.cd_ps_per_nm = mean_db(cd);
  q.pmd_ps = mean_db(pmd);
  q.latency_ms = mean_db(latency);
  q.pdl_db = n ? mean_db(pdl) : 0.0;
  return q;
}

void add_in_quadrature(std::vector<double>& values, double added) {
  if (added == 0) return;
  double last_in = std::nan(""), last_out = 0;
  for (double& v : values) {
    if (!(v == last_in)) {
      last_in = v;
      last_out = std::sqrt(v * v + added * added);
    }
    v = last_out;
  }
}

}  // namespace lightmesh::physics
