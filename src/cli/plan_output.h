// Formatting of plan and latency results, as the JSON contract and as readable tables.
//
//   std::string text = plan_json(net, demands, result).dump(2);
//   out << plan_table(net, demands, result);
//
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "model/demand.h"
#include "model/network.h"
#include "rsa/latency_query.h"
#include "rsa/plan.h"

namespace lightmesh::cli {

// {"lightpaths":[…],"unserved":[…],"summary":{…}}: the contract of `plan --format json`.
nlohmann::ordered_json plan_json(const Network& net, std::span<const Demand> demands,
                                 const rsa::PlanResult& r, const rsa::PlanOptions& options);
std::string plan_table(const Network& net, std::span<const Demand> demands,
                       const rsa::PlanResult& r, const rsa::PlanOptions& options);

// {"from","sites":[{"site","route","length_km","one_way_us","rtt_us"}]}: the contract of `latency`.
nlohmann::ordered_json latency_json(const Network& net, SiteIndex from,
                                    const std::vector<rsa::SiteLatency>& sites);
std::string latency_table(const Network& net, SiteIndex from,
                          const std::vector<rsa::SiteLatency>& sites,
                          std::optional<Microseconds> max_rtt);

}  // namespace lightmesh::cli
