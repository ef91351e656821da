#include "server/route_table.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace lightmesh::server {

namespace {

// Up to `out.size()` non-empty segments of `path`; false when it has more.
template <std::size_t N>
bool split(std::string_view path, std::array<std::string_view, N>& out, std::size_t& count) {
  count = 0;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    if (i == path.size()) break;
    const std::size_t j = std::min(path.find('/', i), path.size());
    if (count == N) return false;
    out[count++] = path.substr(i, j - i);
    i = j;
  }
  return true;
}

}  // namespace

bool allows(Access access, Role role) {
  switch (access) {
    case Access::kPublic:
    case Access::kReadOnly:
      return true;
    case Access::kTenant:
      return role != Role::kReadOnly;
    case Access::kAdmin:
      return role == Role::kAdmin;
  }
  return false;
}

const char* access_name(Access access) {
  switch (access) {
    case Access::kPublic:
      return "public";
    case Access::kReadOnly:
      return "read-only";
    case Access::kTenant:
      return "tenant";
    case Access::kAdmin:
      return "admin";
  }
  return "?";
}

RouteTable::RouteTable(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const Route& route = routes_[r];
    const std::string name = std::string(route.method) + " " + std::string(route.pattern);
    if (!route.handle) throw std::invalid_argument(name + ": no handler");
    for (std::size_t e = 0; e < r; ++e) {
      if (routes_[e].method == route.method && routes_[e].pattern == route.pattern)
        throw std::invalid_argument(name + ": given twice");
    }
    std::array<std::string_view, kMaxSegments> parts;
    std::size_t count = 0;
    if (route.pattern.empty() || route.pattern[0] != '/' || !split(route.pattern, parts, count))
      throw std::invalid_argument(name + ": not a path of at most 8 segments");
    std::vector<Segment> segments;
    std::size_t params = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string_view part = parts[i];
      const std::size_t open = part.find('{');
      if (open == std::string_view::npos) {
        segments.push_back({part, false});
        continue;
      }
      if (part.back() != '}' || part.find('}') != part.size() - 1 || ++params > kMaxPathParams)
        throw std::invalid_argument(name + ": a {name} must end its segment, at most twice");
      segments.push_back({part.substr(0, open), true});
    }
    segments_.push_back(std::move(segments));
  }
}

RouteMatch RouteTable::match(std::string_view method, std::string_view path) const {
  std::array<std::string_view, kMaxSegments> parts;
  std::size_t count = 0;
  RouteMatch out;
  if (!split(path, parts, count)) return out;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const std::vector<Segment>& segments = segments_[r];
    if (segments.size() != count) continue;
    PathParams params;
    std::size_t n = 0;
    bool same = true;
    for (std::size_t i = 0; i < count && same; ++i) {
      const Segment& s = segments[i];
      const std::string_view part = parts[i];
      if (!s.param) {
        same = part == s.literal;
      } else {
        same = part.size() > s.literal.size() && part.substr(0, s.literal.size()) == s.literal;
        if (same) params[n++] = part.substr(s.literal.size());
      }
    }
    if (!same) continue;
    if (routes_[r].method != method) {
      out.path_known = true;
      continue;
    }
    out.route = &routes_[r];
    out.params = params;
    return out;
  }
  return out;
}

}  // namespace lightmesh::server
