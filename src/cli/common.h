// Helpers the subcommands share: loading with one-line errors, writing output to stdout or a file.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "core/error.h"
#include "model/network.h"

namespace lightmesh::cli {

// Loads and validates a network file. On error prints one line to `err` and returns nullopt;
// warnings go to `err` prefixed "warning: ".
std::optional<Network> load_network_or_report(const std::string& path, std::ostream& err);

// Prints "lightmesh: <error line>" to err.
void report(const Error& e, std::ostream& err);

// Writes text to `path`, or to `out` when path is empty or "-". Returns false (and reports) on
// failure.
bool write_output(const std::string& path, const std::string& text, std::ostream& out,
                  std::ostream& err);

}  // namespace lightmesh::cli
