// Robustness of the built binary against extreme inputs: `lightmesh serve` on loopback gets JSON
// nested 100,000 deep, a 50 MB body and sixteen clients mixing creates, deletes, cuts and repairs;
// `lightmesh plan` and `validate` get a 50 MB file and a 100,000-deep one. Throughout, the server
// answers /healthz, and no process's peak resident size
// (VmHWM, or getrusage for the CLI) passes 1 GiB. After the load no slot is booked twice and
// nothing acknowledged is lost, also across a restart.
//
// The load runs about 10 s here, with `make test`'s other tests running beside it on two cores, so
// a probe here fails only when no answer comes within 5 s: the server is hung, not merely slow.
// RobustnessSlow runs the load for a minute (ctest label slow, run alone) and holds /healthz to the
// 1 s the service promises.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "server/serve_process.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr long kOneGibKb = 1024 * 1024;

const std::vector<std::string> kSites = {"LSE", "LD8",     "THN",    "PRK",    "LD4",
                                         "RDG", "ENFIELD", "HARLOW", "CRAWLEY"};

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-robust-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "tokens.json") << R"({"tokens": [
    {"token": "robust-admin", "tenant": "ops", "role": "admin"},
    {"token": "robust-bank", "tenant": "bank", "role": "tenant"},
    {"token": "robust-tv-1", "tenant": "tv", "role": "tenant"}]})";
  fs::permissions(dir / "tokens.json", fs::perms::owner_read | fs::perms::owner_write);
  return dir;
}

httplib::Headers auth(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// `lightmesh serve` on a free loopback port over DIR/state.db.
class Server {
 public:
  explicit Server(const fs::path& dir) {
    const ServeProcess p =
        start_serve_process((dir / "state.db").string(), (dir / "tokens.json").string());
    pid_ = p.pid;
    port_ = p.port;
  }
  ~Server() { stop(); }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }
  bool alive() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

  // Peak resident set size so far, in KiB (VmHWM).
  long peak_kb() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line))
      if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
  }

  // Whether /healthz answers 200 within `seconds`.
  bool healthy(int seconds = 1) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(seconds, 0);
    client.set_read_timeout(seconds, 0);
    client.set_write_timeout(seconds, 0);
    auto r = client.Get("/healthz");
    return r && r->status == 200;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Probes /healthz every 200 ms on its own thread while a test loads the server; a probe fails
