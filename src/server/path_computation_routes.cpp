// /api/v1/path-computation: GNPy's REST path computation (qot/path_computation.h). It books
// nothing, so it is answered without the fabric's lock (docs/api/rest.md, "Path computation").
#include "qot/path_computation.h"
#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

HttpResponse compute(Call& call) {
  Result<std::string> answer = qot::compute_path_request(call.request.body, call.gnpy_view());
  if (!answer) {
    // Whatever the engine refuses is the body's doing (a type it does not support included), so
    // it is a 400; `where` points into the body: the member, then the pointer inside it.
    const Error& e = answer.error();
    if (e.code() == ErrorCode::kInternal) return from_error(e);
    const std::string member = e.file().empty() || e.file() == "request body" ? "" : "/" + e.file();
    return error_response(400, error_code_name(e.code()), e.message(), member + e.place());
  }
  HttpResponse r;
  r.status = 201;  // as GNPy's server answers
  r.body = std::move(*answer);
  return r;
}

}  // namespace

std::vector<Route> path_computation_routes() {
  return {{.method = "POST",
           .pattern = "/api/v1/path-computation",
           .unlocked = true,
           .handle = compute}};
}

}  // namespace lightmesh::server
