// GNPy's REST path computation, as a pure function from the request body to GNPy's list of
// responses, so the controller (`POST /api/v1/path-computation`, `POST /api/v0.2/path-request`)
// and any other front end can stand in for a GNPy server, each wrapping the list as its API does.
// The body is GNPy's (legacy form; io/gnpy_api_yang.h turns the YANG form into it):
//   {"gnpy-api:service":   {"path-request": [...], "synchronization": [...]},
//    "gnpy-api:topology":  {"elements": [...], "connections": [...]},   // optional together
//    "gnpy-api:equipment": {"Edfa": [...], "Fiber": [...], ...}}       // with the topology
// With a service alone, the requests run against `loaded` (the network a controller serves, seen
// through native_network.h). The answer is GNPy's "response" list, one entry per request (or per
// synchronised group): GNPy's server sends {"response": [...]}, its v1 API {"result": {...}}.
//
//   LM_ASSIGN_OR_RETURN(nlohmann::json responses, compute_path_request(body, &view));
//
// lightmesh's additions: "lightmesh:amplifier-configs" maps the file names an equipment library
// names (advanced_config_from_json, default_config_from_json, gnpy_default_edfa_config.json) to
// their contents, since a request body has no folder to find them in. Errors name the member
// ("gnpy-api:topology: /elements/3/type: ..."). A body naming a stored topology or library
// ("gnpy-api:topology_id", "gnpy-api:equipment_id") is refused: nothing is stored here.
// Thread-safe: nothing shared is written.
//
// The work is bounded before it starts: a body beyond these limits is refused with the pointer of
// what exceeds them (docs/api/rest.md, "Limits").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "model/equipment.h"
#include "physics/native_network.h"

namespace lightmesh::qot {

inline constexpr std::size_t kMaxPathRequests = 1000;  // path-request entries in one body
inline constexpr std::size_t kMaxTopologyElements = 20000;
// Spans after auto-design: it splits a fibre into spans of at least 50 km, so a fibre of L km
// becomes at most ⌊L / 50⌋ + 1 of them. 1,000 spans is 50,000 km, more than the Earth's girth.
inline constexpr double kMinSplitSpanKm = 50;
inline constexpr double kMaxSpansPerFiber = 1000;
inline constexpr double kMaxSpans = 50000;  // over every fibre of the topology

// `default_equipment`, when given, is the library for a body with a topology and no library
// (TransportPCE sends none; GNPy's servers used one of their own).
Result<nlohmann::json> compute_path_request(const nlohmann::json& body,
                                            const physics::GnpyView* loaded,
                                            const Equipment* default_equipment = nullptr);

}  // namespace lightmesh::qot
