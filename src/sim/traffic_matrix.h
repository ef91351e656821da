// The traffic matrix of `simulate --traffic FILE`: a CSV of weights, or the `graph.demands` block
// of a TopoHub (NetworkX node-link) document, {"SRC": {"DST": weight, …}, …} keyed by node id.
//
//   LM_ASSIGN_OR_RETURN(std::vector<double> w, read_traffic("germany50.json", sim_network));
//   LM_ASSIGN_OR_RETURN(PairSampler pairs, PairSampler::weighted(n, w));
//
// A node is named as everywhere in the simulator (SimNetwork::find): by site id, or by the
// node-link file's own node key, so the NETWORK file itself may be given as its own traffic.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sim/network_source.h"

namespace lightmesh::sim {

// sites² weights (row = source site). Errors name the file and the JSON pointer: a node the
// network lacks, a weight that is not a finite non-negative number, no `graph.demands` object, or
// no positive weight. A node's demand to itself never crosses a fibre: it is left out.
Result<std::vector<double>> parse_topohub_demands(std::string_view text, std::string_view file,
                                                  const SimNetwork& net);

// JSON (text starting with "{") as TopoHub demands, anything else as the CSV src,dst,weight.
Result<std::vector<double>> read_traffic(const std::string& path, const SimNetwork& net);

}  // namespace lightmesh::sim
