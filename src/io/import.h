// Importers from other tools' topology formats — GNPy topology JSON, TopoHub / NetworkX node-link
// JSON, SNDlib native text — into a NetworkSpec, which build_network() then validates. Every
// imported topology node becomes a site (it holds a ROADM and transceiver ports) and keeps its id;
// GNPy ROADMs without a transceiver stay plain ROADM nodes.
//
//   LM_ASSIGN_OR_RETURN(ImportResult r, import_network_file("Nsfnet.json", ImportFormat::kTopohub,
//   {1.3})); LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(r.spec)));
//
// Pure functions; thread-safe. The formats and their mapping are in docs/formats.md ("Importers").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network_spec.h"

namespace lightmesh::io {

enum class ImportFormat { kGnpy, kTopohub, kSndlib };

// "gnpy" | "topohub" | "sndlib"; anything else is an error listing the three.
Result<ImportFormat> parse_import_format(std::string_view name);

struct ImportOptions {
  // Fibre route length / great-circle distance (docs/sources.md §1: 1.2–1.5 typical), applied to
  // TopoHub's `dist` (a great-circle distance) and to every length derived from coordinates.
  // Lengths a file states as fibre lengths (GNPy spans, XLRON `distance`) are kept. 1.0 keeps
  // distances as they are; values outside 1…10 are rejected.
  double route_factor = 1.0;
};

struct ImportResult {
  NetworkSpec spec;                   // spec.modes is the built-in catalogue
  std::vector<std::string> warnings;  // one line each: "FILE: place: what"
};

// Reads `text` in `format`; `file` names it in messages. Errors are one line: "FILE: /json/pointer:
// what" for the JSON formats, "FILE: line N: what" for SNDlib. A returned spec passes
// build_network() unless the file is inconsistent in a way only the model sees. Never throws.
Result<ImportResult> import_network(std::string_view text, std::string_view file,
                                    ImportFormat format, const ImportOptions& options);
// The same for a file on disk; errors also cover a missing or unreadable file.
Result<ImportResult> import_network_file(const std::string& path, ImportFormat format,
                                         const ImportOptions& options);

}  // namespace lightmesh::io
