// Reader for NetworkX node-link JSON as TopoHub ships Topology Zoo, SNDlib and synthetic graphs,
// and as XLRON stores its directed benchmark topologies. Every node becomes a site.
//
//   LM_ASSIGN_OR_RETURN(ImportResult r, import_topohub(text, "Nsfnet.json", {.route_factor
//   = 1.3})); LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(r.spec)));
//
// Pure function; thread-safe. The mapping is in docs/formats.md ("TopoHub / NetworkX").
#pragma once

#include <string_view>

#include "io/import.h"

namespace lightmesh::io {

// Reads the node-link JSON text. On error returns one line "FILE: /json/pointer: what" naming the
// offending node or link. A spec it returns passes build_network() (spec.modes stays empty; the
// caller supplies the catalogue). Never throws.
Result<ImportResult> import_topohub(std::string_view text, std::string_view file,
                                    const ImportOptions& options);

}  // namespace lightmesh::io
