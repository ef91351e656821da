// Reader for the SNDlib native (plain-text) network format: `NODES ( id ( lon lat ) … )` and
// `LINKS ( id ( a b ) pre_cap cost routing_cost setup_cost ( modules ) … )`; other sections
// (META, DEMANDS, ADMISSIBLE_PATHS, …) are skipped.
//
//   LM_ASSIGN_OR_RETURN(ImportResult r, import_sndlib(text, "germany50.txt", {.route_factor
//   = 1.4})); LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(r.spec)));
//
// Every node becomes a site; every link a fibre whose length is the great circle between its ends
// × the route factor. Pure function; thread-safe. See docs/formats.md ("SNDlib native format").
#pragma once

#include <string_view>

#include "io/import.h"

namespace lightmesh::io {

// Reads the SNDlib text. On error returns one line "FILE: line N: what". A spec it returns passes
// build_network() (spec.modes stays empty; the caller supplies the catalogue). Never throws.
Result<ImportResult> import_sndlib(std::string_view text, std::string_view file,
                                   const ImportOptions& options);

}  // namespace lightmesh::io
