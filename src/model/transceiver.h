// The transceiver catalogue: transceiver types and their operating modes.
//
//   const TransceiverMode* m = catalogue.find_mode("400ZR");
//   if (m && m->reach >= route_km) ...
//
// Immutable after construction; thread-safe to read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/units.h"

namespace lightmesh {

// One operating mode. A mode that states its required OSNR is judged by the route's GSNR under a
// full load (docs/physics.md, "QoT inside lightmesh"); one that does not falls back to its planning
// reach in km.
struct TransceiverMode {
  std::string name;         // unique in the catalogue, e.g. "400ZR" or "CFP2-DCO-200G-16QAM"
  std::string transceiver;  // the transceiver type this mode belongs to
  Gbps bit_rate{0};
  GBaud baud_rate{0};
  GHz channel_width{0};    // spectrum occupied, a multiple of 12.5 GHz
  std::string modulation;  // e.g. "DP-16QAM"
  Km reach{0};             // planning reach: the fallback for modes without a required OSNR
  // Back-to-back OSNR the receiver needs, referred to 0.1 nm (12.5 GHz), as GNPy's "OSNR".
  std::optional<Decibel> required_osnr;
  Decibel tx_osnr{40};                          // the transmitter's own OSNR, referred to 0.1 nm
  double roll_off = 0.15;                       // of the raised-cosine spectrum
  std::optional<Microseconds> dsp_fec_latency;  // transceiver pair; network default when absent
  std::string source;                           // public source of the reach figure
  std::string where;  // JSON pointer in the file it came from, for messages
};

class TransceiverCatalogue {
 public:
  TransceiverCatalogue() = default;
  explicit TransceiverCatalogue(std::vector<TransceiverMode> modes);

  const std::vector<TransceiverMode>& modes() const { return modes_; }
  // Index of the mode called `name`, or kNoIndex.
  ModeIndex find(std::string_view name) const;
  const TransceiverMode& mode(ModeIndex i) const { return modes_[i]; }
  bool empty() const { return modes_.empty(); }

  // Modes sorted by bit rate (highest first), then narrower channel, then name: the order in which
  // planning tries them.
  const std::vector<ModeIndex>& by_rate_desc() const { return by_rate_desc_; }

 private:
  std::vector<TransceiverMode> modes_;
  std::vector<ModeIndex> by_rate_desc_;
};

}  // namespace lightmesh
