// Runs the `lightmesh` command in-process from the source tree, so paths in arguments and outputs
// are the same everywhere.
//
//   CliRun r = run_cli({"plan", "examples/london/network.json", "--demands", "…"});
//   EXPECT_EQ(r.code, 0) << r.err;
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace lightmesh {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

inline CliRun run_cli(std::vector<std::string> args) {
  namespace fs = std::filesystem;
  args.insert(args.begin(), "lightmesh");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const fs::path cwd = fs::current_path();
  fs::current_path(LIGHTMESH_SOURCE_DIR);
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  fs::current_path(cwd);
  return {code, out.str(), err.str()};
}

}  // namespace lightmesh
