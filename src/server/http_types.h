// Plain request and response structs: handlers see these, never the HTTP library, so the whole API
// is testable in-process and the library stays behind one file.
//
//   HttpResponse r = controller.handle({.method = "GET", .path = "/healthz"});
//
// Plain values; thread-compatible.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lightmesh::server {

struct HttpRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A body written over time (Server-Sent Events): the HTTP layer sends `body` first, then each
// chunk next() gives, until next() answers false or the client goes away.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Waits at most `wait` for more; `chunk` is left empty when nothing came. False: the stream has
  // ended (the server is stopping).
  virtual bool next(std::string& chunk, std::chrono::milliseconds wait) = 0;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<BodyStream> stream;  // set for a streamed answer
};

}  // namespace lightmesh::server
