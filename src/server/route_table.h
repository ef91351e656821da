// The route table: what the controller answers, as data. Each entry is one method and path pattern
// with the least role that may call it, whether it writes, and its handler; the controller matches
// a request once and applies the entry's rules (token, role, the object the path names, the lock)
// the same way for every route, so handlers hold none of them. server/routes.h lists the entries.
//
//   const RouteTable& table = controller_routes();
//   RouteMatch m = table.match("GET", "/api/v1/services/svc-000001");  // m.params[0] "svc-000001"
//
// Immutable once built; thread-safe to read.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "server/http_types.h"
#include "server/tokens.h"

namespace lightmesh::server {

class Call;

// The least a caller needs: no token at all, any token, a token that may change things (tenant or
// admin), or an admin token.
enum class Access { kPublic, kReadOnly, kTenant, kAdmin };
bool allows(Access access, Role role);
const char* access_name(Access access);

struct Route {
  std::string_view method;  // "GET", "POST", …
  // "/api/v1/services/{id}". A segment is a literal, or a literal ending in one {name} that takes
  // the rest of the segment ("connectivity-service={uuid}"); a {name} matches no empty value.
  std::string_view pattern;
  Access access = Access::kReadOnly;
  // Opens the store's write transaction (PostgreSQL's writers' lock) and expires stored replies
  // afterwards: true for every handler that may change the fabric.
  bool writes = false;
  // Answered without the fabric's lock and without the store: a pure computation.
  bool unlocked = false;
  // Short, and waits for nothing but its commit: the HTTP layer may run it on its I/O thread
  // (Controller::handle_now).
  bool quick = false;
  // Before the lock, only for a caller the role allows: parses the body into the call, so a large
  // or deep one costs its own request and not everyone's.
  void (*prepare)(Call&) = nullptr;
  // Under the lock, before the role is checked: finds the object the path names, as the caller may
  // see it, and keeps it in the call; otherwise returns the 404, the same for another tenant's
  // object as for a missing one. The role comes second so that a missing object answers 404
  // whatever the token may do.
  std::optional<HttpResponse> (*find)(Call&) = nullptr;
  HttpResponse (*handle)(Call&) = nullptr;
};

inline constexpr std::size_t kMaxPathParams = 2;
using PathParams = std::array<std::string_view, kMaxPathParams>;

struct RouteMatch {
  const Route* route = nullptr;  // null when no route has this method and path
  bool path_known = false;       // another method has a route on this path
  PathParams params;             // the pattern's {…} values in order, viewing the matched path
};

class RouteTable {
 public:
  // Throws std::invalid_argument for a malformed pattern or an entry given twice: programmer
  // errors, found when the table is built.
  explicit RouteTable(std::vector<Route> routes);

  // Matches `path` split at '/', empty segments skipped. Cheap: no allocation, no regex.
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static constexpr std::size_t kMaxSegments = 8;
  struct Segment {
    std::string_view literal;
    bool param = false;  // a {name} follows the literal
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  // per route, same order
};

}  // namespace lightmesh::server
