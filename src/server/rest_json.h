// The REST API's answers, shared by its route files: JSON bodies, the error form
// `{"error","detail","where"}` and the one function that maps errors to statuses, pages, and the
// lightpaths that carry a service now.
//
//   if (!limit) return from_error(limit.error());   // 400, where "limit"
//   return json_response(200, page_json(page, *limit, to_json));
//
// Stateless functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "core/result.h"
#include "fabric/fabric.h"
#include "server/http_types.h"

namespace lightmesh::server {

// Answers are indented by two spaces and end in a new line, whichever way they were made.
inline constexpr int kAnswerIndent = 2;
HttpResponse json_response(int status, const nlohmann::ordered_json& body);
// An answer whose JSON was written already (by a JsonWriter with kAnswerIndent), as valid UTF-8.
HttpResponse json_text_response(int status, std::string text);
HttpResponse error_response(int status, const std::string& error, const std::string& detail,
                            const std::string& where = "");
// The error's status (status_of), code name, message and place.
HttpResponse from_error(const Error& e);
// The one place errors become statuses: invalid input 400, not found 404, refusal 409, store or
// internal failure 500.
int status_of(ErrorCode code);
// 204 with no body: a delete done.
HttpResponse no_content();

// ?limit= within 1…kMaxPageSize (default 100); an invalid_input error at "limit" otherwise.
inline constexpr std::size_t kMaxPageSize = 1000;
Result<std::size_t> page_limit(const HttpRequest& req);
// ?cursor=, or empty.
std::string page_cursor(const HttpRequest& req);

// {"items","next"} for one page: `fetched` holds up to limit + 1 entries, the extra one only saying
// that more follow, so `next` is the cursor of the last one shown.
template <typename T, typename ToJson>
nlohmann::ordered_json page_json(const std::vector<const T*>& fetched, std::size_t limit,
                                 ToJson to_json) {
  using json = nlohmann::ordered_json;
  json items = json::array();
  for (std::size_t i = 0; i < fetched.size() && i < limit; ++i)
    items.push_back(to_json(*fetched[i]));
  json next = fetched.size() > limit ? json(fetched[limit - 1]->id) : json(nullptr);
  return {{"items", std::move(items)}, {"next", std::move(next)}};
}

// What carries a service now, written as elements of the array `w` has open: every intact
// lightpath of an up service, with its equalisation padding and whether it is the leg in use
// (1+1); nothing when it is down.
void write_lightpaths_now(JsonWriter& w, const Network& net, const spectrum::Grid& grid,
                          const fabric::Service& s);

// The slots a tenant's lightpaths hold on each fibre (one direction; both hold the same), by fibre
// index: what a tenant is shown of the spectrum. Down services keep their reservation, so they
// count as the planner counts them.
std::vector<std::uint64_t> slots_held(const fabric::Fabric& fabric, const std::string& tenant);

}  // namespace lightmesh::server
