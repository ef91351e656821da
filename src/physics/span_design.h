// The spans a native network's fibre is cut into: as the file states them, else equal spans from
// the stated in-line amplifier count, else the fewest equal spans no longer than the network's
// max_span. The element-level conversion (physics/native_network.h) builds its fibre spans from it.
//
//   for (const SpanDesign& s : span_design(net, f)) total_km += s.length_km;
//
// Pure function of an immutable Network; thread-safe.
#pragma once

#include <vector>

#include "core/ids.h"
#include "model/network.h"

namespace lightmesh::physics {

struct SpanDesign {
  double length_km = 0;
  double loss_db = 0;        // span loss, connectors included
  bool loss_stated = false;  // the file gave it; otherwise fibre loss × length + connectors
};

std::vector<SpanDesign> span_design(const Network& net, FiberIndex f);

}  // namespace lightmesh::physics
