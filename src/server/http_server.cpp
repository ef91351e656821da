#include "server/http_server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cctype>
#include <chrono>
#include <limits>
#include <list>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "server/tapi.h"
#include "server/worker_pool.h"

namespace lightmesh::server {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

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

HttpResponse bad_request(const std::string& path) {
  return http_error(path, 400, "bad_request",
                    "the request could not be read as HTTP/1.1 (a malformed request line or "
                    "header, or a body cut short)");
}

// `declared`: the Content-Length said so; else the body read so far did.
HttpResponse body_too_large(const std::string& path, bool declared) {
  return http_error(path, 413, "body_too_large",
                    "the body is larger than " + std::to_string(Controller::kMaxBodyBytes >> 20) +
                        " MiB (" + std::to_string(Controller::kMaxBodyBytes) + " bytes)",
                    declared ? "Content-Length" : "");
}

std::string_view view(beast::string_view v) { return {v.data(), v.size()}; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding (RFC 3986 §2.1); a '%' not followed by two hex digits stays as it is. In a
// query, '+' is a space (HTML forms).
std::string decode_url(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2])));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The head of a parsed request as the handlers see it: the path and query decoded, header names
// in lower case (a repeated name or query key keeps its last value).
HttpRequest to_request(const http::request_parser<http::string_body>& parser) {
  const auto& in = parser.get();
  HttpRequest req;
  req.method = std::string(view(in.method_string()));
  const std::string_view target = view(in.target());
  const std::size_t q = target.find('?');
  req.path = decode_url(target.substr(0, q), false);
  if (q != std::string_view::npos) {
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
      const std::size_t amp = rest.find('&');
      const std::string_view item = rest.substr(0, amp);
      if (!item.empty()) {
        const std::size_t eq = item.find('=');
        req.query[decode_url(item.substr(0, eq), true)] =
            eq == std::string_view::npos ? std::string() : decode_url(item.substr(eq + 1), true);
      }
      if (amp == std::string_view::npos) break;
      rest = rest.substr(amp + 1);
    }
  }
  for (const auto& field : in)
    req.headers[lower(std::string(view(field.name_string())))] = std::string(view(field.value()));
  return req;
}

// A declared body over the limit but not over this is read and thrown away, so that a client that
// sends its body without waiting for an answer (most do, below curl's 1 MiB) sees the 413 rather
// than a connection reset; one declared larger is refused without reading and the connection
// closed. Memory stays at the limit either way.
constexpr std::uint64_t kMaxDiscardBytes = 64 << 20;

