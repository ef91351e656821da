// Reads candidate paths given in a file (`--paths`): JSON {"pairs":[{"src","dst","paths":[{"nodes":
// [...]}, …]}, …]}, paths in rank order, nodes as site ids or node-link node ids (strings or
// integers), as in the reference path set of XLRON's NSFNET benchmark. Other fields are ignored.
//
//   LM_ASSIGN_OR_RETURN(std::vector<GivenPaths> g, read_given_paths("paths.json", sim_network));
//
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sim/network_source.h"
#include "sim/path_table.h"

namespace lightmesh::sim {

// Errors name the file and the JSON pointer: not JSON, no "pairs" list, an unknown site, a pair
// listed twice.
Result<std::vector<GivenPaths>> parse_given_paths(std::string_view text, std::string_view file,
                                                  const SimNetwork& net);
Result<std::vector<GivenPaths>> read_given_paths(const std::string& path, const SimNetwork& net);

}  // namespace lightmesh::sim
