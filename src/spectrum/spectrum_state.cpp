#include "spectrum/spectrum_state.h"

#include <string>

namespace lightmesh::spectrum {

SpectrumState::SpectrumState(const Grid& grid, std::uint32_t fiber_count)
    : grid_(grid), links_(static_cast<std::size_t>(fiber_count) * 2, SlotMap(grid.slot_count())) {}

SlotMap SpectrumState::path_occupancy(std::span<const std::uint32_t> links) const {
  SlotMap out(grid_.slot_count());
  path_occupancy(links, out);
  return out;
}

void SpectrumState::path_occupancy(std::span<const std::uint32_t> links, SlotMap& out) const {
  if (out.size() != grid_.slot_count()) out = SlotMap(grid_.slot_count());
  out.clear();
  for (std::uint32_t l : links) out.merge_occupied(links_[l]);
}

Status SpectrumState::book(std::span<const std::uint32_t> links, SlotBlock b) {
  for (std::uint32_t l : links) {
    if (l >= links_.size()) return Error::internal("link " + std::to_string(l) + " does not exist");
    if (!links_[l].is_free(b)) {
      return Error::invalid("slots " + std::to_string(b.first) + "–" +
                            std::to_string(b.first + b.count - 1) + " are not free on link " +
                            std::to_string(l));
    }
  }
  for (std::uint32_t l : links) links_[l].book(b);
  return {};
}

void SpectrumState::release(std::span<const std::uint32_t> links, SlotBlock b) {
  for (std::uint32_t l : links) links_[l].release(b);
}

std::uint64_t SpectrumState::used_slots() const {
  std::uint64_t n = 0;
  for (const auto& m : links_) n += m.used();
  return n;
}

}  // namespace lightmesh::spectrum
