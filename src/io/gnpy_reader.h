// Reader for GNPy's topology JSON: `elements` (Transceiver, Roadm, Fiber, RamanFiber, Edfa,
// Multiband_amplifier, Fused) joined by one-directional `connections`.
//
//   LM_ASSIGN_OR_RETURN(ImportResult r, import_gnpy(text, "topology.json", ImportOptions{}));
//   LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(r.spec)));
//
// A ROADM with its transceivers becomes one site with the ROADM's uid; a ROADM without one stays a
// plain ROADM node; the chain of line elements between two of them, paired with the chain back,
// becomes one duplex fibre with a span per Fiber. Pure function; thread-safe. The full mapping is
// in docs/formats.md ("GNPy topology JSON").
#pragma once

#include <string_view>

#include "io/import.h"

namespace lightmesh::io {

// Reads the GNPy topology text. On error returns one line "FILE: /json/pointer: what" naming the
// element or connection. A spec it returns passes build_network() (spec.modes stays empty; the
// caller supplies the catalogue). GNPy files state their lengths, so options.route_factor is not
// used. Never throws.
Result<ImportResult> import_gnpy(std::string_view text, std::string_view file,
                                 const ImportOptions& options);

}  // namespace lightmesh::io
