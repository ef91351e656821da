// Group commit: concurrent writers share store transactions, yet every acknowledged change is
// durable, idempotent retries racing each other make one service, and a failed commit undoes
// exactly what it would have acknowledged.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "io/load.h"
#include "server/controller.h"
#include "server/flaky_store.h"
#include "server/http_server.h"
#include "server/server_test_support.h"
#include "store/sqlite_store.h"

namespace lightmesh::server {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using test_support::london;

std::string temp_db() { return (test_support::temp_dir("group") / "state.db").string(); }

using test_support::CommitGate;
using test_support::FlakyStore;

std::unique_ptr<Controller> make_controller(const std::string& db, std::atomic<bool>* fail,
                                            CommitGate* gate = nullptr) {
  auto fabric =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{3}; }).value();
  auto sqlite = store::SqliteStore::open(db).value();
  EXPECT_TRUE(sqlite->load_into(fabric));
  std::unique_ptr<store::Store> store = std::move(sqlite);
  if (fail) store = std::make_unique<FlakyStore>(store::SqliteStore::open(db).value(), fail, gate);
  return std::make_unique<Controller>(
      london(), std::move(fabric), std::move(store),
      Tokens::parse(R"({"tokens": [{"token": "admin-token-1", "tenant": "ops", "role": "admin"}]})",
                    "t")
          .value());
}

HttpResponse call(Controller& c, const std::string& method, const std::string& path,
                  const std::string& body = "", const std::string& key = "") {
  HttpRequest r;
  r.method = method;
  const auto q = path.find('?');
  r.path = path.substr(0, q);
  if (q != std::string::npos) r.query["limit"] = path.substr(path.find('=') + 1);
  r.headers["authorization"] = "Bearer admin-token-1";
  if (!key.empty()) r.headers["idempotency-key"] = key;
  r.body = body;
  return c.handle(r);
}

std::set<std::string> ids(Controller& c) {
  std::set<std::string> out;
  // The parsed page must outlive the loop (a range over a temporary's member dangles).
  const json page = json::parse(call(c, "GET", "/api/v1/services?limit=1000").body);
  for (const auto& s : page["items"]) out.insert(s["id"].get<std::string>());
  return out;
}

TEST(GroupCommit, ConcurrentCreatesAreAllDurable) {
  const std::string db = temp_db();
  std::set<std::string> acknowledged;
  {
    auto c = make_controller(db, nullptr);
    std::mutex mu;
    std::vector<std::thread> clients;
    const char* pairs[][2] = {{"LSE", "LD4"}, {"LSE", "LD8"}, {"LD4", "LD8"}, {"PRK", "LSE"}};
    for (int t = 0; t < 8; ++t) {
      clients.emplace_back([&, t] {
        for (int i = 0; i < 15; ++i) {
          const auto& p = pairs[(t + i) % 4];
          auto r = call(*c, "POST", "/api/v1/services",
                        std::string("{\"from\":\"") + p[0] + "\",\"to\":\"" + p[1] +
                            "\",\"bandwidth_gbps\":10}");
          if (r.status == 201) {
            std::lock_guard<std::mutex> lock(mu);
            acknowledged.insert(json::parse(r.body)["id"].get<std::string>());
          }
        }
      });
    }
    for (auto& t : clients) t.join();
    EXPECT_EQ(ids(*c), acknowledged);
  }
  ASSERT_FALSE(acknowledged.empty());
  auto again = make_controller(db, nullptr);  // a restart sees exactly what was acknowledged
  EXPECT_EQ(ids(*again), acknowledged);
}

TEST(GroupCommit, RacingRetriesWithOneKeyMakeOneService) {
  auto c = make_controller(temp_db(), nullptr);
  const std::string body = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";
  std::vector<std::string> answers(8);
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      answers[static_cast<std::size_t>(t)] =
          call(*c, "POST", "/api/v1/services", body, "same-key").body;
    });
  }
  for (auto& t : clients) t.join();
  for (const auto& a : answers) EXPECT_EQ(a, answers[0]);
  EXPECT_NE(answers[0].find("svc-"), std::string::npos) << answers[0];
  EXPECT_EQ(ids(*c).size(), 1u);
}

