#include "spectrum/grid.h"

#include <fmt/format.h>

#include <cmath>

#include "core/bounded.h"

namespace lightmesh::spectrum {

namespace {
// Offset of a frequency from 193.1 THz in slots; integral when the frequency is on the grid.
double slots_from_anchor(double thz) { return (thz - Grid::kAnchorThz) * 1000.0 / Grid::kSlotGhz; }
bool on_grid(double thz) {
  const double s = slots_from_anchor(thz);
  return std::abs(s - std::round(s)) < 1e-6;
}
}  // namespace

std::uint32_t Grid::slot_count() const {
  return saturate_round<std::uint32_t>((last_thz - first_thz) * 1000.0 / kSlotGhz);
}

Result<Grid> Grid::make(double first_thz, double last_thz) {
  if (!std::isfinite(first_thz) || !std::isfinite(last_thz) || !(first_thz < last_thz)) {
    return Error::invalid(fmt::format("the band {}–{} THz is empty (expected first_thz < last_thz)",
                                      first_thz, last_thz));
  }
  if (!on_grid(first_thz) || !on_grid(last_thz)) {
    return Error::invalid(
        fmt::format("the band {}–{} THz is not on the 6.25 GHz flex grid (edges must be 193.1 THz "
                    "+ k × 6.25 GHz)",
                    first_thz, last_thz));
  }
  if ((last_thz - first_thz) * 1000.0 / kSlotGhz > kMaxSlots) {
    return Error::invalid(fmt::format("the band {}–{} THz is too wide (at most {} slots)",
                                      first_thz, last_thz, kMaxSlots));
  }
  return Grid{first_thz, last_thz};
}

double center_thz(const Grid& g, SlotBlock b) {
  return g.first_thz + (b.first + b.count / 2.0) * Grid::kSlotGhz / 1000.0;
}

GHz width(SlotBlock b) { return GHz{b.count * Grid::kSlotGhz}; }

int n_of(const Grid& g, SlotBlock b) {
  return saturate_round<int>(slots_from_anchor(g.first_thz) + b.first + b.count / 2.0);
}

int m_of(SlotBlock b) { return static_cast<int>(b.count / 2); }

std::uint32_t slots_for_width(GHz w) {
  const double units = std::ceil(w.value() / (2 * Grid::kSlotGhz) - 1e-9);
  // A width beyond any band (limits::kChannelWidthGhz) saturates rather than wrapping.
  return units <= 0 ? 0 : saturate<std::uint32_t>(units * 2);
}

std::string readable(const Grid& g, SlotBlock b) {
  return fmt::format("{:.3f} THz, {:g} GHz", center_thz(g, b), width(b).value());
}

}  // namespace lightmesh::spectrum
