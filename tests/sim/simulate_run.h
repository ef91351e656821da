// Runs the built `lightmesh simulate` from the source directory, as the CLI tests of the
// simulator do, and keeps what it printed and its exit code.
//
//   CommandRun r = run_simulate("tests/sim/data/one_link.json --load 5 --format json");
//   CommandRun m = run_simulate(args, "mpirun -n 2");  // under a launcher
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace lightmesh::sim {

struct CommandRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

// `launcher`: a command the binary runs under (mpirun …), or nothing.
inline CommandRun run_simulate(const std::string& args, const std::string& launcher = "") {
  const std::string cmd = std::string("cd '") + LIGHTMESH_SOURCE_DIR + "' && " + launcher + " '" +
                          LIGHTMESH_BINARY + "' simulate " + args + " 2>&1";
  CommandRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return r;
}

}  // namespace lightmesh::sim
