// The HTTP layer's limits over loopback, with raw sockets so the test decides exactly what is sent:
// a request's head is judged (token, declared size, body type) before a byte of its body is read,
// chunked bodies stop at the same 8 MiB as declared ones, the refused connection is closed rather
// than read on, curl -d's form type is read as JSON, and the layer's own errors speak RESTCONF on
// /restconf paths.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server/http_test_support.h"

namespace lightmesh::server {
namespace {

using http_test::kAdminToken;
using http_test::RawClient;
using http_test::service_count;
using json = nlohmann::json;

constexpr std::size_t kLimit = Controller::kMaxBodyBytes;
const std::string kCreate = R"({"from": "LSE", "to": "LD4", "bandwidth_gbps": 100})";

// A long I/O timeout: an answer that came only after the server gave up waiting for the body would
// show as a missing answer (the test waits less), never as a pass.
std::unique_ptr<http_test::Served> serve() {
  return http_test::serve_london({.io_timeout_ms = 30000});
}

std::string chunk(const std::string& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

TEST(HttpLimits, AChunkedBodyWithoutATokenIsRefusedBeforeItIsRead) {
  auto served = serve();
  RawClient c(served->port);
  // The head only: a server that read the body first would wait for the chunks.
  ASSERT_TRUE(
      c.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\n"));
  EXPECT_TRUE(c.closed_within(10000));
  EXPECT_EQ(c.status(), 401) << c.received();
  EXPECT_EQ(json::parse(c.body())["error"], "unauthorized");
  EXPECT_NE(c.received().find("Connection: close"), std::string::npos);
}

TEST(HttpLimits, ADeclaredBodyOverTheLimitIsRefusedBeforeItIsRead) {
  auto served = serve();
  const std::string head =
      "POST /api/v1/services HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(kLimit + 1) +
      "\r\n";
  // Without a token the answer is 401 (the token is judged first, so nothing else is revealed).
  RawClient anonymous(served->port);
  ASSERT_TRUE(anonymous.send(head + "\r\n"));
  EXPECT_TRUE(anonymous.closed_within(10000));
  EXPECT_EQ(anonymous.status(), 401);
  // With one, a body declared far over the limit is 413 at once, naming the limit.
  RawClient admin(served->port);
  ASSERT_TRUE(
      admin.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n"
                 "Authorization: Bearer " +
                 std::string(kAdminToken) + "\r\n\r\n"));
  EXPECT_TRUE(admin.closed_within(10000));
  ASSERT_EQ(admin.status(), 413) << admin.received();
  const json error = json::parse(admin.body());
  EXPECT_EQ(error["error"], "body_too_large");
  EXPECT_NE(error["detail"].get<std::string>().find(std::to_string(kLimit)), std::string::npos);
  EXPECT_EQ(error["where"], "Content-Length");
  // An absurd length (more digits than any size) is a size over the limit too.
  RawClient absurd(served->port);
  ASSERT_TRUE(absurd.send(
      "POST /api/v1/services HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n"
      "Authorization: Bearer " +
      std::string(kAdminToken) + "\r\n\r\n"));
  EXPECT_TRUE(absurd.closed_within(10000));
  EXPECT_EQ(absurd.status(), 413);
}

TEST(HttpLimits, ABodyJustOverTheLimitSentWithoutWaitingGets413AndTheConnectionGoesOn) {
  auto served = serve();
  // Most clients send the body straight after the head; it is read and thrown away, so they see
  // the 413 and can use the connection again.
  RawClient c(served->port);
  ASSERT_TRUE(c.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                     std::string(kAdminToken) + "\r\nContent-Length: " +
                     std::to_string(kLimit + 1) + "\r\n\r\n" + std::string(kLimit + 1, ' ')));
  // The whole answer first: the library drops a request sent before the previous answer.
  ASSERT_TRUE(c.received_within("\"where\": \"Content-Length\"\n}", 10000)) << c.received();
  ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_TRUE(c.closed_within(10000));
  EXPECT_EQ(c.status(), 413) << c.received().substr(0, 300);
  EXPECT_NE(c.received().find("\"status\": \"ok\""), std::string::npos) << c.received();
  EXPECT_EQ(service_count(served->port), 0);
}

TEST(HttpLimits, ACurlStyleExpectContinueGetsTheRefusalInsteadOfContinue) {
  auto served = serve();
  RawClient c(served->port);
  ASSERT_TRUE(
      c.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
             "Content-Length: 1000\r\n\r\n"));
  EXPECT_TRUE(c.closed_within(10000));
  EXPECT_EQ(c.status(), 401) << c.received();
  EXPECT_EQ(c.received().find("100 Continue"), std::string::npos);
}

TEST(HttpLimits, AChunkedBodyStopsAtTheLimitAndTheConnectionIsClosed) {
  auto served = serve();
  RawClient c(served->port);
  ASSERT_TRUE(c.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                     std::string(kAdminToken) +
                     "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  // 64 KiB chunks until the server stops taking them. It reads 8 MiB and then closes; what the
  // kernel's buffers take on top is far below the 64 MiB this would send.
  const std::string piece = chunk(std::string(64 << 10, ' '));
  std::size_t sent = 0;
  while (sent < (64u << 20) && c.send(piece)) sent += piece.size();
  EXPECT_LT(sent, 64u << 20) << "the server read on past its limit";
  EXPECT_GT(sent, kLimit);
  c.closed_within(10000);
  EXPECT_EQ(c.status(), 413) << c.received().substr(0, 200);
  EXPECT_EQ(service_count(served->port), 0);
}

TEST(HttpLimits, AChunkedBodyUnderTheLimitIsServed) {
  auto served = serve();
  RawClient c(served->port);
  ASSERT_TRUE(
      c.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
             "Authorization: Bearer " +
             std::string(kAdminToken) + "\r\nTransfer-Encoding: chunked\r\n\r\n" +
             chunk(kCreate.substr(0, 10)) + chunk(kCreate.substr(10)) + "0\r\n\r\n"));
  EXPECT_TRUE(c.closed_within(10000));
  EXPECT_EQ(c.status(), 201) << c.received();
  EXPECT_EQ(service_count(served->port), 1);
}

TEST(HttpLimits, AFormEncodedBodyIsReadAsJsonWhateverItsSize) {
  auto served = serve();
  httplib::Client c("127.0.0.1", served->port);
  // curl -d's default type, with a body past the library's 8 KiB limit for forms.
  const std::string body = kCreate.substr(0, kCreate.size() - 1) + std::string(20000, ' ') + "}";
  auto r = c.Post("/api/v1/services", {{"Authorization", std::string("Bearer ") + kAdminToken}},
                  body, "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(service_count(served->port), 1);
}

TEST(HttpLimits, MultipartBodiesAre415NamingTheHeader) {
  auto served = serve();
  httplib::Client c("127.0.0.1", served->port);
  auto r = c.Post("/api/v1/services", {{"Authorization", std::string("Bearer ") + kAdminToken}},
                  "--b\r\n\r\n--b--\r\n", "multipart/form-data; boundary=b");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
  const json error = json::parse(r->body);
  EXPECT_EQ(error["where"], "Content-Type");
  EXPECT_NE(error["detail"].get<std::string>().find("application/json"), std::string::npos);
}

TEST(HttpLimits, HttpLayerErrorsOnRestconfPathsAreRestconfErrors) {
  auto served = serve();
  RawClient c(served->port);
  ASSERT_TRUE(
      c.send("POST /restconf/operations/tapi-connectivity:create-connectivity-service HTTP/1.1\r\n"
             "Host: x\r\nAuthorization: Bearer " +
             std::string(kAdminToken) + "\r\nContent-Length: 1073741824\r\n\r\n"));
  EXPECT_TRUE(c.closed_within(10000));
  ASSERT_EQ(c.status(), 413);
  EXPECT_NE(c.received().find("application/yang-data+json"), std::string::npos);
  const json errors = json::parse(c.body());
  const json& e = errors["ietf-restconf:errors"]["error"][0];
  EXPECT_EQ(e["error-tag"], "too-big");  // RFC 8040 §7: 413 is too-big
  EXPECT_FALSE(e["error-message"].get<std::string>().empty());

  // A chunked body over the limit too, found while reading.
  RawClient chunked(served->port);
  ASSERT_TRUE(chunked.send(
      "POST /restconf/operations/tapi-connectivity:create-connectivity-service HTTP/1.1\r\n"
      "Host: x\r\nAuthorization: Bearer " +
      std::string(kAdminToken) + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string piece = chunk(std::string(1 << 20, ' '));
  for (int i = 0; i < 12 && chunked.send(piece); ++i) {
  }
  chunked.closed_within(10000);
  ASSERT_EQ(chunked.status(), 413);
  EXPECT_TRUE(json::parse(chunked.body()).contains("ietf-restconf:errors"));

  // And the REST API keeps its own form for the same refusal.
  RawClient rest(served->port);
  ASSERT_TRUE(rest.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                        std::string(kAdminToken) + "\r\nContent-Length: 1073741824\r\n\r\n"));
  EXPECT_TRUE(rest.closed_within(10000));
  EXPECT_EQ(json::parse(rest.body())["error"], "body_too_large");
}

TEST(HttpLimits, APostWithoutLengthOrChunksHasAnEmptyBody) {
  auto served = serve();
  RawClient c(served->port);
  // No Content-Length and no Transfer-Encoding: no body (RFC 9112 §6.3), so the answer comes
  // without waiting for the connection to close.
  ASSERT_TRUE(c.send("POST /api/v1/services HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                     std::string(kAdminToken) + "\r\n\r\n"));
  c.closed_within(3000);
  EXPECT_EQ(c.status(), 400) << c.received();
}

}  // namespace
}  // namespace lightmesh::server
