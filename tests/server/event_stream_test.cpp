// GET /api/v1/events/stream: the fabric's events as Server-Sent Events, each once its commit is
// durable, in order, a tenant seeing only its own; a client that reconnects with Last-Event-ID
// misses nothing. In-process through the Controller, and over HTTP with a raw loopback client.
#include "server/event_stream.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/http_test_support.h"
#include "server/server_test_support.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
using test_support::call;

// The events of a text/event-stream: each message's id and its data (lines joined).
struct Message {
  std::uint64_t id = 0;
  std::string data;
};

std::vector<Message> messages_in(const std::string& text) {
  std::vector<Message> out;
  std::size_t at = 0;
  while (true) {
    const auto end = text.find("\n\n", at);
    if (end == std::string::npos) break;
    Message m;
    bool has_data = false;
    std::size_t line = at;
    while (line < end) {
      const auto eol = text.find('\n', line);
      const std::string l = text.substr(line, std::min(eol, end) - line);
      if (l.rfind("id: ", 0) == 0) m.id = std::stoull(l.substr(4));
      if (l.rfind("data: ", 0) == 0) {
        m.data += (has_data ? "\n" : "") + l.substr(6);
        has_data = true;
      }
      line = std::min(eol, end) + 1;
    }
    if (has_data) out.push_back(m);
    at = end + 2;
  }
  return out;
}

// Everything the stream gives within `wait`, as messages.
std::vector<Message> drain(BodyStream& stream, std::chrono::milliseconds wait = 50ms) {
  std::string all, chunk;
  while (stream.next(chunk, wait) && !chunk.empty()) all += chunk;
  return messages_in(all);
}

HttpResponse open_stream(Controller& c, const std::string& token, const std::string& query = "",
                         const std::map<std::string, std::string>& headers = {}) {
  return call(c, "GET", "/api/v1/events/stream" + query, token, "", headers);
}

std::string create_service(Controller& c, const std::string& token, const char* to = "LD8") {
  const HttpResponse r = call(c, "POST", "/api/v1/services", token,
                              json{{"from", "LSE"}, {"to", to}, {"bandwidth_gbps", 100}}.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return json::parse(r.body).value("id", "");
}

TEST(EventStream, SendsEachCommittedEventInOrder) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("sse") / "s.db");
  HttpResponse r = open_stream(*c, "admin-token-1");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(r.stream);
  EXPECT_EQ(r.content_type, "text/event-stream");
  EXPECT_EQ(r.body, "retry: 2000\n\n");
  EXPECT_TRUE(drain(*r.stream).empty());  // a new stream starts from now

  const std::string a = create_service(*c, "bank-token-1");
  const std::string b = create_service(*c, "tv-token-123");
  ASSERT_EQ(call(*c, "DELETE", "/api/v1/services/" + a, "bank-token-1").status, 204);
  const auto got = drain(*r.stream);
  ASSERT_EQ(got.size(), 3u);
  // The same events, in the same form, as the paged log gives.
  const json log = json::parse(call(*c, "GET", "/api/v1/events", "admin-token-1").body)["items"];
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].id, i + 1);
    EXPECT_EQ(json::parse(got[i].data), log[i]);
  }
  EXPECT_EQ(json::parse(got[0].data)["service"], a);
  EXPECT_EQ(json::parse(got[1].data)["service"], b);
  EXPECT_EQ(json::parse(got[2].data)["what"], "deleted");
}

TEST(EventStream, TenantSeesOnlyItsOwnEvents) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("sse") / "s.db");
  HttpResponse tv = open_stream(*c, "tv-token-123");
  HttpResponse audit = open_stream(*c, "audit-token-1");
  ASSERT_TRUE(tv.stream && audit.stream);
  create_service(*c, "bank-token-1");
  const std::string mine = create_service(*c, "tv-token-123");
  ASSERT_EQ(call(*c, "POST", "/api/v1/failures", "admin-token-1", R"({"fiber": "LSE-LD8"})").status,
            200);
  const auto seen = drain(*tv.stream);
  for (const Message& m : seen) EXPECT_EQ(json::parse(m.data)["tenant"], "tv") << m.data;
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(json::parse(seen[0].data)["service"], mine);
  // A read-only token sees every tenant's, and the network's own (the cut).
  const auto all = drain(*audit.stream);
  ASSERT_GE(all.size(), 3u);
  bool cut = false;
  for (const Message& m : all) cut = cut || json::parse(m.data)["what"] == "fiber-cut";
  EXPECT_TRUE(cut);
}

TEST(EventStream, ResumesAfterLastEventIdOrCursor) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("sse") / "s.db");
  for (int i = 0; i < 3; ++i) create_service(*c, "bank-token-1");
  HttpResponse resumed = open_stream(*c, "bank-token-1", "", {{"last-event-id", "1"}});
  ASSERT_TRUE(resumed.stream) << resumed.body;
  auto got = drain(*resumed.stream);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, 2u);
  EXPECT_EQ(got[1].id, 3u);
  HttpResponse whole = open_stream(*c, "bank-token-1", "?cursor=0");
  ASSERT_TRUE(whole.stream);
  EXPECT_EQ(drain(*whole.stream).size(), 3u);
  // Last-Event-ID wins over ?cursor= (a browser's EventSource keeps the URL it started with).
  HttpResponse both = open_stream(*c, "bank-token-1", "?cursor=0", {{"last-event-id", "2"}});
  ASSERT_TRUE(both.stream);
  EXPECT_EQ(drain(*both.stream).size(), 1u);
}

