// GNPy's path-request run (gnpy-path-request, v2.12's path_requests_run): design the network,
// aggregate identical requests, route them (include constraints, SVEC disjunction), propagate each
// on its path with a full load of its own mode, choose the mode when the request leaves it open,
// book first-fit spectrum in both directions, and report GSNR/OSNR or GNPy's blocking reason.
//
//   PhysicsCache cache;                                              // physics_hooks.h
//   PathRequestRun run(std::move(net), equipment, physics_hooks(equipment, &cache));
//   LM_ASSIGN_OR_RETURN(RunReport report, run.run(services, {.redesign_per_request = false}));
//   std::string json = write_gnpy_response(report, run.network());   // response.h
//
// The physics is reached through two hooks (design and propagation) so the routing, aggregation,
// mode-choice and spectrum logic can be tested without it and the physics can be cached: when
// the network is designed once, a propagation depends only on the path and the channel load, and
// the hook's cache answers repeated (path, load) pairs. Whole-run errors (unknown transceiver,
// source that is not a transceiver, duplicate ids, STRICT hop that is not in the network,
// inconsistent spacing) are returned as Error, as GNPy stops on them; per-request failures are
// blocking reasons. Designed once, the fixed-mode requests are propagated on several threads
// before the ordered pass (the hooks must allow it); the results do not depend on the thread count.
// Not thread-safe itself: one run at a time per object.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/equipment.h"
#include "physics/element_network.h"
#include "qot/element_routing.h"
#include "qot/service.h"

namespace lightmesh::qot {

// The full load a request propagates: `nb_channels` identical channels at f_min + k·spacing
// (k = 1 … nb), GNPy's create_input_spectral_information.
struct ChannelLoad {
  double f_min_hz = 0;
  double spacing_hz = 0;
  std::uint32_t nb_channels = 0;
  double baud_rate_baud = 0;
  double roll_off = 0;
  double power_dbm = 0;               // reference per-channel power (ROADM and amplifier targets)
  double tx_power_dbm = 0;            // transceiver output power
  double tx_osnr_db = 0;              // added at the receiver with every ROADM's add/drop OSNR
  double equalization_offset_db = 0;  // the mode's offset from every ROADM target
  bool operator==(const ChannelLoad&) const = default;
};

// The figures at the receiver, each GNPy's mean over channels of per-channel dB values.
struct QotFigures {
  double gsnr_bw_db = 0;
  double gsnr_01nm_db = 0;
  double min_gsnr_01nm_db = 0;  // the worst channel, which decides feasibility
  double osnr_ase_bw_db = 0;
  double osnr_ase_01nm_db = 0;
  double snr_nli_bw_db = 0;
  double latency_ms = 0;
  double cd_ps_nm = 0;
  double pmd_ps = 0;
  double pdl_db = 0;
  std::uint32_t nb_channels = 0;  // propagated, after dropping those outside the amplifier band
};

// The reference channel auto-design sets gains and powers for.
struct DesignReference {
  double power_dbm = 0;
  std::uint32_t nb_channels = 0;
  double spacing_hz = 0;
  double baud_rate_baud = 0;
};

struct PhysicsHooks {
  // Completes the network for a reference channel. `only` empty: the whole network (and, when
  // insert_edfas, amplifier insertion and fibre splitting); else only these elements are
  // re-designed (GNPy's redesign of a request's path and its reverse).
  std::function<Status(physics::ElementNetwork&, const DesignReference&, bool insert_edfas,
                       std::span<const ElementIndex> only)>
      design;
  // May be called from several threads at once on the same (unchanging) network.
  std::function<Result<QotFigures>(const physics::ElementNetwork&, std::span<const ElementIndex>,
                                   const ChannelLoad&)>
      propagate;
  // Called when the network changed (a redesign), so cached propagations must be dropped.
  std::function<void()> invalidate;
};

struct RunOptions {
  bool design = true;        // run auto-design once before routing
  bool insert_edfas = true;  // --no-insert-edfas clears it
  bool redesign_per_request = false;
  bool bidir_all = false;  // treat every request as bidirectional (GNPy's -bi)
  // Threads propagating independent requests at once when the network is designed once (0: one
  // per core). The results do not depend on it: each request's figures are computed alone.
  unsigned threads = 0;
};

struct RequestResult {
  std::string request_id;  // after aggregation: "7 | 6"
  std::string source, destination;
  bool bidirectional = false;
  std::string trx_type;
  std::optional<std::string> requested_mode;  // null: automatic
  std::optional<std::string> mode;            // chosen, or the last explored when none passed
  double baud_rate_baud = 0;
  double bit_rate_bps = 0;
  double spacing_hz = 0;
  double path_bandwidth_bps = 0;
  double reference_power_w = 0;
  std::uint32_t nb_channels = 0;  // requested full load
  double required_osnr_db = 0;    // mode OSNR + SI.sys_margins
  std::uint32_t nb_transceivers = 0;
  std::optional<std::string> blocking_reason;
  ElementPath path;               // empty when no path was computed
  ElementPath reverse_path;       // the Z→A route used for booking (and bidirectional QoT)
  std::optional<QotFigures> qot;  // A→Z
  std::optional<QotFigures> reverse_qot;  // Z→A, bidirectional requests only
  std::vector<int> n, m;                  // booked N/M, empty when blocked
  bool feasible() const { return !blocking_reason.has_value(); }
};

struct RunTimings {
  double design_s = 0, routing_s = 0, propagation_s = 0, spectrum_s = 0;
};

struct RunReport {
  std::vector<RequestResult> results;  // one per request after aggregation, in GNPy's order
  RunTimings timings;
};

class PathRequestRun {
 public:
  PathRequestRun(physics::ElementNetwork net, const Equipment& eq, PhysicsHooks hooks)
      : net_(std::move(net)), eq_(&eq), hooks_(std::move(hooks)) {}

  Result<RunReport> run(const ServiceDocument& services, const RunOptions& options);

  // The network as designed by the last run (uids of the paths in the report).
  const physics::ElementNetwork& network() const { return net_; }

 private:
  physics::ElementNetwork net_;
  const Equipment* eq_;
  PhysicsHooks hooks_;
};

}  // namespace lightmesh::qot
