// The α–β cost of the collectives that distributed training runs over lightpaths
// (docs/sources.md §4): a message of n bytes over a link costs α + n/β, where α is the one-way
// latency and β the provisioned capacity. Times in seconds, sizes in bytes, β in bytes per second.
//
//   const AlphaBeta link{.alpha_s = 210e-6, .bytes_per_s = bytes_per_s_from_gbps(100)};
//   double t = ring_allreduce_s(14e9, 2, link);                 // one all-reduce, 2 ranks
//   double wan = ring_allreduce_across_sites_s(14e9, 3, {l01, l12, l20});
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>

namespace lightmesh::workloads {

struct AlphaBeta {
  double alpha_s = 0;      // one-way latency, seconds
  double bytes_per_s = 0;  // capacity; +infinity for a link that costs nothing to cross
};

// Gbps (10^9 bits per second) as bytes per second.
double bytes_per_s_from_gbps(double gbps);

// Sending `bytes` once over `link`: α + n/β.
double point_to_point_s(double bytes, const AlphaBeta& link);

// Ring all-reduce of `bytes` over `ranks` ranks whose neighbours are joined by links like `link`:
// T = 2(p−1)α + 2(p−1)/p · n/β. Zero for one rank.
double ring_allreduce_s(double bytes, std::uint32_t ranks, const AlphaBeta& link);

// Bytes each site sends (and receives) over the wide area in a hierarchical all-reduce of
// `bytes` across `sites` sites: reduce-scatter inside each site, ring all-reduce of the shards
// across sites, all-gather inside. ≈ 2(S−1)/S · M, whatever the number of GPUs per site.
double hierarchical_wan_bytes_per_site(double bytes, std::uint32_t sites);

// The wide-area part of that hierarchical all-reduce over a ring of sites whose links may differ
// (`ring` holds the S links of the ring; for two sites, the one link between them). The ring
// moves in 2(S−1) lock-step rounds, each sending one S-th of the bytes over every link at once,
// so each round waits for the slowest link: T = 2(S−1) · max over links of (α + M/(S·β)).
// With equal links this is the ring formula above with p = S.
double ring_allreduce_across_sites_s(double bytes, std::uint32_t sites,
                                     std::span<const AlphaBeta> ring);

}  // namespace lightmesh::workloads
