// libFuzzer target: the controller's request-body parsers (REST service, workload and failure
// bodies, TAPI create and delete inputs, GNPy API v0.2 and v1 path requests, the Authorization
// header, the tokens file, TAPI notification subscriptions and the resume point of the event
// streams, whose first chunk is read), through Controller::handle over the
// London example. Beyond "no crash", it checks that no body is an internal error, that every JSON
// answer parses, and that a refused request leaves the number of services unchanged.
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "london_controller.h"

namespace {

using lightmesh::server::Controller;
using lightmesh::server::HttpRequest;
using lightmesh::server::HttpResponse;

constexpr const char* kToken = "fuzz-admin-token";

struct Harness {
  lightmesh::fuzz::LondonController london{kToken};
  Controller* controller = london.controller.get();
  std::string last_event_id;  // sent with the next call when not empty

  HttpResponse call(const std::string& method, const std::string& path, std::string body = "",
                    std::string authorization = std::string("Bearer ") + kToken) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.headers["authorization"] = std::move(authorization);
    if (!last_event_id.empty()) r.headers["last-event-id"] = last_event_id;
    r.body = std::move(body);
    return controller->handle(r);
  }

  std::size_t service_count() {
    auto r = call("GET", "/api/v1/services?limit=1000");
    return nlohmann::json::parse(r.body)["items"].size();
  }
};

void check(const HttpResponse& r) {
  if (r.status >= 500) __builtin_trap();  // a body is never an internal error
  if (r.content_type.find("json") != std::string::npos && !r.body.empty() &&
      !nlohmann::json::accept(r.body))
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Harness h;
  if (size == 0) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t before = h.service_count();
  HttpResponse r;
  switch (data[0] % 12) {
    case 0:
      r = h.call("POST", "/api/v1/services", body);
      break;
    case 1:
      r = h.call("POST", "/api/v1/failures", body);
      if (r.status == 200) {  // put the fibre back, so later inputs see the whole network
        const auto j = nlohmann::json::parse(r.body);
        h.call("DELETE", "/api/v1/failures/" + j["fiber"].get<std::string>());
      }
      break;
    case 2:
      r = h.call("POST",
                 "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context", body);
      break;
    case 3:
      r = h.call("POST", "/restconf/operations/tapi-connectivity:create-connectivity-service",
                 body);
      break;
    case 4:
      r = h.call("POST", "/restconf/operations/tapi-connectivity:delete-connectivity-service",
                 body);
      break;
    case 5:
      r = h.call("POST", "/api/v1/workloads", body);
      break;
    case 6:  // GNPy API v0.2: the legacy body or its YANG form
      r = h.call("POST", "/api/v0.2/path-request", body);
      break;
    case 7:  // the legacy body, or TransportPCE's gnpy-api:request
      r = h.call("POST", "/api/v1/path-computation", body);
      break;
    case 8:  // the input is the Authorization header (Bearer or Basic credentials)
      r = h.call("GET", "/api/v1/status", "", body);
      break;
    case 10: {  // a TAPI notification subscription, deleted again so the cap is never reached
      r = h.call("POST",
                 "/restconf/operations/tapi-notification:create-notification-subscription-service",
                 body);
      if (r.status == 200) {
        const auto j = nlohmann::json::parse(r.body);
        const std::string uuid =
            j["tapi-notification:output"]["subscription-service"]["uuid"].get<std::string>();
        h.call("POST",
               "/restconf/operations/tapi-notification:delete-notification-subscription-service",
               nlohmann::json{{"tapi-notification:input", {{"subscription-id-or-name", uuid}}}}
                   .dump());
      }
      break;
    }
    case 11: {  // the input is Last-Event-ID; the stream's first chunk is read
      h.last_event_id = body;
      r = h.call("GET", "/api/v1/events/stream");
      h.last_event_id.clear();
      std::string chunk;
      if (r.stream) (void)r.stream->next(chunk, std::chrono::milliseconds(0));
      break;
    }
    case 9:
    default:
      (void)lightmesh::server::Tokens::parse(body, "tokens.json");
      return 0;
  }
  check(r);
  const std::size_t after = h.service_count();
  if (r.status >= 400 && after != before) __builtin_trap();  // refused, yet something changed
  // Keep the fabric small: whatever a create booked is released again, workloads (which own
  // their services) first.
  auto workloads = nlohmann::json::parse(h.call("GET", "/api/v1/workloads?limit=1000").body);
  for (const auto& w : workloads["items"])
    h.call("DELETE", "/api/v1/workloads/" + w["id"].get<std::string>());
  if (after > before) {
    auto list = nlohmann::json::parse(h.call("GET", "/api/v1/services?limit=1000").body);
    for (const auto& s : list["items"])
      h.call("DELETE", "/api/v1/services/" + s["id"].get<std::string>());
  }
  return 0;
}
