#include "physics/network_qot.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "core/bounded.h"
#include "physics/fiber_propagation.h"
#include "physics/spectral_info.h"
#include "physics/standard_amplifiers.h"

namespace lightmesh::physics {

namespace {

// The launch power is quoted for this baud rate; other modes scale with their baud rate.
constexpr double kReferenceBaudHz = 32e9;

// A full load of mode m: every slot of its channel width across the band lit, channel centres
// inside the band, at the launch power into the span after the input connector.
Result<SpectralInfo> full_load(const Network& net, const TransceiverMode& m, double power_w) {
  const double width_hz = m.channel_width.value() * 1e9;
  const double first_hz = net.band_first_thz() * 1e12;
  const auto n = saturate<std::size_t>(
      std::floor((net.band_last_thz() - net.band_first_thz()) * 1e12 / width_hz + 1e-9));
  std::vector<ChannelSpec> channels(std::max<std::size_t>(n, 1));
  for (std::size_t k = 0; k < channels.size(); ++k) {
    channels[k].frequency_hz = first_hz + (static_cast<double>(k) + 0.5) * width_hz;
    channels[k].baud_rate_hz = m.baud_rate.value() * 1e9;
    channels[k].roll_off = m.roll_off;
    channels[k].signal_w = power_w;
    channels[k].tx_osnr_db = m.tx_osnr.value();
    channels[k].slot_width_hz = width_hz;
  }
  return make_spectrum(channels);
}

double ratio_db(double noise_to_signal) { return -linear_to_db(noise_to_signal); }

}  // namespace

std::vector<SpanDesign> span_design(const Network& net, FiberIndex f) {
  const lightmesh::Fiber& fiber = net.fiber(f);
  const LinePhysics& p = net.physics();
  const double alpha = fiber.loss_db_per_km.value_or(p.loss_db_per_km);
  std::vector<SpanDesign> spans;
  auto add = [&](double km, std::optional<Decibel> loss) {
    SpanDesign s;
    s.length_km = km;
    s.loss_stated = loss.has_value();
    s.loss_db = loss ? loss->value() : alpha * km + 2 * p.connector_loss_db;
    spans.push_back(s);
  };
  if (!fiber.spans.empty()) {
    for (const lightmesh::Span& s : fiber.spans) add(s.length.value(), s.loss);
    return spans;
  }
  const double length = fiber.length.value();
  const std::size_t count =
      fiber.amplifiers_stated
          ? fiber.amplifiers + 1
          : std::max<std::size_t>(
                1, saturate<std::size_t>(std::ceil(length / p.max_span.value() - 1e-9)));
  for (std::size_t i = 0; i < count; ++i) add(length / static_cast<double>(count), std::nullopt);
  return spans;
}

Result<NetworkQot> NetworkQot::build(const Network& net) {
  NetworkQot q;
  const auto& modes = net.catalogue().modes();
  const LinePhysics& p = net.physics();
  q.modes_ = static_cast<std::uint32_t>(modes.size());
  q.judged_.assign(modes.size(), 0);
  q.line_.assign(net.fibers().size() * modes.size(), NoiseToSignal{});
  q.add_drop_.assign(modes.size(), 0);
  q.tx_.assign(modes.size(), 0);
  q.bw_to_01nm_db_.assign(modes.size(), 0);
  LM_ASSIGN_OR_RETURN(StandardAmplifiers amps, StandardAmplifiers::create(p.amplifier_nf_db));

  std::vector<std::vector<SpanDesign>> designs(net.fibers().size());
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) designs[f] = span_design(net, f);

