// Starts the built lightmesh-devsim on the London example for the southbound's end-to-end tests: a
// base port per test process, a control directory for faults, and the inventory it writes.
//
//   DevsimProcess sim = DevsimProcess::start(dir);
//   // … sim.inventory_file, sim.fault("R-HAYES", "refuse-commit") …
//
// The emulator dies with the test process (PR_SET_PDEATHSIG), so a failing test leaves nothing.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace lightmesh::southbound_test {

inline constexpr const char* kPassword = "devsim-test-password";

struct DevsimProcess {
  pid_t pid = -1;
  int base_port = 0;
  std::filesystem::path inventory_file;
  std::filesystem::path control_dir;

  // Starts the emulator (every device of `model`, with `extra` options such as --no-candidate) and
  // waits (up to 30 s) for its inventory, which it writes once every device listens.
  static DevsimProcess start(const std::filesystem::path& dir,
                             const std::string& model = "openroadm-2.2.1",
                             const std::vector<std::string>& extra = {}) {
    // Ports below Linux's ephemeral range (32768 and up), a range per test process (London: 18
    // nodes); a range another program holds makes the emulator exit, and the next one is tried.
    for (int attempt = 0; attempt < 5; ++attempt) {
      const int base = 20000 + static_cast<int>((::getpid() + attempt * 97) % 400) * 24;
      DevsimProcess p = try_start(dir, base, model, extra);
      if (p.pid > 0) return p;
    }
    ADD_FAILURE() << "lightmesh-devsim did not start on any port range";
    return {};
  }

  static DevsimProcess try_start(const std::filesystem::path& dir, int base_port,
                                 const std::string& model,
                                 const std::vector<std::string>& extra = {}) {
    DevsimProcess p;
    p.base_port = base_port;
    p.inventory_file = dir / "devices.json";
    p.control_dir = dir / "control";
    std::filesystem::create_directories(p.control_dir);
    ::setenv("LIGHTMESH_DEVICE_PASSWORD", kPassword, 1);
    const pid_t parent = ::getpid();
    p.pid = ::fork();
    if (p.pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(127);
      const std::string network =
          std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
      const std::string port = std::to_string(p.base_port);
      std::vector<std::string> args = {"lightmesh-devsim", network,
                                       "--base-port",      port,
                                       "--inventory-out",  p.inventory_file.string(),
                                       "--control-dir",    p.control_dir.string(),
                                       "--model",          model};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(LIGHTMESH_DEVSIM, argv.data());
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!std::filesystem::exists(p.inventory_file) &&
           std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(p.pid, nullptr, WNOHANG) == p.pid) return {};  // it exited: a port was taken
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!std::filesystem::exists(p.inventory_file)) {
      p.stop();
      return {};
    }
    return p;
  }

  // Asks one device for a fault (faults.h); written whole, then renamed, so it is never read half.
  void fault(const std::string& node, const std::string& command) const {
    const auto tmp = control_dir / (node + ".tmp");
    std::ofstream(tmp) << command << "\n";
    std::filesystem::rename(tmp, control_dir / node);
  }

  void stop() {
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    pid = -1;
  }
};

}  // namespace lightmesh::southbound_test
