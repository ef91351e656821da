// Latency of a lightpath: the sum over its fibres (length × group delay), inline amplifiers, every
// optical node it passes (add, pass-through and drop), and the transceiver pair's DSP + FEC.
// docs/sources.md §1 gives the figures.
//
//   LatencyBreakdown l = route_latency(net, path.nodes, path.fibers, &mode);
//   double rtt_us = 2 * l.total().value();
//
// Pure functions over an immutable Network; thread-safe.
#pragma once

#include <span>

#include "core/ids.h"
#include "core/units.h"
#include "model/network.h"

namespace lightmesh::physics {

struct LatencyBreakdown {
  Km length{0};
  Microseconds fiber{0};         // Σ length × µs/km
  Microseconds amplifiers{0};    // Σ inline amplifiers × amplifier latency
  Microseconds nodes{0};         // Σ node latency over every node on the route, both ends included
  Microseconds transceivers{0};  // DSP + FEC of the transceiver pair

  Microseconds total() const { return fiber + amplifiers + nodes + transceivers; }
};

// Fibre propagation plus its inline amplifiers.
Microseconds fiber_latency(const Network& net, FiberIndex f);

// An undirected edge weight for shortest paths under the latency metric: the fibre, its amplifiers,
// and half the latency of each end node. Summed along a route it gives route_latency().total()
// minus the transceiver pair and half of each end node — so ranking by it ranks by true latency.
double latency_edge_weight(const Network& net, FiberIndex f);

// The constant a route's weight sum needs to become its latency: transceivers + half of each end
// node.
Microseconds route_latency_constant(const Network& net, NodeIndex from, NodeIndex to,
                                    const TransceiverMode* mode = nullptr);

// Full breakdown. `nodes` has one more entry than `fibers`. With mode == nullptr the network's
// default transceiver-pair latency is used.
LatencyBreakdown route_latency(const Network& net, std::span<const NodeIndex> nodes,
                               std::span<const FiberIndex> fibers,
                               const TransceiverMode* mode = nullptr);

}  // namespace lightmesh::physics
