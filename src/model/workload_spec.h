// WorkloadSpec: one workload document as read from a file or a request body — the use cases
// lightmesh places: distributed training, inference with data residency, a composable cluster,
// a latency-bounded site search and live production. Sites are named by id here; placement
// resolves them against the Network.
//
//   LM_ASSIGN_OR_RETURN(WorkloadSpec w, io::read_workload(text, "job.yaml"));
//   if (const auto* t = std::get_if<TrainingSpec>(&w.body)) fmt::print("{} GPUs\n", t->gpus);
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lightmesh {

enum class SyncMode {
  kDataParallel,  // synchronous data parallelism: an all-reduce of the gradients every step
  kDiloco,        // DiLoCo: an all-reduce of the pseudo-gradient every H inner steps
};

struct TrainingSpec {
  std::uint32_t gpus = 0;  // must equal tp × pp × dp
  std::string gpu_model;   // e.g. "H100"; every GPU of the job is this model
  double params_b = 0;     // parameters, billions
  std::uint32_t layers = 0;
  std::uint32_t hidden = 0;
  std::uint32_t seq = 0;          // sequence length, tokens
  std::uint32_t micro_batch = 1;  // sequences per micro-batch
  std::uint32_t tp = 1;           // tensor-parallel degree (inside one NVLink domain)
  std::uint32_t pp = 1;           // pipeline-parallel degree (stages)
  std::uint32_t dp = 1;           // data-parallel degree (replicas)
  // Micro-batches per step per pipeline (gradient accumulation). Absent: pp, the least that
  // fills the pipeline.
  std::optional<std::uint32_t> micro_batches;
  // Pure compute time of one step on the job's GPUs. Absent: flops / (gpus × tflops_bf16 × mfu),
  // with flops defaulting to 6 × params × tokens per step.
  std::optional<double> step_compute_s;
  std::optional<double> flops;  // FLOPs of one step, the whole job
  std::optional<double> mfu;    // model FLOPs utilisation, 0…1
  SyncMode sync = SyncMode::kDataParallel;
  std::uint32_t diloco_h = 0;  // inner steps per outer all-reduce (DiLoCo only; default 500)
  double max_slowdown = 1.05;  // step time / single-site step time
  // Inter-site capacity to provision per site pair, Gbps. Absent: sized to the traffic.
  std::optional<double> link_gbps;
};

struct InferenceSpec {
  std::string data_site;  // the customer's premises: the only place data may be at rest
  std::vector<std::string> allowed_jurisdictions;  // where the data may be processed
  bool confidential = true;  // GPU nodes must be confidential-computing capable
  bool diskless = true;      // GPU nodes must keep nothing at rest
  std::uint32_t gpus = 0;
  std::string gpu_model;  // empty: any model
  double bandwidth_gbps = 0;
  double max_rtt_us = 0;
  std::optional<double> request_rate_per_s;  // informational, for the prediction
  std::optional<double> request_kb;          // informational, for the prediction
};

// A composable cluster's roles. An amount of zero means the role is not wanted.
struct ClusterRoles {
  std::uint32_t gpus = 0;
  std::string gpu_model;  // empty: any model
  std::uint32_t cores = 0;
  double storage_tb = 0;
};

struct ClusterEdge {
  std::string a;  // "gpu", "cpu" or "storage"
  std::string b;
  double max_rtt_us = 0;
  double min_gbps = 0;
};

struct ClusterSpec {
  ClusterRoles roles;
  std::vector<ClusterEdge> edges;
  bool split_roles = false;  // a role may be spread over several sites
};

struct SitesSpec {
  std::string anchor;  // e.g. the exchange
  double max_rtt_us = 0;
  std::uint32_t reserve = 0;  // reserve paths to this many of the sites found (0: search only)
  bool equalize = false;      // the reserved paths get equal latency
  double bandwidth_gbps = 10;
};

enum class Redundancy { kNone, kSt2022_7 };

struct ProductionSpec {
  std::string venue;
  std::string gallery;
  std::uint32_t cameras = 0;
  std::string format;  // "1080p50", "2160p60", …
  Redundancy redundancy = Redundancy::kNone;
  double max_one_way_us = 0;
};

enum class WorkloadKind { kTraining, kInference, kCluster, kSites, kProduction };
const char* workload_kind_name(WorkloadKind k);  // "training", "inference", …

struct WorkloadSpec {
  std::string name;    // optional label
  std::string tenant;  // set by the server from the caller's token; empty in files
  std::variant<TrainingSpec, InferenceSpec, ClusterSpec, SitesSpec, ProductionSpec> body;
  WorkloadKind kind() const { return static_cast<WorkloadKind>(body.index()); }
};

}  // namespace lightmesh
