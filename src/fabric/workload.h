// Workload: compute granted to a placed workload and the services that carry its traffic. The
// fabric books both together, so free compute is as durable as spectrum.
//
//   Workload w{.id = "", .tenant = "acme", .kind = "training"};
//   w.grants.push_back({.site = "MITAKA", .gpu_model = "H100", .gpus = 64});
//   w.services = {"svc-000012", "svc-000013"};  // created with Fabric::create() beforehand
//   LM_ASSIGN_OR_RETURN(const Workload* placed, fabric.add_workload(std::move(w)));
//   // placed->id == "wl-000001"; placed->grants[0].pools says which GPU pools gave the 64 GPUs
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lightmesh::fabric {

// GPUs taken from one GPU pool of a site: `pool` indexes the site's Compute::gpus.
struct PoolShare {
  std::uint32_t pool = 0;
  std::uint32_t gpus = 0;

  bool operator==(const PoolShare&) const = default;
};

// Compute taken at one site. A workload holds at most one grant per (site, gpu_model, role).
struct ComputeGrant {
  std::string site;
  std::string gpu_model;  // empty when no GPUs are granted
  std::uint32_t gpus = 0;
  std::uint32_t cpu_cores = 0;
  double storage_tb = 0;
  std::string role;  // "gpu", "cpu", "storage", "stage", "replica", "" …: informational
  // Where the GPUs come from. Left empty, the fabric takes them from the site's pools of
  // gpu_model in pool order and fills this in; given, exactly these pools are booked (a placer
  // that needs, say, the confidential pool names it). Stored, so release and reload are exact.
  std::vector<PoolShare> pools;

  bool operator==(const ComputeGrant&) const = default;
};

struct Workload {
  std::string id;
  std::string tenant;
  std::string name;
  std::string kind;                   // "training", "inference", "cluster", "sites", "production"
  std::vector<ComputeGrant> grants;   // what it holds
  std::vector<std::string> services;  // the services it owns, deleted with it
  std::string document;               // the workload document as submitted (JSON text)
  std::string answer;                 // the placement as answered at creation (JSON text)

  bool operator==(const Workload&) const = default;
};

}  // namespace lightmesh::fabric
