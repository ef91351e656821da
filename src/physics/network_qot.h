// Quality of transmission of a native network's routes under a full load: for every fibre and
// every transceiver mode, the noise-to-signal ratios its spans add (amplifier ASE and fibre NLI,
// GN model), computed once, so that a route's GSNR is a sum over its fibres and nodes. This is
// what planning checks against a mode's required OSNR (docs/physics.md, "QoT inside lightmesh").
//
//   LM_ASSIGN_OR_RETURN(NetworkQot qot, NetworkQot::build(net));
//   RouteQot q = qot.route(path.nodes, path.fibers, mode);  // q.gsnr_01nm_db
//
// Why sums: under a full load every channel slot of the band is lit at the design power whether
// or not a lightpath uses it, so each span's ASE and NLI relative to the signal are fixed, and
// noise-to-signal ratios of cascaded spans add. A lightpath's GSNR therefore does not depend on
// which other lightpaths exist, and no later lightpath can degrade an admitted one.
//
// Immutable after build(); thread-safe to read.
#pragma once

#include <span>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "model/network.h"

namespace lightmesh::physics {

// One amplified span as the physics sees it: the fibre, then the amplifier that restores the
// launch power (an in-line amplifier, or the receiving ROADM's preamplifier after the last span).
struct SpanDesign {
  double length_km = 0;
  double loss_db = 0;        // span loss, connectors included; the amplifier's gain
  bool loss_stated = false;  // the file gave it; otherwise fibre loss × length + connectors
};

// The spans of fibre f: as stated; else `amplifiers` + 1 equal spans when the count of in-line
// amplifiers is stated; else the fewest equal spans no longer than the network's max_span.
std::vector<SpanDesign> span_design(const Network& net, FiberIndex f);

// Noise over signal in the signal bandwidth (linear): these add along a route.
struct NoiseToSignal {
  double ase = 0;    // amplifier ASE
  double nli = 0;    // fibre nonlinear interference
  double roadm = 0;  // the add and drop structures at the two ends (express paths add none)
  double tx = 0;     // the transmitter's own noise
  double total() const { return ase + nli + roadm + tx; }
};

struct RouteQot {
  double gsnr_bw_db = 0;        // in the signal bandwidth (the baud rate)
  double gsnr_01nm_db = 0;      // referred to 0.1 nm (12.5 GHz): what required OSNRs are quoted in
  double osnr_ase_01nm_db = 0;  // ASE, ROADM and transmitter noise only, without NLI
  NoiseToSignal noise;
};

class NetworkQot {
 public:
  // Designs every fibre's spans and amplifiers from the network's physics defaults and computes
  // each mode's per-fibre noise. Modes without a required OSNR (judged by reach) get no figures.
  // Fails only when an amplifier data sheet is unusable, which the built-in ones never are.
  static Result<NetworkQot> build(const Network& net);

  // True when mode m states its required OSNR, so planning judges it by GSNR.
  bool judged_by_gsnr(ModeIndex m) const { return judged_[m] != 0; }

  // ASE + NLI of fibre f for mode m, at the worst channel of the full load.
  const NoiseToSignal& fiber_noise(FiberIndex f, ModeIndex m) const {
    return line_[static_cast<std::size_t>(f) * modes_ + m];
  }

  // GSNR at 0.1 nm of a route for mode m: the cheap check planning makes per candidate.
  double gsnr_01nm_db(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                      ModeIndex m) const;
  // The full figures, for reports.
  RouteQot route(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                 ModeIndex m) const;

 private:
  NoiseToSignal route_noise(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                            ModeIndex m) const;

  std::uint32_t modes_ = 0;
  std::vector<char> judged_;           // per mode
  std::vector<NoiseToSignal> line_;    // [fibre × modes + mode]
  std::vector<double> add_drop_;       // per mode: the add and drop ROADMs together
  std::vector<double> tx_;             // per mode
  std::vector<double> bw_to_01nm_db_;  // per mode: 10·log10(baud / 12.5 GHz)
};

}  // namespace lightmesh::physics
