// The one physical model of a native network: its element-level design (native_network.h, then
// physics::auto_design as GNPy v2.12 designs it: a ROADM with preamplifier, equalisation and
// booster at every node, in-line amplifiers chosen from the same equipment path computation uses)
// reduced to per-element contributions, so that a route's GSNR under a full load is an O(hops)
// sum that planning can check for every candidate route (docs/physics.md, "QoT inside lightmesh").
//
//   LM_ASSIGN_OR_RETURN(LineModel model, LineModel::build(net));
//   RouteGsnr g = model.route(path.nodes, path.fibers, mode, std::nullopt);  // g.worst_01nm_db
//
// Why a sum is exact: under a full load every ROADM equalises each channel's total power to its
// target, and every amplifier runs at its designed gain, so one OMS (ROADM booster, spans,
// in-line amplifiers, next ROADM's preamplifier) adds the same ASE and NLI to a channel whichever
// OMS came before. The one coupling is that a ROADM equalises signal plus the noise already
// accumulated (S, noise over signal), leaving the signal 1 + S lower: the OMS's ASE over signal
// then grows by 1 + S and its NLI over signal (∝ P²) shrinks by (1 + S)². route() applies that
// per channel, so the sum matches a full propagation along the designed elements
// (tests/qot/line_model_test.cpp, ≤ 0.01 dB on every route of every bundled example).
//
// Immutable after build(); thread-safe to read.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "model/network.h"
#include "physics/native_network.h"
#include "physics/noise_breakdown.h"
#include "physics/span_design.h"

namespace lightmesh::physics {

// A route's figures under its mode's full load, each at 0.1 nm unless named _bw.
struct RouteGsnr {
  double worst_01nm_db = 0;  // the worst channel: what feasibility is judged on, as GNPy does
  double mean_01nm_db = 0;   // dB mean over the channels: GNPy's SNR-0.1nm
  double worst_bw_db = 0;    // the worst channel in the signal bandwidth
  double mean_bw_db = 0;     // GNPy's SNR-bandwidth
  std::optional<double> channel_01nm_db;  // the channel nearest the frequency asked for
};

class LineModel {
 public:
  // Converts the network (gnpy_view_of), designs it as path computation does, and propagates
  // each mode's full load along every fibre direction once. Errors name the element; equipment the
  // file states that cannot meet the design is refused naming the file, the field and the
  // amplifier (physics/equipment_check.h).
  static Result<LineModel> build(const Network& net);

  // True when mode m states a required OSNR, so planning judges it by GSNR.
  bool judged_by_gsnr(ModeIndex m) const { return m < modes_.size() && modes_[m].load >= 0; }

  // The line part of one route's noise (every OMS, with the ROADMs' equalisation between them) per
  // full load, kept by the caller while it judges that route. Planning judges every mode of a
  // route, and modes of the same baud rate share a load, so the O(hops × channels) part is computed
  // once per load and each mode adds only its ends.
  class RouteCache {
   public:
    void clear() {
      for (auto& way : line_) way.clear();
    }

   private:
    friend class LineModel;
    std::vector<std::vector<double>> line_[2];  // per way, per load; empty until computed
  };

  // Which way along a route (nodes.front() to nodes.back(), or back). A lightpath carries both,
  // and they differ slightly: each fibre direction is designed apart, and a ROADM equalises signal
  // plus the noise already gathered, so the order of the OMSs matters. Planning judges the worse.
  enum class Way { kForward, kReverse };

  // The worst channel's GSNR at 0.1 nm, one way: the check planning makes per candidate route.
  // With a cache, which must hold only this route's figures, the line part is reused.
  double worst_01nm_db(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                       ModeIndex m, RouteCache* cache = nullptr, Way way = Way::kForward) const;
  // A lower bound of worst_01nm_db in O(hops), from each OMS's largest ASE and NLI over the band:
  // when it clears a threshold, the exact figure does too.
  double worst_01nm_db_at_least(std::span<const NodeIndex> nodes,
                                std::span<const FiberIndex> fibers, ModeIndex m,
                                Way way = Way::kForward) const;
  // An upper bound of worst_01nm_db in O(hops): the exact figure of one channel, the one the
  // route's noisiest OMS hurts most. When it misses a threshold the worst channel misses it too,
  // so most refusals need no sum over the band. +inf (no verdict) if that channel is dropped.
  double worst_01nm_db_at_most(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                               ModeIndex m, Way way = Way::kForward) const;
  // The worst channel's noise split by element (see noise_breakdown.h). Mode m must be judged by
  // GSNR; with every channel dropped by the amplifiers the list is empty.
  NoiseBreakdown breakdown(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                           ModeIndex m) const;
  // Every figure, one way; `channel_hz`, when given, picks the channel for channel_01nm_db.
  RouteGsnr route(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers, ModeIndex m,
                  std::optional<double> channel_hz, Way way = Way::kForward) const;