// A retry that finds its original's reply still waiting for the commit answers only once that
// commit has ended, and with its outcome: were it answered at once, it would acknowledge a
// service that the failing commit then loses.
TEST(GroupCommit, AReplayWaitsForItsOriginalsCommit) {
  std::atomic<bool> fail{false};
  CommitGate gate;
  gate.closed = true;
  auto c = make_controller(temp_db(), &fail, &gate);
  const std::string body = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";
  HttpResponse first, retry;
  std::thread original([&] { first = call(*c, "POST", "/api/v1/services", body, "key-1"); });
  gate.wait_entered();
  std::atomic<bool> retried{false};
  std::thread again([&] {
    retry = call(*c, "POST", "/api/v1/services", body, "key-1");
    retried = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(retried) << "the retry was answered before its original was durable";
  fail = true;
  gate.open();
  original.join();
  again.join();
  EXPECT_EQ(first.status, 500);
  EXPECT_EQ(retry.status, 500) << retry.body;
  EXPECT_TRUE(ids(*c).empty());
}

TEST(GroupCommit, AFailedCommitUndoesWhatItWouldHaveAcknowledged) {
  const std::string db = temp_db();
  std::atomic<bool> fail{false};
  auto c = make_controller(db, &fail);
  const std::string body = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";
  ASSERT_EQ(call(*c, "POST", "/api/v1/services", body).status, 201);
  fail = true;
  auto refused = call(*c, "POST", "/api/v1/services", body);
  EXPECT_EQ(refused.status, 500);
  EXPECT_EQ(json::parse(refused.body)["error"], "store_failed");
  EXPECT_EQ(ids(*c).size(), 1u);  // the unacknowledged service is gone from memory too
  EXPECT_EQ(call(*c, "DELETE", "/api/v1/services/svc-000001").status, 500);
  EXPECT_EQ(ids(*c).size(), 1u);  // and a delete that was not acknowledged did not happen
  fail = false;
  auto later = call(*c, "POST", "/api/v1/services", body);
  EXPECT_EQ(later.status, 201);
  EXPECT_EQ(ids(*c).size(), 2u);
  auto restarted = make_controller(db, nullptr);
  EXPECT_EQ(ids(*restarted), ids(*c));
}

// What the HTTP layer's I/O thread may answer itself (Controller::handle_now): service creates and
// deletes without an Idempotency-Key, for a caller allowed them. Everything else goes to a worker.
TEST(GroupCommit, OnlyQuickRequestsAreAnsweredOnTheCallersThread) {
  auto c = make_controller(temp_db(), nullptr);
  const auto now = [&](const std::string& method, const std::string& path, const std::string& body,
                       const std::map<std::string, std::string>& headers, HttpResponse& answer,
                       std::promise<HttpResponse>* later = nullptr) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.headers = headers;
    r.body = body;
    return c->handle_now(r, answer, [later](HttpResponse resp) {
      if (later) later->set_value(std::move(resp));
    });
  };
  const std::map<std::string, std::string> admin = {{"authorization", "Bearer admin-token-1"}};
  const std::string body = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";
  HttpResponse answer;
  // Stored replies are expired by the first write, and then once a minute, on a worker.
  EXPECT_EQ(now("POST", "/api/v1/services", body, admin, answer), Controller::Now::kDeclined);
  ASSERT_EQ(call(*c, "POST", "/api/v1/services", body).status, 201);
  std::promise<HttpResponse> created;
  ASSERT_EQ(now("POST", "/api/v1/services", body, admin, answer, &created),
            Controller::Now::kLater);
  const HttpResponse made = created.get_future().get();
  EXPECT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(ids(*c).size(), 2u);
  // A refusal changes nothing, so there is nothing to wait for.
  EXPECT_EQ(now("POST", "/api/v1/services", R"({"from": "LSE"})", admin, answer),
            Controller::Now::kAnswered);
  EXPECT_EQ(answer.status, 400);
  auto keyed = admin;
  keyed["idempotency-key"] = "k-1";
  EXPECT_EQ(now("POST", "/api/v1/services", body, keyed, answer), Controller::Now::kDeclined);
  EXPECT_EQ(now("GET", "/api/v1/services", "", admin, answer), Controller::Now::kDeclined);
  EXPECT_EQ(now("POST", "/api/v1/services", body, {}, answer), Controller::Now::kDeclined);
  EXPECT_EQ(ids(*c).size(), 2u);  // the declined create was not made
  std::promise<HttpResponse> deleted;
  const std::string id = json::parse(made.body)["id"].get<std::string>();
  ASSERT_EQ(now("DELETE", "/api/v1/services/" + id, "", admin, answer, &deleted),
            Controller::Now::kLater);
  EXPECT_EQ(deleted.get_future().get().status, 204);
  EXPECT_EQ(ids(*c).size(), 1u);
}

// Over HTTP, a create is answered on the I/O thread and its answer leaves only once its commit
// has ended: with the commit held, the create waits while other requests are answered, a failed
// commit answers 500, and a stopping server waits for the commit it still owes an answer.
TEST(GroupCommit, AnAnswerFromTheIoThreadWaitsForItsCommitAlone) {
  std::atomic<bool> fail{false};
  CommitGate gate;
  const std::string db = temp_db();
  auto c = make_controller(db, &fail, &gate);
  const std::string body = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";
  // The first write expires stored replies on a worker; the creates below are quick ones.
  ASSERT_EQ(call(*c, "POST", "/api/v1/services", body).status, 201);
  const std::set<std::string> before = ids(*c);
  gate.close();
  HttpServer http(*c);
  const int port = http.bind("127.0.0.1", 0).value();
  std::thread serving([&] { http.serve(); });
  const httplib::Headers auth = {{"Authorization", "Bearer admin-token-1"}};
  const auto post = [&] {
    httplib::Client client("127.0.0.1", port);
    auto r = client.Post("/api/v1/services", auth, body, "application/json");
    return r ? r->status : -1;
  };
  std::atomic<int> status{0};
  std::thread creating([&] { status = post(); });
  gate.wait_entered();
  httplib::Client other("127.0.0.1", port);
  other.set_read_timeout(1, 0);
  auto health = other.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto list = other.Get("/api/v1/services", auth);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_EQ(status, 0) << "answered before its commit ended";
  fail = true;
  gate.open();
  creating.join();
  EXPECT_EQ(status, 500);
  EXPECT_EQ(ids(*c), before);

  fail = false;
  gate.close();
  std::thread again([&] { status = post(); });
  gate.wait_entered();
  std::atomic<bool> stopped{false};
  std::thread stopping([&] {
    http.stop();
    serving.join();
    stopped = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(stopped) << "the server went while an answer was still owed";
  gate.open();
  stopping.join();
  again.join();
  // Stopping closed the connection, as it does for a request on a worker; the change it made is
  // durable all the same.
  EXPECT_EQ(ids(*c).size(), 2u);
  auto restarted = make_controller(db, nullptr);
  EXPECT_EQ(ids(*restarted), ids(*c));
}

}  // namespace
}  // namespace lightmesh::server
