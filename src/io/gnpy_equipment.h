// Reader for GNPy's equipment library (eqpt_config.json) and the amplifier configuration files it
// names.
//
//   LM_ASSIGN_OR_RETURN(Equipment eq, read_gnpy_equipment("data/eqpt_config.json"));
//   // or, with the files that would sit beside it given by name:
//   LM_ASSIGN_OR_RETURN(Equipment eq,
//                       read_gnpy_equipment_text(text, "eqpt_config.json",
//                                                {{"amp.json", amp_text}}));
//
// Each amplifier gets its configuration as GNPy assigns it: the file of advanced_config_from_json
// (advanced_model), else the file of default_config_from_json, else GNPy's built-in default, read
// from gnpy_default_edfa_config.json when that file sits beside the library and flat otherwise
// (no ripple, no tilt). Members GNPy does not read are ignored, as GNPy ignores them. Pure
// functions apart from reading files; thread-safe. The mapping is in docs/formats.md ("GNPy
// equipment library").
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "model/equipment.h"

namespace lightmesh::io {

// The file GNPy's built-in default amplifier configuration is read from, when beside the library.
inline constexpr const char* kGnpyDefaultEdfaConfigFile = "gnpy_default_edfa_config.json";

// Reads the library at `path` and the files it names from the same folder. Errors are one line
// "FILE: /json/pointer: Edfa \"type_variety\": what was expected", naming the file (the library
// or a configuration file), the element and the field. Never throws.
Result<Equipment> read_gnpy_equipment(const std::string& path);

// The same from text: `file` names the library in messages, and `beside` holds the files that sit
// beside it, by file name. Reads no file.
Result<Equipment> read_gnpy_equipment_text(std::string_view text, std::string_view file,
                                           const std::map<std::string, std::string>& beside = {});

}  // namespace lightmesh::io
