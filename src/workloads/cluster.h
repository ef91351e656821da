// Composable cluster (disaggregated datacenter): GPUs, CPU cores and storage taken from different
// buildings and joined by lightpaths, under a max RTT and a min bandwidth per pair of roles.
//
//   ClusterSpec spec;
//   spec.roles = {.gpus = 64, .cores = 512, .storage_tb = 200};
//   spec.edges = {{"gpu", "storage", 200, 100}, {"gpu", "cpu", 100, 100}};
//   LM_ASSIGN_OR_RETURN(Choice c, choose_cluster(net, latency, free, spec));
//
// The objective is energy per hour: Σ amount × per-unit kW (power.h: GPU board by model, CPU
// core, TB of disk) × PUE × power price of the site that hosts it. Links are not costed; among
// placements of equal cost the one with fewer links, then the lower summed edge RTT, wins.
//
// One site per role (the default): two roles may share a site, which meets their edge with RTT 0
// and needs no link. The search enumerates every combination of the roles' candidate sites
// (those with enough free capacity), cheapest first, cutting a branch once its cost cannot beat
// the few best kept: exact, and ≈ |sites|³ checks at worst.
//
// split_roles: a role may spread over several sites; each fragment must then meet every edge to
// every fragment of the other role. For a given set of sites, filling the cheapest per unit first
// is optimal, so the search is a depth-first choice, per role in order of unit cost, of taking or
// skipping each site, bounded below by an unconstrained cheapest fill of what is left: exact,
// exponential in the worst case but quick when prices differ.
//
// One LinkNeed per edge per pair of distinct sites hosting its two roles, of min_gbps (none when
// min_gbps is 0) with max_one_way = max_rtt / 2.
//
// Errors (kInvalidInput, place = JSON pointer) for a document no state of this network could
// place: no role requested, an edge naming an unknown or unrequested role or the same role twice,
// a non-positive max_rtt_us, a negative min_gbps, an unknown GPU model, or more GPUs, cores or TB
// than the whole network has. Refusals: "gpus" / "cores" / "tb" (not enough free anywhere) and
// "max_rtt_us" (no combination meets every edge).
//
// Pure function of its inputs; thread-safe.
#pragma once

#include "core/result.h"
#include "model/workload_spec.h"
#include "workloads/placement.h"

namespace lightmesh::workloads {

Result<Choice> choose_cluster(const Network& net, const SiteMatrix& latency,
                              const FreeCompute& free, const ClusterSpec& spec);

}  // namespace lightmesh::workloads
