// Inference with data residency (sovereign AI): the customer's data stays at rest on its own
// premises and is processed on remote GPUs only in allowed jurisdictions, on confidential and
// diskless nodes when required, within an RTT budget, over one dedicated lightpath.
//
//   LM_ASSIGN_OR_RETURN(Choice c, choose_inference(net, SiteMatrix::build(net),
//                                                  FreeCompute::from_inventory(net), spec));
//   if (c.refusal) fmt::print("refused by {}: {}\n", c.refusal->rule, c.refusal->detail);
//   else fmt::print("{}\n", c.audit.dump());   // data_at_rest, processed_at, jurisdiction, …
//
// Candidates are (site, GPU model) pairs. They pass, in this order, the rules "residency" (the
// site's jurisdiction is allowed), "gpus" (enough free GPUs of the model), "confidential" (enough
// of them in confidential-computing pools, when required), "diskless" (enough in pools that are
// also diskless, when required) and "max_rtt_us" (RTT from the data site within the budget).
// Each rule only narrows the previous one, so when nothing passes, the refusal names the rule
// that removed the last candidates. The cheapest survivor wins: gpus × board kW × PUE × power
// price (power.h), ties broken by lower RTT, then site order. A placement that breaks residency
// is never made.
//
// Errors (kInvalidInput, place = JSON pointer) for a document no state of this network could
// place: an unknown data site, no allowed jurisdiction, a GPU model the network lacks, more GPUs
// than the network has, a non-positive bandwidth or RTT budget.
//
// Pure function of its inputs; thread-safe.
#pragma once

#include "core/result.h"
#include "model/workload_spec.h"
#include "workloads/placement.h"

namespace lightmesh::workloads {

Result<Choice> choose_inference(const Network& net, const SiteMatrix& latency,
                                const FreeCompute& free, const InferenceSpec& spec);

// The audit's last rule when the GPUs are away from the data site: the RTT against the budget.
// The placer states the route estimate; place() restates it from the lightpath booked.
std::string inference_rtt_rule(double rtt_us, double max_rtt_us);

}  // namespace lightmesh::workloads
