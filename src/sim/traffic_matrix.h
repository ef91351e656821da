// The traffic matrix of `simulate --traffic FILE`: a CSV of weights, or the `graph.demands` block
// of a TopoHub (NetworkX node-link) document, {"SRC": {"DST": weight, …}, …} keyed by node id.
//
//   LM_ASSIGN_OR_RETURN(std::vector<double> w, read_traffic("Germany50.json", net));
//   LM_ASSIGN_OR_RETURN(PairSampler pairs, PairSampler::weighted(n, w));
//
// A node of the document is the network's site named as the TopoHub reader names it: its "name"
// when it has one, else its "id". So the NETWORK file itself may be given as its own traffic.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network.h"

namespace lightmesh::sim {

// sites² weights (row = source site). Errors name the file and the JSON pointer: a node the
// network lacks, a weight that is not a finite non-negative number, a pair of one site, no
// `graph.demands` object, or no positive weight.
Result<std::vector<double>> parse_topohub_demands(std::string_view text, std::string_view file,
                                                  const Network& net);

// JSON (text starting with "{") as TopoHub demands, anything else as the CSV src,dst,weight.
Result<std::vector<double>> read_traffic(const std::string& path, const Network& net);

}  // namespace lightmesh::sim
