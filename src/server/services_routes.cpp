// /api/v1/services: a tenant's connections between two sites (docs/api/rest.md, "Services").
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/limits.h"
#include "io/json_doc.h"
#include "rsa/lightpath_json.h"
#include "server/call.h"
#include "server/device_push.h"
#include "server/rest_json.h"
#include "server/routes.h"
#include "server/tapi_ids.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

// A service as the API shows it, written as an element of whatever `w` has open. Written rather
// than built as a tree: a create's answer is on the path every create waits on.
void write_service(JsonWriter& w, const Network& net, const spectrum::Grid& grid,
                   const fabric::Service& s) {
  const auto& r = s.request;
  w.begin_object().key("id").value(s.id).key("tenant").value(r.tenant).key("name").value(r.name);
  w.key("state").value(fabric::state_name(s.state)).key("from").value(r.from).key("to").value(r.to);
  w.key("bandwidth_gbps").value(r.bandwidth.value());
  w.key("protection").value(fabric::protection_name(r.protection));
  if (r.max_rtt) w.key("max_rtt_us").value(r.max_rtt->value());
  if (r.max_one_way) w.key("max_one_way_us").value(r.max_one_way->value());
  if (!r.latency_group.empty()) w.key("latency_group").value(r.latency_group);
  if (!s.down_reason.empty()) w.key("down_reason").value(s.down_reason);
  w.key("lightpaths").begin_array();
  write_lightpaths_now(w, net, grid, s);
  w.end_array().end_object();
}

HttpResponse service_response(Call& call, int status, const fabric::Service& s) {
  JsonWriter w(kAnswerIndent);
  write_service(w, call.net(), call.fabric().planner().spectrum().grid(), s);
  return json_text_response(status, w.take());
}

// A name a tenant gives (a service, its latency group) within kMaxNameBytes.
Status check_name(const io::Document& doc, const std::string& pointer, const std::string& name) {
  if (name.size() <= fabric::kMaxNameBytes) return {};
  return doc.error(pointer, fmt::format("a name of {} bytes (expected at most {})", name.size(),
                                        fabric::kMaxNameBytes));
}

Result<fabric::ServiceRequest> parse_service(const std::string& body, const Principal& who) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(body, "body.json"));
  io::ObjectReader r(doc, doc.root, "");
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"from", "to", "bandwidth_gbps", "max_rtt_us", "max_one_way_us",
                             "protection", "latency_group", "name"}));
  // A missing member's place is the member's own pointer.
  for (const char* key : {"from", "to", "bandwidth_gbps"}) {
    if (!doc.root.contains(key))
      return doc.error(std::string("/") + key, fmt::format("missing required field \"{}\"", key));
  }
  fabric::ServiceRequest s;
  s.tenant = who.tenant;
  LM_ASSIGN_OR_RETURN(s.from, r.required_string("from"));
  LM_ASSIGN_OR_RETURN(s.to, r.required_string("to"));
  LM_ASSIGN_OR_RETURN(auto bw, r.required_bounded("bandwidth_gbps", limits::kBandwidthGbps));
  s.bandwidth = Gbps{bw};
  LM_ASSIGN_OR_RETURN(auto rtt, r.bounded("max_rtt_us", limits::kLatencyBoundUs));
  if (rtt) s.max_rtt = Microseconds{*rtt};
  LM_ASSIGN_OR_RETURN(auto ow, r.bounded("max_one_way_us", limits::kLatencyBoundUs));
  if (ow) s.max_one_way = Microseconds{*ow};
  LM_ASSIGN_OR_RETURN(auto p, r.string("protection"));
  if (p) {
    if (*p == "none")
      s.protection = fabric::ServiceProtection::kNone;
    else if (*p == "1+1")
      s.protection = fabric::ServiceProtection::kOnePlusOne;
    else if (*p == "restore")
      s.protection = fabric::ServiceProtection::kRestore;
    else
      return doc.error("/protection",
                       "unknown protection \"" + *p + "\" (expected none, 1+1 or restore)");
  }
  LM_ASSIGN_OR_RETURN(auto group, r.string("latency_group"));
  s.latency_group = group.value_or("");
  LM_RETURN_IF_ERROR(check_name(doc, "/latency_group", s.latency_group));
  LM_ASSIGN_OR_RETURN(auto name, r.string("name"));
  s.name = name.value_or("");
  LM_RETURN_IF_ERROR(check_name(doc, "/name", s.name));
  // TAPI keeps a client's uuid in the name; only a TAPI create, which checks the uuid is free,
  // may write that marker.
  if (s.name.rfind(kClientUuidPrefix, 0) == 0) {
    return doc.error("/name", "names beginning with \"" + std::string(kClientUuidPrefix) +
                                  "\" are reserved for TAPI-supplied uuids");
  }
  return s;
}

