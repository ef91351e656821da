#include "sim/bitrate_classes.h"

namespace lightmesh::sim {

BitrateClasses bitrate_classes(const std::vector<double>& rates_gbps) {
  BitrateClasses out;
  const std::size_t n = rates_gbps.size();
  if (n == 0) return out;
  const std::size_t classes = n <= kMaxBitrateClasses ? n : kBitrateBins;
  out.of_rate.resize(n);
  // Class c holds rate indices [c·n/classes, (c+1)·n/classes): one rate each, or equal shares.
  for (std::size_t c = 0; c < classes; ++c) {
    const std::size_t from = c * n / classes, to = (c + 1) * n / classes;
    for (std::size_t i = from; i < to; ++i) out.of_rate[i] = static_cast<std::uint8_t>(c);
    out.classes.push_back({rates_gbps[from], rates_gbps[to - 1]});
  }
  return out;
}

}  // namespace lightmesh::sim