TEST(EventStream, RefusesAResumePointThatIsNotASequenceNumber) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("sse") / "s.db");
  for (const char* bad : {"-1", "x", "1e3", "99999999999999999999999", ""}) {
    const HttpResponse r = open_stream(*c, "bank-token-1", "", {{"last-event-id", bad}});
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_FALSE(r.stream);
    EXPECT_EQ(json::parse(r.body)["where"], "Last-Event-ID") << r.body;
  }
  EXPECT_EQ(json::parse(open_stream(*c, "bank-token-1", "?cursor=-1").body)["where"], "cursor");
  EXPECT_EQ(open_stream(*c, "").status, 401);
}

TEST(EventStream, HoldsAtMostMaxStreamsOpen) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("sse") / "s.db");
  std::vector<std::shared_ptr<BodyStream>> open;
  for (int i = 0; i < Controller::kMaxStreams; ++i) {
    HttpResponse r = open_stream(*c, "bank-token-1");
    ASSERT_EQ(r.status, 200) << i;
    open.push_back(r.stream);
  }
  const HttpResponse refused = open_stream(*c, "bank-token-1");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(json::parse(refused.body)["error"], "too_many_streams");
  open.pop_back();  // a client leaves: its slot is free again
  EXPECT_EQ(open_stream(*c, "bank-token-1").status, 200);
}

TEST(EventStream, EndsWhenTheServerStops) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("sse") / "s.db");
  HttpResponse r = open_stream(*c, "bank-token-1");
  ASSERT_TRUE(r.stream);
  c->stop_streams();
  std::string chunk;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(r.stream->next(chunk, 5s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(EventStream, SendsAHeartbeatWhenQuiet) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("sse") / "s.db");
  HttpResponse r = open_stream(*c, "bank-token-1");
  ASSERT_TRUE(r.stream);
  std::string chunk;
  ASSERT_TRUE(r.stream->next(chunk, 10ms));
  EXPECT_EQ(chunk, "");  // quiet, but not yet for EventStream::kHeartbeat
}

TEST(EventStream, SseMessageSplitsLinesIntoDataFields) {
  EXPECT_EQ(sse_message(7, "one"), "id: 7\ndata: one\n\n");
  EXPECT_EQ(sse_message(8, "a\nb"), "id: 8\ndata: a\ndata: b\n\n");
  const auto m = messages_in(sse_message(9, "x\ny"));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].data, "x\ny");
}

// Over HTTP: the events arrive on an open connection as they are committed, /healthz answers
// meanwhile, and a client that lost its connection resumes with Last-Event-ID.
TEST(EventStreamHttp, DeliversLiveAndResumesAfterADroppedConnection) {
  auto served = http_test::serve_london({});
  const std::string head =
      "GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin-token-1\r\n";
  std::uint64_t last = 0;
  {
    http_test::RawClient stream(served->port);
    ASSERT_TRUE(stream.send(head + "\r\n"));
    ASSERT_TRUE(stream.received_within("retry: 2000", 2000)) << stream.received();
    EXPECT_NE(stream.received().find("Content-Type: text/event-stream"), std::string::npos);
    httplib::Client client("127.0.0.1", served->port);
    const httplib::Headers auth = {{"Authorization", "Bearer admin-token-1"}};
    ASSERT_EQ(client.Get("/healthz")->status, 200);
    auto created =
        client.Post("/api/v1/services", auth, R"({"from":"LSE","to":"LD8","bandwidth_gbps":100})",
                    "application/json");
    ASSERT_EQ(created->status, 201);
    ASSERT_TRUE(stream.received_within("\"what\":\"created\"", 3000)) << stream.received();
    // The client goes away; more happens while it is gone.
    last = 1;
    ASSERT_EQ(client
                  .Post("/api/v1/services", auth,
                        R"({"from":"LSE","to":"LD4","bandwidth_gbps":100})", "application/json")
                  ->status,
              201);
  }
  http_test::RawClient again(served->port);
  ASSERT_TRUE(again.send(head + "Last-Event-ID: " + std::to_string(last) + "\r\n\r\n"));
  ASSERT_TRUE(again.received_within("id: 2\n", 3000)) << again.received();
  EXPECT_EQ(again.received().find("id: 1\n"), std::string::npos);
}

// A stream whose client goes away gives its place back at once (the server sees the connection
// close), not at the next heartbeat 15 s later: after every allowed stream is opened and closed,
// a new one opens within a few seconds.
TEST(EventStreamHttp, AClientThatLeavesFreesItsStreamAtOnce) {
  auto served = http_test::serve_london({});
  const std::string request =
      "GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin-token-1\r\n"
      "\r\n";
  {
    std::vector<std::unique_ptr<http_test::RawClient>> open;
    for (int i = 0; i < Controller::kMaxStreams; ++i) {
      open.push_back(std::make_unique<http_test::RawClient>(served->port));
      ASSERT_TRUE(open.back()->send(request));
      ASSERT_TRUE(open.back()->received_within("retry: 2000", 3000)) << i;
    }
    http_test::RawClient refused(served->port);
    ASSERT_TRUE(refused.send(request));
    EXPECT_TRUE(refused.received_within("503", 3000)) << refused.received();
  }  // every client closes its connection
  bool reopened = false;
  for (int attempt = 0; attempt < 40 && !reopened; ++attempt) {
    http_test::RawClient again(served->port);
    again.send(request);
    reopened = again.received_within("retry: 2000", 250);
  }
  EXPECT_TRUE(reopened);
}

}  // namespace
}  // namespace lightmesh::server