HttpResponse list_services(Call& call) {
  const HttpRequest& req = call.request;
  auto limit = page_limit(req);
  if (!limit) return from_error(limit.error());
  const std::string cursor = page_cursor(req);
  fabric::Fabric& fabric = call.fabric();
  std::vector<const fabric::Service*> page;
  if (auto q = req.query.find("qot"); q != req.query.end()) {
    // ?qot=failing: services with a lightpath below its mode's required OSNR + margin.
    if (q->second != "failing")
      return error_response(400, "invalid_input",
                            "qot must be \"failing\" (got \"" + q->second + "\")", "qot");
    for (const fabric::Service* sv : fabric.list(call.tenant, cursor, fabric.size())) {
      if (page.size() == *limit + 1) break;
      if (fabric.qot_failing(*sv)) page.push_back(sv);
    }
  } else {
    page = fabric.list(call.tenant, cursor, *limit + 1);
  }
  // {"items","next"}, as page_json makes it, with each service written.
  JsonWriter w(kAnswerIndent);
  w.begin_object().key("items").begin_array();
  for (std::size_t i = 0; i < page.size() && i < *limit; ++i)
    write_service(w, call.net(), fabric.planner().spectrum().grid(), *page[i]);
  w.end_array().key("next");
  if (page.size() > *limit)
    w.value(page[*limit - 1]->id);
  else
    w.null();
  return json_text_response(200, w.end_object().take());
}

void parse_create(Call& call) { call.body.service = parse_service(call.request.body, call.who); }

HttpResponse create_service(Call& call) {
  const std::string key = call.request.header("idempotency-key");
  if (auto replayed = call.replay(key)) return *replayed;
  auto request =
      call.body.service ? *call.body.service : parse_service(call.request.body, call.who);
  if (!request) return from_error(request.error());
  fabric::Refusal refusal;
  auto created = call.fabric().create(std::move(*request), &refusal);
  if (!created) {
    // A refusal changes nothing and is not remembered: a retry may succeed once spectrum frees.
    return created.error().code() == ErrorCode::kUnsupported
               ? json_response(
                     409, {{"error", refusal.reason}, {"detail", refusal.detail}, {"where", ""}})
               : from_error(created.error());
  }
  // With devices, the service exists only once every device of its path holds it.
  if (auto refused = provision_on_devices(call, **created)) return *refused;
  return call.answer_created(key, service_response(call, 201, **created),
                             "/api/v1/services/" + (*created)->id);
}

std::optional<HttpResponse> find_service(Call& call) {
  const std::string id = call.param(0);
  const fabric::Service* s = call.fabric().find(id);
  if (!s || !call.sees(s->request.tenant))
    return error_response(404, "not_found", "no service \"" + io::printable(id) + "\"", "id");
  call.service = s;
  return std::nullopt;
}

HttpResponse get_service(Call& call) { return service_response(call, 200, *call.service); }

HttpResponse delete_service(Call& call) {
  if (auto refused = release_on_devices(call, *call.service)) return *refused;
  if (auto st = call.fabric().remove(call.param(0)); !st) return from_error(st.error());
  if (HttpResponse failed = call.commit(); failed.status != 200) return failed;
  return no_content();
}

}  // namespace

std::vector<Route> services_routes() {
  const char* one = "/api/v1/services/{id}";
  return {
      {.method = "POST",
       .pattern = "/api/v1/services",
       .access = Access::kTenant,
       .writes = true,
       .quick = true,
       .prepare = parse_create,
       .handle = create_service},
      {.method = "GET", .pattern = "/api/v1/services", .handle = list_services},
      {.method = "GET", .pattern = one, .find = find_service, .handle = get_service},
      {.method = "DELETE",
       .pattern = one,
       .access = Access::kTenant,
       .writes = true,
       .quick = true,
       .find = find_service,
       .handle = delete_service},
  };
}

}  // namespace lightmesh::server
