#include "server/http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server/tapi.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

// The library's own pool has a fixed number of threads (8 on a small machine), and a connection
// holds its thread while it is open: eight clients trickling their headers kept every other
// request waiting. This pool starts a thread whenever a connection finds none idle, up to `max`,
// and keeps it for the next connection.
class WorkerPool final : public httplib::TaskQueue {
 public:
  explicit WorkerPool(std::size_t max) : max_(std::max<std::size_t>(1, max)) {}
  ~WorkerPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(fn));
    if (idle_ < jobs_.size() && threads_.size() < max_) threads_.emplace_back([this] { work(); });
    ready_.notify_one();
  }

  // Called by the listener once it accepts no more; waits for the connections in hand.
  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      ++idle_;
      ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;
      std::function<void()> fn = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      fn();
      lock.lock();
    }
  }

  const std::size_t max_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  std::vector<std::thread> threads_;        // guarded by mu_ (joined once the listener is done)
  std::size_t idle_ = 0;                    // guarded by mu_
  bool stopping_ = false;                   // guarded by mu_
};

// An error the HTTP layer answers itself, in the form the path's API speaks: RESTCONF errors
// (RFC 8040 §7.1) under /restconf/, else the REST API's {"error","detail","where"}.
HttpResponse http_error(const std::string& path, int status, const std::string& error,
                        const std::string& detail, const std::string& where = "") {
  HttpResponse r;
  r.status = status;
  if (!is_tapi_path(path)) {
    r.body = json{{"error", error}, {"detail", detail}, {"where", where}}.dump(2) + "\n";
    return r;
  }
  // RFC 8040 §7's table of error-tags and statuses.
  const char* tag = status == 400   ? "malformed-message"
                    : status == 413 ? "too-big"
                    : status == 414 ? "too-big"
                    : status == 431 ? "too-big"
                    : status == 405 ? "operation-not-supported"
                    : status < 500  ? "invalid-value"
                                    : "operation-failed";
  json e = {{"error-type", status == 400 || status == 408 ? "transport" : "protocol"},
            {"error-tag", tag}};
  if (!where.empty()) e["error-path"] = where;
  e["error-message"] = detail;
  r.body = json{{"ietf-restconf:errors", {{"error", json::array({e})}}}}.dump(2) + "\n";
  r.content_type = "application/yang-data+json";
  return r;
}

// The error the library left bodiless (a head it could not parse, a URI too long, ...).
HttpResponse library_error(const std::string& path, int status) {
  switch (status) {
    case 400:
      return http_error(path, 400, "bad_request",
                        "the request could not be read as HTTP/1.1 (a malformed request line or "
                        "header, or a body cut short)");
    case 408:
      return http_error(path, 408, "timeout", "the request did not arrive in time");
    case 413:
      return http_error(
          path, 413, "body_too_large",
          "the body is larger than " + std::to_string(Controller::kMaxBodyBytes >> 20) + " MiB");
    case 414:
      return http_error(path, 414, "uri_too_long", "the request line is longer than 8 KiB");
    case 416:
      return http_error(path, 416, "bad_range", "Range requests are not supported", "Range");
    default:
      return http_error(path, status, "http_error", "HTTP " + std::to_string(status));
  }
}

// `declared`: the Content-Length said so; else the body read so far did.
HttpResponse body_too_large(const std::string& path, bool declared) {
  return http_error(path, 413, "body_too_large",
                    "the body is larger than " + std::to_string(Controller::kMaxBodyBytes >> 20) +
                        " MiB (" + std::to_string(Controller::kMaxBodyBytes) + " bytes)",
                    declared ? "Content-Length" : "");
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

HttpRequest to_request(const httplib::Request& in) {
  HttpRequest req;
  req.method = in.method;
  req.path = in.path;
  for (const auto& [k, v] : in.params) req.query[k] = v;
  for (const auto& [k, v] : in.headers) req.headers[lower(k)] = v;
  return req;
}

// How long a stream's writer waits for more before it looks whether the server is stopping.
constexpr std::chrono::milliseconds kStreamPoll{1000};

// A streamed answer goes out chunked as it comes. The library calls the provider again while it
// returns true, so each call waits for the next chunk; a write that fails (the client has gone)
// ends the connection.
void answer_streamed(httplib::Response& out, const HttpResponse& resp) {
  out.status = resp.status;
  for (const auto& [k, v] : resp.headers) out.set_header(k, v);
  out.set_chunked_content_provider(
      resp.content_type.c_str(),
      [stream = resp.stream, first = resp.body](std::size_t offset, httplib::DataSink& sink) {
        // An empty write would end the library's loop, so only text is ever written.
        if (offset == 0 && !first.empty()) return sink.write(first.data(), first.size());
        std::string chunk;
        if (!stream->next(chunk, kStreamPoll)) {
          sink.done();
          return true;
        }
        return chunk.empty() || sink.write(chunk.data(), chunk.size());
      });
}

// Bodies above this go out uncompressed. The library compresses a whole body with Brotli at its
// highest quality when the client accepts it, as every browser does: measured on this 2-core
// machine under load, 9–10 s for the web console's 860 KB script, against 0.04 s uncompressed.
// Smaller bodies (almost every API answer) still compress in a few milliseconds.
constexpr std::size_t kMaxCompressedBytes = 64 << 10;

void answer(httplib::Response& out, const HttpResponse& resp) {
  if (resp.stream) return answer_streamed(out, resp);
  out.status = resp.status;
  for (const auto& [k, v] : resp.headers) out.set_header(k, v);
  if (resp.body.size() > kMaxCompressedBytes) {
    // The library compresses only bodies it holds and chunked providers, never a provider of
    // known length.
    auto body = std::make_shared<const std::string>(resp.body);
    out.set_content_provider(
        body->size(), resp.content_type.c_str(),
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          return sink.write(body->data() + offset, length);
        });
    return;
  }
  if (!resp.body.empty()) out.set_content(resp.body, resp.content_type.c_str());
}

