// One transmission, as gnpy-transmission-example runs it: a full load of the reference channel
// (the equipment's SI block, at --power if given) from one transceiver to another along the
// shortest path (through --via nodes when given), with the figures of every element and the
// receiver's GSNR, OSNR, CD, PMD and latency.
//
//   LM_ASSIGN_OR_RETURN(ElementIndex a, resolve_endpoint(net, "lannion"));  // → "trx Lannion_CAS"
//   LM_ASSIGN_OR_RETURN(Transmission t, run_transmission(net, eq, {.from = a, .to = b}));
//   double gsnr = t.trace.receiver.summary.gsnr_01nm_db;
//
// Endpoints resolve as GNPy's do: the exact uid, else the first transceiver whose uid contains
// the text, case-insensitively (GNPy falls back to the first or last transceiver when nothing
// matches; this reports an error instead). The network must be designed (see the caller's design
// step). Pure apart from its arguments; thread-safe on distinct networks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/equipment.h"
#include "physics/element_network.h"
#include "physics/line_propagation.h"
#include "qot/element_routing.h"

namespace lightmesh::qot {

Result<ElementIndex> resolve_endpoint(const physics::ElementNetwork& net, std::string_view text);

struct TransmissionRequest {
  ElementIndex from = 0;
  ElementIndex to = 0;
  std::vector<ElementIndex> via;    // must be crossed in this order
  std::optional<double> power_dbm;  // per-channel reference power; default SI.power_dbm
};

struct Transmission {
  ElementPath path;
  physics::PathTrace trace;
  double power_dbm = 0;
  std::size_t nb_channels = 0;
};

Result<Transmission> run_transmission(const physics::ElementNetwork& net, const Equipment& eq,
                                      const TransmissionRequest& request);

}  // namespace lightmesh::qot
