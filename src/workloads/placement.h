// The shared vocabulary of workload placement: what a placer sees (the network's site-to-site
// latencies and the free compute at every site) and what it decides (compute per site, the
// connections to provision between sites, the prediction and the alternatives that lost), or
// the rule that refuses the workload.
//
//   SiteMatrix latency = SiteMatrix::build(net);
//   FreeCompute free = FreeCompute::from_inventory(net);
//   Choice c = choose_training(net, latency, free, spec);
//   if (c.refusal) fmt::print("{}: {}\n", c.refusal->rule, c.refusal->detail);
//
// Plain value types; thread-compatible. The placers are pure functions of their inputs.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/units.h"
#include "model/compute.h"
#include "model/network.h"

namespace lightmesh::workloads {

// One-way latency of the lowest-latency route between every pair of sites, fibre, amplifiers,
// nodes and the default transceiver pair included (as rsa::sites_within reports it), over the
// fibres in service. The diagonal is 0; unreachable pairs are +infinity. These are the placers'
// estimates: what a placed workload reports comes from the lightpaths it got (provisioned.h).
class SiteMatrix {
 public:
  // `out_of_service`: fibres routes may not use (a live fabric's cut fibres).
  static SiteMatrix build(const Network& net, const std::vector<FiberIndex>& out_of_service = {});
  // For tests and what-if runs: a matrix of given one-way latencies (n × n, row major).
  static SiteMatrix from_values(std::size_t n, std::vector<double> one_way_us);

  std::size_t size() const { return n_; }
  double one_way_us(SiteIndex a, SiteIndex b) const { return one_way_[a * n_ + b]; }
  double rtt_us(SiteIndex a, SiteIndex b) const { return 2 * one_way_us(a, b); }
  bool reachable(SiteIndex a, SiteIndex b) const {
    return one_way_us(a, b) < std::numeric_limits<double>::infinity();
  }
  // The fibres the matrix was measured without, for placers that route on their own.
  const std::vector<FiberIndex>& out_of_service() const { return out_of_service_; }

 private:
  std::size_t n_ = 0;
  std::vector<double> one_way_;
  std::vector<FiberIndex> out_of_service_;
};

// Compute not yet granted, per site (same index as Network::sites()). A site without an
// inventory has an empty Compute.
struct FreeCompute {
  std::vector<Compute> sites;
  static FreeCompute from_inventory(const Network& net);
  // Free GPUs of `model` at `site` (any model when empty), in pools meeting the flags.
  std::uint32_t gpus(SiteIndex site, const std::string& model, bool need_confidential = false,
                     bool need_diskless = false) const;
};

// What every placed workload takes at one site. Mirrors the contract's placement.sites entry.
struct SiteShare {
  SiteIndex site = kNoIndex;
  std::string gpu_model;  // empty when no GPUs
  std::uint32_t gpus = 0;
  std::uint32_t cpu_cores = 0;
  double storage_tb = 0;
  std::string role;  // "gpu", "cpu", "storage", "data", "processing", "venue", "gallery", …
};

// A connection to provision between two sites: becomes one fabric service.
struct LinkNeed {
  SiteIndex a = kNoIndex;
  SiteIndex b = kNoIndex;
  double gbps = 0;
  bool disjoint_pair = false;  // ST 2022-7 / 1+1: a working and a protect leg on disjoint routes
  std::optional<double> max_one_way_us;
  std::string latency_group;  // links sharing a group are equalised
  std::string purpose;        // "dp all-reduce", "pipeline MITAKA→AKIHABARA", "camera feeds", …
};

// Why a workload cannot be placed. `rule` names the rule that decided it, e.g. "residency",
// "max_rtt_us", "gpus", "max_slowdown", "tp_in_nvlink_domain".
struct Refusal {
  std::string reason;  // a machine-readable code: "NO_CAPACITY", "RESIDENCY", "LATENCY_BOUND", …
  std::string rule;
  std::string detail;  // one human line
};

// A candidate that lost, and why.
struct Alternative {
  std::vector<SiteShare> sites;
  double cost_usd_h = 0;          // same unit as Choice::cost_usd_h
  nlohmann::ordered_json detail;  // kind-specific figures, e.g. {"slowdown": 1.21}
  std::string why;                // "slowdown 1.21 > max_slowdown 1.05", "costs 12 % more", …
};

struct Choice {
  std::optional<Refusal> refusal;  // set: nothing else is meaningful
  std::vector<SiteShare> sites;
  std::vector<LinkNeed> links;
  nlohmann::ordered_json prediction = nlohmann::ordered_json::object();
  std::vector<Alternative> alternatives;  // best first, at most a handful
  double cost_usd_h = 0;                  // what the objective minimised, per hour of running
  // Inference only: where the data may be at rest and where it is processed.
  nlohmann::ordered_json audit;
};

}  // namespace lightmesh::workloads
