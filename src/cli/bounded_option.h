// A CLI11 validator for numeric options from the shared table of valid ranges (core/limits.h), so
// that an option is refused with the same range a file or a request body would be:
//
//   cmd->add_option("--power", args->power_dbm, "…")->check(within(limits::kPowerDbm));
//   // lightmesh qot … --power 5000  →  "--power: 5000 is out of range (expected −50 ≤ x ≤ 50 dBm)"
//
// Thread-compatible (a validator holds its bound by value).
#pragma once

#include <CLI/CLI.hpp>

#include "core/bounded.h"

namespace lightmesh::cli {

// Accepts a decimal number inside `bound`; names the range otherwise (usage error, exit 2).
CLI::Validator within(const Bound& bound);

}  // namespace lightmesh::cli
