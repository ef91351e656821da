// DeviceWatch: notices a device that dropped its session and came back (a restart), audits it at
// once and, if it came back empty or drifted, pushes lightmesh's entries back
// (Southbound::restore_after_reconnect). Each outcome is kept as the device's event for the device
// list, and handed to `log` unless it is a first audit that found the device clean.
//
//   DeviceWatch watch(southbound, std::chrono::milliseconds(1000), [](const std::string& line) {
//     std::cerr << "lightmesh: " << line << "\n";
//   });  // watches until destroyed or stop()
//
// Every interval it reads each device's running configuration (get-config: the one way to learn
// that a NETCONF session died), reopening a dropped session at once. A device audited for the
// first time is audited too. Owns one thread; stop() and the destructor end it within one device
// operation (at most the southbound's timeout). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "southbound/southbound.h"

namespace lightmesh::southbound {

class DeviceWatch {
 public:
  using Log = std::function<void(const std::string&)>;
  DeviceWatch(Southbound& sb, std::chrono::milliseconds interval, Log log);
  ~DeviceWatch();
  DeviceWatch(const DeviceWatch&) = delete;
  DeviceWatch& operator=(const DeviceWatch&) = delete;

  void stop();

 private:
  void run(std::stop_token stop);

  Southbound& sb_;
  const std::chrono::milliseconds interval_;
  const Log log_;
  std::mutex mu_;
  std::condition_variable_any wake_;
  std::vector<std::uint64_t> seen_;  // by device: sessions opened at its last audit; run() only
  std::jthread thread_;              // last: started once everything above exists
};

}  // namespace lightmesh::southbound
