// RESTCONF's answers (RFC 8040) as TAPI's routes give them: a YANG data body in RFC 7951 JSON, and
// errors in the `ietf-restconf:errors` form with the status RFC 8040 §7 gives each error-tag.
//
//   return yang_response(200, {{"tapi-notification:output", {…}}});
//   return restconf_response({.status = 404, .tag = "data-missing", .message = "no such thing"});
//   return restconf_response(restconf_error_of(result.error()));
//
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "server/http_types.h"

namespace lightmesh::server {

// One RESTCONF error (RFC 8040 §7.1) and the status it is answered with.
struct RestconfError {
  int status = 400;
  std::string type = "application";  // "protocol" for faults of the request itself
  std::string tag = "invalid-value";
  std::string message;
  std::string path;
  std::string app_tag;
};

HttpResponse yang_response(int status, const nlohmann::ordered_json& body);
HttpResponse restconf_response(const RestconfError& e);
// The one place lightmesh error codes become RESTCONF statuses and tags.
RestconfError restconf_error_of(const Error& e);
// 404: no `what` with this uuid (or name) that the caller may see, where `path` asked for it.
HttpResponse restconf_missing(const std::string& what, const std::string& uuid,
                              const std::string& path);

}  // namespace lightmesh::server
