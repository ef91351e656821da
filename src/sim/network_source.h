// The network a simulation runs on: any file `lightmesh` reads as a network — native JSON or YAML,
// or NetworkX node-link JSON as TopoHub and XLRON ship it (recognised by its "links" or "edges").
//
//   LM_ASSIGN_OR_RETURN(SimNetwork n, load_sim_network("nsfnet.json"));
//   SiteIndex s = n.find("1");   // a node-link file's node id, or any site id
//
// Pure function; thread-safe.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "sim/network_edit.h"

namespace lightmesh::sim {

struct SimNetwork {
  Network network;
  // A node-link file's own node ids ("1" … "14" in XLRON's NSFNET), whose sites carry the nodes'
  // names ("WA"…): other files (--paths) may name sites either way.
  std::unordered_map<std::string, SiteIndex> node_keys;
  std::vector<std::string> warnings;

  // A site by id, else by node-link key; kNoIndex when neither.
  SiteIndex find(const std::string& name) const;
};

// Errors are the readers' own one-line messages, naming the file and the place. With `edit`, its
// fibres are removed and added before the network is built (apply_edit()); sites named in it may
// be site ids or node-link keys, as everywhere.
Result<SimNetwork> load_sim_network(const std::string& path, const NetworkEdit& edit = {});

}  // namespace lightmesh::sim