bool has_body_method(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// What the head alone decides, before a byte of the body is read. A client that waits for
// "100 Continue" has sent no body yet, so any declared size over the limit is refused at once.
std::optional<HttpResponse> refuse_head(const Controller& controller, const HttpRequest& req,
                                        std::optional<std::uint64_t> declared,
                                        bool awaiting_continue) {
  if (auto refused = controller.refuse_before_body(req)) return refused;
  if (!has_body_method(req.method)) return std::nullopt;
  const std::uint64_t limit = awaiting_continue ? Controller::kMaxBodyBytes : kMaxDiscardBytes;
  if (declared && *declared > limit) return body_too_large(req.path, true);
  if (lower(req.header("content-type")).rfind("multipart/", 0) == 0) {
    return http_error(req.path, 415, "unsupported_media_type",
                      "bodies are JSON: send Content-Type: application/json", "Content-Type");
  }
  return std::nullopt;
}

// The bytes of an answer's status line and headers. A streamed answer goes out chunked.
std::string response_head(const HttpResponse& resp, std::size_t body_bytes, bool close) {
  std::string head = "HTTP/1.1 " + std::to_string(resp.status) + " ";
  head += view(http::obsolete_reason(static_cast<http::status>(resp.status)));
  head += "\r\n";
  for (const auto& [k, v] : resp.headers) head += k + ": " + v + "\r\n";
  if (!resp.body.empty() || resp.stream) head += "Content-Type: " + resp.content_type + "\r\n";
  if (resp.stream) {
    head += "Transfer-Encoding: chunked\r\n";
  } else {
    head += "Content-Length: " + std::to_string(body_bytes) + "\r\n";
  }
  if (close) head += "Connection: close\r\n";
  head += "\r\n";
  return head;
}

std::string chunk_of(const std::string& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

// How long a stream's writer waits for more before it looks whether the server is stopping.
constexpr std::chrono::milliseconds kStreamPoll{1000};

// The longest request line answered 414 rather than 431 when the head is too large, and the
// largest head read at all.
constexpr std::size_t kMaxRequestLine = 8 << 10;
constexpr std::uint32_t kMaxHeadBytes = 64 << 10;

// How often deadlines are looked at: they are coarse on purpose, so that no request pays for a
// timer of its own.
constexpr std::chrono::milliseconds kSweepEvery{100};

// What the connections share: the controller, the I/O loop, the worker pool and the settings.
// Every socket operation runs on the one I/O thread (serve()'s), so connections need no locks;
// request handlers run on the worker pool, because they may wait (for a durable commit, a
// device, the database) and must not hold up other connections' I/O.
struct Shared {
  explicit Shared(std::size_t max_threads) : workers(max_threads) {}
  Controller* controller = nullptr;
  HttpServer::Options options;
  asio::io_context io{1};
  WorkerPool workers;  // after io: joined before the loop goes
  // Answers of quick requests still to come from a commit; they post to `io`, so the server waits
  // for them before it goes.
  std::atomic<int> answers_awaited{0};
};

// An open connection as the listener sees it: for the deadline sweep and for stop().
struct OpenConnection {
  virtual ~OpenConnection() = default;
  virtual Clock::time_point deadline() const = 0;
  virtual void close() = 0;
};

// One client connection over `Stream` (a TCP socket, or TLS over one): reads a request's head,
// decides what the head alone can, reads the body within its limits, hands the request to a
// worker, writes the answer and, for a keep-alive client, starts over.
template <typename Stream>
class Connection final : public OpenConnection,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(Shared& server, Stream stream) : server_(server), stream_(std::move(stream)) {}

  void start() {
    if constexpr (std::is_same_v<Stream, tcp::socket>) {
      await_request();
    } else {
      deadline_ = Clock::now() + io_timeout();
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->close();
                                self->await_request();
                              });
    }
  }

  Clock::time_point deadline() const override { return deadline_; }

  void close() override {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    stream_.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
  }

 private:
  std::chrono::milliseconds io_timeout() const {
    return std::chrono::milliseconds(std::max(1, server_.options.io_timeout_ms));
  }

  // Waits for a request; bytes of a pipelined one may already be in the buffer.
  void await_request() {
    parser_.emplace();
    parser_->header_limit(kMaxHeadBytes);
    // A declared length is judged in on_head(), after the token; the parser would refuse it first.
    // (boost::none would compare below every length in this Boost and refuse all of them.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    head_started_ = false;
    head_only_ = false;
    state_ = State::kHead;
    deadline_ = Clock::now() + io_timeout();  // an idle keep-alive connection's patience
    if (buffer_.size() > 0) return parse();
    read();
  }

  void read() {
    auto space = buffer_.prepare(16 << 10);
    stream_.async_read_some(space,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->parse();
                            });
  }

  // Feeds what was read to the parser, then decides what comes next.
  void parse() {
    const auto now = Clock::now();
    if (state_ == State::kHead && !head_started_) {
      // A head must be whole within its own deadline, however slowly its bytes trickle in.
      head_started_ = true;
      head_deadline_ = now + 2 * io_timeout();
    }
    deadline_ = state_ == State::kHead ? std::min(head_deadline_, now + io_timeout())
                                       : std::min(body_deadline_, now + io_timeout());
    if (state_ == State::kDiscard) return discard();
    beast::error_code ec;
    while (buffer_.size() > 0 && !parser_->is_done()) {
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) {
        ec = {};
        break;
      }
      if (ec) break;
      if (state_ == State::kHead && parser_->is_header_done()) return on_head();
      if (used == 0) break;
    }
    if (ec == http::error::body_limit) return answer_and_close(body_too_large(path_, false));
    if (ec == http::error::header_limit) return answer_and_close(head_too_large());
    if (ec == http::error::bad_content_length && declares_huge_length())
      return answer_and_close(body_too_large(path_, true));
    if (ec) return answer_and_close(bad_request(path_));
    if (parser_->is_done()) return dispatch();
    if (state_ == State::kHead && buffer_.size() >= kMaxHeadBytes)
      return answer_and_close(head_too_large());
    read();
  }

  // A Content-Length of digits too many for any size: over the limit, not malformed. The parser
  // refuses it before the head is whole, so the raw head is looked at: what is left of it, as the
  // parser keeps the lines it took before the one it refused.
  bool declares_huge_length() const {
    const auto bytes = buffer_.data();
    const std::string head = lower(std::string(static_cast<const char*>(bytes.data()),
                                               std::min<std::size_t>(bytes.size(), kMaxHeadBytes)));
    const std::size_t at = head.find("content-length:");
    if (at == std::string::npos) return false;
    std::size_t i = at + 15;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    const std::size_t digits = i;
    while (i < head.size() && std::isdigit(static_cast<unsigned char>(head[i]))) ++i;
    return i - digits > 12 && (i == head.size() || head[i] == '\r' || head[i] == ' ');
  }

  HttpResponse head_too_large() const {
    // Whether the request line alone is too long decides between 414 and 431.
    const auto bytes = buffer_.data();
    const std::string_view seen(static_cast<const char*>(bytes.data()), bytes.size());
    if (seen.find("\r\n") == std::string_view::npos && seen.size() >= kMaxRequestLine)
      return http_error(path_, 414, "uri_too_long", "the request line is longer than 8 KiB");
    return http_error(
        path_, 431, "headers_too_large",
        "the request's head is larger than " + std::to_string(kMaxHeadBytes >> 10) + " KiB");
  }

  void on_head() {
    request_ = to_request(*parser_);
    path_ = request_.path;
    head_only_ = request_.method == "HEAD";
    const auto& in = parser_->get();
    const auto length = parser_->content_length();
    const std::optional<std::uint64_t> declared =
        length ? std::optional<std::uint64_t>(*length) : std::nullopt;
    const bool chunked = parser_->chunked();
    const bool continue_asked = lower(std::string(view(in[http::field::expect]))) == "100-continue";
    keep_alive_ = parser_->keep_alive();
    if (auto refused = refuse_head(*server_.controller, request_, declared, continue_asked))
      return answer_and_close(*refused);
    if (declared && *declared > Controller::kMaxBodyBytes) {
      // Read and dropped, then answered: the connection can go on.
      discard_left_ = *declared;
      state_ = State::kDiscard;
      body_deadline_ = Clock::now() + io_timeout() * 4;
      return discard();
    }
    state_ = State::kBody;
    parser_->body_limit(Controller::kMaxBodyBytes);  // what bounds a chunked body
    body_deadline_ = Clock::now() + std::max(io_timeout() * 4, std::chrono::milliseconds(30000));
    if (continue_asked && (chunked || declared.value_or(0) > 0) && !parser_->is_done()) {
      auto line = std::make_shared<const std::string>("HTTP/1.1 100 Continue\r\n\r\n");
      deadline_ = Clock::now() + io_timeout();
      return asio::async_write(
          stream_, asio::buffer(*line),
          [self = this->shared_from_this(), line](beast::error_code ec, std::size_t) {
            if (ec) return self->close();
            self->parse();
          });
    }
    parse();
  }

  void discard() {
    const std::size_t drop =
        static_cast<std::size_t>(std::min<std::uint64_t>(discard_left_, buffer_.size()));
    buffer_.consume(drop);
    discard_left_ -= drop;
    if (discard_left_ == 0) return answer(body_too_large(path_, true));
    read();
  }

  // The request is whole. A quick one (a service create or delete) runs here, and its answer
  // comes back from the thread whose commit makes it durable; any other a worker runs, and its
  // answer comes back to the I/O thread.
  void dispatch() {
    request_.body = std::move(parser_->get().body());
    state_ = State::kHandling;
    deadline_ = Clock::time_point::max();  // the server's own time is not the client's fault
    if (handle_now()) return;
    server_.workers.run([self = this->shared_from_this(), req = std::move(request_)]() mutable {
      HttpResponse resp;
      try {
        resp = self->server_.controller->handle(req);
      } catch (...) {
        resp = http_error(req.path, 500, "internal", "unexpected error");
      }
      asio::post(self->server_.io,
                 [self, resp = std::move(resp)]() mutable { self->answer(std::move(resp)); });
    });
  }

  bool handle_now() {
    server_.answers_awaited++;
    HttpResponse now;
    Controller::Now how = Controller::Now::kDeclined;
    try {
      how = server_.controller->handle_now(
          request_, now, [self = this->shared_from_this()](HttpResponse resp) mutable {
            Shared& server = self->server_;
            asio::post(server.io, [self = std::move(self), resp = std::move(resp)]() mutable {
              self->answer(std::move(resp));
            });
            // The last touch: once none is awaited, the server may go (see serve()).
            server.answers_awaited--;
          });
    } catch (...) {
      how = Controller::Now::kAnswered;
      now = http_error(request_.path, 500, "internal", "unexpected error");
    }
    if (how != Controller::Now::kLater) server_.answers_awaited--;
    if (how == Controller::Now::kAnswered) answer(std::move(now));
    return how != Controller::Now::kDeclined;
  }

  void answer(HttpResponse resp) {
    if (closed_) return;
    if (resp.stream) return start_stream(std::move(resp));
    std::string head = response_head(resp, resp.body.size(), !keep_alive_);
    // A HEAD answer says what GET's would carry, and carries none of it (RFC 9110 §9.3.2).
    if (head_only_) resp.body.clear();
    write(std::move(head), std::move(resp.body), [self = this->shared_from_this()] {
      if (!self->keep_alive_) return self->close();
      self->await_request();
    });
  }

  // Answers and then ends the connection, so the rest of what the client sends (the body of a
  // refused request) is never read.
  void answer_and_close(const HttpResponse& resp) {
    keep_alive_ = false;
    state_ = State::kClosing;
    write(response_head(resp, resp.body.size(), true), resp.body,
          [self = this->shared_from_this()] { self->close(); });
  }

  // Writes head and body; a client that does not take them within its time is cut off.
  template <typename Then>
  void write(std::string head, std::string body, Then then) {
    auto bytes =
        std::make_shared<std::pair<std::string, std::string>>(std::move(head), std::move(body));
    // Patience grows with the size: 1 s more for each 64 KiB beyond the timeout.
    deadline_ = Clock::now() + io_timeout() + std::chrono::milliseconds(bytes->second.size() / 64);
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(bytes->first),
                                                    asio::buffer(bytes->second)};
    asio::async_write(
        stream_, buffers,
        [self = this->shared_from_this(), bytes, then](beast::error_code ec, std::size_t) {
          if (ec) return self->close();
          then();
        });
  }

  // A streamed answer: the head and first text, then each chunk the stream gives, written as it
  // comes. A worker waits for the stream; the I/O thread writes.
  void start_stream(HttpResponse resp) {
    stream_body_ = resp.stream;
    std::string first = resp.body.empty() ? std::string() : chunk_of(resp.body);
    write(response_head(resp, 0, false), std::move(first),
          [self = this->shared_from_this()] { self->pump(); });
    watch_for_close();
  }

  // A stream's client sends nothing more; its going away (EOF or an error) ends the stream now
  // rather than at the next heartbeat's failed write, and frees the worker that waits for events.
  void watch_for_close() {
    auto space = buffer_.prepare(4096);
    stream_.async_read_some(space,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->buffer_.consume(self->buffer_.size());
                              self->watch_for_close();
                            });
  }

  void pump() {
    state_ = State::kHandling;
    deadline_ = Clock::time_point::max();
    server_.workers.run([self = this->shared_from_this()] {
      std::string chunk;
      const bool more = self->stream_body_->next(chunk, kStreamPoll);
      asio::post(self->server_.io, [self, more, chunk = std::move(chunk)]() mutable {
        if (self->closed_) return;
        if (!more) {
          self->keep_alive_ = false;
          return self->write("0\r\n\r\n", "", [self] { self->close(); });
        }
        if (chunk.empty()) return self->pump();
        self->write(chunk_of(chunk), "", [self] { self->pump(); });
      });
    });
  }

  enum class State { kHead, kBody, kDiscard, kHandling, kClosing };

  Shared& server_;
  Stream stream_;
  beast::flat_buffer buffer_{kMaxHeadBytes + (16 << 10)};
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  std::string path_;  // the request's path, for the form of errors
  State state_ = State::kHead;
  bool head_started_ = false;
  bool head_only_ = false;  // a HEAD request: the answer's head only
  bool keep_alive_ = true;
  bool closed_ = false;
  std::uint64_t discard_left_ = 0;
  Clock::time_point deadline_ = Clock::time_point::max();
  Clock::time_point head_deadline_ = Clock::time_point::max();
  Clock::time_point body_deadline_ = Clock::time_point::max();
  std::shared_ptr<BodyStream> stream_body_;
};

}  // namespace

