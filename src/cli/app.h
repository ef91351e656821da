// The `lightmesh` command line: thin subcommands that parse arguments, call the library, and
// format.
//
//   int code = lightmesh::cli::run(argc, argv, std::cout, std::cerr);
//
// run() is reentrant: no global state, so tests call it in-process.
#pragma once

#include <iosfwd>

namespace lightmesh::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;  // a file or value is malformed or inconsistent
inline constexpr int kExitUsage = 2;       // bad command-line usage
// A client subcommand could not reach the controller; kept apart from kExitInputError so a script
// can tell "retry later" from "the request was rejected".
inline constexpr int kExitUnavailable = 3;
// The input was valid but the request cannot be met now (a workload that cannot be placed).
inline constexpr int kExitRefused = 4;

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace lightmesh::cli
