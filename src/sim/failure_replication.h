// One replication with fibre cuts and protected services (RunOptions::failures): the traffic of
// run_replication(), plus cuts and repairs from FiberFailures, each handled as the controller's
// Fabric::cut() and Fabric::repair() handle them.
//
//   ReplicationTotals r = run_failure_replication(table, pairs, traffic, run, 250.0, 3);
//   double availability = r.up_time[0] / r.held_time[0];   // unprotected services
//
// Services draw a protection class from the mix (a random stream of their own, so the arrivals,
// pairs, bit rates and holding times are those of the run without failures).
// - Placement: routes over a cut fibre are not offered. A 1+1 service takes a working leg by the
//   policy and a protect leg by the same policy among the candidate paths that share no fibre with
//   it; without both it is blocked.
// - A failure event cuts one fibre, or every fibre of a site or shared-risk group at once; a fibre
//   stays down while any failure holding it is in force (a down-count per fibre).
// - At a cut, the services over the fibres that just went down, in arrival order (the controller's
//   service-id order):
//   1+1 switches to its standby leg if that is whole (stays if the hit leg was the standby), else
//   goes down; restore releases its route and is re-routed by the policy on the surviving network
//   (an attempt; on success the new route's latency minus the old one's is the added latency), or
//   keeps its reservation and goes down; unprotected goes down. A service already down stays so.
// - At a repair, a down service over a fibre that just came back, whose working route (1+1: either
//   leg) is whole again, goes up.
//   Restored services stay on their new route.
// Down services keep their spectrum (as the controller keeps their reservation) until they leave.
//
// Pure function of its inputs, as run_replication() is; allocation only grows with the number of
// services in the network, so after the warm-up a request allocates nothing.
#pragma once

#include <cstdint>

#include "sim/replication.h"

namespace lightmesh::sim {

// run.failures must be set.
ReplicationTotals run_failure_replication(const PathTable& table, const PairSampler& pairs,
                                          const TrafficModel& traffic, const RunOptions& run,
                                          double load, std::uint64_t stream);

}  // namespace lightmesh::sim
