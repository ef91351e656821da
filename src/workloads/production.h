// Live production (broadcast): a venue's cameras produced from a remote gallery. Each camera sends
// an uncompressed ST 2110-20 stream at the rate of its format (st2110.h, docs/sources.md §5); with
// ST 2022-7 every stream is sent twice, over two disjoint routes.
//
//   ProductionSpec spec{.venue = "STADIUM", .gallery = "MEDIACITY", .cameras = 30,
//                       .format = "2160p50", .redundancy = Redundancy::kSt2022_7,
//                       .max_one_way_us = 1000};
//   LM_ASSIGN_OR_RETURN(Choice c, choose_production(net, latency, free, spec));
//
// The feeds are carried by one service per camera group of at most 100 Gbps (the unit of a
// dedicated APN wavelength path, docs/sources.md §2; a camera is never split between services).
// Several services, or the working and protect legs of ST 2022-7, share one latency_group, so the
// fabric equalises them: PTP timing (ST 2059-2) sees path asymmetry as a clock offset, so feeds
// want equal latency. For ST 2022-7 each service is a LinkNeed with disjoint_pair set: the fabric
// books a working and a protect leg on link-disjoint routes. max_one_way_us bounds every leg.
//
// Refusals: "path" (the gallery is unreachable), "max_one_way_us" (the lowest-latency route, or
// for ST 2022-7 the longer leg of the best disjoint pair, exceeds the bound), "disjoint_paths"
// (ST 2022-7 without two link-disjoint routes; found by Suurballe's method, routing/disjoint.h).
// Errors (kInvalidInput): an unknown venue or gallery, the two being the same site, no cameras, an
// unknown format (the message lists the known ones), a non-positive bound.
//
// Pure function of its inputs; thread-safe.
#pragma once

#include "core/result.h"
#include "model/workload_spec.h"
#include "workloads/placement.h"

namespace lightmesh::workloads {

// Largest bandwidth one production service carries: one 100 Gbps APN wavelength path.
inline constexpr double kProductionServiceGbps = 100.0;

Result<Choice> choose_production(const Network& net, const SiteMatrix& latency,
                                 const FreeCompute& free, const ProductionSpec& spec);

}  // namespace lightmesh::workloads
