#include "workloads/training_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "workloads/collectives.h"
#include "workloads/power.h"

namespace lightmesh::workloads {
namespace {

// Power is in power.h, the one table every placer's energy cost uses.
struct DatasheetRow {
  std::string_view prefix;
  double tflops_bf16;  // dense (the datasheets quote twice this "with sparsity")
};

// docs/sources.md §4a. Longer prefixes first so that no key shadows another.
constexpr DatasheetRow kDatasheets[] = {
    {"H200", 989},
    {"H100", 989},
    {"A100", 312},
};

const DatasheetRow* datasheet(std::string_view model) {
  for (const DatasheetRow& row : kDatasheets) {
    if (model.size() < row.prefix.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < row.prefix.size() && same; ++i) {
      same = std::toupper(static_cast<unsigned char>(model[i])) == row.prefix[i];
    }
    if (same) return &row;
  }
  return nullptr;
}

Error bad(const std::string& place, const std::string& message) {
  return Error::invalid(message).at_place(place);
}

double seconds(double us) { return us * 1e-6; }

AlphaBeta alpha_beta(const LinkFigure& link) {
  return {seconds(link.one_way_us), bytes_per_s_from_gbps(link.gbps)};
}

}  // namespace

std::optional<double> datasheet_tflops_bf16(std::string_view model) {
  const DatasheetRow* row = datasheet(model);
  if (!row) return std::nullopt;
  return row->tflops_bf16;
}

double gpu_power_kw(std::string_view model) { return gpu_kw(model); }

const char* training_layout_name(TrainingLayout layout) {
  switch (layout) {
    case TrainingLayout::kSingleSite:
      return "single site";
    case TrainingLayout::kReplicasAcrossSites:
      return "replicas across sites";
    case TrainingLayout::kStagesAcrossSites:
      return "pipeline stages across sites";
  }
  return "unknown";
}

Result<TrainingJob> training_job(const Network& net, const TrainingSpec& spec) {
  if (spec.gpus == 0) return bad("/gpus", "0 GPUs (expected ≥ 1)");
  if (spec.tp == 0) return bad("/tp", "0 is not a tensor-parallel degree (expected ≥ 1)");
  if (spec.pp == 0) return bad("/pp", "0 is not a pipeline-parallel degree (expected ≥ 1)");
  if (spec.dp == 0) return bad("/dp", "0 is not a data-parallel degree (expected ≥ 1)");
  const std::uint64_t product = std::uint64_t{spec.tp} * spec.pp * spec.dp;
  if (product != spec.gpus) {
    return bad("/gpus", std::to_string(spec.gpus) + " GPUs, but tp × pp × dp = " +
                            std::to_string(spec.tp) + " × " + std::to_string(spec.pp) + " × " +
                            std::to_string(spec.dp) + " = " + std::to_string(product));
  }

  // The model's pools: do they exist, can one NVLink domain hold a TP group, are there enough?
  bool model_seen = false;
  std::uint32_t widest_domain = 0;
  std::uint64_t total = 0;
  double lowest_tflops = std::numeric_limits<double>::infinity();
  for (const Site& site : net.sites()) {
    if (!site.compute) continue;
    for (const GpuPool& pool : site.compute->gpus) {
      if (pool.model != spec.gpu_model) continue;
      model_seen = true;
      widest_domain = std::max(widest_domain, pool.nvlink_domain);
      total += pool.count;
      if (pool.tflops_bf16 > 0) lowest_tflops = std::min(lowest_tflops, pool.tflops_bf16);
    }
  }
  if (spec.gpu_model.empty()) return bad("/gpu_model", "missing: every GPU of a job is one model");
  if (!model_seen) return bad("/gpu_model", "no site has \"" + spec.gpu_model + "\" GPUs");
  if (spec.tp > widest_domain) {
    return bad("/tp", "tensor-parallel degree " + std::to_string(spec.tp) +
                          " is larger than every NVLink domain of " + spec.gpu_model +
                          " (widest: " + std::to_string(widest_domain) + ")");
  }
  if (spec.gpus > total) {
    return bad("/gpus", std::to_string(spec.gpus) + " GPUs, but the network has only " +
                            std::to_string(total) + " " + spec.gpu_model);
  }
  if (spec.layers == 0) return bad("/layers", "0 layers (expected ≥ 1)");
  if (spec.layers % spec.pp != 0) {
    return bad("/pp", std::to_string(spec.layers) + " layers do not split into " +
                          std::to_string(spec.pp) + " equal pipeline stages");
  }
  if (!(spec.params_b > 0)) return bad("/params_b", "expected a positive number of parameters");
  if (spec.micro_batch == 0) return bad("/micro_batch", "0 sequences (expected ≥ 1)");
  if (spec.micro_batches && *spec.micro_batches == 0) {
    return bad("/micro_batches", "0 micro-batches (expected ≥ 1)");
  }
  if (spec.pp > 1 && spec.hidden == 0) {
    return bad("/hidden", "needed for the activations a pipeline boundary carries");
  }
  if (spec.pp > 1 && spec.seq == 0) {
    return bad("/seq", "needed for the activations a pipeline boundary carries");
  }
  if (!(spec.max_slowdown >= 1)) {
    return bad("/max_slowdown", "expected ≥ 1 (a step time relative to a single site)");
  }
  if (spec.link_gbps && !(*spec.link_gbps > 0)) {
    return bad("/link_gbps", "expected a positive capacity");
  }

  TrainingJob job;
  job.gpus = spec.gpus;
  job.tp = spec.tp;
  job.pp = spec.pp;
  job.dp = spec.dp;
  job.micro_batches = spec.micro_batches.value_or(spec.pp);
  const double params = spec.params_b * 1e9;
  job.gradient_bytes = 2 * params;
  job.activation_bytes = static_cast<double>(spec.micro_batch) * spec.seq * spec.hidden * 2;
  job.diloco = spec.sync == SyncMode::kDiloco;
  job.diloco_h = job.diloco ? (spec.diloco_h == 0 ? 500 : spec.diloco_h) : 1;
  job.max_slowdown = spec.max_slowdown;
  job.link_gbps = spec.link_gbps;
  job.gpu_power_kw = gpu_power_kw(spec.gpu_model);

  if (spec.step_compute_s) {
    if (!(*spec.step_compute_s > 0)) return bad("/step_compute_s", "expected a positive time");
    job.compute_s = *spec.step_compute_s;
    return job;
  }
  if (!spec.mfu) return bad("/mfu", "needed, with FLOPs and TFLOPS, when step_compute_s is absent");
  if (!(*spec.mfu > 0 && *spec.mfu <= 1)) return bad("/mfu", "expected a fraction in (0, 1]");
  double tflops = lowest_tflops;
  if (!std::isfinite(tflops)) {
    const auto sheet = datasheet_tflops_bf16(spec.gpu_model);
    if (!sheet) {
      return bad("/gpu_model", "no site states tflops_bf16 for " + spec.gpu_model +
                                   " and its datasheet figure is unknown; give step_compute_s");
    }
    tflops = *sheet;
  }
  double flops = 0;
  if (spec.flops) {
    if (!(*spec.flops > 0)) return bad("/flops", "expected a positive number of FLOPs");
    flops = *spec.flops;
  } else {
    if (spec.seq == 0) return bad("/seq", "needed to count the tokens of a step");
    const double tokens =
        static_cast<double>(spec.dp) * spec.micro_batch * job.micro_batches * spec.seq;
    flops = 6 * params * tokens;
  }
  job.compute_s = flops / (spec.gpus * tflops * 1e12 * *spec.mfu);
  return job;
}

StepPrediction predict_single_site(const TrainingJob& job) {
  StepPrediction p;
  p.layout = TrainingLayout::kSingleSite;
  p.compute_s = job.compute_s;
  p.step_s = job.compute_s;
  return p;
}

StepPrediction predict_replicas_across_sites(const TrainingJob& job, std::uint32_t sites,
                                             std::span<const LinkFigure> ring) {
  StepPrediction p = predict_single_site(job);
  if (sites <= 1) return p;
  p.layout = TrainingLayout::kReplicasAcrossSites;
  std::vector<AlphaBeta> links;
  links.reserve(ring.size());
  for (const LinkFigure& l : ring) links.push_back(alpha_beta(l));
  const double allreduce = ring_allreduce_across_sites_s(job.gradient_bytes, sites, links);
  if (job.diloco) {
    // The outer step waits for its all-reduce; amortised over the H inner steps.
    p.dp_allreduce_s = allreduce / job.diloco_h;
    p.exposed_dp_s = p.dp_allreduce_s;
  } else {
    p.dp_allreduce_s = allreduce;
    p.exposed_dp_s = std::max(0.0, allreduce - kBackwardShareOfCompute * job.compute_s);
  }
  p.step_s = p.compute_s + p.exposed_dp_s;
  return p;
}

StepPrediction predict_stages_across_sites(const TrainingJob& job,
                                           std::span<const LinkFigure> chain) {
  StepPrediction p = predict_single_site(job);
  if (chain.empty()) return p;
  p.layout = TrainingLayout::kStagesAcrossSites;
  const double per_micro_batch = static_cast<double>(job.dp) * job.activation_bytes;
  for (const LinkFigure& l : chain) {
    p.pipeline_s += 2.0 * job.micro_batches * point_to_point_s(per_micro_batch, alpha_beta(l));
  }
  p.step_s = p.compute_s + p.pipeline_s;
  return p;
}

double link_bytes_per_step(const TrainingJob& job, TrainingLayout layout, std::uint32_t sites) {
  switch (layout) {
    case TrainingLayout::kSingleSite:
      return 0;
    case TrainingLayout::kReplicasAcrossSites:
      return hierarchical_wan_bytes_per_site(job.gradient_bytes, sites) / job.diloco_h;
    case TrainingLayout::kStagesAcrossSites:
      return static_cast<double>(job.micro_batches) * job.dp * job.activation_bytes;
  }
  return 0;
}

}  // namespace lightmesh::workloads
