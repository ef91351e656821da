// Slots per request from lightmesh's own mode choice on each route (`simulate --modulations gsnr`):
// the modes the planner finds feasible on the route (GSNR under a full load against each mode's
// required OSNR plus the margin, or reach for a mode without one), and the planner's split of a
// bit rate over them: the highest-rate feasible mode while more remains than it carries, then the
// narrowest feasible mode that carries the rest (rsa::Planner::serve). A request takes the sum of
// its lightpaths' widths as one block.
//
//   LM_ASSIGN_OR_RETURN(GsnrSlots g, GsnrSlots::make(net, /*osnr_margin_db=*/2));
//   GsnrSlots::Feasible f = g.feasible(route.nodes, route.fibers);  // empty: nothing reaches
//   std::uint32_t slots = g.slots(f, 400, 12.5, 0);
//
// Why beside the modulation table rather than in it: a table maps length to one format, while a
// route's GSNR depends on its amplifiers, spans and ROADMs, and its best mode on the bit rate.
//
// Thread-safe to read once made.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "rsa/planner.h"

namespace lightmesh::sim {

class GsnrSlots {
 public:
  // The modes feasible on one route, in the catalogue's by_rate_desc() order.
  using Feasible = std::vector<ModeIndex>;

  // Errors: a network without transceiver modes, or one the planner cannot design (its own
  // message).
  static Result<GsnrSlots> make(const Network& net, double osnr_margin_db);

  Feasible feasible(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers) const;
  // Slots of `slot_ghz` for a request of `gbps` over modes `f` (non-empty), guard included.
  std::uint32_t slots(const Feasible& f, double gbps, double slot_ghz, std::uint32_t guard) const;
  // The best feasible mode's bit rate over its channel width, in b/s/Hz (what the output calls a
  // path's spectral efficiency); 0 for an empty set.
  double spectral_efficiency(const Feasible& f) const;
  // "GSNR (lightmesh's mode choice, 2 dB margin)", for the output.
  std::string name() const;

 private:
  GsnrSlots(const Network& net, rsa::Planner planner, double margin)
      : net_(&net), planner_(std::move(planner)), margin_db_(margin) {}

  const Network* net_;
  rsa::Planner planner_;
  double margin_db_;
};

}  // namespace lightmesh::sim
