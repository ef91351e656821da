#include "spectrum/slot_map.h"

#include <bit>
#include <stdexcept>

namespace lightmesh::spectrum {

namespace {
// Bits [lo, hi) of one word, 0 ≤ lo < hi ≤ 64.
std::uint64_t mask(std::uint32_t lo, std::uint32_t hi) {
  const std::uint64_t upper = hi == 64 ? ~0ull : ((1ull << hi) - 1);
  return upper & ~((1ull << lo) - 1);
}
}  // namespace

SlotMap::SlotMap(std::uint32_t slot_count) : size_(slot_count), words_((slot_count + 63) / 64, 0) {}

bool SlotMap::is_free(SlotBlock b) const {
  if (b.count == 0 || b.first > size_ || b.count > size_ - b.first) return false;
  return next_occupied(b.first) >= b.first + b.count;
}

void SlotMap::set_range(SlotBlock b, bool value) {
  std::uint32_t s = b.first;
  const std::uint32_t end = b.first + b.count;
  while (s < end) {
    const std::uint32_t w = s >> 6;
    const std::uint32_t hi = std::min<std::uint32_t>(64, end - (w << 6));
    const std::uint64_t m = mask(s & 63, hi);
    if (value)
      words_[w] |= m;
    else
      words_[w] &= ~m;
    s = (w + 1) << 6;
  }
}

void SlotMap::book(SlotBlock b) {
  if (!is_free(b)) throw std::logic_error("SlotMap::book: block is not free");
  set_range(b, true);
}

void SlotMap::release(SlotBlock b) {
  if (b.count == 0 || b.first > size_ || b.count > size_ - b.first) {
    throw std::logic_error("SlotMap::release: block outside the map");
  }
  for (std::uint32_t s = b.first; s < b.first + b.count; ++s) {
    if (!occupied(s)) throw std::logic_error("SlotMap::release: slot is not booked");
  }
  set_range(b, false);
}

std::uint32_t SlotMap::used() const {
  std::uint32_t n = 0;
  for (auto w : words_) n += static_cast<std::uint32_t>(std::popcount(w));
  return n;
}

void SlotMap::clear() { std::fill(words_.begin(), words_.end(), 0); }

void SlotMap::merge_occupied(const SlotMap& other) {
  if (other.size_ != size_) throw std::logic_error("SlotMap::merge_occupied: sizes differ");
  for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
}

std::uint32_t SlotMap::next_free(std::uint32_t from) const {
  if (from >= size_) return size_;
  std::uint32_t w = from >> 6;
  std::uint64_t free = ~words_[w] & ~((1ull << (from & 63)) - 1);
  while (true) {
    if (free) return std::min(size_, (w << 6) + static_cast<std::uint32_t>(std::countr_zero(free)));
    if (++w >= words_.size()) return size_;
    free = ~words_[w];
  }
}

std::uint32_t SlotMap::next_occupied(std::uint32_t from) const {
  if (from >= size_) return size_;
  std::uint32_t w = from >> 6;
  std::uint64_t busy = words_[w] & ~((1ull << (from & 63)) - 1);
  while (true) {
    if (busy) return std::min(size_, (w << 6) + static_cast<std::uint32_t>(std::countr_zero(busy)));
    if (++w >= words_.size()) return size_;
    busy = words_[w];
  }
}

}  // namespace lightmesh::spectrum
