// Plain request and response structs: handlers see these, never the HTTP library, so the whole API
// is testable in-process and the library stays behind one file.
//
//   HttpResponse r = controller.handle({.method = "GET", .path = "/healthz"});
//
// Plain values; thread-compatible.
#pragma once

#include <map>
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

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace lightmesh::server
