// Importers from other tools' topology formats into a NetworkSpec (then build_network validates
// it). Every imported node becomes a site (it holds a ROADM and transceiver ports) and keeps its
// id.
//
//   ImportOptions o; o.route_factor = 1.3;
//   LM_ASSIGN_OR_RETURN(ImportResult r, import_network_file("Nsfnet.json", ImportFormat::kTopohub,
//   o)); LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(r.spec)));
//
// Pure functions; thread-safe. The formats and their mapping are in docs/formats.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network_spec.h"

namespace lightmesh::io {

enum class ImportFormat { kGnpy, kTopohub, kSndlib };
Result<ImportFormat> parse_import_format(std::string_view name);  // "gnpy" | "topohub" | "sndlib"

struct ImportOptions {
  // Fibre route length / great-circle distance, applied to TopoHub `dist` and to lengths derived
  // from coordinates (FACTS.md §1: 1.2–1.5 typical). 1.0 keeps distances as they are.
  double route_factor = 1.0;
};

struct ImportResult {
  NetworkSpec spec;                   // spec.modes is the built-in catalogue
  std::vector<std::string> warnings;  // one line each, naming the file and place
};

Result<ImportResult> import_network(std::string_view text, std::string_view file,
                                    ImportFormat format, const ImportOptions& options);
Result<ImportResult> import_network_file(const std::string& path, ImportFormat format,
                                         const ImportOptions& options);

// The individual readers (used by import_network and by the fuzz targets).
Result<ImportResult> import_topohub(std::string_view text, std::string_view file,
                                    const ImportOptions& options);
Result<ImportResult> import_sndlib(std::string_view text, std::string_view file,
                                   const ImportOptions& options);
Result<ImportResult> import_gnpy(std::string_view text, std::string_view file,
                                 const ImportOptions& options);

}  // namespace lightmesh::io
