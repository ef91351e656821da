// Starts the built `lightmesh serve` as a child process on the London example, on a free loopback
// port read from the first line it prints, for the tests that kill, restart or overload a real
// server process.
//
//   ServeProcess s = start_serve_process(dir / "state.db", dir / "tokens.json");
//   // … requests to 127.0.0.1:s.port …; kill(s.pid, SIGKILL); waitpid(s.pid, nullptr, 0);
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace lightmesh {

struct ServeProcess {
  pid_t pid = -1;
  int port = 0;  // 0 when the server did not say where it listens
};

inline ServeProcess start_serve_process(const std::string& db, const std::string& tokens) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    // The server dies with the test: a test that fails half way (or crashes) must not leave it
    // running, holding the output pipe ctest waits on.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    const std::string network = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
    execl(LIGHTMESH_BINARY, "lightmesh", "serve", network.c_str(), "--db", db.c_str(), "--listen",
          "127.0.0.1:0", "--tokens", tokens.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  ServeProcess s{pid, 0};
  const auto at = line.find("127.0.0.1:");
  if (at != std::string::npos) s.port = std::atoi(line.c_str() + at + 10);
  EXPECT_GT(s.port, 0) << "server said: " << line;
  return s;
}

}  // namespace lightmesh
