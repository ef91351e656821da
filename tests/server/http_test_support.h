// What the tests of the HTTP layer share: a raw loopback TCP client that controls exactly which
// bytes arrive and when, and an HttpServer over London on a free port with its own SQLite file.
//
//   auto served = serve_london({.io_timeout_ms = 500});
//   RawClient c(served->port);
//   c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "io/load.h"
#include "server/controller.h"
#include "server/http_server.h"
#include "store/sqlite_store.h"

namespace lightmesh::server::http_test {

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
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  // Sends all of `bytes` unless the server stops taking them; true if all went.
  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // True if the server closed the connection (or answered and closed) within `ms`; what it sent
  // is in received().
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
  // True once what the server sent contains `text`, within `ms`.
  bool received_within(const std::string& text, int ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    char buf[4096];
    while (received_.find(text) == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      received_.append(buf, static_cast<std::size_t>(n));
    }
    return received_.find(text) != std::string::npos;
  }
  const std::string& received() const { return received_; }
  // The status of the first answer received, or 0.
  int status() const {
    if (received_.rfind("HTTP/1.1 ", 0) != 0 || received_.size() < 12) return 0;
    return std::stoi(received_.substr(9, 3));
  }
  // The body of the first answer received (everything after the head).
  std::string body() const {
    const auto end = received_.find("\r\n\r\n");
    return end == std::string::npos ? "" : received_.substr(end + 4);
  }

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

inline constexpr const char* kAdminToken = "admin-token-1";

inline constexpr const char* kAdminOnlyTokens =
    R"({"tokens": [{"token": "admin-token-1", "tenant": "ops", "role": "admin"}]})";

// `tokens`: the tokens file's text; `gnpy_equipment`: the controller's GNPy library for path
// computations that bring none.
inline std::unique_ptr<Served> serve_london(HttpServer::Options options,
                                            const char* tokens_text = kAdminOnlyTokens,
                                            std::optional<Equipment> gnpy_equipment = {}) {
  namespace fs = std::filesystem;
  static const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json").value();
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-http-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto fabric =
      fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{1}; }).value();
  auto store = store::SqliteStore::open((dir / "state.db").string()).value();
  auto tokens = Tokens::parse(tokens_text, "tokens.json").value();
  auto s = std::make_unique<Served>();
  s->controller = std::make_unique<Controller>(net, std::move(fabric), std::move(store), tokens,
                                               std::move(gnpy_equipment));
  s->http = std::make_unique<HttpServer>(*s->controller, options);
  s->port = s->http->bind("127.0.0.1", 0).value();
  s->thread = std::thread([srv = s.get()] { srv->http->serve(); });
  return s;
}

inline int service_count(int port) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get("/api/v1/services", {{"Authorization", "Bearer admin-token-1"}});
  return r ? static_cast<int>(nlohmann::json::parse(r->body)["items"].size()) : -1;
}

}  // namespace lightmesh::server::http_test
