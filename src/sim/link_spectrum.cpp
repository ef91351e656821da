#include "sim/link_spectrum.h"

#include <bit>

#include "sim/random.h"

namespace lightmesh::sim {

namespace {

__extension__ typedef unsigned __int128 Word128;

inline Word128 window(const std::uint64_t* w, std::uint32_t i) {
  return static_cast<Word128>(w[i]) | (static_cast<Word128>(w[i + 1]) << 64);
}

constexpr std::uint32_t kNone = ~0u;

// The first set bit at or after pos in words[0..count), or kNone.
std::uint32_t next_one(const std::uint64_t* words, std::uint32_t count, std::uint32_t pos) {
  std::uint32_t w = pos >> 6;
  if (w >= count) return kNone;
  std::uint64_t x = words[w] & (~0ULL << (pos & 63));
  while (x == 0) {
    if (++w == count) return kNone;
    x = words[w];
  }
  return w * 64 + static_cast<std::uint32_t>(std::countr_zero(x));
}

// The first clear bit at or after pos, or count × 64.
std::uint32_t next_zero(const std::uint64_t* words, std::uint32_t count, std::uint32_t pos) {
  std::uint32_t w = pos >> 6;
  if (w >= count) return count * 64;
  std::uint64_t x = ~words[w] & (~0ULL << (pos & 63));
  while (x == 0) {
    if (++w == count) return count * 64;
    x = ~words[w];
  }
  return w * 64 + static_cast<std::uint32_t>(std::countr_zero(x));
}

// Calls f(start, length) for every maximal run of set bits, lowest first.
template <typename F>
void for_each_run(const std::uint64_t* words, std::uint32_t count, F&& f) {
  std::uint32_t pos = 0;
  while (true) {
    const std::uint32_t start = next_one(words, count, pos);
    if (start == kNone) return;
    const std::uint32_t end = next_zero(words, count, start);
    f(start, end - start);
    pos = end;
  }
}

}  // namespace

LinkSpectrum::LinkSpectrum(std::uint32_t links, std::uint32_t slots)
    : slots_(slots),
      words_((slots + 63) / 64),
      used_(static_cast<std::size_t>(links) * words_, 0),
      valid_(words_, 0),
      scratch_(words_ + 1, 0) {
  for (std::uint32_t s = 0; s < slots; ++s) valid_[s >> 6] |= 1ULL << (s & 63);
}

void LinkSpectrum::common_free(const std::uint32_t* links, std::uint32_t hops) {
  const std::uint32_t W = words_;
  if (W == 2) {  // 65 … 128 slots: the common case, kept in registers
    std::uint64_t a = 0, b = 0;
    for (std::uint32_t h = 0; h < hops; ++h) {
      const std::uint64_t* u = used_.data() + static_cast<std::size_t>(links[h]) * 2;
      a |= u[0];
      b |= u[1];
    }
    scratch_[0] = ~a & valid_[0];
    scratch_[1] = ~b & valid_[1];
    return;
  }
  for (std::uint32_t w = 0; w < W; ++w) scratch_[w] = 0;
  for (std::uint32_t h = 0; h < hops; ++h) {
    const std::uint64_t* u = used_.data() + static_cast<std::size_t>(links[h]) * W;
    for (std::uint32_t w = 0; w < W; ++w) scratch_[w] |= u[w];
  }
  for (std::uint32_t w = 0; w < W; ++w) scratch_[w] = ~scratch_[w] & valid_[w];
}

std::int32_t LinkSpectrum::first_fit_general(const std::uint32_t* links, std::uint32_t hops,
                                             std::uint32_t n) {
  if (n == 0 || n > slots_) return -1;
  common_free(links, hops);
  if (n <= 64) {
    for (std::uint32_t w = 0; w < words_; ++w) {
      const Word128 y = LinkSpectrum::runs_of(window(scratch_.data(), w), n);
      const auto lo = static_cast<std::uint64_t>(y);
      if (lo) return static_cast<std::int32_t>(w * 64 + std::countr_zero(lo));
      // Past the last word the window reads a zero word, so its upper half is exact too.
      if (w + 2 == words_) {
        const auto hi = static_cast<std::uint64_t>(y >> 64);
        return hi ? static_cast<std::int32_t>((w + 1) * 64 + std::countr_zero(hi)) : -1;
      }
    }
    return -1;
  }
  std::int32_t found = -1;
  for_each_run(scratch_.data(), words_, [&](std::uint32_t start, std::uint32_t len) {
    if (found < 0 && len >= n) found = static_cast<std::int32_t>(start);
  });
  return found;
}

std::int32_t LinkSpectrum::last_fit(const std::uint32_t* links, std::uint32_t hops,
                                    std::uint32_t n) {
  if (n == 0 || n > slots_) return -1;
  common_free(links, hops);
  if (n <= 64) {
    for (std::uint32_t w = words_; w-- > 0;) {
      const auto lo =
          static_cast<std::uint64_t>(LinkSpectrum::runs_of(window(scratch_.data(), w), n));
      if (lo) return static_cast<std::int32_t>(w * 64 + 63 - std::countl_zero(lo));
    }
    return -1;
  }
  std::int32_t found = -1;
  for_each_run(scratch_.data(), words_, [&](std::uint32_t start, std::uint32_t len) {
    if (len >= n) found = static_cast<std::int32_t>(start + len - n);
  });
  return found;
}

std::int32_t LinkSpectrum::best_fit(const std::uint32_t* links, std::uint32_t hops,
                                    std::uint32_t n) {
  if (n == 0 || n > slots_) return -1;
  common_free(links, hops);
  std::int32_t found = -1;
  std::uint32_t best_len = ~0u;
  for_each_run(scratch_.data(), words_, [&](std::uint32_t start, std::uint32_t len) {
    if (len >= n && len < best_len) {
      best_len = len;
      found = static_cast<std::int32_t>(start);
    }
  });
  return found;
}

std::int32_t LinkSpectrum::random_fit(const std::uint32_t* links, std::uint32_t hops,
                                      std::uint32_t n, RandomStream& rng) {
  if (n == 0 || n > slots_) return -1;
  common_free(links, hops);
  std::uint32_t feasible = 0;
  for_each_run(scratch_.data(), words_, [&](std::uint32_t, std::uint32_t len) {
    if (len >= n) feasible += len - n + 1;
  });
  if (feasible == 0) return -1;
  std::uint32_t pick = rng.below(feasible);
  std::int32_t found = -1;
  for_each_run(scratch_.data(), words_, [&](std::uint32_t start, std::uint32_t len) {
    if (found >= 0 || len < n) return;
    if (pick < len - n + 1) {
      found = static_cast<std::int32_t>(start + pick);
    } else {
      pick -= len - n + 1;
    }
  });
  return found;
}

void LinkSpectrum::feasible_starts(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n,
                                   std::vector<std::uint32_t>& out) {
  out.clear();
  if (n == 0 || n > slots_) return;
  common_free(links, hops);
  for_each_run(scratch_.data(), words_, [&](std::uint32_t start, std::uint32_t len) {
    for (std::uint32_t s = start; s + n <= start + len; ++s) out.push_back(s);
  });
}

std::uint32_t LinkSpectrum::usable_after(const std::uint32_t* links, std::uint32_t hops,
                                         std::uint32_t start, std::uint32_t n,
                                         std::uint32_t min_run) {
  common_free(links, hops);
  for (std::uint32_t s = start; s < start + n; ++s) scratch_[s >> 6] &= ~(1ULL << (s & 63));
  std::uint32_t usable = 0;
  for_each_run(scratch_.data(), words_, [&](std::uint32_t, std::uint32_t len) {
    if (len >= min_run) usable += len;
  });
  return usable;
}

bool LinkSpectrum::toggle(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start,
                          std::uint32_t n, bool set) {
  // The block as one mask per word it touches (at most three words for n ≤ 128).
  const std::uint32_t end = start + n;  // exclusive
  const std::uint32_t first = start >> 6, last = (end - 1) >> 6;
  std::uint64_t local[4];
  std::vector<std::uint64_t> heap;
  std::uint64_t* mask = local;
  if (last - first + 1 > 4) {
    heap.resize(last - first + 1);
    mask = heap.data();
  }
  for (std::uint32_t w = first; w <= last; ++w) {
    const std::uint32_t lo = std::max(start, w * 64) - w * 64;
    const std::uint32_t hi = std::min(end, w * 64 + 64) - w * 64;  // exclusive, ≤ 64
    mask[w - first] = (hi == 64 ? ~0ULL : (1ULL << hi) - 1) & ~((1ULL << lo) - 1);
  }
  std::uint64_t wrong = 0;  // bits found in the wrong state
  for (std::uint32_t h = 0; h < hops; ++h) {
    std::uint64_t* u = used_.data() + static_cast<std::size_t>(links[h]) * words_ + first;
    for (std::uint32_t w = 0; w <= last - first; ++w) {
      if (set) {
        wrong |= u[w] & mask[w];
        u[w] |= mask[w];
      } else {
        wrong |= ~u[w] & mask[w];
        u[w] &= ~mask[w];
      }
    }
  }
  return wrong == 0;
}

std::uint32_t LinkSpectrum::free_slots(std::uint32_t link) const {
  std::uint32_t free = 0;
  for (std::uint32_t w = 0; w < words_; ++w)
    free += static_cast<std::uint32_t>(
        std::popcount(~used_[static_cast<std::size_t>(link) * words_ + w] & valid_[w]));
  return free;
}

std::uint32_t LinkSpectrum::largest_free_run(std::uint32_t link) const {
  std::uint32_t best = 0;
  // A copy of the free words on the stack for the common sizes; the scan needs them complemented.
  std::uint64_t local[8];
  std::vector<std::uint64_t> heap;
  std::uint64_t* free = local;
  if (words_ > 8) {
    heap.resize(words_);
    free = heap.data();
  }
  for (std::uint32_t w = 0; w < words_; ++w)
    free[w] = ~used_[static_cast<std::size_t>(link) * words_ + w] & valid_[w];
  for_each_run(free, words_, [&](std::uint32_t, std::uint32_t len) { best = std::max(best, len); });
  return best;
}

}  // namespace lightmesh::sim
