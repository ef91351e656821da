// Compute inventory of a site: GPUs by model, CPU cores, storage. Used by workload placement.
//
//   Compute c; c.gpus.push_back({.model = "H100", .count = 64, .nvlink_domain = 8});
//   std::uint32_t total = c.gpu_count();
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lightmesh {

struct GpuPool {
  std::string model;  // e.g. "H100"
  std::uint32_t count = 0;
  std::uint32_t nvlink_domain = 8;  // GPUs per NVLink domain (tensor parallelism stays inside one)
  double hbm_gb = 0.0;
  double tflops_bf16 = 0.0;   // dense bf16 TFLOPS per GPU
  bool confidential = false;  // confidential-computing capable
  bool diskless = false;      // nodes keep no data at rest

  bool operator==(const GpuPool&) const = default;
};

struct Compute {
  std::vector<GpuPool> gpus;
  std::uint32_t cpu_cores = 0;
  double storage_tb = 0.0;
  double storage_gbps = 0.0;

  std::uint32_t gpu_count() const {
    std::uint32_t n = 0;
    for (const auto& g : gpus) n += g.count;
    return n;
  }
  bool operator==(const Compute&) const = default;
};

}  // namespace lightmesh
