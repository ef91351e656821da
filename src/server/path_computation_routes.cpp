// GNPy's REST path computation (qot/path_computation.h), in the two APIs its clients speak, and
// their status calls. Each route parses its API's body forms into GNPy's legacy body, runs the one
// computation, and wraps GNPy's list of responses as its API does. Nothing is booked, so each is
// answered without the fabric's lock (docs/api/rest.md, "Path computation").
//   /api/v1/…    GNPy's first REST API, as TransportPCE's GNPy consumer calls it: GET or HEAD
//                status before each POST path-computation, answered {"result": {"response": …}}
//                in the shape TransportPCE's Result binding parses.
//   /api/v0.2/…  oopt-gnpy-api's: POST path-request in the legacy or the YANG form, answered
//                {"response": …}, and GET status.
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "io/gnpy_api_yang.h"
#include "qot/path_computation.h"
#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

using nlohmann::json;

// The body as a legacy-form document. A YANG-form body (and, in v1, TransportPCE's) is
// converted, and the pointers of later errors are mapped back into it.
struct LegacyBody {
  json doc;
  // Where a legacy member ("gnpy-api:topology") sits in the body as sent.
  std::string (*pointer_of)(std::string_view member) = nullptr;
};

HttpResponse body_refused(const Error& e, const LegacyBody& body) {
  // Whatever the engine refuses is the body's doing (a type it does not support included), so
  // it is a 400, as GNPy's server answers its own refusals; `where` points into the body as sent:
  // the member, then the pointer inside it.
  if (e.code() == ErrorCode::kInternal) return from_error(e);
  if (!e.file().empty() && e.file() != "request body") {
    std::string member = "/";
    member += e.file();
    if (body.pointer_of) member = body.pointer_of(e.file());
    return error_response(400, error_code_name(e.code()), e.message(), member + e.place());
  }
  // A pointer into the legacy body as a whole: its member moves with the form.
  std::string where = e.place();
  for (const char* member : {"gnpy-api:service", "gnpy-api:topology", "gnpy-api:equipment"}) {
    const std::string legacy = "/" + std::string(member);
    if (body.pointer_of && where.rfind(legacy, 0) == 0 &&
        (where.size() == legacy.size() || where[legacy.size()] == '/'))
      where = body.pointer_of(member) + where.substr(legacy.size());
  }
  return error_response(400, error_code_name(e.code()), e.message(), where);
}

HttpResponse not_json() {
  return error_response(400, "parse", "the body is not JSON (expected GNPy's request document)");
}

// Runs the computation on a body read as legacy, or answers why it could not be read, and wraps
// GNPy's response list with `wrap`.
template <typename Wrap>
HttpResponse compute(Call& call, const Result<LegacyBody>& read, Wrap wrap) {
  if (!read)
    return read.error().code() == ErrorCode::kParse ? not_json() : body_refused(read.error(), {});
  const LegacyBody& body = *read;
  Result<json> responses =
      qot::compute_path_request(body.doc, call.gnpy_view(), call.gnpy_equipment());
  if (!responses) return body_refused(responses.error(), body);
  HttpResponse r;
  r.status = 201;  // as GNPy's server answers
  r.body = wrap(std::move(*responses)).dump(2);
  return r;
}

// Rounds half away from zero to `digits` fraction digits.
double rounded(double v, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(v * scale) / scale;
}

// TransportPCE parses the answer with bindings generated from GNPy's YANG
// (gnpy-path-computation-simplified@2022-06-15): an accumulative-value is a decimal64 of six
// fraction digits, and a value with more is refused ("does not match required fraction-digits").
// GNPy rounds its SNR figures to two; the reference power (W) is rounded here to six.
void fit_result_binding(json& responses) {
  for (json& entry : responses) {
    for (json* properties : {&entry, entry.contains("no-path") ? &entry["no-path"] : nullptr}) {
      if (!properties || !properties->contains("path-properties")) continue;
      json& path = (*properties)["path-properties"];
      for (const char* list : {"path-metric", "z-a-path-metric"}) {
        if (!path.contains(list) || !path[list].is_array()) continue;
        json& metrics = path[list];
        for (json& m : metrics) {
          if (m.contains("accumulative-value") && m["accumulative-value"].is_number_float())
            m["accumulative-value"] = rounded(m["accumulative-value"].get<double>(), 6);
        }
      }
    }
  }
}

// v1 bodies: GNPy's legacy body, or TransportPCE's — its gnpy-api YANG module's "request"
// container written by OpenDaylight's codec: {"gnpy-api:request": {"service", "topology",
// "equipment"?}}.
Result<LegacyBody> v1_body(const std::string& text) {
  LegacyBody body;
  body.doc = json::parse(text, nullptr, false);
  if (body.doc.is_discarded()) return Error::parse("not JSON");
  if (io::is_gnpy_api_request(body.doc)) {
    LM_ASSIGN_OR_RETURN(body.doc, io::gnpy_api_request_to_legacy(body.doc));
    body.pointer_of = io::request_pointer;
  }
  return body;
}

HttpResponse compute_v1(Call& call) {
  return compute(call, v1_body(call.request.body), [](json responses) {
    fit_result_binding(responses);
    return json{{"result", {{"response", std::move(responses)}}}};
  });
}

// v0.2 bodies, as oopt-gnpy-api's server takes them: the legacy body, or the YANG form
// ("gnpy-api:api"), which its own tests send as a JSON string holding the document.
Result<LegacyBody> v02_body(const std::string& text) {
  LegacyBody body;
  body.doc = json::parse(text, nullptr, false);
  if (body.doc.is_string()) body.doc = json::parse(body.doc.get<std::string>(), nullptr, false);
  if (body.doc.is_discarded()) return Error::parse("not JSON");
  if (io::is_gnpy_api_yang(body.doc)) {
    LM_ASSIGN_OR_RETURN(body.doc, io::gnpy_api_to_legacy(body.doc));
    body.pointer_of = io::yang_pointer;
  }
  return body;
}

HttpResponse path_request_v02(Call& call) {
  return compute(call, v02_body(call.request.body), [](json responses) {
    return json{{"response", std::move(responses)}};
  });
}

// The status calls answer what GNPy's servers answer; HEAD gets the same status and headers.
HttpResponse status_v1(Call&) { return json_response(200, {{"version", "v1"}, {"status", "ok"}}); }
HttpResponse status_v02(Call&) {
  return json_response(200, {{"version", "/api/v0.2"}, {"status", "ok"}});
}

}  // namespace

std::vector<Route> path_computation_routes() {
  // Any token may compute: nothing is booked.
  return {
      {.method = "POST",
       .pattern = "/api/v1/path-computation",
       .unlocked = true,
       .handle = compute_v1},
      {.method = "GET", .pattern = "/api/v1/status", .unlocked = true, .handle = status_v1},
      {.method = "HEAD", .pattern = "/api/v1/status", .unlocked = true, .handle = status_v1},
      {.method = "POST",
       .pattern = "/api/v0.2/path-request",
       .unlocked = true,
       .handle = path_request_v02},
      {.method = "GET", .pattern = "/api/v0.2/status", .unlocked = true, .handle = status_v02},
  };
}

}  // namespace lightmesh::server
