// /api/v1/events: the fabric's event log (created, down, restored, …), a page at a time, a tenant
// seeing only its own.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

// ?cursor= of the event log: an event sequence number, digits only.
Result<std::uint64_t> event_cursor(const HttpRequest& req) {
  auto it = req.query.find("cursor");
  if (it == req.query.end()) return std::uint64_t{0};
  const std::string& text = it->second;
  std::uint64_t n = 0;
  bool whole = !text.empty();
  for (char c : text) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    whole = whole && c >= '0' && c <= '9' && n <= (UINT64_MAX - digit) / 10;
    if (!whole) break;
    n = n * 10 + digit;
  }
  if (!whole)
    return Error::invalid("cursor must be an event sequence number (a whole number ≥ 0)")
        .at_place("cursor");
  return n;
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
    items.push_back({{"sequence", e.sequence},
                     {"time_us", e.time_us},
                     {"tenant", e.tenant},
                     {"service", e.service},
                     {"what", e.what},
                     {"why", e.why}});
    last = e.sequence;
  }
  return json_response(
      200, {{"items", items}, {"next", more ? json(std::to_string(last)) : json(nullptr)}});
}

}  // namespace

std::vector<Route> events_routes() {
  return {{.method = "GET", .pattern = "/api/v1/events", .handle = list_events}};
}

}  // namespace lightmesh::server
