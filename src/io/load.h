// Loading networks and demands from files: read, parse (JSON or YAML), fill the built-in catalogue,
// validate. Every error is one line naming the file and the place.
//
//   LM_ASSIGN_OR_RETURN(Network net, load_network("examples/london/network.json"));
//   LM_ASSIGN_OR_RETURN(std::vector<Demand> demands, load_demands("demands.json", &net));
//
// Pure functions over their inputs; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/demand.h"
#include "model/network.h"

namespace lightmesh::io {

Result<Network> load_network(const std::string& path);
Result<Network> load_network_text(std::string_view text, std::string_view file);

// A change made to a network as read, before it is validated and built (what-if studies add or
// remove fibres). Its error is returned as it is.
using SpecEdit = std::function<Status(NetworkSpec&)>;
Result<Network> load_network_text(std::string_view text, std::string_view file,
                                  const SpecEdit& edit);

// Demands: {"demands":[{"id","from","to","bandwidth_gbps","max_rtt_us"?,"max_one_way_us"?,
// "protection"?,"mode"?}]}. With a network, a `mode` must name one of its catalogue's modes.
// Unknown sites are left for the planner to report as UNKNOWN_ENDPOINT.
Result<std::vector<Demand>> load_demands(const std::string& path, const Network* net);
Result<std::vector<Demand>> parse_demands(std::string_view text, std::string_view file,
                                          const Network* net);

}  // namespace lightmesh::io