// when no answer comes within `timeout_s`.
class HealthWatch {
 public:
  explicit HealthWatch(const Server& server, int timeout_s = 5)
      : thread_([this, &server, timeout_s] {
          while (!stop_) {
            ++probes_;
            if (!server.healthy(timeout_s)) ++failures_;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
          }
        }) {}
  ~HealthWatch() { finish(); }
  void finish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int probes() const { return probes_; }
  int failures() const { return failures_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> probes_{0}, failures_{0};
  std::thread thread_;
};

std::string nested(std::size_t depth, char open, char close, const std::string& inner = "1") {
  std::string s(depth, open);
  s += inner;
  s.append(depth, close);
  return s;
}

std::string nested_objects(std::size_t depth) {
  std::string s;
  s.reserve(depth * 7);
  for (std::size_t i = 0; i < depth; ++i) s += "{\"a\":";
  s += "1";
  s.append(depth, '}');
  return s;
}

TEST(Robustness, DeepNestingIsRefusedAndTheServerStaysSmall) {
  const fs::path dir = fresh_dir("deep");
  Server server(dir);
  ASSERT_GT(server.port(), 0);
  HealthWatch watch(server);
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  const std::string bodies[] = {nested(100'000, '[', ']'), nested_objects(100'000),
                                "{\"from\":" + nested(100'000, '[', ']') + "}"};
  const std::string paths[] = {
      "/api/v1/services",
      "/api/v1/workloads",
      "/api/v1/failures",
      "/api/v1/path-computation",
      "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context",
      "/restconf/operations/tapi-connectivity:create-connectivity-service"};
  for (const auto& path : paths) {
    for (const auto& body : bodies) {
      auto r = client.Post(path, auth("robust-admin"), body, "application/json");
      ASSERT_TRUE(r) << path << ": no answer";
      EXPECT_EQ(r->status, 400) << path << ": " << r->body.substr(0, 300);
      EXPECT_LT(r->body.size(), 4096u) << path << ": the error echoes the input";
    }
  }
  watch.finish();
  EXPECT_TRUE(server.alive());
  EXPECT_EQ(watch.failures(), 0) << "of " << watch.probes() << " /healthz probes";
  EXPECT_TRUE(server.healthy());
  EXPECT_LT(server.peak_kb(), kOneGibKb);
  fs::remove_all(dir);
}

TEST(Robustness, A50MbBodyIsRefusedAndTheServerStaysSmall) {
  // The server may close the connection while the client is still sending; the write must fail
  // with EPIPE in the client, not kill the test process.
  ::signal(SIGPIPE, SIG_IGN);
  const fs::path dir = fresh_dir("big");
  Server server(dir);
  ASSERT_GT(server.port(), 0);
  HealthWatch watch(server);
  // A valid JSON string member 50 MB long, so only its size is wrong.
  const std::string body = "{\"name\":\"" + std::string(50'000'000, 'x') + "\"}";
  for (const std::string path : {"/api/v1/services", "/api/v1/path-computation"}) {
    for (const std::string token : {"robust-admin", "not-a-token"}) {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(30, 0);
      client.set_write_timeout(30, 0);
      auto r = client.Post(path, auth(token), body, "application/json");
      // The server may close the connection once the declared length is too large; an answer
      // it gives is 413.
      if (r) {
        EXPECT_EQ(r->status, 413) << path << ": " << r->body.substr(0, 300);
      }
    }
  }
  watch.finish();
  EXPECT_TRUE(server.alive());
  EXPECT_EQ(watch.failures(), 0) << "of " << watch.probes() << " /healthz probes";
  EXPECT_TRUE(server.healthy());
  EXPECT_LT(server.peak_kb(), kOneGibKb);
  fs::remove_all(dir);
}

// Every service live now, by id, as the admin lists them.
std::set<std::string> live_services(int port) {
  httplib::Client client("127.0.0.1", port);
  std::set<std::string> live;
  std::string cursor;
  do {
    auto r = client.Get("/api/v1/services?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor),
                        auth("robust-admin"));
    EXPECT_TRUE(r && r->status == 200);
    if (!r || r->status != 200) break;
    const json page = json::parse(r->body);
    for (const auto& s : page["items"]) live.insert(s["id"].get<std::string>());
    cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
  } while (!cursor.empty());
  return live;
}

// On every fibre, the lightpaths booked never share a slot and add up to the slots used.
void expect_no_slot_twice(int port) {
  httplib::Client client("127.0.0.1", port);
  auto fibres = client.Get("/api/v1/fibers", auth("robust-admin"));
  ASSERT_TRUE(fibres && fibres->status == 200);
  const json listed = json::parse(fibres->body);
  for (const auto& f : listed["items"]) {
    const std::string id = f["id"];
    auto r = client.Get("/api/v1/fibers/" + id + "/spectrum", auth("robust-admin"));
    ASSERT_TRUE(r && r->status == 200) << id;
    const json j = json::parse(r->body);
    std::vector<int> owners(j["slots_total"].get<std::size_t>());
    std::uint64_t sum = 0;
    for (const auto& c : j["channels"]) {
      const std::uint32_t first = c["first_slot"], count = c["slot_count"];
      ASSERT_LE(first + count, owners.size()) << id;
      for (std::uint32_t s = first; s < first + count; ++s)
        EXPECT_EQ(++owners[s], 1) << "slot " << s << " of " << id << " booked twice";
      sum += count;
    }
    EXPECT_EQ(sum, j["slots_used"].get<std::uint64_t>()) << id;
  }
}

// Sixteen clients for `seconds`: twelve tenants' clients create and delete services (restore,
// 1+1 and unprotected), four admin clients cut and repair fibres and create and delete services
// of their own.
void mixed_load(int seconds, int probe_timeout_s) {
  const fs::path dir = fresh_dir("load" + std::to_string(seconds));
  auto server = std::make_unique<Server>(dir);
  ASSERT_GT(server->port(), 0);
  std::vector<std::string> fibres;
  {
    httplib::Client client("127.0.0.1", server->port());
    auto r = client.Get("/api/v1/fibers", auth("robust-admin"));
    ASSERT_TRUE(r && r->status == 200);
    const json listed = json::parse(r->body);
    for (const auto& f : listed["items"]) fibres.push_back(f["id"].get<std::string>());
  }
  HealthWatch watch(*server, probe_timeout_s);
  std::mutex mu;
  std::set<std::string> created, deleted, maybe_deleted;
  std::atomic<int> answers{0}, errors{0}, cuts{0};
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> clients;
  for (int k = 0; k < 16; ++k) {
    clients.emplace_back([&, k] {
      const std::string token = k < 4 ? "robust-admin" : k % 2 ? "robust-bank" : "robust-tv-1";
      httplib::Client client("127.0.0.1", server->port());
      client.set_read_timeout(10, 0);
      std::mt19937_64 rng(20261206 + static_cast<std::uint64_t>(k));
      std::vector<std::string> mine;
      while (std::chrono::steady_clock::now() < until) {
        const int roll = static_cast<int>(rng() % 10);
        enum { kCutOrRepair, kDelete, kCreate } what = kCreate;
        std::string id;
        if (k < 4 && roll < 2)
          what = kCutOrRepair;  // only an admin may cut and repair
        else if (!mine.empty() && roll < 5)
          what = kDelete;
        httplib::Result r = [&] {
          if (what == kCutOrRepair) {
            const std::string& f = fibres[rng() % fibres.size()];
            return roll == 0 ? client.Post("/api/v1/failures", auth(token),
                                           json{{"fiber", f}}.dump(), "application/json")
                             : client.Delete("/api/v1/failures/" + f, auth(token));
          }
          if (what == kDelete) {
            id = mine[rng() % mine.size()];
            std::lock_guard<std::mutex> lock(mu);
            maybe_deleted.insert(id);
            return client.Delete("/api/v1/services/" + id, auth(token));
          }
          const std::string& a = kSites[rng() % kSites.size()];
          std::string b = a;
          while (b == a) b = kSites[rng() % kSites.size()];
          const char* protection[] = {"none", "1+1", "restore"};
          const json body = {{"from", a},
                             {"to", b},
                             {"bandwidth_gbps", 100 * (1 + rng() % 4)},
                             {"protection", protection[rng() % 3]}};
          return client.Post("/api/v1/services", auth(token), body.dump(), "application/json");
        }();
        if (r && what == kCutOrRepair && r->status == 200) ++cuts;
        if (r && what == kDelete && r->status == 204) {
          std::lock_guard<std::mutex> lock(mu);
          deleted.insert(id);
          mine.erase(std::find(mine.begin(), mine.end(), id));
        }
        if (r && what == kCreate && r->status == 201) {
          id = json::parse(r->body)["id"];
          std::lock_guard<std::mutex> lock(mu);
          created.insert(id);
          mine.push_back(id);
        }
        if (!r) {
          ++errors;
        } else {
          ++answers;
          EXPECT_LT(r->status, 500) << r->body;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  watch.finish();
  ASSERT_TRUE(server->alive());
  EXPECT_EQ(errors, 0) << "requests without an answer";
  EXPECT_EQ(watch.failures(), 0) << "of " << watch.probes() << " /healthz probes";
  EXPECT_LT(server->peak_kb(), kOneGibKb);
  EXPECT_GT(created.size(), 100u) << "too little load to prove anything";
  EXPECT_GT(cuts, 0);

  auto check = [&](int port, const std::string& when) {
    const auto live = live_services(port);
    for (const auto& id : created)
      if (!maybe_deleted.count(id)) {
        EXPECT_TRUE(live.count(id)) << when << ": " << id << " lost";
      }
    for (const auto& id : deleted) EXPECT_FALSE(live.count(id)) << when << ": " << id << " is back";
    expect_no_slot_twice(port);
  };
  check(server->port(), "after the load");
  // A restart loads the store, which refuses a slot booked twice.
  server->stop();
  server = std::make_unique<Server>(dir);
  ASSERT_GT(server->port(), 0) << "the store did not load after the load";
  check(server->port(), "after a restart");
  server.reset();
  fs::remove_all(dir);
}

TEST(Robustness, SixteenClientsMixingCreatesDeletesCutsAndRepairs) { mixed_load(10, 5); }

TEST(RobustnessSlow, SixteenClientsForAMinute) { mixed_load(60, 1); }

struct Exit {
  int status = -1;  // the exit code, or 128 + the signal
  long peak_kb = 0;
  std::string err;
};

// Runs the built binary with `args`, stderr captured, and reports its peak resident size.
Exit run_cli(const std::vector<std::string>& args, const fs::path& dir) {
  const fs::path err = dir / "stderr.txt";
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("lightmesh"));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(LIGHTMESH_BINARY, argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  Exit out;
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  out.peak_kb = usage.ru_maxrss;  // KiB on Linux
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  out.err = text.str();
  return out;
}

TEST(Robustness, CliRefusesHugeAndDeepFilesClearlyAndStaysSmall) {
  const fs::path dir = fresh_dir("cli");
  const std::string network = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
  const std::string demands = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/demands.json";
  // 50 MB: a site whose latitude is a 50 MB string, and demands whose bandwidth is one. (A 50 MB
  // name is accepted today: names have no length limit yet.)
  const fs::path big_net = dir / "big-network.json", big_demands = dir / "big-demands.json";
  std::ofstream(big_net) << R"({"sites": [{"id": "A", "lat": ")" << std::string(50'000'000, 'S')
                         << R"("}], "fibers": []})";
  std::ofstream(big_demands) << R"({"demands": [{"id": "d", "from": "LSE", "to": "LD4", )"
                             << R"("bandwidth_gbps": ")" << std::string(50'000'000, '9')
                             << R"("}]})";
  // 100,000 deep.
  const fs::path deep_net = dir / "deep-network.json", deep_demands = dir / "deep-demands.json";
  const fs::path deep_yaml = dir / "deep-network.yaml";
  std::ofstream(deep_net) << "{\"sites\": " << nested(100'000, '[', ']') << "}";
  std::ofstream(deep_demands) << "{\"demands\": " << nested_objects(100'000) << "}";
  std::ofstream(deep_yaml) << "sites: " << nested(100'000, '[', ']') << "\n";  // YAML's flow style
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"validate", big_net.string()}, "big-network.json"},
      {{"plan", network, "--demands", big_demands.string()}, "big-demands.json"},
      {{"validate", deep_net.string()}, "deep-network.json"},
      {{"plan", deep_net.string(), "--demands", demands}, "deep-network.json"},
      {{"plan", network, "--demands", deep_demands.string()}, "deep-demands.json"},
      {{"validate", deep_yaml.string()}, "deep-network.yaml"},
  };
  for (const auto& [args, file] : cases) {
    const Exit e = run_cli(args, dir);
    const std::string what = args[0] + " " + file;
    EXPECT_NE(e.status, 0) << what;
    EXPECT_LT(e.status, 128) << what << ": killed by a signal";
    EXPECT_NE(e.err.find(file), std::string::npos) << what << ": " << e.err.substr(0, 300);
    EXPECT_LT(e.err.size(), 4096u) << what << ": the error echoes the input";
    EXPECT_LT(e.peak_kb, kOneGibKb) << what;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lightmesh
