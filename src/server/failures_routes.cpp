// /api/v1/failures: fibre cuts, made and repaired by admins, with what each did to the services.
#include <nlohmann/json.hpp>

#include "io/json_doc.h"
#include "server/call.h"
#include "server/device_push.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

json report_json(const fabric::FailureReport& r) {
  json affected = json::array();
  for (const auto& a : r.affected)
    affected.push_back({{"service", a.service}, {"outcome", a.outcome}, {"detail", a.detail}});
  return {{"fiber", r.fiber}, {"affected", affected}};
}

// The report of a cut or repair, once it is committed.
HttpResponse answer_report(Call& call, const Result<fabric::FailureReport>& report) {
  if (!report) return from_error(report.error());
  if (HttpResponse failed = call.commit(); failed.status != 200) return failed;
  return json_response(200, report_json(*report));
}

HttpResponse list_failures(Call& call) {
  json items = json::array();
  for (const auto& f : call.fabric().failed_fibers()) items.push_back({{"fiber", f}});
  return json_response(200, {{"items", items}});
}

HttpResponse cut(Call& call) {
  auto doc = io::parse_document(call.request.body, "body.json");
  if (!doc) return from_error(doc.error());
  io::ObjectReader r(*doc, doc->root, "");
  if (auto st = r.expect_object(); !st) return from_error(st.error());
  if (auto st = r.only({"fiber"}); !st) return from_error(st.error());
  auto fiber = r.required_string("fiber");
  if (!fiber) return from_error(fiber.error());
  // With devices, each restoration is made on them before its old route is broken; a service
  // whose new route they refuse stays on its old one, down (docs/southbound.md, "Restoration
  // after a cut").
  return answer_report(call, call.fabric().cut(*fiber, restoration_push(call)));
}

// A repair changes nothing on the devices: services that went down kept their entries there, and
// restored services stay on their new routes.
HttpResponse repair(Call& call) { return answer_report(call, call.fabric().repair(call.param(0))); }

}  // namespace

std::vector<Route> failures_routes() {
  return {
      {.method = "GET", .pattern = "/api/v1/failures", .handle = list_failures},
      {.method = "POST",
       .pattern = "/api/v1/failures",
       .access = Access::kAdmin,
       .writes = true,
       .handle = cut},
      {.method = "DELETE",
       .pattern = "/api/v1/failures/{fiber}",
       .access = Access::kAdmin,
       .writes = true,
       .handle = repair},
  };
}

}  // namespace lightmesh::server
