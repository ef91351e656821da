#include "server/rest_json.h"

#include "physics/latency.h"
#include "rsa/lightpath_json.h"

namespace lightmesh::server {

using json = nlohmann::ordered_json;

HttpResponse json_response(int status, const json& body) {
  // Messages may quote a path or id that is not UTF-8 ("/api/v1/services/%FF"): replace such
  // bytes rather than fail the answer.
  return json_text_response(status,
                            body.dump(kAnswerIndent, ' ', false, json::error_handler_t::replace));
}

HttpResponse json_text_response(int status, std::string text) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(text);
  r.body += '\n';
  return r;
}

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kParse:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kUnsupported:
      return 409;
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse error_response(int status, const std::string& error, const std::string& detail,
                            const std::string& where) {
  return json_response(status, {{"error", error}, {"detail", detail}, {"where", where}});
}

HttpResponse from_error(const Error& e) {
  return error_response(status_of(e.code()), error_code_name(e.code()), e.message(), e.place());
}

HttpResponse no_content() {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Result<std::size_t> page_limit(const HttpRequest& req) {
  auto it = req.query.find("limit");
  if (it == req.query.end()) return std::size_t{100};
  std::size_t n = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9' || n > kMaxPageSize) {
      return Error::invalid("limit must be a whole number from 1 to 1000").at_place("limit");
    }
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (n == 0 || n > kMaxPageSize)
    return Error::invalid("limit must be a whole number from 1 to 1000").at_place("limit");
  return n;
}

std::string page_cursor(const HttpRequest& req) {
  auto it = req.query.find("cursor");
  return it == req.query.end() ? std::string() : it->second;
}

// What one_way_us is made of, so a reader sees why a service takes the time it does (the console's
// latency breakdown): the parts sum to one_way_us, up to rounding.
static void write_latency_parts(JsonWriter& w, const Network& net, const rsa::Lightpath& lp,
                                Microseconds added) {
  const auto parts =
      physics::route_latency(net, lp.nodes, lp.fibers, &net.catalogue().mode(lp.mode));
  w.begin_object();
  w.key("fiber").value(rsa::round_to(parts.fiber.value(), 3));
  w.key("amplifiers").value(rsa::round_to(parts.amplifiers.value(), 3));
  w.key("nodes").value(rsa::round_to(parts.nodes.value(), 3));
  w.key("transceivers").value(rsa::round_to(parts.transceivers.value(), 3));
  w.key("added_delay").value(rsa::round_to(added.value(), 3));
  w.end_object();
}

void write_lightpaths_now(JsonWriter& w, const Network& net, const spectrum::Grid& grid,
                          const fabric::Service& s) {
  if (s.state != fabric::ServiceState::kUp) return;
  for (const auto& lp : s.lightpaths) {
    if (!lp.up) continue;
    w.begin_object();
    rsa::write_lightpath_members(w, net, grid, lp.path, s.id, lp.added_delay);
    w.key("added_delay_us").value(rsa::round_to(lp.added_delay.value(), 3));
    w.key("active").value((lp.path.role == rsa::Role::kProtect) == s.on_protect);
    w.key("latency_us");
    write_latency_parts(w, net, lp.path, lp.added_delay);
    w.end_object();
  }
}

std::vector<std::uint64_t> slots_held(const fabric::Fabric& fabric, const std::string& tenant) {
  std::vector<std::uint64_t> held(fabric.network().fibers().size(), 0);
  for (const fabric::Service* s : fabric.list(tenant, "", SIZE_MAX))
    for (const auto& lp : s->lightpaths)
      for (FiberIndex f : lp.path.fibers) held[f] += lp.path.slots.count;
  return held;
}

}  // namespace lightmesh::server
