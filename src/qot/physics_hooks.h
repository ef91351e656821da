// The engine's physics (path_request_run.h's hooks) bound to lightmesh's propagation
// (physics/line_propagation.h) and auto-design (physics/auto_design.h), with a cache of
// propagations: on a network designed once, a request's figures depend only on its path and its
// channel load, and many requests share both.
//
//   PhysicsCache cache;
//   PathRequestRun run(std::move(net), eq, physics_hooks(eq, cache));
//
// The cache belongs to the caller so it can outlive one run (and be cleared by a redesign through
// the hooks' invalidate). The hooks may be called from several threads at once (the engine
// propagates independent requests in parallel); the cache locks its map.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>
#include <vector>

#include "model/equipment.h"
#include "qot/path_request_run.h"

namespace lightmesh::qot {

class PhysicsCache {
 public:
  using Key = std::tuple<std::vector<ElementIndex>, double, double, std::uint32_t, double, double,
                         double, double, double, double>;
  std::optional<QotFigures> find(const Key& k) const {
    std::lock_guard lock(mutex_);
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void put(Key k, const QotFigures& q) {
    std::lock_guard lock(mutex_);
    map_.emplace(std::move(k), q);
  }
  void clear() {
    std::lock_guard lock(mutex_);
    map_.clear();
  }
  std::atomic<std::size_t> hits = 0, misses = 0;

 private:
  mutable std::mutex mutex_;
  std::map<Key, QotFigures> map_;
};

// `cache` may be null (no caching).
PhysicsHooks physics_hooks(const Equipment& eq, PhysicsCache* cache);

}  // namespace lightmesh::qot
