#include "physics/span_design.h"

#include <algorithm>
#include <cmath>

namespace lightmesh::physics {

std::vector<SpanDesign> span_design(const Network& net, FiberIndex f) {
  const lightmesh::Fiber& fiber = net.fiber(f);
  const LinePhysics& p = net.physics();
  const double alpha = fiber.loss_db_per_km.value_or(p.loss_db_per_km);
  std::vector<SpanDesign> spans;
  auto add = [&](double km, std::optional<Decibel> loss) {
    SpanDesign s;
    s.length_km = km;
    s.loss_stated = loss.has_value();
    s.loss_db = loss ? loss->value() : alpha * km + 2 * p.connector_loss_db;
    spans.push_back(s);
  };
  if (!fiber.spans.empty()) {
    for (const lightmesh::Span& s : fiber.spans) add(s.length.value(), s.loss);
    return spans;
  }
  const double length = fiber.length.value();
  const std::size_t count =
      fiber.amplifiers_stated
          ? fiber.amplifiers + 1
          : std::max<std::size_t>(
                1, static_cast<std::size_t>(std::ceil(length / p.max_span.value() - 1e-9)));
  for (std::size_t i = 0; i < count; ++i) add(length / static_cast<double>(count), std::nullopt);
  return spans;
}

}  // namespace lightmesh::physics
