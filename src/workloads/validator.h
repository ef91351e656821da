// An independent re-check of a placement: every constraint a Choice must meet, derived again
// from the workload document, the network and the choice alone. It calls none of the placers'
// search or prediction code, so a placer's mistake cannot hide behind the same mistake here; the
// tests run it on every placement they make.
//
//   const Choice c = choose_training(net, latency, free, std::get<TrainingSpec>(spec.body));
//   for (const std::string& v : workloads::violations(net, latency, free, spec, c))
//     fmt::print("violation: {}\n", v);
//
// What is checked (a refused choice is never a violation):
// - every kind: site indices exist; per site, the GPUs (per model), cores and TB taken, summed
//   over the shares at that site, fit what is free; GPUs name their model, the requested one when
//   the document names one; every link joins two different existing sites, carries > 0 Gb/s, is
//   reachable, and keeps its own max_one_way_us.
// - training: Σ GPUs = gpus; each site holds whole TP groups in pools whose NVLink domain holds
//   tp; the GPU sites are joined by links; prediction.slowdown = step_s / single_site_step_s ≤
//   max_slowdown; each prediction.links entry {"a","b","alpha_us","gbps"} (site ids) has alpha ≥
//   the one-way latency of the fastest link between a and b and gbps ≤ their summed links' gbps.
// - inference: GPUs ≥ gpus, all at sites of an allowed jurisdiction, in confidential / diskless
//   pools as required; nothing stored outside the data site; every link joins the data site and
//   a GPU site; each GPU site has links to the data site of ≥ bandwidth_gbps, each within
//   max_rtt_us; audit {"data_at_rest": [data site], "processed_at": [the GPU sites]} (lists of
//   site ids, in any order).
// - cluster: each wanted role's amount is met, on one site unless split_roles; for every edge and
//   every two different sites holding its roles, RTT ≤ max_rtt_us and the links between them
//   carry at least the min_gbps of all edges between them.
// - sites: the listed sites (the anchor aside) are exactly those within max_rtt_us of the anchor;
//   exactly `reserve` links, each from the anchor to a different listed site, of ≥ bandwidth_gbps
//   and within the RTT budget; with equalize, one latency group (and equal provisioned latency).
// - production: every link joins venue and gallery, with 2022-7 each a disjoint pair (its gbps is
//   what each leg carries); Σ gbps ≥ cameras × the ST 2110-20 rate of the format
//   (docs/sources.md §5); each one-way ≤ max_one_way_us.
//
// Latency is the network's best route (the SiteMatrix), or, when `one_way_us` is given, the
// provisioned latency of each link. Comparisons allow a relative 1e-9 for rounding.
//
// Pure function of its inputs; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "model/network.h"
#include "model/workload_spec.h"
#include "workloads/placement.h"

namespace lightmesh::workloads {

// Every constraint the choice must meet, re-checked; one human line per violation (empty = valid).
// `one_way_us`, when given, holds the provisioned one-way latency of each of choice.links (same
// order), checked instead of the network's best route.
std::vector<std::string> violations(const Network& net, const SiteMatrix& latency,
                                    const FreeCompute& free, const WorkloadSpec& spec,
                                    const Choice& choice,
                                    const std::vector<double>* one_way_us = nullptr);

}  // namespace lightmesh::workloads
