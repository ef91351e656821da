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
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "qot/native_network.h"

namespace lightmesh::qot {

Result<std::string> compute_path_request(std::string_view body, const GnpyView* loaded);

}  // namespace lightmesh::qot