  for (ModeIndex m = 0; m < modes.size(); ++m) {
    const TransceiverMode& mode = modes[m];
    if (!mode.required_osnr || mode.baud_rate.value() <= 0) continue;
    q.judged_[m] = 1;
    const double baud_hz = mode.baud_rate.value() * 1e9;
    const double to_bw = baud_hz / kReferenceBandwidthHz;  // 0.1 nm figure → signal bandwidth
    q.bw_to_01nm_db_[m] = linear_to_db(to_bw);
    // GNPy v2.12: the add and the drop path each contribute add_drop_osnr + 3 dB, together
    // add_drop_osnr; express paths add none.
    q.add_drop_[m] = to_bw / db_to_linear(p.roadm_add_drop_osnr_db);
    q.tx_[m] = to_bw / db_to_linear(mode.tx_osnr.value());

    // Launch power per channel at the amplifier output; the same power spectral density for
    // every mode.
    const double launch_w = 1e-3 * db_to_linear(p.launch_power_dbm) * baud_hz / kReferenceBaudHz;
    const double at_fibre_w = launch_w / db_to_linear(p.connector_loss_db);
    LM_ASSIGN_OR_RETURN(SpectralInfo load, full_load(net, mode, at_fibre_w));
    const std::size_t n = load.size();
    // ASE over signal of one amplifier, per unit of NF·G: h·f·B / launch.
    std::vector<double> ase_unit(n);
    for (std::size_t i = 0; i < n; ++i)
      ase_unit[i] = kPlanck * load.frequency_hz[i] * baud_hz / launch_w;

    // In the closed-form GN model a span's length enters only through L_eff² (ψ depends on the
    // asymptotic length 1/α, not on L), so the NLI over signal of any span of a given fibre loss
    // is a reference span's, scaled by (L_eff / L_eff,ref)². One NLI computation per mode and
    // distinct loss coefficient serves every span of the network.
    struct NliReference {
      double loss_db_per_km;
      double alpha_per_m;
      double effective_length_m;
      std::vector<double> ratio;  // NLI / P per channel
    };
    std::deque<NliReference> references;  // stable addresses as it grows
    auto reference_for = [&](double loss_db_per_km) -> Result<const NliReference*> {
      for (const auto& r : references) {
        if (r.loss_db_per_km == loss_db_per_km) return &r;
      }
      FiberParams fp;
      fp.length_m = 80e3;
      fp.loss_db_per_km = loss_db_per_km;
      fp.dispersion_s_per_m2 = p.dispersion_ps_nm_km * 1e-6;
      fp.effective_area_m2 = p.effective_area_um2 * 1e-12;
      LM_ASSIGN_OR_RETURN(physics::Fiber span, physics::Fiber::create(fp));
      NliReference r{loss_db_per_km, span.alpha_per_m(), span.effective_length_m(),
                     span.nli_at_input(load)};
      for (std::size_t i = 0; i < n; ++i) r.ratio[i] /= load.signal_w[i];
      references.push_back(std::move(r));
      return &references.back();
    };

    for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
      const lightmesh::Fiber& fiber = net.fiber(f);
      const double loss_db_per_km = fiber.loss_db_per_km.value_or(p.loss_db_per_km);
      // Hollow-core fibre guides light in air: its nonlinearity is negligible next to silica's.
      const bool nonlinear = fiber.type != FiberType::kHollowCore;
      const NliReference* ref = nullptr;
      if (nonlinear) {
        LM_ASSIGN_OR_RETURN(ref, reference_for(loss_db_per_km));
      }
      double nli_scale = 0;  // Σ (L_eff / L_eff,ref)²
      double ase_scale = 0;  // Σ NF·G
      for (const SpanDesign& s : designs[f]) {
        if (ref) {
          const double leff =
              ref->alpha_per_m > 0
                  ? -std::expm1(-ref->alpha_per_m * s.length_km * 1e3) / ref->alpha_per_m
                  : s.length_km * 1e3;
          nli_scale += (leff / ref->effective_length_m) * (leff / ref->effective_length_m);
        }
        // The amplifier after the span restores the launch power: gain = span loss. Its ASE in
        // the signal bandwidth is NF·h·f·B at its input, where the signal is launch / gain.
        ase_scale += db_to_linear(amps.noise_figure_db(s.loss_db)) * db_to_linear(s.loss_db);
      }
      // The worst channel decides, since planning checks before choosing the slot.
      double worst_total = -1;
      NoiseToSignal& out = q.line_[static_cast<std::size_t>(f) * q.modes_ + m];
      for (std::size_t i = 0; i < n; ++i) {
        double ase = ase_scale * ase_unit[i];
        double nli = ref ? nli_scale * ref->ratio[i] : 0.0;
        // A span so lossy that its gain overflows (or ∞ · 0 = NaN) carries no usable signal:
        // its noise is infinite, so every route over it has a GSNR of −∞ and is refused. A NaN
        // compared here would be skipped and leave the fibre noiseless.
        if (!std::isfinite(ase) || !std::isfinite(nli)) {
          ase = std::numeric_limits<double>::infinity();
          nli = 0;
        }
        if (ase + nli > worst_total) {
          worst_total = ase + nli;
          out.ase = ase;
          out.nli = nli;
        }
      }
    }
  }
  return q;
}

NoiseToSignal NetworkQot::route_noise(std::span<const NodeIndex> nodes,
                                      std::span<const FiberIndex> fibers, ModeIndex m) const {
  NoiseToSignal total;
  for (FiberIndex f : fibers) {
    const NoiseToSignal& l = fiber_noise(f, m);
    total.ase += l.ase;
    total.nli += l.nli;
  }
  total.roadm = nodes.size() >= 2 ? add_drop_[m] : 0.0;
  total.tx = tx_[m];
  return total;
}

double NetworkQot::gsnr_01nm_db(std::span<const NodeIndex> nodes,
                                std::span<const FiberIndex> fibers, ModeIndex m) const {
  double sum = (nodes.size() >= 2 ? add_drop_[m] : 0.0) + tx_[m];
  for (FiberIndex f : fibers) {
    const NoiseToSignal& l = fiber_noise(f, m);
    sum += l.ase + l.nli;
  }
  return ratio_db(sum) + bw_to_01nm_db_[m];
}

RouteQot NetworkQot::route(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                           ModeIndex m) const {
  RouteQot r;
  r.noise = route_noise(nodes, fibers, m);
  r.gsnr_bw_db = ratio_db(r.noise.total());
  r.gsnr_01nm_db = r.gsnr_bw_db + bw_to_01nm_db_[m];
  r.osnr_ase_01nm_db = ratio_db(r.noise.ase + r.noise.roadm + r.noise.tx) + bw_to_01nm_db_[m];
  return r;
}

}  // namespace lightmesh::physics
