// The amplifier configuration files GNPy v2.12 ships with its library code, held by lightmesh as
// its own data (data/gnpy_amplifier_configs.json, built into the binary): GNPy's example equipment
// libraries name them (advanced_config_from_json "std_medium_gain_advanced_config.json",
// "Juniper-BoosterHG.json") and GNPy finds them itself, so lightmesh must too. GNPy's default
// amplifier configuration is there as "default_edfa_config.json".
//
//   if (std::optional<EdfaConfig> c = gnpy_shipped_amplifier_config("Juniper-BoosterHG.json")) …
//
// Immutable, parsed once on first use; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/equipment.h"

namespace lightmesh::io {

// The configuration GNPy ships under `file_name`, or nullopt for a name it does not ship. `source`
// is the file name.
std::optional<EdfaConfig> gnpy_shipped_amplifier_config(std::string_view file_name);

// The file names, in the order of the data file.
std::vector<std::string_view> gnpy_shipped_amplifier_files();

}  // namespace lightmesh::io
