// Latency-bounded site search: every site reachable from one site, nearest first — the finance
// question "which datacenters are within 1 ms RTT of the exchange".
//
//   auto sites = sites_within(net, net.find_site("LSE"), Microseconds{1000});
//   for (const auto& s : sites) fmt::print("{} {}\n", net.site(s.site).id, s.rtt().value());
//
// Pure function over an immutable Network; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "core/ids.h"
#include "core/units.h"
#include "model/network.h"

namespace lightmesh::rsa {

struct SiteLatency {
  SiteIndex site = kNoIndex;
  std::vector<NodeIndex> nodes;  // lowest-latency route from the anchor
  std::vector<FiberIndex> fibers;
  Km length{0};
  Microseconds one_way{0};  // fibre, amplifiers, nodes and the default transceiver pair
  Microseconds rtt() const { return one_way * 2.0; }
};

// Sites other than `from` reachable with RTT ≤ max_rtt (all reachable ones if absent), sorted by
// one-way latency then site id, over every fibre but the `out_of_service` ones (cut fibres, so
// that a live network is measured as it is). `from` out of range gives an empty list.
std::vector<SiteLatency> sites_within(const Network& net, SiteIndex from,
                                      std::optional<Microseconds> max_rtt,
                                      const std::vector<FiberIndex>& out_of_service = {});

}  // namespace lightmesh::rsa
