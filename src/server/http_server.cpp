#include "server/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace lightmesh::server {

struct HttpServer::Impl {
  Controller* controller;
  httplib::Server http;
};

namespace {

void dispatch(Controller& c, const httplib::Request& in, httplib::Response& out) {
  HttpRequest req;
  req.method = in.method;
  req.path = in.path;
  for (const auto& [k, v] : in.params) req.query[k] = v;
  for (const auto& [k, v] : in.headers) {
    std::string name = k;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    req.headers[name] = v;
  }
  req.body = in.body;
  HttpResponse resp = c.handle(req);
  out.status = resp.status;
  for (const auto& [k, v] : resp.headers) out.set_header(k, v);
  if (!resp.body.empty()) out.set_content(resp.body, resp.content_type.c_str());
}

}  // namespace

HttpServer::HttpServer(Controller& controller, Options options) : impl_(std::make_unique<Impl>()) {
  impl_->controller = &controller;
  auto& http = impl_->http;
  // Limits: bodies over 1 MiB get 413, and slow clients are cut off after a silence.
  http.set_payload_max_length(Controller::kMaxBodyBytes);
  const time_t sec = options.io_timeout_ms / 1000;
  const time_t usec = static_cast<time_t>(options.io_timeout_ms % 1000) * 1000;
  http.set_read_timeout(sec, usec);
  http.set_write_timeout(sec, usec);
  // An idle keep-alive connection also holds a thread, so it gets the same patience.
  http.set_keep_alive_timeout(std::max<time_t>(1, sec));
  http.set_keep_alive_max_count(1000);
  // The library's default SO_REUSEPORT would let a second server bind the same port and split
  // the traffic silently; SO_REUSEADDR alone still allows a quick restart.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_tcp_nodelay(true);  // small JSON answers must not wait for Nagle and delayed ACKs
  auto handler = [this](const httplib::Request& in, httplib::Response& out) {
    dispatch(*impl_->controller, in, out);
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.Patch(".*", handler);
  http.set_error_handler([](const httplib::Request&, httplib::Response& out) {
    if (!out.body.empty()) return;
    const std::string error = out.status == 413 ? "body_too_large" : "http_error";
    out.set_content("{\"error\": \"" + error + "\", \"detail\": \"HTTP " +
                        std::to_string(out.status) + "\", \"where\": \"\"}\n",
                    "application/json");
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& out, std::exception_ptr) {
        out.status = 500;
        out.set_content(
            "{\"error\": \"internal\", \"detail\": \"unexpected error\", \"where\": \"\"}\n",
            "application/json");
      });
}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host)
                              : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return Error::io("cannot listen on " + host + ":" + std::to_string(port) +
                     " (is another server using the port? port 0 picks a free one)");
  }
  return bound;
}

void HttpServer::serve() { impl_->http.listen_after_bind(); }

void HttpServer::stop() {
  if (impl_) impl_->http.stop();
}

}  // namespace lightmesh::server
