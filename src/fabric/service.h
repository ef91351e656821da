// Service: a tenant's request for connectivity and the lightpaths that carry it now.
//
//   ServiceRequest r{.tenant = "bank", .from = "LSE", .to = "LD4", .bandwidth = Gbps{100}};
//   r.protection = ServiceProtection::kRestore;
//
// Plain value types; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/limits.h"
#include "core/units.h"
#include "rsa/lightpath.h"

namespace lightmesh::fabric {

enum class ServiceProtection {
  kNone,        // goes down with its fibre and comes back on repair
  kOnePlusOne,  // a working and a protect leg on disjoint routes; traffic switches on a cut
  kRestore,     // re-routed on spare spectrum when its fibre is cut
};
const char* protection_name(ServiceProtection p);  // "none", "1+1", "restore"

enum class ServiceState { kUp, kDown };

// The longest name a tenant may give a service, a latency group or a workload, in bytes: the same
// ceiling as ids in files (core/limits.h).
inline constexpr std::size_t kMaxNameBytes = limits::kMaxNameBytes;
const char* state_name(ServiceState s);  // "up", "down"

struct ServiceRequest {
  std::string tenant;
  std::string name;
  std::string from;
  std::string to;
  Gbps bandwidth{0};
  std::optional<Microseconds> max_rtt;
  std::optional<Microseconds> max_one_way;
  ServiceProtection protection = ServiceProtection::kNone;
  std::string latency_group;  // a tenant's services sharing a group get equal one-way latency

  std::optional<Microseconds> one_way_bound() const {
    std::optional<Microseconds> b = max_one_way;
    if (max_rtt && (!b || *max_rtt * 0.5 < *b)) b = *max_rtt * 0.5;
    return b;
  }
};

// One lightpath of a service, with what the fabric adds to it.
struct ServiceLightpath {
  rsa::Lightpath path;
  Microseconds added_delay{0};  // latency equalisation padding
  bool up = true;               // all its fibres work
};

struct Service {
  std::string id;
  ServiceRequest request;
  ServiceState state = ServiceState::kUp;
  std::vector<ServiceLightpath> lightpaths;  // working first, then protect; kept while down
  bool on_protect = false;                   // 1+1: traffic is on the protect leg
  std::string down_reason;                   // why it is down, when it is

  // The lightpaths that carry traffic now: the working (or, after a switch, protect) set when up;
  // none when down.
  std::vector<const ServiceLightpath*> carrying() const;
};

}  // namespace lightmesh::fabric
