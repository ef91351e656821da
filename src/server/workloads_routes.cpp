// /api/v1/workloads: work placed on sites with the lightpaths it needs, booked as one unit
// (docs/api/rest.md, "Workloads").
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "io/json_doc.h"
#include "io/workload_reader.h"
#include "server/call.h"
#include "server/device_push.h"
#include "server/rest_json.h"
#include "server/routes.h"
#include "workloads/place.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

// A placed workload: what it holds and the answer given when it was placed, with its services'
// state now (a cut may have taken one down since).
json workload_json(const fabric::Fabric& fabric, const fabric::Workload& w) {
  json out = {{"id", w.id}, {"tenant", w.tenant}, {"name", w.name}, {"kind", w.kind}};
  json grants = json::array();
  for (const auto& g : w.grants) {
    json j = {{"site", g.site}};
    if (g.gpus > 0) {
      j["gpus"] = g.gpus;
      j["gpu_model"] = g.gpu_model;
    }
    if (g.cpu_cores > 0) j["cpu_cores"] = g.cpu_cores;
    if (g.storage_tb > 0) j["storage_tb"] = g.storage_tb;
    if (!g.role.empty()) j["role"] = g.role;
    grants.push_back(std::move(j));
  }
  out["grants"] = std::move(grants);
  json services = json::array();
  bool up = true;
  for (const auto& id : w.services) {
    const fabric::Service* s = fabric.find(id);
    const bool service_up = s && s->state == fabric::ServiceState::kUp;
    up = up && service_up;
    services.push_back({{"id", id}, {"state", service_up ? "up" : "down"}});
  }
  out["state"] = up ? "up" : "degraded";
  out["services"] = std::move(services);
  // The answer was produced by this server; a parse failure would be a corrupt store.
  json answer = json::parse(w.answer, nullptr, false);
  if (!answer.is_object()) return out;
  for (const auto& [k, v] : answer.items())
    if (!out.contains(k)) out[k] = v;
  // The lightpaths as they are now: a cut may have re-routed or switched them since.
  std::map<std::string, json> purpose;
  for (const auto& lp : answer.value("lightpaths", json::array()))
    if (lp.contains("service") && lp.contains("purpose"))
      purpose[lp["service"].get<std::string>()] = lp["purpose"];
  json lightpaths = json::array();
  for (const auto& id : w.services) {
    const fabric::Service* s = fabric.find(id);
    if (!s) continue;
    JsonWriter now;
    now.begin_array();
    write_lightpaths_now(now, fabric.network(), fabric.planner().spectrum().grid(), *s);
    for (json lp : json::parse(now.end_array().take())) {
      lp["service"] = s->id;
      if (purpose.count(s->id)) lp["purpose"] = purpose[s->id];
      lightpaths.push_back(std::move(lp));
    }
  }
  out["lightpaths"] = std::move(lightpaths);
  return out;
}

// A workload document, its name within kMaxNameBytes, for `who`.
Result<WorkloadSpec> parse_workload(const std::string& body, const Principal& who) {
  LM_ASSIGN_OR_RETURN(WorkloadSpec spec, io::read_workload(body, "body.json"));
  if (spec.name.size() > fabric::kMaxNameBytes) {
    return Error::invalid(fmt::format("a name of {} bytes (expected at most {})", spec.name.size(),
                                      fabric::kMaxNameBytes))
        .at("body.json", "/name");
  }
  spec.tenant = who.tenant;
  return spec;
}

HttpResponse list_workloads(Call& call) {
  auto limit = page_limit(call.request);
  if (!limit) return from_error(limit.error());
  const fabric::Fabric& fabric = call.fabric();
  return json_response(
      200, page_json(fabric.list_workloads(call.tenant, page_cursor(call.request), *limit + 1),
                     *limit, [&](const fabric::Workload& w) { return workload_json(fabric, w); }));
}

// Choosing sites is the heavy part of a placement: only its snapshot holds the lock.
void decide_create(Call& call) {
  call.body.workload = parse_workload(call.request.body, call.who);
  if (*call.body.workload)
    call.body.decision = workloads::decide(call.net(), call.snapshot(), **call.body.workload);
}

HttpResponse create_workload(Call& call) {
  const HttpRequest& req = call.request;
  const std::string key = req.header("idempotency-key");
  if (auto replayed = call.replay(key)) return *replayed;
  auto spec = call.body.workload ? *call.body.workload : parse_workload(req.body, call.who);
  if (!spec) return from_error(spec.error());
  fabric::Fabric& fabric = call.fabric();
  const std::optional<workloads::Decision>& decision = call.body.decision;
  // A decision made on a snapshot that no longer holds (a cut, a repair or a grant since) is made
  // again here, under the lock, so two workloads never book the same GPUs.
  const bool current = decision && workloads::still_current(fabric, *decision);
  if (decision && !current) call.count_decision_redone();
  auto placed = current ? workloads::book(fabric, *spec, req.body, *decision)
                        : workloads::place(fabric, *spec, req.body);
  if (!placed || placed->choice.refusal) {
    // Nothing stays booked, but a placement undone half way has created and deleted services:
    // the event log keeps that trail, so it is committed like any other change.
    if (HttpResponse failed = call.commit(); failed.status != 200) return failed;
    if (!placed) return from_error(placed.error());
    // As with services, a refusal is not remembered: a retry may succeed once capacity frees.
    const workloads::Refusal& refusal = *placed->choice.refusal;
    json body = {{"error", refusal.reason}, {"detail", refusal.detail}, {"where", ""}};
    body["refused"] = placed->answer["refused"];
    return json_response(409, body);
  }
  const fabric::Workload* w = fabric.find_workload(placed->workload);
  if (!w) return error_response(500, "internal", "the placed workload vanished");
  // With devices, the workload exists only once every device holds all of its services.
  if (auto refused = provision_workload_on_devices(call, *w)) return *refused;
  return call.answer_created(key, workload_json(fabric, *w), "/api/v1/workloads/" + w->id);
}

std::optional<HttpResponse> find_workload(Call& call) {
  const std::string id = call.param(0);
  const fabric::Workload* w = call.fabric().find_workload(id);
  if (!w || !call.sees(w->tenant))
    return error_response(404, "not_found", "no workload \"" + io::printable(id) + "\"", "id");
  call.workload = w;
  return std::nullopt;
}

HttpResponse get_workload(Call& call) {
  return json_response(200, workload_json(call.fabric(), *call.workload));
}

HttpResponse delete_workload(Call& call) {
  if (auto refused = release_workload_on_devices(call, *call.workload)) return *refused;
  if (auto st = call.fabric().remove_workload(call.param(0)); !st) return from_error(st.error());
  if (HttpResponse failed = call.commit(); failed.status != 200) return failed;
  return no_content();
}

}  // namespace

std::vector<Route> workloads_routes() {
  const char* one = "/api/v1/workloads/{id}";
  return {
      {.method = "POST",
       .pattern = "/api/v1/workloads",
       .access = Access::kTenant,
       .writes = true,
       .prepare = decide_create,
       .handle = create_workload},
      {.method = "GET", .pattern = "/api/v1/workloads", .handle = list_workloads},
      {.method = "GET", .pattern = one, .find = find_workload, .handle = get_workload},
      {.method = "DELETE",
       .pattern = one,
       .access = Access::kTenant,
       .writes = true,
       .find = find_workload,
       .handle = delete_workload},
  };
}

}  // namespace lightmesh::server
