// /healthz (for load balancers: no token, no lock, no store) and /metrics (Prometheus text).
#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

HttpResponse healthz(Call&) { return json_response(200, {{"status", "ok"}}); }

HttpResponse metrics(Call& call) {
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = call.metrics();
  return r;
}

}  // namespace

std::vector<Route> status_routes() {
  return {
      {.method = "GET",
       .pattern = "/healthz",
       .access = Access::kPublic,
       .unlocked = true,
       .handle = healthz},
      // Probes may ask with HEAD; the HTTP layer sends the status and headers only.
      {.method = "HEAD",
       .pattern = "/healthz",
       .access = Access::kPublic,
       .unlocked = true,
       .handle = healthz},
      {.method = "GET", .pattern = "/metrics", .handle = metrics},
  };
}

}  // namespace lightmesh::server
