// Workload: compute granted to a placed workload and the services that carry its traffic. The
// fabric books both together, so free compute is as durable as spectrum.
//
//   Workload w{.id = "", .tenant = "acme", .kind = "training"};
//   w.grants.push_back({.site = "MITAKA", .gpu_model = "H100", .gpus = 64});
//   auto placed = fabric.add_workload(std::move(w), services);
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lightmesh::fabric {

// Compute taken at one site. A workload holds at most one grant per (site, gpu_model, role).
struct ComputeGrant {
  std::string site;
  std::string gpu_model;  // empty when no GPUs are granted
  std::uint32_t gpus = 0;
  std::uint32_t cpu_cores = 0;
  double storage_tb = 0;
  std::string role;  // "gpu", "cpu", "storage", "stage", "replica", "" …: informational
};

struct Workload {
  std::string id;
  std::string tenant;
  std::string name;
  std::string kind;                   // "training", "inference", "cluster", "sites", "production"
  std::vector<ComputeGrant> grants;   // what it holds
  std::vector<std::string> services;  // the services it owns, deleted with it
  std::string document;  // the workload document as submitted (JSON text)
  std::string answer;    // the placement as answered at creation (JSON text)
};

}  // namespace lightmesh::fabric
