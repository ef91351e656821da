// The ONF Transport API (TAPI 2.x) northbound over RESTCONF and JSON: the same fabric as the REST
// API seen as a TAPI context. Sites are service-interface-points, optical nodes and fibres the
// topology's nodes and links, fabric services connectivity-services and their lightpaths
// connections with their spectrum in MHz. Errors are `ietf-restconf:errors`. docs/api/tapi.md
// lists what is supported and how each object maps.
//
//   if (is_tapi_path(req.path)) return handle_tapi(req, who, fabric, [&] { return commit(); });
//
// Not thread-safe: the controller calls it under the lock that guards the fabric.
#pragma once

#include <functional>
#include <string_view>

#include "core/result.h"
#include "fabric/fabric.h"
#include "io/json_doc.h"
#include "server/http_types.h"
#include "server/tokens.h"

namespace lightmesh::server {

// Paths under /restconf/ belong to TAPI.
bool is_tapi_path(std::string_view path);

// 401 in the `ietf-restconf:errors` form, for a request without a valid token.
HttpResponse tapi_unauthorized();

// Answers one TAPI request from an authenticated caller, with the REST API's rules: a tenant sees
// and touches only its own services (another's answers 404), read-only tokens only read, admins
// and read-only tokens see every service. `commit` makes the fabric's changes durable; a create or
// delete is answered only after it succeeded. `body`, when given, is the request's body already
// parsed (outside the fabric's lock); otherwise it is parsed here.
HttpResponse handle_tapi(const HttpRequest& request, const Principal& who, fabric::Fabric& fabric,
                         const std::function<Status()>& commit,
                         const Result<io::Document>* body = nullptr);

}  // namespace lightmesh::server