// Answers and then ends the connection, so the rest of what the client sends (the body of a
// refused request) is never read. The library closes a connection only when writing fails, so the
// body goes out through a provider that writes it all and then reports a failure.
void answer_and_close(httplib::Response& out, const HttpResponse& resp) {
  out.status = resp.status;
  for (const auto& [k, v] : resp.headers) out.set_header(k, v);
  out.set_header("Connection", "close");
  auto body = std::make_shared<const std::string>(resp.body);
  out.set_content_provider(body->size(), resp.content_type.c_str(),
                           [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             sink.write(body->data() + offset, length);
                             return false;
                           });
}

// A declared body over the limit but not over this is read and thrown away, so that a client that
// sends its body without waiting for an answer (most do, below curl's 1 MiB) sees the 413 rather
// than a connection reset; one declared larger is refused without reading and the connection
// closed. Memory stays at the limit either way.
constexpr std::size_t kMaxDiscardBytes = 64 << 20;

bool has_body_method(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// A Content-Length over `limit` (or not a number the size of one: the library would read it as 0
// and take the body for the next request).
bool declared_over(const std::string& length, std::size_t limit) {
  if (length.empty()) return false;
  if (length.size() > 12 ||
      !std::all_of(length.begin(), length.end(), [](unsigned char ch) { return std::isdigit(ch); }))
    return true;
  return std::stoull(length) > limit;
}

// What the head alone decides, before a byte of the body is read. A client that waits for
// "100 Continue" has sent no body yet, so any declared size over the limit is refused at once.
std::optional<HttpResponse> refuse_head(const Controller& controller, const httplib::Request& in,
                                        bool awaiting_continue) {
  if (auto refused = controller.refuse_before_body(to_request(in))) return refused;
  if (!has_body_method(in.method)) return std::nullopt;
  const std::size_t limit = awaiting_continue ? Controller::kMaxBodyBytes : kMaxDiscardBytes;
  if (declared_over(in.get_header_value("Content-Length"), limit))
    return body_too_large(in.path, true);
  // The library would parse a multipart body itself (and has no JSON in it for us).
  if (lower(in.get_header_value("Content-Type")).rfind("multipart/", 0) == 0) {
    return http_error(in.path, 415, "unsupported_media_type",
                      "bodies are JSON: send Content-Type: application/json", "Content-Type");
  }
  return std::nullopt;
}

}  // namespace

struct HttpServer::Impl {
  Controller* controller;
  std::unique_ptr<httplib::Server> http;
  std::string tls_files;  // "CERT and KEY" when serving HTTPS, for messages
  int listening = -1;     // the socket the library last created to listen on
};

// The library (built as a shared object) listens with a backlog of 5. A sixth client connecting
// while the accept thread is busy then has its SYN dropped and waits the kernel's 1 s
// retransmission: the 8-client benchmark had a 1 s request in some runs (its two modes), and a
// /healthz probe under load could wait past 1 s. listen() again on the bound socket raises it
// (the kernel caps it at net.core.somaxconn).
constexpr int kListenBacklog = 1024;

