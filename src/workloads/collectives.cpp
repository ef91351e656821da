#include "workloads/collectives.h"

#include <algorithm>

namespace lightmesh::workloads {

double bytes_per_s_from_gbps(double gbps) { return gbps * 1e9 / 8; }

double point_to_point_s(double bytes, const AlphaBeta& link) {
  return link.alpha_s + bytes / link.bytes_per_s;
}

double ring_allreduce_s(double bytes, std::uint32_t ranks, const AlphaBeta& link) {
  if (ranks <= 1) return 0;
  const double p = ranks;
  return 2 * (p - 1) * link.alpha_s + 2 * (p - 1) / p * bytes / link.bytes_per_s;
}

double hierarchical_wan_bytes_per_site(double bytes, std::uint32_t sites) {
  if (sites <= 1) return 0;
  const double s = sites;
  return 2 * (s - 1) / s * bytes;
}

double ring_allreduce_across_sites_s(double bytes, std::uint32_t sites,
                                     std::span<const AlphaBeta> ring) {
  if (sites <= 1 || ring.empty()) return 0;
  const double s = sites;
  double slowest_round = 0;
  for (const AlphaBeta& link : ring) {
    slowest_round = std::max(slowest_round, link.alpha_s + bytes / (s * link.bytes_per_s));
  }
  return 2 * (s - 1) * slowest_round;
}

}  // namespace lightmesh::workloads
