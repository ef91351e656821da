// Demand: a request for connectivity between two sites, as read from a demands file or an API call.
//
//   Demand d{.id = "d1", .from = "LD4", .to = "CITY", .bandwidth = Gbps{400}};
//   d.max_rtt = Microseconds{1000};
//
// Plain value type; thread-compatible. Names (not indices) because an unknown endpoint is a
// planning outcome (UNKNOWN_ENDPOINT), not a parse error.
#pragma once

#include <optional>
#include <string>

#include "core/units.h"

namespace lightmesh {

enum class Protection {
  kNone,        // one set of lightpaths
  kOnePlusOne,  // a working and a protect set on disjoint routes, both within the bound
};

const char* protection_name(Protection p);  // "none", "1+1"

struct Demand {
  std::string id;
  std::string from;  // site id
  std::string to;    // site id
  Gbps bandwidth{0};
  std::optional<Microseconds> max_rtt;
  std::optional<Microseconds> max_one_way;
  Protection protection = Protection::kNone;
  std::string mode;   // optional: force this transceiver mode (by name)
  std::string where;  // JSON pointer of the demand in its file

  // The tighter of max_one_way and max_rtt / 2, if either is set.
  std::optional<Microseconds> one_way_bound() const {
    std::optional<Microseconds> b = max_one_way;
    if (max_rtt && (!b || *max_rtt * 0.5 < *b)) b = *max_rtt * 0.5;
    return b;
  }
};

}  // namespace lightmesh
