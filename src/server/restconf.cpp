#include "server/restconf.h"

#include "io/json_doc.h"

namespace lightmesh::server {

using json = nlohmann::ordered_json;

HttpResponse yang_response(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(2) + "\n";
  r.content_type = "application/yang-data+json";
  return r;
}

HttpResponse restconf_response(const RestconfError& e) {
  json error = {{"error-type", e.type}, {"error-tag", e.tag}};
  if (!e.app_tag.empty()) error["error-app-tag"] = e.app_tag;
  if (!e.path.empty()) error["error-path"] = e.path;
  error["error-message"] = e.message;
  return yang_response(e.status, {{"ietf-restconf:errors", {{"error", json::array({error})}}}});
}

RestconfError restconf_error_of(const Error& e) {
  RestconfError r;
  r.message = e.message();
  r.path = e.place();
  switch (e.code()) {
    case ErrorCode::kParse:
      r.type = "protocol";
      r.tag = "malformed-message";
      break;
    case ErrorCode::kInvalidInput:
      break;
    case ErrorCode::kNotFound:
      r.status = 404;
      r.tag = "data-missing";
      break;
    case ErrorCode::kUnsupported:
      r.status = 409;
      r.tag = "resource-denied";
      break;
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      r.status = 500;
      r.tag = "operation-failed";
      break;
  }
  return r;
}

HttpResponse restconf_missing(const std::string& what, const std::string& uuid,
                              const std::string& path) {
  return restconf_response({.status = 404,
                            .tag = "data-missing",
                            .message = "no " + what + " \"" + io::printable(uuid) + "\"",
                            .path = io::printable(path)});
}

}  // namespace lightmesh::server
