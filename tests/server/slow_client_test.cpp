// Slow and stalled clients over loopback: a client that sends half a request and goes quiet is cut
// off after the I/O timeout, other clients are served meanwhile, and nothing it half-sent changes
// the state.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "io/load.h"
#include "server/controller.h"
#include "server/http_server.h"
#include "store/sqlite_store.h"

namespace lightmesh::server {
namespace {

namespace fs = std::filesystem;

// A raw TCP connection to the server, so the test controls exactly which bytes arrive and when.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(const std::string& bytes) { (void)::send(fd_, bytes.data(), bytes.size(), 0); }
  // True if the server closed the connection (or answered and closed) within `ms`.
  bool closed_within(int ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    char buf[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
      received_.append(buf, static_cast<std::size_t>(n));
    }
    return false;
  }
  const std::string& received() const { return received_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string received_;
};

struct Served {
  std::unique_ptr<Controller> controller;
  std::unique_ptr<HttpServer> http;
  std::thread thread;
  int port = 0;
  ~Served() {
    http->stop();
    thread.join();
  }
};

std::unique_ptr<Served> serve_london(int io_timeout_ms) {
  static const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json").value();
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-slow-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto fabric =
      fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{1}; }).value();
  auto store = store::SqliteStore::open((dir / "state.db").string()).value();
  auto tokens =
      Tokens::parse(R"({"tokens": [{"token": "admin-token-1", "tenant": "ops", "role": "admin"}]})",
                    "tokens.json")
          .value();
  auto s = std::make_unique<Served>();
  s->controller = std::make_unique<Controller>(net, std::move(fabric), std::move(store), tokens);
  s->http = std::make_unique<HttpServer>(*s->controller,
                                         HttpServer::Options{.io_timeout_ms = io_timeout_ms});
  s->port = s->http->bind("127.0.0.1", 0).value();
  s->thread = std::thread([srv = s.get()] { srv->http->serve(); });
  return s;
}

int service_count(int port) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get("/api/v1/services", {{"Authorization", "Bearer admin-token-1"}});
  return r ? static_cast<int>(nlohmann::json::parse(r->body)["items"].size()) : -1;
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

}  // namespace
}  // namespace lightmesh::server
