// The native lightmesh network format (JSON or YAML), read into a NetworkSpec. See docs/formats.md.
//
//   LM_ASSIGN_OR_RETURN(NetworkSpec spec, parse_native_network(text, "london.json"));
//
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network_spec.h"

namespace lightmesh::io {

// Parses the text (JSON or YAML, by extension or content) into a spec. Checks syntax, types,
// required fields and unknown fields; build_network() checks the meaning. spec.modes stays empty
// when the file has no "transceivers" list (the caller then supplies the built-in catalogue).
Result<NetworkSpec> parse_native_network(std::string_view text, std::string_view file);

struct Document;
// The same, from an already parsed document. Entity `where`s are plain JSON pointers; map an
// error's place through Document::place() to add the YAML line.
Result<NetworkSpec> network_from_document(const Document& doc);

// Parses a `{"transceivers": [{"id", "modes": [...]}]}` catalogue document.
Result<std::vector<TransceiverMode>> parse_catalogue(std::string_view text, std::string_view file);

// The built-in catalogue (data/transceivers.json, embedded at build time).
const std::vector<TransceiverMode>& builtin_modes();

}  // namespace lightmesh::io
