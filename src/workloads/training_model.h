// The step time of a training job laid out over sites, in the α–β model of docs/sources.md §4,
// and the figures of the job that the model needs (gradient and activation bytes, compute time),
// derived from its document. docs/workloads.md states every rule and assumption.
//
//   LM_ASSIGN_OR_RETURN(TrainingJob job, training_job(net, spec));
//   const LinkFigure apn{.one_way_us = 210, .gbps = 100};
//   StepPrediction p = predict_replicas_across_sites(job, 2, {&apn, 1});
//   fmt::print("{:.3f}× a single site\n", p.slowdown());
//
// Pure functions over plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/result.h"
#include "model/network.h"
#include "model/workload_spec.h"

namespace lightmesh::workloads {

// What a link between two sites offers: its one-way latency (α) and its capacity (β).
struct LinkFigure {
  double one_way_us = 0;
  double gbps = 0;
};

// Dense bf16 TFLOPS of one GPU model from its public datasheet (docs/sources.md §4a). Models are
// matched by prefix, ignoring case ("H100-SXM" is an H100).
std::optional<double> datasheet_tflops_bf16(std::string_view model);
// The power used for energy cost: power.h's gpu_kw (datasheet maximum, H100's 0.7 kW when the
// table lacks the model).
double gpu_power_kw(std::string_view model);

// A training document reduced to what the model needs.
struct TrainingJob {
  std::uint32_t gpus = 0;
  std::uint32_t tp = 1;
  std::uint32_t pp = 1;
  std::uint32_t dp = 1;
  std::uint32_t micro_batches = 1;  // per pipeline per step
  double gradient_bytes = 0;        // 2Ψ: bf16 gradients, all-reduced across replicas
  double activation_bytes = 0;      // b·s·h·2: one micro-batch over one stage boundary, one way
  double compute_s = 0;             // one step with every GPU in one hall
  bool diloco = false;
  std::uint32_t diloco_h = 1;  // inner steps per outer all-reduce (1 for synchronous DP)
  double max_slowdown = 1.05;
  std::optional<double> link_gbps;  // capacity fixed by the document
  double gpu_power_kw = 0;
};

// Checks a document against the network and derives the job. Errors (kInvalidInput, place = the
// document's JSON pointer) for what can never be placed: degrees that are zero or do not
// multiply to "/gpus", a "/gpu_model" no site has, "/tp" larger than every NVLink domain of that
// model, more "/gpus" than the network has of it, "/layers" not divisible by "/pp", missing
// sizes the model needs, and compute that cannot be derived ("/mfu", "/gpu_model" without
// TFLOPS).
Result<TrainingJob> training_job(const Network& net, const TrainingSpec& spec);

// How the job is spread: all in one site; whole data-parallel replicas per site, with a
// hierarchical all-reduce across sites; or consecutive pipeline stages (of every replica) per
// site, the stage boundaries between sites crossing the lightpaths.
enum class TrainingLayout { kSingleSite, kReplicasAcrossSites, kStagesAcrossSites };
const char* training_layout_name(TrainingLayout layout);

// The share of compute that the gradient all-reduce hides behind: the backward pass, 4 of the
// 6 FLOPs per parameter and token.
inline constexpr double kBackwardShareOfCompute = 2.0 / 3.0;

struct StepPrediction {
  TrainingLayout layout = TrainingLayout::kSingleSite;
  double compute_s = 0;
  double dp_allreduce_s = 0;  // the wide-area all-reduce, per step (DiLoCo: divided by H)
  double exposed_dp_s = 0;    // the part of it that compute does not hide
  double pipeline_s = 0;      // stage boundaries over lightpaths, all exposed
  double step_s = 0;

  // The same job in one hall: intra-site traffic is part of compute, nothing crosses a lightpath.
  double single_site_step_s() const { return compute_s; }
  double slowdown() const { return step_s / compute_s; }
  double exposed_comm_s() const { return exposed_dp_s + pipeline_s; }
};

StepPrediction predict_single_site(const TrainingJob& job);

// Whole replicas at each of `sites` sites (≥ 2), joined in a ring by `ring` (its S links in ring
// order; for two sites the one link). Sync DP: the all-reduce overlaps the backward pass, and
// only what exceeds it is exposed. DiLoCo: one all-reduce per H steps, not overlapped.
StepPrediction predict_replicas_across_sites(const TrainingJob& job, std::uint32_t sites,
                                             std::span<const LinkFigure> ring);

// Consecutive stages at each site of a chain; `chain` holds the links between consecutive sites
// (S − 1 of them). Every boundary crossing a link carries every replica's activations forward
// and their gradients back, for every micro-batch: 2·m·(α + dp·b·s·h·2/β), none of it hidden.
StepPrediction predict_stages_across_sites(const TrainingJob& job,
                                           std::span<const LinkFigure> chain);

// Bytes one direction of one inter-site link carries per step under `layout` (DiLoCo's outer
// all-reduce amortised over H steps).
double link_bytes_per_step(const TrainingJob& job, TrainingLayout layout, std::uint32_t sites);

}  // namespace lightmesh::workloads
