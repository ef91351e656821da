#include "sim/gsnr_slots.h"

#include <fmt/format.h>

#include <cmath>

namespace lightmesh::sim {

Result<GsnrSlots> GsnrSlots::make(const Network& net, double osnr_margin_db) {
  if (net.catalogue().empty())
    return Error::invalid(
        "--modulations gsnr: the network has no transceiver modes to choose from (give "
        "a modulation table instead)");
  rsa::PlanOptions options;
  options.k = 1;
  options.osnr_margin_db = osnr_margin_db;
  LM_ASSIGN_OR_RETURN(rsa::Planner planner, rsa::Planner::create(net, options));
  return GsnrSlots(net, std::move(planner), osnr_margin_db);
}

GsnrSlots::Feasible GsnrSlots::feasible(std::span<const NodeIndex> nodes,
                                        std::span<const FiberIndex> fibers) const {
  return planner_.feasible_modes(nodes, fibers);
}

std::uint32_t GsnrSlots::slots(const Feasible& f, double gbps, double slot_ghz,
                               std::uint32_t guard) const {
  const TransceiverCatalogue& cat = net_->catalogue();
  // rsa::Planner::book_set's choice, lightpath by lightpath: the highest-rate mode (f's first)
  // while it cannot carry all that remains; then the narrowest one that can (the lower rate of
  // two as narrow).
  double width_ghz = 0;
  double remaining = gbps;
  const TransceiverMode& best = cat.mode(f.front());
  while (remaining > 1e-9) {
    if (best.bit_rate.value() + 1e-9 < remaining) {
      // Bounded: the bit rate is at most limits::kBitRateGbps and a mode carries ≥ 1 Gb/s.
      const double whole = std::floor((remaining - 1e-9) / best.bit_rate.value());
      width_ghz += whole * best.channel_width.value();
      remaining -= whole * best.bit_rate.value();
      continue;
    }
    const TransceiverMode* fit = &best;
    for (ModeIndex m : f) {
      const TransceiverMode& c = cat.mode(m);
      if (c.bit_rate.value() + 1e-9 < remaining) continue;
      if (c.channel_width < fit->channel_width ||
          (c.channel_width == fit->channel_width && c.bit_rate < fit->bit_rate))
        fit = &c;
    }
    width_ghz += fit->channel_width.value();
    remaining = 0;
  }
  return static_cast<std::uint32_t>(std::ceil(width_ghz / slot_ghz - 1e-9)) + guard;
}

double GsnrSlots::spectral_efficiency(const Feasible& f) const {
  if (f.empty()) return 0;
  const TransceiverMode& m = net_->catalogue().mode(f.front());
  return m.bit_rate.value() / m.channel_width.value();
}

std::string GsnrSlots::name() const {
  return fmt::format("GSNR (lightmesh's mode choice, {:g} dB margin)", margin_db_);
}

}  // namespace lightmesh::sim
