// `plan --explain`: each lightpath's noise by element, as JSON (added to the plan's lightpaths) and
// as a readable table.
//
//   plan_json_lightpath["noise"] = noise_json(net, model, lp);
//   out << noise_table(net, demands, result, model);
//
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>

#include "model/demand.h"
#include "model/network.h"
#include "physics/line_model.h"
#include "rsa/plan.h"

namespace lightmesh::cli {

// {"channel_index","gsnr_db","elements":[{"element","fiber"|"node",…,"ase_share","nli_share",
// "gsnr_cost_db"}]}, or null for a mode judged by reach.
nlohmann::ordered_json noise_json(const Network& net, const physics::LineModel& model,
                                  const rsa::Lightpath& lp);
std::string noise_table(const Network& net, std::span<const Demand> demands,
                        const rsa::PlanResult& r, const physics::LineModel& model);

}  // namespace lightmesh::cli
