// Placement of a training job: which sites, how many GPUs at each, the lightpaths between them
// and their capacity, chosen to minimise the energy cost of a useful hour of training while the
// step stays within max_slowdown of the same job in one hall (the model: training_model.h).
//
//   SiteMatrix latency = SiteMatrix::build(net);
//   LM_ASSIGN_OR_RETURN(Choice c, choose_training(net, latency, FreeCompute::from_inventory(net),
//                                                 spec));
//   if (!c.refusal) fmt::print("{}× a single site\n", c.prediction["slowdown"].get<double>());
//
// Pure functions of their inputs; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "model/workload_spec.h"
#include "workloads/placement.h"
#include "workloads/training_model.h"

namespace lightmesh::workloads {

// Inter-site capacity comes in wavelengths of this rate, and one site pair gets at most one
// fibre's C band of them (64 × 75 GHz channels, docs/sources.md §2).
inline constexpr double kWavelengthGbps = 400;
inline constexpr std::uint32_t kMaxWavelengthsPerLink = 64;

// Places a training job. Choice::sites lists the sites in ring order (replicas across sites:
// each site's successor, and the last site's the first, is a link) or in pipeline order
// (stages across sites), with role "training"; Choice::links has one LinkNeed per inter-site
// pair, sized to the smallest n × 400 G that meets max_slowdown (or the document's link_gbps).
// Choice::cost_usd_h = Σ gpus × GPU kW × PUE × USD/MWh / 1000 × slowdown (PUE 1 and price 0
// for a site that states none).
// Errors (kInvalidInput, place = the document's JSON pointer) for a document that can never be
// placed on this network (see training_job()). A Choice with `refusal` for what cannot be
// placed now: rule "gpus", reason "NO_CAPACITY" when the free GPUs (in whole TP groups, at sites
// that reach each other) are too few; rule "max_slowdown", reason "SLOWDOWN" when every
// placement is too slow.
// Exact (the least cost over every layout, site set, order and GPU split) when at most 8 sites
// have free GPUs of the model; beyond that a deterministic search around every site.
Result<Choice> choose_training(const Network& net, const SiteMatrix& latency,
                               const FreeCompute& free, const TrainingSpec& spec);

// Re-predicts a placement with given link figures (e.g. the provisioned lightpaths' real latency
// and capacity). `sites` in the order choose_training gives; `link(a, b)` returns the figure of a
// site pair the placement uses, or nullopt. When the shares fit both layouts (whole replicas
// and whole stages at every site), the faster one is predicted. Returns the object
// choose_training puts in Choice::prediction: step_s, single_site_step_s, slowdown, strategy,
// compute_s, exposed_comm_s, dp_allreduce_s, pipeline_s, and links [{a, b, alpha_us, gbps,
// bytes_per_step}] by site id. Errors (kInvalidInput) for shares that do not make the job.
Result<nlohmann::ordered_json> predict_training(
    const Network& net, const TrainingSpec& spec, const std::vector<SiteShare>& sites,
    const std::function<std::optional<LinkFigure>(SiteIndex, SiteIndex)>& link);

}  // namespace lightmesh::workloads
