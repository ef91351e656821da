// SpectrumState: slot maps for every link of a network, where a link is one direction of a duplex
// fibre: link = fiber × 2 + direction (0: a→b, 1: b→a).
//
//   SpectrumState st(grid, net.fibers().size());
//   std::vector<std::uint32_t> links{link_index(f, false), link_index(f, true)};
//   if (st.book(links, block)) …
//
// Not thread-safe: one per planner, fabric or simulation replica.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "spectrum/grid.h"
#include "spectrum/slot_map.h"

namespace lightmesh::spectrum {

inline std::uint32_t link_index(FiberIndex f, bool reverse) { return f * 2 + (reverse ? 1 : 0); }

class SpectrumState {
 public:
  SpectrumState(const Grid& grid, std::uint32_t fiber_count);

  const Grid& grid() const { return grid_; }
  std::uint32_t link_count() const { return static_cast<std::uint32_t>(links_.size()); }
  const SlotMap& link(std::uint32_t l) const { return links_[l]; }

  // The union of occupancy along `links`: a block is usable on the route iff it is free here.
  SlotMap path_occupancy(std::span<const std::uint32_t> links) const;
  void path_occupancy(std::span<const std::uint32_t> links, SlotMap& out) const;  // reuses `out`

  // Books `b` on every link, or on none: fails (naming the first busy link) if any is taken there.
  Status book(std::span<const std::uint32_t> links, SlotBlock b);
  // Releases `b` on every link; releasing what is not booked is a programmer error
  // (std::logic_error).
  void release(std::span<const std::uint32_t> links, SlotBlock b);

  std::uint64_t used_slots() const;  // over every link

 private:
  Grid grid_;
  std::vector<SlotMap> links_;
};

}  // namespace lightmesh::spectrum
