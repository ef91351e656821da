#include "physics/latency.h"

namespace lightmesh::physics {

namespace {
Microseconds transceiver_latency(const Network& net, const TransceiverMode* mode) {
  if (mode && mode->dsp_fec_latency) return *mode->dsp_fec_latency;
  return net.latency().transceiver_pair;
}
}  // namespace

Microseconds fiber_latency(const Network& net, FiberIndex f) {
  const Fiber& fiber = net.fiber(f);
  return fiber.length * fiber.delay +
         net.latency().amplifier * static_cast<double>(fiber.amplifiers);
}

double latency_edge_weight(const Network& net, FiberIndex f) {
  const Fiber& fiber = net.fiber(f);
  const Microseconds ends = (net.node(fiber.a).latency + net.node(fiber.b).latency) * 0.5;
  return (fiber_latency(net, f) + ends).value();
}

Microseconds route_latency_constant(const Network& net, NodeIndex from, NodeIndex to,
                                    const TransceiverMode* mode) {
  return transceiver_latency(net, mode) + (net.node(from).latency + net.node(to).latency) * 0.5;
}

LatencyBreakdown route_latency(const Network& net, std::span<const NodeIndex> nodes,
                               std::span<const FiberIndex> fibers, const TransceiverMode* mode) {
  LatencyBreakdown out;
  for (FiberIndex f : fibers) {
    const Fiber& fiber = net.fiber(f);
    out.length += fiber.length;
    out.fiber += fiber.length * fiber.delay;
    out.amplifiers += net.latency().amplifier * static_cast<double>(fiber.amplifiers);
  }
  for (NodeIndex n : nodes) out.nodes += net.node(n).latency;
  out.transceivers = transceiver_latency(net, mode);
  return out;
}

}  // namespace lightmesh::physics
