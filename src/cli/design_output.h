// `lightmesh validate --design` and `validate --format json`: the design of a network's lines
// (physics/design_summary.h) as text or JSON.
//
//   out << design_text(net, summary);
//   j["design"] = design_json(net, summary);
//
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/network.h"
#include "physics/design_summary.h"

namespace lightmesh::cli {

// The equipment, the ROADM line and a table of every fibre direction's amplifiers.
std::string design_text(const Network& net, const physics::DesignSummary& d);

nlohmann::ordered_json design_json(const Network& net, const physics::DesignSummary& d);

}  // namespace lightmesh::cli
