// HttpServer: the HTTP listener in front of a Controller. The HTTP library stays inside
// http_server.cpp.
//
//   HttpServer http(controller);
//   LM_RETURN_IF_ERROR(http.bind("127.0.0.1", 8080));   // port 0 picks a free port
//   http.serve();                                        // blocks until stop()
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
    // A client silent this long while sending a request (or not reading the answer) is cut off,
    // so slow or stalled clients cannot hold the server's threads.
    int io_timeout_ms = 5000;
  };
  explicit HttpServer(Controller& controller) : HttpServer(controller, Options{}) {}
  HttpServer(Controller& controller, Options options);
  ~HttpServer();

  // Binds the listening socket; errors name the address. Returns the bound port.
  Result<int> bind(const std::string& host, int port);
  void serve();  // blocks
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lightmesh::server
