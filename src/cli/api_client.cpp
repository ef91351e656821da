// ApiClient over cpp-httplib (with OpenSSL for https): the only file of the CLI that includes the
// HTTP library.
//
//   auto c = ApiClient::make("http://127.0.0.1:8080", "lm-…", std::chrono::seconds(10));
//   auto r = c->post("/api/v1/failures", R"({"fiber":"F1"})");
#include "cli/api_client.h"

#include <httplib.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace lightmesh::cli {

namespace {

bool starts_with_nocase(const std::string& s, const std::string& prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// httplib names its errors tersely ("Connection"); a person wants to know what to check.
std::string describe(httplib::Error e, std::chrono::seconds timeout, const std::string& cacert) {
  const std::string secs = std::to_string(timeout.count()) + " s";
  switch (e) {
    case httplib::Error::SSLServerVerification:
      return cacert.empty() ? "the server's certificate is not signed by an authority this system "
                              "trusts, or does not name the host (pass --cacert FILE)"
                            : "the server's certificate is not signed by " + cacert +
                                  ", or does not name the host";
    case httplib::Error::SSLConnection:
      return "the TLS handshake failed (is the server speaking https?)";
    case httplib::Error::SSLLoadingCerts:
      return "cannot load the CA certificate " + cacert + " (expected a PEM file)";
    case httplib::Error::Connection:
      return "connection failed (refused, or the host is unknown or unreachable)";
    case httplib::Error::ConnectionTimeout:
      return "no connection within " + secs;
    case httplib::Error::Read:
      return "no complete answer within " + secs + " (the connection closed or timed out)";
    case httplib::Error::Write:
      return "the request could not be sent";
    default:
      return "HTTP client error " + httplib::to_string(e);
  }
}

// "host", "host:port", "[v6]" or "[v6]:port" with a port of 1-65535; httplib would take
// "host:port" as a host name and fail later with a vaguer message.
bool valid_authority(const std::string& a) {
  std::size_t colon = std::string::npos;
  if (!a.empty() && a[0] == '[') {
    const std::size_t close = a.find(']');
    if (close == std::string::npos || close == 1) return false;
    if (close + 1 < a.size() && a[close + 1] != ':') return false;
    colon = close + 1 < a.size() ? close + 1 : std::string::npos;
  } else {
    colon = a.find(':');
    if (a.empty() || colon == 0) return false;
  }
  if (colon == std::string::npos) return true;
  const std::string port = a.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
  }
  const int n = std::stoi(port);
  return n >= 1 && n <= 65535;
}

}  // namespace

std::string url_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<ApiClient> ApiClient::make(const std::string& url, std::string token,
                                  std::chrono::seconds timeout, std::string cacert) {
  std::string u = url;
  // "host:port" alone is taken as http.
  const bool tls = starts_with_nocase(u, "https://");
  if (!tls && !starts_with_nocase(u, "http://")) {
    if (u.find("://") != std::string::npos)
      return Error::invalid("expected http://HOST:PORT or https://HOST:PORT")
          .at_place("--server " + url);
    u = "http://" + u;
  }
  const std::size_t scheme = tls ? 8 : 7;
  while (u.size() > scheme && u.back() == '/') u.pop_back();
  const std::size_t slash = u.find('/', scheme);
  std::string origin = u.substr(0, slash);
  std::string prefix = slash == std::string::npos ? std::string() : u.substr(slash);
  if (!valid_authority(origin.substr(scheme)) || !httplib::Client(origin).is_valid())
    return Error::invalid("expected http://HOST:PORT or https://HOST:PORT")
        .at_place("--server " + url);
  if (!tls) cacert.clear();  // plain http has no certificate to check
  if (!cacert.empty()) {
    std::FILE* f = std::fopen(cacert.c_str(), "r");
    if (!f)
      return Error::not_found(std::string("cannot open file: ") + std::strerror(errno)).at(cacert);
    std::fclose(f);
  }
  return ApiClient(u, std::move(origin), std::move(prefix), std::move(token), timeout,
                   std::move(cacert));
}

Result<ApiReply> ApiClient::send(const std::string& method, const std::string& path,
                                 const std::string& body, const ApiHeaders& extra) const {
  httplib::Client http(origin_);
  if (!cacert_.empty()) http.set_ca_cert_path(cacert_.c_str());
  http.enable_server_certificate_verification(true);
  const auto secs = static_cast<time_t>(timeout_.count());
  http.set_connection_timeout(secs, 0);
  http.set_read_timeout(secs, 0);
  http.set_write_timeout(secs, 0);
  httplib::Headers headers;
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  for (const auto& [k, v] : extra) headers.emplace(k, v);
  const std::string target = prefix_ + path;
  httplib::Result r = method == "GET" ? http.Get(target.c_str(), headers)
                      : method == "POST"
                          ? http.Post(target.c_str(), headers, body, "application/json")
                          : http.Delete(target.c_str(), headers);
  if (!r) return Error::io(describe(r.error(), timeout_, cacert_));
  return ApiReply{r->status, r->body};
}

Result<ApiReply> ApiClient::get(const std::string& path) const { return send("GET", path, "", {}); }

Result<ApiReply> ApiClient::post(const std::string& path, const std::string& json_body,
                                 const ApiHeaders& headers) const {
  return send("POST", path, json_body, headers);
}

Result<ApiReply> ApiClient::del(const std::string& path) const {
  return send("DELETE", path, "", {});
}

}  // namespace lightmesh::cli