  // The designed element network and its equipment (what path computation runs on).
  const GnpyView& view() const { return view_; }
  // The designed elements of fibre f leaving `from`, from the booster after the sending ROADM to
  // the preamplifier before the receiving one.
  const std::vector<physics::ElementIndex>& oms(FiberIndex f, NodeIndex from) const {
    return oms_[direction(from, f)];
  }
  // The elements a lightpath crosses: its transceiver, each ROADM and OMS, the far transceiver.
  std::vector<physics::ElementIndex> element_path(std::span<const NodeIndex> nodes,
                                                  std::span<const FiberIndex> fibers) const;
  // The full load of mode m as path computation propagates it: f_min, spacing and count.
  struct Load {
    double f_min_hz = 0, spacing_hz = 0, baud_rate_hz = 0, roll_off = 0;
    std::uint32_t nb_channels = 0;
    double power_dbm = 0;  // the reference power the transmitter launches at
    // The mode's offset from every ROADM target (its stated launch power less the reference).
    double equalization_offset_db = 0;
  };
  const Load& load_of(ModeIndex m) const {
    return loads_[static_cast<std::size_t>(modes_[m].load)];
  }

 private:
  struct ModeTerms {
    int load = -1;                // index into loads_, -1 when judged by reach
    double bw_to_01nm_db = 0;     // 10·log10(baud / 12.5 GHz)
    std::vector<double> ends;     // per channel: transmitter + add + drop, noise over signal
    std::vector<double> express;  // per channel: one express ROADM pass
    double ends_max = 0, express_max = 0;
  };
  // Per (fibre direction, load), per channel: ASE and NLI over signal of the OMS, NaN where the
  // amplifiers drop the channel.
  const double* ase(std::size_t dir, int load) const;
  const double* nli(std::size_t dir, int load) const;
  std::size_t direction(NodeIndex from, FiberIndex f) const;
  // Noise over signal of every channel of `load` along the route's OMSs, ROADM equalisation
  // included, ends not (NaN for a channel the amplifiers drop), into `out`.
  void line_noise(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers, int load,
                  Way way, std::vector<double>& out) const;
  // The same with mode m's ends and express passes added: the receiver's noise over signal.
  void route_noise(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                   const ModeTerms& m, Way way, std::vector<double>& out) const;
  // The fibre direction of the k-th OMS a signal crosses, going `way` (kForward or kReverse).
  std::size_t direction_of_hop(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                               std::size_t k, Way way) const {
    const std::size_t hops = fibers.size();
    return way == Way::kReverse ? direction(nodes[hops - k], fibers[hops - 1 - k])
                                : direction(nodes[k], fibers[k]);
  }
  // Mode m's ends and express passes for a route of `hops` fibres, added to channel i's line noise.
  double with_ends(const ModeTerms& m, std::size_t hops, std::size_t i, double line) const {
    const double express = hops == 0 ? 0.0 : static_cast<double>(hops - 1);
    return line + (m.ends[i] + m.express[i] * express);
  }

  const Network* net_ = nullptr;
  GnpyView view_;
  std::vector<ModeTerms> modes_;
  std::vector<Load> loads_;
  std::vector<std::size_t> load_offset_;  // into terms_, per load: dir × 2 × channels
  std::vector<double> terms_;             // [load][dir][ase|nli][channel]
  std::vector<double> largest_;           // [load][dir][ase|nli]: the band's largest
  std::vector<std::uint32_t> noisiest_;   // [load][dir]: the channel with the most ASE + NLI
  std::vector<std::vector<physics::ElementIndex>> oms_;  // per direction: booster … preamp
};

}  // namespace lightmesh::physics
