// ApiClient: the client subcommands' one door to a controller's REST API (docs/api/rest.md). Only
// api_client.cpp includes the HTTP library, so the rest of the CLI deals in status and body.
//
//   auto client = ApiClient::make("http://127.0.0.1:8080", token, std::chrono::seconds(10));
//   if (!client) return report(client.error(), err);
//   Result<ApiReply> r = client->get("/api/v1/services?limit=10");
//   if (!r) ...;                 // the server could not be reached: r.error() says why
//   else if (r->status == 200) ...;  // any HTTP status is a reply, not an error
//
// Each call opens its own connection, so a const ApiClient may be shared between threads.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace lightmesh::cli {

// What the server answered: any status, with the body exactly as sent.
struct ApiReply {
  int status = 0;
  std::string body;
};

using ApiHeaders = std::vector<std::pair<std::string, std::string>>;

class ApiClient {
 public:
  // `url` is http://HOST[:PORT][/PREFIX] or https://…; a PREFIX (a controller behind a proxy) is
  // put before every path. An empty token sends no Authorization header. `timeout` bounds the
  // connect and each read and write. Over https the server's certificate must be signed by
  // `cacert` (a PEM file) when given, else by a certificate authority the system trusts, and must
  // name the host; over http `cacert` is not used.
  static Result<ApiClient> make(const std::string& url, std::string token,
                                std::chrono::seconds timeout, std::string cacert = "");

  // Connection failures (refused, timed out, unknown host) are an Error of code kIo whose message
  // says what happened; every HTTP answer, 4xx and 5xx included, is an ApiReply.
  Result<ApiReply> get(const std::string& path) const;
  Result<ApiReply> post(const std::string& path, const std::string& json_body,
                        const ApiHeaders& headers = {}) const;
  Result<ApiReply> del(const std::string& path) const;

  // The URL as given, without a trailing slash, for messages.
  const std::string& url() const { return url_; }

 private:
  ApiClient(std::string url, std::string origin, std::string prefix, std::string token,
            std::chrono::seconds timeout, std::string cacert)
      : url_(std::move(url)),
        origin_(std::move(origin)),
        prefix_(std::move(prefix)),
        token_(std::move(token)),
        timeout_(timeout),
        cacert_(std::move(cacert)) {}
  Result<ApiReply> send(const std::string& method, const std::string& path, const std::string& body,
                        const ApiHeaders& headers) const;

  std::string url_;     // "http://host:port/prefix" (or https)
  std::string origin_;  // "http://host:port" (or https)
  std::string prefix_;  // "" or "/prefix"
  std::string token_;
  std::chrono::seconds timeout_;
  std::string cacert_;  // PEM file of the certificate authority for https; empty: the system's
};

// Percent-encodes one path segment or query value (ids and cursors are opaque to the client).
std::string url_encode(const std::string& s);

}  // namespace lightmesh::cli
