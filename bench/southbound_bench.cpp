// Provisioning through the southbound (issue 13): service creates whose path crosses 6 emulated
// OpenROADM devices (lightmesh-devsim on the London example), sessions already open, each
// acknowledged only once every device committed. p50 and p99 from request to answer, one client
// (goal: p99 < 50 ms on loopback), then services per second with 8 clients.
//
// In-process controller (as `serve --devices` builds it, SQLite store), requests through
// Controller::handle, so the figures are the controller's and the devices' own, without HTTP.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "goal.h"
#include "io/load.h"
#include "server/controller.h"
#include "southbound/southbound.h"
#include "store/sqlite_store.h"

namespace lightmesh::bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kToken = "bench-token-1";

server::HttpResponse post(server::Controller& c, const std::string& method, const std::string& path,
                          const std::string& body = "") {
  server::HttpRequest r;
  r.method = method;
  r.path = path;
  r.headers["authorization"] = std::string("Bearer ") + kToken;
  r.body = body;
  return c.handle(r);
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

int run() {
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-bench-sb-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "control");
  setenv("LIGHTMESH_DEVICE_PASSWORD", "bench-password", 1);
  const std::string network = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
  const std::string inventory = (dir / "devices.json").string();
  // Below Linux's ephemeral ports (32768 and up).
  const std::string port = std::to_string(10000 + getpid() % 400 * 24);
  const pid_t sim = fork();
  if (sim == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    execl(LIGHTMESH_DEVSIM, "lightmesh-devsim", network.c_str(), "--base-port", port.c_str(),
          "--inventory-out", inventory.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (!fs::exists(inventory) && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

  const Network net = io::load_network(network).value();
  auto fabric =
      fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  // A site pair whose route crosses 6 nodes, planned on a scratch fabric.
  auto scratch =
      fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  std::string from, to;
  for (const Site& a : net.sites())
    for (const Site& b : net.sites()) {
      if (a.id >= b.id || !from.empty()) continue;
      auto s = scratch.create({.tenant = "t", .from = a.id, .to = b.id, .bandwidth = Gbps{100}});
      if (s && (*s)->lightpaths.front().path.nodes.size() == 6) from = a.id, to = b.id;
      if (s) (void)scratch.remove((*s)->id);
    }
  int rc = 0;
  {  // The controller and its sessions end before the devices do.
    auto store = store::SqliteStore::open((dir / "state.db").string()).value();
    auto tokens = server::Tokens::parse(std::string(R"({"tokens":[{"token":")") + kToken +
                                            R"(","tenant":"bench","role":"tenant"}]})",
                                        "tokens.json")
                      .value();
    server::Controller c(net, std::move(fabric), std::move(store), std::move(tokens));
    southbound::Southbound sb(net, spectrum::Grid{},
                              southbound::load_inventory(inventory, net).value(), 5000);
    c.attach_southbound(&sb);
    const std::string body = json{{"from", from}, {"to", to}, {"bandwidth_gbps", 100}}.dump();
    std::printf("southbound: %s to %s, 6 devices (lightmesh-devsim, loopback)\n", from.c_str(),
                to.c_str());

    auto create_delete = [&](std::vector<double>* lat) {
      const auto t0 = Clock::now();
      const server::HttpResponse r = post(c, "POST", "/api/v1/services", body);
      const double s = std::chrono::duration<double>(Clock::now() - t0).count();
      if (r.status != 201) {
        std::printf("create failed: %d %s\n", r.status, r.body.c_str());
        return false;
      }
      if (lat) lat->push_back(s);
      return post(c, "DELETE", "/api/v1/services/" + json::parse(r.body)["id"].get<std::string>())
                 .status == 204;
    };
    // The first create opens the sessions.
    if (!create_delete(nullptr)) rc = 1;
    std::vector<double> lat;
    for (int i = 0; i < 100 && rc == 0; ++i)
      if (!create_delete(&lat)) rc = 1;
    if (rc == 0) {
      std::printf("create, one client: p50 %s, p99 %s over %zu creates\n",
                  human_seconds(percentile(lat, 0.5)).c_str(),
                  human_seconds(percentile(lat, 0.99)).c_str(), lat.size());
      print_goal("southbound create, 6 devices, sessions open (p99)", percentile(lat, 0.99), 0.050);
      // Eight clients, each creating then deleting its own services.
      constexpr int kClients = 8, kEach = 12;
      std::vector<std::thread> clients;
      std::vector<std::vector<double>> per(kClients);
      const auto t0 = Clock::now();
      for (int k = 0; k < kClients; ++k)
        clients.emplace_back([&, k] {
          for (int i = 0; i < kEach; ++i) create_delete(&per[k]);
        });
      for (auto& t : clients) t.join();
      const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
      std::size_t done = 0;
      std::vector<double> all;
      for (auto& v : per) done += v.size(), all.insert(all.end(), v.begin(), v.end());
      std::printf(
          "8 clients: %zu services created (and deleted) in %.2f s: %.1f services/s; create p50 "
          "%s, "
          "p99 %s\n",
          done, wall, done / wall, human_seconds(percentile(all, 0.5)).c_str(),
          human_seconds(percentile(all, 0.99)).c_str());
    }
    c.attach_southbound(nullptr);
  }
  kill(sim, SIGTERM);
  waitpid(sim, nullptr, 0);
  fs::remove_all(dir);
  return rc;
}

}  // namespace
}  // namespace lightmesh::bench

int main() { return lightmesh::bench::run(); }
