// The ONF Transport API (TAPI 2.x) northbound over RESTCONF and JSON: the same fabric as the REST
// API seen as a TAPI context. Sites are service-interface-points, optical nodes and fibres the
// topology's nodes and links, fabric services connectivity-services and their lightpaths
// connections with their spectrum in MHz. Errors are `ietf-restconf:errors`. docs/api/tapi.md
// lists what is supported and how each object maps.
//
//   std::vector<Route> routes = tapi_routes();  // server/routes.h; the controller's table
//   if (is_tapi_path(req.path)) return tapi_no_such_resource(tapi_path(req.path));
//
// The routes follow the REST API's rules, applied by the route table: a tenant sees and touches
// only its own services (another's answers 404), read-only tokens only read, admins and read-only
// tokens see every service. Not thread-safe: the handlers run under the controller's lock.
#pragma once

#include <string>
#include <string_view>

#include "server/http_types.h"

namespace lightmesh::server {

// Paths under /restconf/ belong to TAPI.
bool is_tapi_path(std::string_view path);
// The path as TAPI routes match it: percent-decoded (clients may encode ':' and '='), without
// trailing slashes.
std::string tapi_path(std::string_view path);

// The route table's own answers, in the `ietf-restconf:errors` form: no valid token (401), a token
// that may not change services (403), no such resource (404), a method the resource lacks (405).
// A client that sent a bearer token is offered Bearer only (a browser would hold the request
// behind a password dialog on a Basic challenge); others both.
HttpResponse tapi_unauthorized(bool bearer_sent);
HttpResponse tapi_forbidden();
HttpResponse tapi_no_such_resource(std::string_view path);
HttpResponse tapi_not_allowed(const std::string& method, std::string_view path);

}  // namespace lightmesh::server
