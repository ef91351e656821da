// HttpServer: the HTTP (or HTTPS) listener in front of a Controller, on Boost.Asio with
// Boost.Beast's HTTP/1.1 parser. Both stay inside http_server.cpp.
//
//   HttpServer http(controller);
//   LM_RETURN_IF_ERROR(http.bind("127.0.0.1", 8080));   // port 0 picks a free port
//   http.serve();                                        // blocks until stop()
//
// What the head of a request decides is decided before its body is read: a request without a
// valid token gets its 401, and a declared body over Controller::kMaxBodyBytes its 413, without a
// byte of the body read. A chunked (or unannounced) body is read up to the same limit and no
// further. Either refusal closes the connection. Bodies are read as JSON whatever their
// Content-Type says, except multipart forms (415). Errors the HTTP layer answers itself (400, 413,
// 415, ...) come in the REST error form, or the RESTCONF one on /restconf paths.
//
// One I/O thread (serve()'s) reads and writes every connection; the handlers run on a pool of
// worker threads, since a handler may wait (for its durable commit, a device, the database). A
// quick request (a service create or delete, Controller::handle_now) runs on the I/O thread when
// nothing on its way can block, and its answer comes back once its commit is durable. A
// connection waiting for its client holds no thread, so slow or stalled clients cannot starve the
// others, and a request's head must be whole within twice the I/O timeout however steadily its
// bytes trickle in.
//
// bind() and stop() may be called from other threads than serve().
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "server/controller.h"

namespace lightmesh::server {

class HttpServer {
 public:
  struct Options {
    // A client silent this long while sending a request (or not reading the answer), or an idle
    // keep-alive connection, is cut off; a request's head must be whole within twice this.
    int io_timeout_ms = 5000;
    // Requests handled at once: each holds a worker while its handler runs (and an event stream
    // while it is open). Workers start only as requests need them.
    int max_threads = 128;
    // Both set: serve HTTPS with this PEM certificate (chain) and PEM private key.
    std::string tls_cert;
    std::string tls_key;
  };
  explicit HttpServer(Controller& controller) : HttpServer(controller, Options{}) {}
  HttpServer(Controller& controller, Options options);
  ~HttpServer();

  // Binds the listening socket; errors name the address (or the TLS files that could not be
  // loaded). Returns the bound port.
  Result<int> bind(const std::string& host, int port);
  void serve();  // blocks
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lightmesh::server
