// libFuzzer target: the HTTP layer itself. Each input is the byte stream of one client connection
// (one or several pipelined requests, in any shape), sent over loopback to a real HttpServer over
// the London example; the client then half-closes and reads until the server closes. Beyond "no
// crash", it checks that whatever the server answered starts as an HTTP/1.1 status line, and that
// the server still answers /healthz on a fresh connection afterwards (so no input leaves it stuck).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "london_controller.h"
#include "server/http_server.h"

namespace {

using lightmesh::server::HttpServer;

constexpr const char* kToken = "fuzz-admin-token";

// One connection's exchange: sends `bytes`, half-closes, and returns what came back before the
// server closed (or `wait` passed).
std::string exchange(int port, const std::string& bytes, std::chrono::milliseconds wait) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::fprintf(stderr, "http_fuzz: cannot connect to the server\n");
    std::abort();
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (a refusal): what it sent is still read
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string got;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  char buf[16384];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return got;
}

// A real server over the London controller, on a free loopback port.
struct Harness {
  lightmesh::fuzz::LondonController london{kToken};
  std::unique_ptr<HttpServer> http;
  std::thread loop;
  int port = 0;

  Harness() {
    // A short I/O timeout: an input that stops mid-head is cut off quickly.
    http =
        std::make_unique<HttpServer>(*london.controller, HttpServer::Options{.io_timeout_ms = 300});
    port = http->bind("127.0.0.1", 0).value();
    loop = std::thread([this] { http->serve(); });
  }
  // At the fuzzer's exit: the server stops and its thread is joined (a joinable thread destroyed
  // would end the process with std::terminate).
  ~Harness() {
    http->stop();
    loop.join();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Harness h;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::string answer = exchange(h.port, bytes, std::chrono::seconds(3));
  if (!answer.empty() && answer.rfind("HTTP/1.1 ", 0) != 0) {
    std::fprintf(stderr, "http_fuzz: the answer does not start with a status line: %.80s\n",
                 answer.c_str());
    std::abort();
  }
  const std::string health =
      exchange(h.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
               std::chrono::seconds(5));
  if (health.rfind("HTTP/1.1 200 ", 0) != 0) {
    std::fprintf(stderr, "http_fuzz: /healthz did not answer 200 after the input: %.80s\n",
                 health.c_str());
    std::abort();
  }
  return 0;
}
