// EventStream: the fabric's events as Server-Sent Events (the WHATWG HTML standard's
// text/event-stream), each as soon as its commit is durable. Both event streams use it, the REST
// API's (/api/v1/events/stream) and TAPI's notifications; each says how an event is written, or
// that the caller does not see it.
//
//   auto stream = EventStream::open(controller, last_seen, [](const Event& e, const Fabric&) {
//     return e.tenant == "acme" ? sse_message(e.sequence, e.what) : std::string();
//   });
//   std::string chunk;
//   stream->next(chunk, std::chrono::seconds(1));  // "id: 7\ndata: created\n\n", or "" if none
//
// The stream holds one of the controller's kMaxStreams slots while it lives. Not thread-safe: one
// thread reads one stream.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "fabric/event.h"
#include "fabric/fabric.h"
#include "server/http_types.h"

namespace lightmesh::server {

class Controller;

// One Server-Sent Event: an `id:` line (what a client sends back as Last-Event-ID to resume) and
// the data, one `data:` line per line of it.
std::string sse_message(std::uint64_t id, std::string_view data);

class EventStream final : public BodyStream {
 public:
  // The message for one event, or "" for an event the caller does not see. Runs under the
  // controller's lock.
  using Format = std::function<std::string(const fabric::Event&, const fabric::Fabric&)>;

  // A stream of the durable events after `after`; null when kMaxStreams streams are open already.
  static std::shared_ptr<EventStream> open(Controller& controller, std::uint64_t after,
                                           Format format);
  ~EventStream() override;
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // The messages of the events committed since the last call, up to kMaxBatch of them, waiting
  // up to `wait` for one. With nothing to say for kHeartbeat, a comment line, so that proxies keep
  // the connection and a client that left is noticed.
  bool next(std::string& chunk, std::chrono::milliseconds wait) override;

  static constexpr std::size_t kMaxBatch = 256;
  static constexpr std::chrono::seconds kHeartbeat{15};

 private:
  EventStream(Controller& controller, std::uint64_t after, Format format);

  Controller& controller_;
  std::uint64_t after_;  // the last event looked at
  Format format_;
  std::chrono::steady_clock::time_point last_sent_;
};

// The 200 that opens a stream: text/event-stream, uncached, and a reconnection delay first.
HttpResponse event_stream_response(std::shared_ptr<EventStream> stream);

// An event sequence number given as text: digits only, within 64 bits; `place` names where it came
// from in the error.
Result<std::uint64_t> event_sequence(const std::string& text, const char* place);

// The event a client last saw: its Last-Event-ID header (sent when it reconnects) or, failing
// that, ?cursor=; nullopt when it names none. An error names the one that is not a sequence number.
Result<std::optional<std::uint64_t>> resume_point(const HttpRequest& request);

}  // namespace lightmesh::server
