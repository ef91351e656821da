// GNPy's REST path computation, `POST /api/v1/path-computation`, as a pure function from the
// request body to the answer, so the controller (and any other front end) can stand in for a GNPy
// server. The body is GNPy's:
//   {"gnpy-api:service":   {"path-request": [...], "synchronization": [...]},
//    "gnpy-api:topology":  {"elements": [...], "connections": [...]},   // optional together
//    "gnpy-api:equipment": {"Edfa": [...], "Fiber": [...], ...}}       // with the topology
// With a service alone, the requests run against `loaded` (the network a controller serves, seen
// through native_network.h). The answer is GNPy's: {"result": {"response": [...]}}.
//
//   LM_ASSIGN_OR_RETURN(std::string answer, compute_path_request(body, &view));
//
// lightmesh's additions: "lightmesh:amplifier-configs" maps the file names an equipment library
// names (advanced_config_from_json, default_config_from_json, gnpy_default_edfa_config.json) to
// their contents, since a request body has no folder to find them in. Errors name the member
// ("gnpy-api:topology: /elements/3/type: ..."). Thread-safe: nothing shared is written.
//
// The work is bounded before it starts: a body beyond these limits is refused with the pointer of
// what exceeds them (docs/api/rest.md, "Limits").
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "physics/native_network.h"

namespace lightmesh::qot {

inline constexpr std::size_t kMaxPathRequests = 1000;  // path-request entries in one body
inline constexpr std::size_t kMaxTopologyElements = 20000;
// Spans after auto-design: it splits a fibre into spans of at least 50 km, so a fibre of L km
// becomes at most ⌊L / 50⌋ + 1 of them. 1,000 spans is 50,000 km, more than the Earth's girth.
inline constexpr double kMinSplitSpanKm = 50;
inline constexpr double kMaxSpansPerFiber = 1000;
inline constexpr double kMaxSpans = 50000;  // over every fibre of the topology

Result<std::string> compute_path_request(std::string_view body, const physics::GnpyView* loaded);

}  // namespace lightmesh::qot