HttpServer::HttpServer(Controller& controller, Options options) : impl_(std::make_unique<Impl>()) {
  impl_->controller = &controller;
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    impl_->http =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    impl_->tls_files = options.tls_cert + " and " + options.tls_key;
  } else {
    impl_->http = std::make_unique<httplib::Server>();
  }
  auto& http = *impl_->http;
  const std::size_t max_threads = static_cast<std::size_t>(std::max(1, options.max_threads));
  http.new_task_queue = [max_threads] { return new WorkerPool(max_threads); };
  // The library's own limit on a declared body (it would skip a larger one whole): refuse_head()
  // refuses those first, and the reader below bounds every body.
  http.set_payload_max_length(kMaxDiscardBytes);
  const time_t sec = options.io_timeout_ms / 1000;
  const time_t usec = static_cast<time_t>(options.io_timeout_ms % 1000) * 1000;
  http.set_read_timeout(sec, usec);
  http.set_write_timeout(sec, usec);
  // An idle keep-alive connection also holds a thread, so it gets the same patience.
  http.set_keep_alive_timeout(std::max<time_t>(1, sec));
  http.set_keep_alive_max_count(1000);
  // The library's default SO_REUSEPORT would let a second server bind the same port and split
  // the traffic silently; SO_REUSEADDR alone still allows a quick restart.
  http.set_socket_options([impl = impl_.get()](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl->listening = sock;
  });
  http.set_tcp_nodelay(true);  // small JSON answers must not wait for Nagle and delayed ACKs

  // Runs once the head is read and before any body is: curl and others wait for this answer
  // before they send a large body ("Expect: 100-continue")...
  http.set_expect_100_continue_handler([this](const httplib::Request& in, httplib::Response& out) {
    auto refused = refuse_head(*impl_->controller, in, /*awaiting_continue=*/true);
    if (!refused) return 100;
    answer_and_close(out, *refused);
    return refused->status;
  });
  // ... and the others get the same answer before their body is read.
  http.set_pre_routing_handler([this](const httplib::Request& in, httplib::Response& out) {
    auto refused = refuse_head(*impl_->controller, in, /*awaiting_continue=*/false);
    if (!refused) return httplib::Server::HandlerResponse::Unhandled;
    answer_and_close(out, *refused);
    return httplib::Server::HandlerResponse::Handled;
  });

  auto without_body = [this](const httplib::Request& in, httplib::Response& out) {
    answer(out, impl_->controller->handle(to_request(in)));
  };
  // Handlers that read the body themselves: the library's own reading has no limit for chunked
  // bodies and caps form-encoded ones (curl -d's default type) at 8 KiB.
  auto with_body = [this](const httplib::Request& in, httplib::Response& out,
                          const httplib::ContentReader& read) {
    HttpRequest req = to_request(in);
    // Without either header a request has no body (RFC 9112 §6.3); the library would wait for
    // the connection to close.
    if (!in.has_header("Content-Length") && !in.has_header("Transfer-Encoding"))
      return answer(out, impl_->controller->handle(req));
    // A declared body (at most kMaxDiscardBytes, by refuse_head) is read to its end, the part over
    // the limit thrown away, so the connection can go on; a chunked one stops at the limit.
    const bool declared = in.has_header("Content-Length");
    bool too_large = false;
    const bool complete = read([&](const char* data, std::size_t n) {
      if (!too_large && n <= Controller::kMaxBodyBytes - req.body.size()) {
        req.body.append(data, n);
        return true;
      }
      too_large = true;
      return declared;
    });
    if (too_large && declared && complete) return answer(out, body_too_large(in.path, true));
    if (too_large) return answer_and_close(out, body_too_large(in.path, false));
    if (!complete) return answer_and_close(out, library_error(in.path, 400));
    answer(out, impl_->controller->handle(req));
  };
  http.Get(".*", without_body);
  http.Post(".*", with_body);
  http.Put(".*", with_body);
  http.Delete(".*", with_body);
  http.Patch(".*", with_body);
  http.set_error_handler([](const httplib::Request& in, httplib::Response& out) {
    if (!out.body.empty() || out.content_provider_) return;
    const HttpResponse resp = library_error(in.path, out.status);
    out.set_content(resp.body, resp.content_type.c_str());
  });
  http.set_exception_handler(
      [](const httplib::Request& in, httplib::Response& out, std::exception_ptr) {
        answer(out, http_error(in.path, 500, "internal", "unexpected error"));
      });
}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::bind(const std::string& host, int port) {
  if (!impl_->http->is_valid()) {
    return Error::invalid(
               "cannot load the TLS certificate and private key (expected PEM files, the key "
               "matching the certificate)")
        .at(impl_->tls_files);
  }
  const int bound = port == 0 ? impl_->http->bind_to_any_port(host)
                              : (impl_->http->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return Error::io("cannot listen on " + host + ":" + std::to_string(port) +
                     " (is another server using the port? port 0 picks a free one)");
  }
  if (impl_->listening >= 0) (void)::listen(impl_->listening, kListenBacklog);
  return bound;
}

void HttpServer::serve() { impl_->http->listen_after_bind(); }

void HttpServer::stop() {
  if (!impl_ || !impl_->http) return;
  // Open event streams end too, or the listener would wait for their clients to leave.
  impl_->controller->stop_streams();
  impl_->http->stop();
}

}  // namespace lightmesh::server