struct HttpServer::Impl : Shared {
  using Shared::Shared;
  std::optional<asio::ssl::context> tls;
  std::string tls_files;  // "CERT and KEY" when serving HTTPS, for messages
  std::string tls_error;  // set when the files could not be loaded
  tcp::acceptor acceptor{io};
  asio::steady_timer sweep{io};
  std::atomic<bool> stopping{false};
  std::list<std::weak_ptr<OpenConnection>> open;  // touched on the I/O thread only

  void accept();
  void sweep_deadlines();
  void close_all();
  void wait_for_awaited_answers();
};

void HttpServer::Impl::accept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (stopping || ec == asio::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors, most likely: try again shortly rather than spin.
      auto retry = std::make_shared<asio::steady_timer>(io, kSweepEvery);
      return retry->async_wait([this, retry](beast::error_code) { accept(); });
    }
    {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // small answers must not wait for Nagle
      std::shared_ptr<OpenConnection> connection;
      if (tls) {
        auto c = std::make_shared<Connection<asio::ssl::stream<tcp::socket>>>(
            *this, asio::ssl::stream<tcp::socket>(std::move(socket), *tls));
        c->start();
        connection = c;
      } else {
        auto c = std::make_shared<Connection<tcp::socket>>(*this, std::move(socket));
        c->start();
        connection = c;
      }
      open.push_back(connection);
    }
    accept();
  });
}

