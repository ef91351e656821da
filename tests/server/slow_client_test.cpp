// Slow and stalled clients over loopback: a client that sends half a request and goes quiet is cut
// off after the I/O timeout, other clients are served meanwhile, and nothing it half-sent changes
// the state.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "server/http_test_support.h"

namespace lightmesh::server {
namespace {

using http_test::RawClient;
using http_test::service_count;

std::unique_ptr<http_test::Served> serve_london(int io_timeout_ms) {
  return http_test::serve_london({.io_timeout_ms = io_timeout_ms});
}

TEST(SlowClients, StalledRequestsAreCutOffAndOthersAreServed) {
  auto served = serve_london(/*io_timeout_ms=*/500);
  const std::string body = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";
  // One stalls inside the headers, one after promising a body it never finishes.
  RawClient in_headers(served->port);
  in_headers.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nAuthoriz");
  RawClient in_body(served->port);
  in_body.send(
      "POST /api/v1/services HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin-token-1\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  ASSERT_TRUE(in_headers.connected() && in_body.connected());

  // Meanwhile a well-behaved client is served.
  httplib::Client good("127.0.0.1", served->port);
  good.set_read_timeout(5, 0);
  auto r = good.Post("/api/v1/services", {{"Authorization", "Bearer admin-token-1"}}, body,
                     "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);

  // The stalled ones are dropped (generous bound: the timeout is 0.5 s), and the half-sent create
  // booked nothing.
  EXPECT_TRUE(in_headers.closed_within(10000));
  EXPECT_TRUE(in_body.closed_within(10000));
  EXPECT_EQ(service_count(served->port), 1);
}

TEST(SlowClients, GarbageAndOversizedHeadersGetAnErrorNotACrash) {
  auto served = serve_london(/*io_timeout_ms=*/500);
  RawClient garbage(served->port);
  garbage.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n");
  EXPECT_TRUE(garbage.closed_within(10000));
  RawClient huge(served->port);
  huge.send("GET /api/v1/services HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') +
            "\r\n\r\n");
  EXPECT_TRUE(huge.closed_within(10000));
  EXPECT_EQ(service_count(served->port), 0);  // still serving, nothing changed
}

// Many clients that each trickle a header line now and then, never finishing their request, hold
// one connection each and no more: /healthz is answered meanwhile. (The library's fixed pool has 8
// threads on a small machine: 8 such clients stalled every request for as long as they trickled.)
// The probe waits up to 5 s, not 1 s, because `make test` runs other tests beside it on two cores;
// a held pool never answers while the tricklers go on, so the longer wait still tells the two
// apart.
TEST(SlowClients, TricklingClientsDoNotHoldTheOthers) {
  auto served = serve_london(/*io_timeout_ms=*/2000);
  constexpr int kTricklers = 24;
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < kTricklers; ++i) {
    slow.push_back(std::make_unique<RawClient>(served->port));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->send("GET /api/v1/services HTTP/1.1\r\nHost: x\r\n");
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    for (int line = 0; !done; ++line) {
      for (auto& c : slow) c->send("X-Slow-" + std::to_string(line) + ": 1\r\n");
      for (int i = 0; i < 6 && !done; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // every trickler is being read
  int answered = 0;
  for (int i = 0; i < 5; ++i) {
    httplib::Client c("127.0.0.1", served->port);
    c.set_connection_timeout(5, 0);
    c.set_read_timeout(5, 0);
    auto r = c.Get("/healthz");
    answered += r && r->status == 200;
  }
  done = true;
  trickle.join();
  EXPECT_EQ(answered, 5);
}

// A head must be whole within its own deadline (twice the I/O timeout), however steadily its bytes
// trickle in: each line here comes well within the timeout, and it is still cut off.
TEST(SlowClients, AHeadThatNeverEndsIsCutOffThoughEachByteComesInTime) {
  auto served = serve_london(/*io_timeout_ms=*/400);
  RawClient c(served->port);
  ASSERT_TRUE(c.send("GET /api/v1/services HTTP/1.1\r\nHost: x\r\n"));
  bool closed = false;
  // 40 lines 100 ms apart: 4 s, ten times the head's deadline of 0.8 s.
  for (int line = 0; line < 40 && !closed; ++line) {
    closed = !c.send("X-Slow-" + std::to_string(line) + ": 1\r\n") || c.closed_within(100);
  }
  EXPECT_TRUE(closed);
}

// Connections waiting for their clients hold no thread: with a pool of two, thirty stalled
// clients (half a head each, or a promised body that never comes) leave the server answering.
TEST(SlowClients, StalledClientsHoldNoWorker) {
  auto served = http_test::serve_london({.io_timeout_ms = 5000, .max_threads = 2});
  std::vector<std::unique_ptr<RawClient>> stalled;
  for (int i = 0; i < 30; ++i) {
    stalled.push_back(std::make_unique<RawClient>(served->port));
    ASSERT_TRUE(stalled.back()->connected());
    stalled.back()->send(i % 2 == 0 ? std::string("GET /api/v1/services HTTP/1.1\r\nHost: x\r\n")
                                    : std::string("POST /api/v1/services HTTP/1.1\r\nHost: x\r\n"
                                                  "Authorization: Bearer admin-token-1\r\n"
                                                  "Content-Length: 100\r\n\r\n{"));
  }
  for (int i = 0; i < 5; ++i) {
    httplib::Client good("127.0.0.1", served->port);
    good.set_read_timeout(2, 0);
    auto r = good.Get("/healthz");
    ASSERT_TRUE(r) << "request " << i << " got no answer";
    EXPECT_EQ(r->status, 200);
  }
}

}  // namespace
}  // namespace lightmesh::server
