// /api/v1/events: the fabric's event log (created, down, restored, …), a page at a time or as a
// live stream of Server-Sent Events, a tenant seeing only its own.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "server/call.h"
#include "server/controller.h"
#include "server/event_stream.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

json event_json(const fabric::Event& e) {
  return {{"sequence", e.sequence}, {"time_us", e.time_us}, {"tenant", e.tenant},
          {"service", e.service},   {"what", e.what},       {"why", e.why}};
}

// ?cursor= of the event log: an event sequence number, digits only.
Result<std::uint64_t> event_cursor(const HttpRequest& req) {
  auto it = req.query.find("cursor");
  if (it == req.query.end()) return std::uint64_t{0};
  return event_sequence(it->second, "cursor");
}

HttpResponse list_events(Call& call) {
  auto limit = page_limit(call.request);
  if (!limit) return from_error(limit.error());
  auto cursor = event_cursor(call.request);
  if (!cursor) return from_error(cursor.error());
  const std::uint64_t after = *cursor;
  json items = json::array();
  std::uint64_t last = 0;
  bool more = false;
  for (const auto& e : call.fabric().events()) {
    if (e.sequence <= after || !call.sees(e.tenant)) continue;
    if (items.size() == *limit) {
      more = true;
      break;
    }
    items.push_back(event_json(e));
    last = e.sequence;
  }
  return json_response(
      200, {{"items", items}, {"next", more ? json(std::to_string(last)) : json(nullptr)}});
}

HttpResponse too_many_streams() {
  HttpResponse r = error_response(503, "too_many_streams",
                                  "the server has " + std::to_string(Controller::kMaxStreams) +
                                      " event streams open, as many as it allows; try again later");
  r.headers.push_back({"Retry-After", "5"});
  return r;
}

// The events as they are committed. A client that reconnects sends Last-Event-ID and gets every
// event it missed; a new one starts from now, or from ?cursor= (0: the whole log first).
HttpResponse stream_events(Call& call) {
  auto resume = resume_point(call.request);
  if (!resume) return from_error(resume.error());
  const std::uint64_t after = resume->value_or(call.durable_events());
  const std::string tenant = call.tenant;
  auto stream =
      call.open_event_stream(after, [tenant](const fabric::Event& e, const fabric::Fabric&) {
        if (!tenant.empty() && e.tenant != tenant) return std::string();
        return sse_message(e.sequence, event_json(e).dump());
      });
  if (!stream) return too_many_streams();
  return event_stream_response(std::move(stream));
}

}  // namespace

std::vector<Route> events_routes() {
  return {{.method = "GET", .pattern = "/api/v1/events", .handle = list_events},
          {.method = "GET", .pattern = "/api/v1/events/stream", .handle = stream_events}};
}

}  // namespace lightmesh::server
