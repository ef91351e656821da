// A lean blocking HTTP/1.1 keep-alive client, the load generator for the controller bench.
//
//   LoopbackClient c(port);
//   int status = c.post("/api/v1/services", "Bearer t", R"({"from":"A","to":"B",…})");
//
// Why not the HTTP library's client: it polls the socket before every read and every write. On
// a two-core machine the load generator shares the cores with the server it measures, so each
// of its system calls is time taken from the server. This client makes one send and usually one
// receive per request.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace lightmesh::bench {

class LoopbackClient {
 public:
  explicit LoopbackClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) close();
  }
  ~LoopbackClient() { close(); }
  LoopbackClient(const LoopbackClient&) = delete;
  LoopbackClient& operator=(const LoopbackClient&) = delete;

  // The answer's status code, or −1 when the connection failed (it stays closed after).
  int post(const std::string& path, const std::string& authorization, const std::string& body) {
    if (fd_ < 0) return -1;
    const std::string request =
        "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n" + body;
    if (!send_all(request)) return fail();
    // Headers, then as many body bytes as Content-Length says.
    std::size_t head_end;
    while ((head_end = in_.find("\r\n\r\n")) == std::string::npos) {
      if (!receive()) return fail();
    }
    const std::string head = in_.substr(0, head_end);
    const int status = head.size() > 12 ? std::atoi(head.c_str() + 9) : -1;
    std::size_t length = 0;
    for (const char* name : {"\r\nContent-Length: ", "\r\ncontent-length: "}) {
      if (const auto at = head.find(name); at != std::string::npos)
        length =
            std::strtoul(head.c_str() + at + std::char_traits<char>::length(name), nullptr, 10);
    }
    while (in_.size() < head_end + 4 + length) {
      if (!receive()) return fail();
    }
    in_.erase(0, head_end + 4 + length);
    return status;
  }

 private:
  bool send_all(const std::string& s) {
    std::size_t sent = 0;
    while (sent < s.size()) {
      const ssize_t n = ::send(fd_, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  bool receive() {
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  int fail() {
    close();
    return -1;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  int fd_ = -1;
  std::string in_;
};

}  // namespace lightmesh::bench