void HttpServer::Impl::sweep_deadlines() {
  sweep.expires_after(kSweepEvery);
  sweep.async_wait([this](beast::error_code ec) {
    if (ec || stopping) return;
    const auto now = Clock::now();
    for (auto it = open.begin(); it != open.end();) {
      auto c = it->lock();
      if (!c) {
        it = open.erase(it);
        continue;
      }
      if (c->deadline() <= now) c->close();
      ++it;
    }
    sweep_deadlines();
  });
}

void HttpServer::Impl::close_all() {
  beast::error_code ignored;
  acceptor.close(ignored);
  sweep.cancel();
  for (auto& weak : open) {
    if (auto c = weak.lock()) c->close();
  }
  open.clear();
  io.stop();
}

HttpServer::HttpServer(Controller& controller, Options options)
    : impl_(std::make_unique<Impl>(static_cast<std::size_t>(std::max(1, options.max_threads)))) {
  impl_->controller = &controller;
  impl_->options = options;
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    impl_->tls_files = options.tls_cert + " and " + options.tls_key;
    impl_->tls.emplace(asio::ssl::context::tls_server);
    beast::error_code ec;
    impl_->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                                asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                                asio::ssl::context::no_tlsv1_1,
                            ec);
    if (!ec) impl_->tls->use_certificate_chain_file(options.tls_cert, ec);
    if (!ec) impl_->tls->use_private_key_file(options.tls_key, asio::ssl::context::pem, ec);
    if (ec) impl_->tls_error = ec.message();
  }
}

