// Crash safety: eight clients create and delete services while `lightmesh serve` is killed with
// SIGKILL at a random moment, twenty times over one database. After every restart each acknowledged
// create exists, each acknowledged delete is gone, the store loads (so no slot is booked twice),
// and the live services equal a replay of the event log.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
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

using Child = ServeProcess;

// Starts `lightmesh serve` over DIR/state.db with DIR/tokens.json.
Child start_server(const fs::path& dir) {
  return start_serve_process((dir / "state.db").string(), (dir / "tokens.json").string());
}

TEST(CrashSafety, AcknowledgedWorkSurvivesSigkill) {
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-crash-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "tokens.json")
      << R"({"tokens": [{"token": "crash-admin", "tenant": "ops", "role": "admin"}]})";
  const httplib::Headers auth = {{"Authorization", "Bearer crash-admin"}};
  const std::vector<std::string> sites = {"LSE", "LD8",     "THN",    "PRK",    "LD4",
                                          "RDG", "ENFIELD", "HARLOW", "CRAWLEY"};
  // Acknowledged over all rounds; a delete that was sent but not answered may or may not have
  // happened.
  std::set<std::string> created, deleted, maybe_deleted;
  std::mt19937_64 rng(20261124);
  std::size_t total_acks = 0;

  for (int round = 0; round < 20; ++round) {
    Child server = start_server(dir);
    ASSERT_GT(server.port, 0);
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::vector<std::thread> clients;
    for (int k = 0; k < 8; ++k) {
      clients.emplace_back([&, k] {
        httplib::Client client("127.0.0.1", server.port);
        client.set_connection_timeout(1, 0);
        client.set_read_timeout(2, 0);
        std::mt19937_64 local(static_cast<std::uint64_t>(round * 100 + k));
        std::vector<std::string> mine;
        while (!stop) {
          if (!mine.empty() && local() % 3 == 0) {
            const std::string id = mine.back();
            {
              std::lock_guard<std::mutex> lock(mu);
              maybe_deleted.insert(id);
            }
            auto r = client.Delete("/api/v1/services/" + id, auth);
            if (r && r->status == 204) {
              std::lock_guard<std::mutex> lock(mu);
              deleted.insert(id);
              mine.pop_back();
            } else if (!r) {
              break;  // the server is gone
            }
            continue;
          }
          const std::string& a = sites[local() % sites.size()];
          std::string b = a;
          while (b == a) b = sites[local() % sites.size()];
          auto r =
              client.Post("/api/v1/services", auth,
                          "{\"from\":\"" + a + "\",\"to\":\"" + b + "\",\"bandwidth_gbps\":10}",
                          "application/json");
          if (!r) break;
          if (r->status == 201) {
            const std::string id = json::parse(r->body)["id"];
            std::lock_guard<std::mutex> lock(mu);
            created.insert(id);
            mine.push_back(id);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 500));
    kill(server.pid, SIGKILL);
    waitpid(server.pid, nullptr, 0);
    stop = true;
    for (auto& t : clients) t.join();

    // Restart on the same database and check.
    Child again = start_server(dir);
    ASSERT_GT(again.port, 0) << "round " << round << ": the store did not load after a kill";
    httplib::Client client("127.0.0.1", again.port);
    std::set<std::string> live;
    std::string cursor;
    do {
      auto r = client.Get(
          ("/api/v1/services?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor)).c_str(),
          auth);
      ASSERT_TRUE(r && r->status == 200);
      const json page = json::parse(r->body);
      for (const auto& s : page["items"]) live.insert(s["id"].get<std::string>());
      cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
    } while (!cursor.empty());
    for (const auto& id : created) {
      if (!deleted.count(id) && !maybe_deleted.count(id)) {
        EXPECT_TRUE(live.count(id)) << "round " << round << ": acknowledged " << id << " lost";
      }
    }
    for (const auto& id : deleted)
      EXPECT_FALSE(live.count(id)) << "round " << round << ": deleted " << id << " is back";
    // Replaying the event log gives the same live set.
    std::set<std::string> replay;
    std::string ecursor;
    do {
      auto r = client.Get(
          ("/api/v1/events?limit=1000" + (ecursor.empty() ? "" : "&cursor=" + ecursor)).c_str(),
          auth);
      ASSERT_TRUE(r && r->status == 200);
      const json page = json::parse(r->body);
      for (const auto& e : page["items"]) {
        if (e["what"] == "created") replay.insert(e["service"].get<std::string>());
        if (e["what"] == "deleted") replay.erase(e["service"].get<std::string>());
      }
      ecursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
    } while (!ecursor.empty());
    EXPECT_EQ(replay, live) << "round " << round;
    total_acks = created.size() + deleted.size();
    kill(again.pid, SIGKILL);
    waitpid(again.pid, nullptr, 0);
  }
  EXPECT_GT(total_acks, 200u) << "too little load to prove anything";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lightmesh
