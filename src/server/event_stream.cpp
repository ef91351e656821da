#include "server/event_stream.h"

#include <cstdint>
#include <utility>

#include "server/controller.h"

namespace lightmesh::server {

Result<std::uint64_t> event_sequence(const std::string& text, const char* place) {
  std::uint64_t n = 0;
  bool whole = !text.empty() && text.size() <= 20;
  for (char c : text) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    whole = whole && c >= '0' && c <= '9' && n <= (UINT64_MAX - digit) / 10;
    if (!whole) break;
    n = n * 10 + digit;
  }
  if (!whole)
    return Error::invalid(std::string(place) +
                          " must be an event sequence number (a whole number ≥ 0)")
        .at_place(place);
  return n;
}

std::string sse_message(std::uint64_t id, std::string_view data) {
  std::string out = "id: " + std::to_string(id) + "\n";
  std::size_t start = 0;
  while (true) {
    const std::size_t end = data.find('\n', start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += "\n";
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out + "\n";
}

HttpResponse event_stream_response(std::shared_ptr<EventStream> stream) {
  HttpResponse r;
  r.content_type = "text/event-stream";
  r.headers.push_back({"Cache-Control", "no-cache"});
  // Reverse proxies (nginx) would otherwise hold the events back in their buffers.
  r.headers.push_back({"X-Accel-Buffering", "no"});
  // The reconnection delay EventSource clients wait before they resume.
  r.body = "retry: 2000\n\n";
  r.stream = std::move(stream);
  return r;
}

Result<std::optional<std::uint64_t>> resume_point(const HttpRequest& request) {
  if (auto it = request.headers.find("last-event-id"); it != request.headers.end()) {
    auto n = event_sequence(it->second, "Last-Event-ID");
    if (!n) return n.error();
    return std::optional<std::uint64_t>(*n);
  }
  if (auto it = request.query.find("cursor"); it != request.query.end()) {
    auto n = event_sequence(it->second, "cursor");
    if (!n) return n.error();
    return std::optional<std::uint64_t>(*n);
  }
  return std::optional<std::uint64_t>();
}

std::shared_ptr<EventStream> EventStream::open(Controller& controller, std::uint64_t after,
                                               Format format) {
  if (!controller.open_stream()) return nullptr;
  return std::shared_ptr<EventStream>(new EventStream(controller, after, std::move(format)));
}

EventStream::EventStream(Controller& controller, std::uint64_t after, Format format)
    : controller_(controller),
      after_(after),
      format_(std::move(format)),
      last_sent_(std::chrono::steady_clock::now()) {}

EventStream::~EventStream() { controller_.close_stream(); }

bool EventStream::next(std::string& chunk, std::chrono::milliseconds wait) {
  chunk.clear();
  std::size_t looked = 0;
  const bool open = controller_.visit_durable_events(
      after_, wait, [&](const fabric::Event& e, const fabric::Fabric& fabric) {
        chunk += format_(e, fabric);
        after_ = e.sequence;
        return ++looked < kMaxBatch;
      });
  if (!open) return false;
  const auto now = std::chrono::steady_clock::now();
  if (!chunk.empty()) {
    last_sent_ = now;
  } else if (now - last_sent_ >= kHeartbeat) {
    chunk = ": keep-alive\n\n";
    last_sent_ = now;
  }
  return true;
}

}  // namespace lightmesh::server
