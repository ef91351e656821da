// Latency-bounded site search (finance): every site within an RTT budget of an anchor such as an
// exchange, nearest first, with what a MWh of IT load costs there; optionally the cheapest N of
// them reserved with a lightpath each, equalised so no site is nearer the anchor than another.
//
//   SitesSpec spec{.anchor = "LSE", .max_rtt_us = 1000, .reserve = 2, .equalize = true};
//   LM_ASSIGN_OR_RETURN(Choice c, choose_sites(net, latency, free, spec));
//   for (const SiteShare& s : c.sites) fmt::print("{} {}\n", net.site(s.site).id, s.role);
//
// placement.sites lists every site within the budget, nearest first (RTT, then id), with role
// "reserved" for the N chosen and "candidate" for the others. prediction.candidates gives each
// one's RTT, power price, PUE and price × PUE (power.h states the defaults for missing figures).
// Reserved sites are the N with the lowest price × PUE, ties by RTT, then id. Each gets a LinkNeed
// anchor↔site of bandwidth_gbps with max_one_way = max_rtt / 2, all in one latency_group when
// equalize is set, so the fabric pads them to the slowest (prediction.equalized_one_way_us).
//
// Errors (kInvalidInput): an unknown anchor, a non-positive budget, reserving more sites than the
// network has besides the anchor, a non-positive bandwidth with reserve > 0. Refusal "max_rtt_us"
// when fewer than N sites are within the budget.
//
// Pure function of its inputs; thread-safe.
#pragma once

#include "core/result.h"
#include "model/workload_spec.h"
#include "workloads/placement.h"

namespace lightmesh::workloads {

Result<Choice> choose_sites(const Network& net, const SiteMatrix& latency, const FreeCompute& free,
                            const SitesSpec& spec);

}  // namespace lightmesh::workloads
