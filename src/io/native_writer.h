// Writes a Network as canonical native JSON: stable key order, two-space indent, newline at the
// end.
//
//   std::string text = write_native_json(net);
//   // load_network_text(text, "x.json") gives back an equal network.
//
// The catalogue is written only when it differs from the built-in one, and a fibre's length is
// always written explicitly (a length derived from coordinates is frozen, with its route factor
// noted). Pure function; thread-safe.
#pragma once

#include <string>

#include "model/network.h"

namespace lightmesh::io {

std::string write_native_json(const Network& net);

}  // namespace lightmesh::io
