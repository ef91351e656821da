// What a native network states that GNPy's topology cannot (site names, kinds, jurisdictions and
// compute, gateways, node latencies, fibre types and stated spans, the transceiver catalogue, the
// physics block), carried in the exported topology under one top-level key that GNPy v2.12 ignores
// (its loader reads only "elements" and "connections"). lightmesh's import reads it back, so an
// export imports as the same network.
//
//   std::string carried = carried_network_json(net, "eqpt_config.json");
//   std::string topology = write_gnpy_topology(exported.topology, carried);  // io/gnpy_topology.h
//
// The GNPy elements stay the truth of what exists: the carried block only restores the attributes
// of the sites, nodes and fibres the elements describe, and a fibre whose spans were edited in
// GNPy's form (their lengths no longer add up to the carried length) keeps the edited spans.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "io/import.h"
#include "model/network.h"

namespace lightmesh::io {

inline constexpr const char* kCarriedNetworkKey = "lightmesh:network";

// The network as its native file (io/native_writer.h). `equipment_file`, when given, replaces the
// equipment library the physics block names: the library written beside the topology, named
// relative to it.
std::string carried_network_json(const Network& net,
                                 const std::optional<std::string>& equipment_file);

struct Document;
// Restores into `out` (imported from `doc`'s elements) what the carried block at
// /lightmesh:network states. `gnpy_fiber_km[f]` is the length of out.spec.fibers[f] as GNPy's
// spans give it. Errors name the block's pointer; what the block states of elements the topology
// lacks is left out, with a warning.
Status restore_carried_network(const Document& doc, std::span<const double> gnpy_fiber_km,
                               ImportResult& out);

}  // namespace lightmesh::io
