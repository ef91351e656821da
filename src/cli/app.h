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

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace lightmesh::cli
