#include "southbound/device_watch.h"

namespace lightmesh::southbound {

DeviceWatch::DeviceWatch(Southbound& sb, std::chrono::milliseconds interval, Log log)
    : sb_(sb),
      interval_(interval),
      log_(std::move(log)),
      seen_(sb.links().inventory().devices.size(), 0),
      thread_([this](std::stop_token stop) { run(stop); }) {}

DeviceWatch::~DeviceWatch() { stop(); }

void DeviceWatch::stop() {
  thread_.request_stop();
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeviceWatch::run(std::stop_token stop) {
  DeviceLinks& links = sb_.links();
  while (!stop.stop_requested()) {
    for (std::uint32_t d = 0; d < seen_.size() && !stop.stop_requested(); ++d) {
      std::string xml;
      // A failed read on an open session drops it; a second read reopens it, so a restarted
      // device is back (with a new session) within one round. A device already unreachable is
      // tried once a round, not twice.
      const bool was_connected = links.status(d).state == LinkState::kConnected;
      if (links.running(d, &xml) && was_connected) links.running(d, &xml);
      const std::uint64_t opened = links.status(d).sessions_opened;
      if (opened == seen_[d]) continue;
      const bool first = seen_[d] == 0;
      seen_[d] = opened;
      const std::optional<std::string> line = sb_.restore_after_reconnect(d, first);
      if (line && log_) log_(*line);
    }
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, stop, interval_, [] { return false; });
  }
}

}  // namespace lightmesh::southbound
