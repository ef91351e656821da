// Crash safety over PostgreSQL: two `lightmesh serve` processes share one database while six
// clients create, read and delete services, each request going to either server. One server is
// killed with SIGKILL at a random (seeded) moment and started again, round after round; then
// PostgreSQL itself is stopped under load and started again. Throughout, every answer is one the
// state allows (503 only while the database is away), and after each round both servers list the
// same services: every acknowledged create, no acknowledged delete, no slot booked twice.
//
// LIGHTMESH_SIGKILL_ROUNDS sets the number of kills (default 4; the `slow` ctest entry runs 30).
// The test starts a cluster of its own (scripts/pg-test-cluster.sh), since it stops it.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "server/serve_process.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Runs scripts/pg-test-cluster.sh; its stdout, or nullopt if it failed.
std::optional<std::string> cluster(const std::string& cmd, const fs::path& dir) {
  const std::string line = std::string(LIGHTMESH_SOURCE_DIR) + "/scripts/pg-test-cluster.sh " +
                           cmd + " " + dir.string() + " 2>>" + (dir / "script.log").string();
  std::string out;
  FILE* p = ::popen(line.c_str(), "r");
  if (!p) return std::nullopt;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  if (::pclose(p) != 0) return std::nullopt;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

using Serve = ServeProcess;

// `lightmesh serve` over the database on a free loopback port, read from its first line.
Serve start_serve(const std::string& db, const fs::path& tokens) {
  return start_serve_process(db, tokens.string());
}

void kill_serve(Serve& s) {
  if (s.pid <= 0) return;
  kill(s.pid, SIGKILL);
  waitpid(s.pid, nullptr, 0);
  s.pid = -1;
}

const httplib::Headers kAuth = {{"Authorization", "Bearer crash-admin"}};
const std::vector<std::string> kSites = {"LSE", "LD8",     "THN",    "PRK",    "LD4",
                                         "RDG", "ENFIELD", "HARLOW", "CRAWLEY"};

// What the clients were told, over every round. A request that got no answer, or a 500 (its
// commit's outcome is unknown), may or may not have happened.
struct Ledger {
  std::mutex mu;
  std::set<std::string> created, deleted, maybe_deleted;
  std::vector<std::string> wrong;  // answers the state does not allow
  int unavailable = 0;             // 503s
  int answered = 0;
};

// Clients sending to whichever of the two servers is up, alternating, until `stop`. While
// `db_down` is set a 503 is allowed; a 500 always is, as an unknown outcome.
class Load {
 public:
  Load(std::array<std::atomic<int>, 2>& ports, Ledger& ledger, std::atomic<bool>& db_down,
       std::uint64_t seed)
      : ports_(ports), ledger_(ledger), db_down_(db_down) {
    for (int k = 0; k < 6; ++k) threads_.emplace_back([this, k, seed] { client(seed + k); });
  }
  ~Load() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }

 private:
  void client(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::string> mine;
    int turn = static_cast<int>(seed % 2);
    while (!stop_) {
      const int port = ports_[static_cast<std::size_t>(turn++ % 2)].load();
      if (port == 0) continue;  // that server is down: the other one takes the request
      httplib::Client http("127.0.0.1", port);
      http.set_connection_timeout(1, 0);
      http.set_read_timeout(5, 0);
      const bool down = db_down_.load();
      auto wrong = [&](const std::string& what, const httplib::Result& r) {
        std::lock_guard<std::mutex> lock(ledger_.mu);
        ledger_.wrong.push_back(what + " → " + std::to_string(r->status) + " " + r->body);
      };
      auto counted = [&](const httplib::Result& r) {
        std::lock_guard<std::mutex> lock(ledger_.mu);
        ledger_.answered++;
        if (r->status == 503) ledger_.unavailable++;
        return r->status == 503 && !down && !db_down_.load();
      };
      const std::uint64_t dice = rng() % 6;
      if (!mine.empty() && dice < 2) {
        const std::string id = mine.back();
        mine.pop_back();
        {
          std::lock_guard<std::mutex> lock(ledger_.mu);
          ledger_.maybe_deleted.insert(id);
        }
        auto r = http.Delete("/api/v1/services/" + id, kAuth);
        if (!r) continue;  // the server died: the delete may or may not have happened
        if (counted(r)) wrong("DELETE " + id + " with the database up", r);
        if (r->status == 204) {
          std::lock_guard<std::mutex> lock(ledger_.mu);
          ledger_.deleted.insert(id);
        } else if (r->status != 503 && r->status != 500) {
          wrong("DELETE " + id, r);
        }
      } else if (!mine.empty() && dice < 3) {
        // Acknowledged and not deleted: whichever server answers has it.
        const std::string id = mine[rng() % mine.size()];
        auto r = http.Get("/api/v1/services/" + id, kAuth);
        if (!r) continue;
        if (counted(r)) wrong("GET " + id + " with the database up", r);
        if (r->status != 200 && r->status != 503) wrong("GET " + id, r);
      } else {
        const std::string& a = kSites[rng() % kSites.size()];
        std::string b = a;
        while (b == a) b = kSites[rng() % kSites.size()];
        auto r = http.Post("/api/v1/services", kAuth,
                           "{\"from\":\"" + a + "\",\"to\":\"" + b + "\",\"bandwidth_gbps\":10}",
                           "application/json");
        if (!r) continue;
        if (counted(r)) wrong("POST with the database up", r);
        if (r->status == 201) {
          const std::string id = json::parse(r->body)["id"];
          std::lock_guard<std::mutex> lock(ledger_.mu);
          if (!ledger_.created.insert(id).second) ledger_.wrong.push_back("id given twice: " + id);
          mine.push_back(id);
        } else if (r->status != 409 && r->status != 503 && r->status != 500) {
          wrong("POST", r);
        }
      }
    }
  }

  std::array<std::atomic<int>, 2>& ports_;
  Ledger& ledger_;
  std::atomic<bool>& db_down_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

// Every live service through one server, or nullopt (with a failure) if it does not answer.
std::optional<std::vector<json>> all_services(int port) {
  httplib::Client http("127.0.0.1", port);
  http.set_read_timeout(10, 0);
  std::vector<json> out;
  std::string cursor;
  do {
    auto r = http.Get("/api/v1/services?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor),
                      kAuth);
    if (!r || r->status != 200) {
      ADD_FAILURE() << "listing through port " << port << ": "
                    << (r ? std::to_string(r->status) + " " + r->body : "no answer");
      return std::nullopt;
    }
    const json page = json::parse(r->body);
    for (const auto& s : page["items"]) out.push_back(s);
    cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
  } while (!cursor.empty());
  return out;
}

// Both servers list the same services, which hold every acknowledged create, no acknowledged
// delete, and no slot of a fibre twice (a lightpath of m × 12.5 GHz at n takes [n − m, n + m)).
void check_state(const std::array<std::atomic<int>, 2>& ports, Ledger& ledger,
                 const std::string& when) {
  SCOPED_TRACE(when);
  auto a = all_services(ports[0].load());
  auto b = all_services(ports[1].load());
  ASSERT_TRUE(a && b);
  std::set<std::string> live_a, live_b;
  for (const auto& s : *a) live_a.insert(s["id"].get<std::string>());
  for (const auto& s : *b) live_b.insert(s["id"].get<std::string>());
  EXPECT_EQ(live_a, live_b) << "the two servers disagree";
  std::lock_guard<std::mutex> lock(ledger.mu);
  for (const auto& id : ledger.created) {
    if (!ledger.maybe_deleted.count(id)) {
      EXPECT_TRUE(live_a.count(id)) << "acknowledged " << id;
    }
  }
  for (const auto& id : ledger.deleted) EXPECT_FALSE(live_a.count(id)) << "deleted " << id;
  std::map<std::string, std::vector<std::pair<long, long>>> by_fiber;
  for (const auto& s : *a) {
    for (const auto& lp : s["lightpaths"]) {
      const long n = lp["n"].get<long>(), m = lp["m"].get<long>();
      for (const auto& f : lp["fibers"]) {
        auto& taken = by_fiber[f.get<std::string>()];
        for (const auto& [lo, hi] : taken)
          EXPECT_TRUE(n + m <= lo || hi <= n - m) << f << " slot booked twice, " << s["id"];
        taken.emplace_back(n - m, n + m);
      }
    }
  }
  EXPECT_TRUE(ledger.wrong.empty())
      << ledger.wrong.size()
      << " wrong answers, first: " << (ledger.wrong.empty() ? "" : ledger.wrong.front());
}

int rounds() {
  const char* v = std::getenv("LIGHTMESH_SIGKILL_ROUNDS");
  return v && std::atoi(v) > 0 ? std::atoi(v) : 4;
}

TEST(PostgresSigkill, AcknowledgedWorkSurvivesKilledServersAndADatabaseRestart) {
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-pgcrash-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "cluster");
  // The cluster may run as another user (PostgreSQL refuses root): it must reach its directory.
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  const auto url = cluster("start", dir / "cluster");
  if (!url) {
    std::ifstream log(dir / "cluster" / "script.log");
    std::stringstream why;
    why << log.rdbuf();
    fs::remove_all(dir);
    GTEST_SKIP() << "PostgreSQL is not available: " << why.str();
  }
  // Whatever way the test ends, the cluster it started stops and its files go.
  struct ClusterGuard {
    fs::path dir;
    ~ClusterGuard() {
      (void)cluster("stop", dir / "cluster");
      fs::remove_all(dir);
    }
  } guard{dir};
  const fs::path tokens = dir / "tokens.json";
  std::ofstream(tokens)
      << R"({"tokens": [{"token": "crash-admin", "tenant": "ops", "role": "admin"}]})";
  fs::permissions(tokens, fs::perms::owner_read | fs::perms::owner_write);

  std::array<Serve, 2> servers = {start_serve(*url, tokens), start_serve(*url, tokens)};
  std::array<std::atomic<int>, 2> ports;
  for (int i = 0; i < 2; ++i) ports[i] = servers[i].port;
  ASSERT_GT(ports[0].load() * ports[1].load(), 0);
  Ledger ledger;
  std::atomic<bool> db_down{false};
  std::mt19937_64 rng(20261206);
  using std::chrono::milliseconds;

  for (int round = 0; round < rounds(); ++round) {
    {
      Load load(ports, ledger, db_down, 100 * static_cast<std::uint64_t>(round));
      std::this_thread::sleep_for(milliseconds(100 + rng() % 400));
      const std::size_t victim = rng() % 2;
      ports[victim] = 0;
      kill_serve(servers[victim]);
      std::this_thread::sleep_for(milliseconds(50 + rng() % 200));  // the other serves alone
      servers[victim] = start_serve(*url, tokens);
      ASSERT_GT(servers[victim].port, 0) << "round " << round << ": no restart after a kill";
      ports[victim] = servers[victim].port;
      std::this_thread::sleep_for(milliseconds(100 + rng() % 200));
    }
    check_state(ports, ledger, "after kill " + std::to_string(round + 1));
  }

  // PostgreSQL goes away under load and comes back: 503 meanwhile, then both servers recover.
  {
    Load load(ports, ledger, db_down, 7777);
    std::this_thread::sleep_for(milliseconds(300));
    db_down = true;
    ASSERT_TRUE(cluster("halt", dir / "cluster"));
    std::this_thread::sleep_for(milliseconds(700));
    const int unavailable = [&] {
      std::lock_guard<std::mutex> lock(ledger.mu);
      return ledger.unavailable;
    }();
    EXPECT_GT(unavailable, 0) << "no 503 while the database was away";
    ASSERT_TRUE(cluster("resume", dir / "cluster"));
    // Both answer again on their own within a few seconds: no restart, no operator.
    for (int i = 0; i < 2; ++i) {
      httplib::Client http("127.0.0.1", ports[i].load());
      bool back = false;
      for (int t = 0; t < 100 && !back; ++t) {
        auto r = http.Get("/api/v1/services?limit=1", kAuth);
        back = r && r->status == 200;
        if (!back) std::this_thread::sleep_for(milliseconds(100));
      }
      EXPECT_TRUE(back) << "server " << i << " did not recover after the database came back";
    }
    db_down = false;
    std::this_thread::sleep_for(milliseconds(300));
  }
  check_state(ports, ledger, "after the database restart");
  // And a server started now loads it all (adopting refuses a slot booked twice).
  kill_serve(servers[0]);
  servers[0] = start_serve(*url, tokens);
  ports[0] = servers[0].port;
  check_state(ports, ledger, "after a fresh start");
  EXPECT_GT(ledger.created.size(), 50u) << "too little load to prove anything";
  RecordProperty("acknowledged_creates", static_cast<int>(ledger.created.size()));
  RecordProperty("acknowledged_deletes", static_cast<int>(ledger.deleted.size()));
  RecordProperty("answers", ledger.answered);
  std::printf("%zu creates and %zu deletes acknowledged, %d answers, %d of them 503\n",
              ledger.created.size(), ledger.deleted.size(), ledger.answered, ledger.unavailable);

  for (auto& s : servers) kill_serve(s);
}

}  // namespace
}  // namespace lightmesh
