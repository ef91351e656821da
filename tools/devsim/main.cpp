// lightmesh-devsim NETWORK [--model openroadm-2.2.1|openconfig] --base-port P --inventory-out FILE
//   [--control-dir DIR] [--no-candidate [NODE,…]]
//
// Emulates one NETCONF device per optical node of a network on 127.0.0.1 ports P, P+1, … in node
// order (user "lightmesh", password from LIGHTMESH_DEVICE_PASSWORD), writes the inventory that
// `lightmesh serve --devices` reads once every device listens, and runs until SIGTERM or SIGINT
// (docs/southbound.md, "The device emulator").
#include <libssh/libssh.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "device_server.h"
#include "io/load.h"
#include "southbound/host_key.h"
#include "southbound/inventory.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;  // set by the signal handler: the one thing a handler may do
void on_signal(int) { g_stop = 1; }

// Each device closes its end once it listens, and a device that fails exits: either way the
// parent's read ends, so a port already in use makes the emulator exit instead of hang.
void signal_ready(void* fd) {
  const char byte = 1;
  (void)!write(*static_cast<int*>(fd), &byte, 1);
  close(*static_cast<int*>(fd));
}

// A fresh host key for this run, shared by every device (an emulator has no identity to keep).
// Its fingerprint, which the inventory pins; empty if it could not be made.
std::string write_host_key(const std::string& path) {
  ssh_key key = nullptr;
  if (ssh_pki_generate(SSH_KEYTYPE_ECDSA_P256, 256, &key) != SSH_OK) return {};
  std::string fingerprint;
  if (ssh_pki_export_privkey_file(key, nullptr, nullptr, nullptr, path.c_str()) == SSH_OK)
    fingerprint = lightmesh::southbound::host_key_fingerprint(key);
  ssh_key_free(key);
  return fingerprint;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace lightmesh;
  CLI::App app{"lightmesh-devsim: NETCONF device emulator, one device per optical node"};
  std::string network, model = southbound::kOpenRoadm221, inventory_out, control_dir;
  int base_port = 0;
  app.add_option("network", network, "Network file (native JSON or YAML)")->required();
  app.add_option("--model", model, "Device model: openroadm-2.2.1 (the default) or openconfig")
      ->check(CLI::IsMember({southbound::kOpenRoadm221, southbound::kOpenConfig}));
  app.add_option("--base-port", base_port, "Port of the first node's device")
      ->required()
      ->check(CLI::Range(1, 65535));
  app.add_option("--inventory-out", inventory_out, "Where to write the inventory")->required();
  app.add_option("--control-dir", control_dir,
                 "Directory of fault-injection control files, one per node id");
  std::vector<std::string> no_candidate;
  CLI::Option* no_candidate_opt =
      app.add_option("--no-candidate", no_candidate,
                     "Devices that announce no :candidate capability and take edits to running: "
                     "the nodes listed (comma-separated), or every device if none is")
          ->expected(0, -1)
          ->delimiter(',');
  CLI11_PARSE(app, argc, argv);
  // CLI11 gives a flag used without values one empty value.
  std::set<std::string> running_only;
  for (const std::string& n : no_candidate)
    if (!n.empty()) running_only.insert(n);
  const bool all_running_only = no_candidate_opt->count() > 0 && running_only.empty();

  const char* password = std::getenv("LIGHTMESH_DEVICE_PASSWORD");
  if (!password || !*password) {
    std::fprintf(stderr, "lightmesh-devsim: LIGHTMESH_DEVICE_PASSWORD is not set\n");
    return 2;
  }
  auto net = io::load_network(network);
  if (!net) {
    std::fprintf(stderr, "lightmesh-devsim: %s\n", net.error().to_string().c_str());
    return 2;
  }
  if (base_port + net->nodes().size() > 65536) {
    std::fprintf(stderr, "lightmesh-devsim: %zu devices do not fit above port %d\n",
                 net->nodes().size(), base_port);
    return 2;
  }
  southbound::Inventory inv = southbound::default_inventory(
      *net, "127.0.0.1", static_cast<std::uint16_t>(base_port), model);
  for (const std::string& node : running_only) {
    if (net->find_node(node) == kNoIndex) {
      std::fprintf(stderr,
                   "lightmesh-devsim: --no-candidate: \"%s\" is not an optical node of %s\n",
                   node.c_str(), network.c_str());
      return 2;
    }
  }

  std::string dir_template =
      (std::filesystem::temp_directory_path() / "lightmesh-devsim-XXXXXX").string();
  const char* dir = mkdtemp(dir_template.data());
  const std::string key_file = dir ? std::string(dir) + "/host_key" : "";
  const std::string fingerprint = dir ? write_host_key(key_file) : "";
  if (fingerprint.empty()) {
    std::fprintf(stderr, "lightmesh-devsim: cannot write a host key\n");
    return 1;
  }
  // The inventory pins the key, so the controller checks it is talking to these devices.
  for (southbound::DeviceEntry& d : inv.devices) d.host_key_sha256 = fingerprint;

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  int ready[2];
  if (pipe(ready) != 0) return 1;

  std::vector<pid_t> children;
  for (const southbound::DeviceEntry& d : inv.devices) {
    const pid_t pid = fork();
    if (pid == 0) {
      close(ready[0]);
      devsim::DeviceServer dev(
          d, {.host_key_file = key_file,
              .password = password,
              .control_file = control_dir.empty() ? "" : control_dir + "/" + d.node,
              .candidate = !all_running_only && !running_only.count(d.node)});
      const int rc = dev.run(&g_stop, signal_ready, &ready[1]);
      _exit(rc);
    }
    if (pid < 0) {
      std::perror("lightmesh-devsim: fork");
      g_stop = 1;
      break;
    }
    children.push_back(pid);
  }
  close(ready[1]);
  // The inventory appears only once every device listens, so a reader may connect at once.
  std::size_t up = 0;
  char byte;
  while (!g_stop && up < children.size() && read(ready[0], &byte, 1) == 1) ++up;
  close(ready[0]);
  int rc = 0;
  if (up == children.size() && !g_stop) {
    const std::string tmp = inventory_out + ".tmp";
    std::ofstream(tmp) << southbound::inventory_json(inv).dump(2) << "\n";
    std::filesystem::rename(tmp, inventory_out);
    std::fprintf(stderr, "lightmesh-devsim: %zu devices on 127.0.0.1:%d-%d; inventory in %s\n",
                 children.size(), base_port, base_port + static_cast<int>(children.size()) - 1,
                 inventory_out.c_str());
    while (!g_stop) pause();
  } else {
    std::fprintf(stderr, "lightmesh-devsim: not every device started\n");
    rc = 1;
  }
  for (pid_t pid : children) kill(pid, SIGTERM);
  for (pid_t pid : children) waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return rc;
}
