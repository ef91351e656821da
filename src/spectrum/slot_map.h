// SlotMap: which flex-grid slots of one link are occupied, as a bitset over 64-bit words.
//
//   SlotMap m(768);
//   m.book({0, 12});                      // 75 GHz at the bottom of the C band
//   m.next_free(0) == 12;
//
// Word-level scans make run finding cost O(words + runs), not O(slots). Thread-compatible.
#pragma once

#include <cstdint>
#include <vector>

#include "spectrum/grid.h"

namespace lightmesh::spectrum {

class SlotMap {
 public:
  explicit SlotMap(std::uint32_t slot_count = 0);

  std::uint32_t size() const { return size_; }
  bool occupied(std::uint32_t slot) const { return (words_[slot >> 6] >> (slot & 63)) & 1u; }
  bool is_free(SlotBlock b) const;
  // Programmer errors (std::logic_error): booking a slot that is taken, releasing one that is free,
  // or a block outside the map. Callers check is_free first; SpectrumState::book does.
  void book(SlotBlock b);
  void release(SlotBlock b);
  std::uint32_t used() const;
  void clear();
  // this |= other: the union of occupancy, used along a route for spectrum continuity.
  void merge_occupied(const SlotMap& other);

  // First free slot at or after `from`, or size() if none.
  std::uint32_t next_free(std::uint32_t from) const;
  // First occupied slot at or after `from`, or size() if none.
  std::uint32_t next_occupied(std::uint32_t from) const;

  const std::vector<std::uint64_t>& words() const { return words_; }

 private:
  void set_range(SlotBlock b, bool value);
  std::uint32_t size_;
  std::vector<std::uint64_t> words_;
};

}  // namespace lightmesh::spectrum
