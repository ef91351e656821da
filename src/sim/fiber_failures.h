// FiberFailures: the cuts and repairs of one replication, in time order — random (each fibre
// alternates up and down: exponential times to cut at rate km / 1000 / MTBF, exponential repairs
// of mean MTTR; each site and shared-risk group with rates alike, from its own MTBF and MTTR) or a
// script replayed as given. An event names a fibre, or a group (FiberEvent::group) whose fibres
// all go down or come back; the caller keeps a down-count per fibre so that overlapping failures
// compose.
//
//   FiberFailures f(model, RandomStream::for_stream(seed, stream));
//   while (f.next_time() <= now) { FiberEvent e = f.pop(); e.cut ? cut(e.fiber) : repair(e.fiber);
//   }
//
// Times are in simulated time units (hours / model.time_unit_hours). At equal times repairs come
// before cuts, so a script may cut a fibre again the moment it is repaired. The next event is
// found by a scan over the fibres, done once per cut or repair, which are rare beside arrivals.
//
// Thread-compatible: one per replication; deterministic for a given stream.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/failure_model.h"
#include "sim/random.h"

namespace lightmesh::sim {

struct FiberEvent {
  double time = 0;
  std::uint32_t fiber = 0;         // with group == kNoGroup
  bool cut = false;                // false: a repair
  std::uint32_t group = kNoGroup;  // index into FailureModel::groups
};

class FiberFailures {
 public:
  FiberFailures(const FailureModel& model, RandomStream rng);

  // +∞ when nothing more happens.
  double next_time() const { return next_.time; }
  FiberEvent pop();

 private:
  void find_next();

  RandomStream rng_;
  // Random processes, one per unit: the fibres, then the groups (unit fibres + g).
  std::uint32_t fibers_ = 0;
  std::vector<double> mean_repair_;  // per unit, in simulated time
  std::vector<double> mean_up_;      // per unit, in simulated time; +∞: never cut
  std::vector<double> at_;           // per unit, its next random event
  std::vector<std::uint8_t> down_;   // per unit, for the random process
  std::vector<FiberEvent> script_;   // scripted cuts and repairs, in order
  std::size_t script_next_ = 0;
  FiberEvent next_{std::numeric_limits<double>::infinity(), 0, false};
  bool next_scripted_ = false;
};

}  // namespace lightmesh::sim