HttpServer::~HttpServer() {
  stop();
  impl_->workers.shutdown();
  impl_->wait_for_awaited_answers();
}

void HttpServer::Impl::wait_for_awaited_answers() {
  // A commit settles them: a flush away, unless the disk hangs.
  while (answers_awaited > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

Result<int> HttpServer::bind(const std::string& host, int port) {
  if (!impl_->tls_error.empty()) {
    return Error::invalid(
               "cannot load the TLS certificate and private key (expected PEM files, the key "
               "matching the certificate): " +
               impl_->tls_error)
        .at(impl_->tls_files);
  }
  const auto cannot = [&] {
    return Error::io("cannot listen on " + host + ":" + std::to_string(port) +
                     " (is another server using the port? port 0 picks a free one)");
  };
  beast::error_code ec;
  const auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) return cannot();
  auto& acceptor = impl_->acceptor;
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  acceptor.open(endpoint.protocol(), ec);
  // SO_REUSEADDR allows a quick restart; no SO_REUSEPORT, so a second server cannot bind the same
  // port and split the traffic silently.
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  // A deep backlog: with the default, a client connecting while the loop is busy could have its
  // SYN dropped and wait the kernel's 1 s retransmission (the kernel caps it at somaxconn).
  if (!ec) acceptor.listen(1024, ec);
  if (ec) {
    acceptor.close(ec);
    return cannot();
  }
  return static_cast<int>(acceptor.local_endpoint().port());
}

void HttpServer::serve() {
  if (impl_->stopping || !impl_->acceptor.is_open()) return;
  impl_->accept();
  impl_->sweep_deadlines();
  impl_->io.run();
  // Requests still in a worker finish, and answers still awaited come; they have nowhere to go.
  impl_->workers.shutdown();
  impl_->wait_for_awaited_answers();
}

void HttpServer::stop() {
  if (!impl_ || impl_->stopping.exchange(true)) return;
  // Open event streams end too, so no worker waits on one.
  impl_->controller->stop_streams();
  // On the I/O thread, which owns the sockets. If serve() never runs, it returns at once.
  asio::post(impl_->io, [impl = impl_.get()] { impl->close_all(); });
}

}  // namespace lightmesh::server
