// The latency figures a placed workload reports, restated from the lightpaths it was given.
//
// The placers choose over estimates: the lowest-latency route between two sites over the fibres
// in service (SiteMatrix). The fabric books what the spectrum allows, which may be a longer route,
// and pads a latency group to its slowest member. So once a placement is provisioned, every
// latency its prediction and audit state comes from the booked lightpaths:
//   inference   rtt_us, one_way_us and the audit's RTT rule: the data lightpath
//   cluster     each edge's rtt_us: the slowest lightpath between sites of its two roles (a pair
//               joined by no lightpath, as with min_gbps 0, keeps the route estimate)
//   sites       each reserved candidate's rtt_us and equalized_one_way_us
//   production  one_way_us (the slowest carrying lightpath), working_one_way_us and
//               protect_one_way_us (the slowest leg of each role, its route alone) and
//               equalized_one_way_us (the slowest leg, padding included)
// Training is re-predicted by place() itself: its step time depends on the links and may refuse.
//
//   restate_from_provisioned(fabric, latency, spec, placed);
//
// Thread-compatible; reads the fabric, changes only `placed.choice`.
#pragma once

#include <optional>

#include "fabric/fabric.h"
#include "model/workload_spec.h"
#include "workloads/place.h"

namespace lightmesh::workloads {

// The one-way latency the traffic between two sites sees on the placement's lightpaths: the
// slowest link joining them, padding included. None when no link joins them.
std::optional<double> provisioned_one_way_us(const Placed& placed, SiteIndex a, SiteIndex b);

// `latency` is the matrix the placement was chosen with; `placed` has its services and one_way_us.
void restate_from_provisioned(const fabric::Fabric& fabric, const SiteMatrix& latency,
                              const WorkloadSpec& spec, Placed& placed);

}  // namespace lightmesh::workloads
