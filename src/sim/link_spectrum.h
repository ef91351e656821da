// LinkSpectrum: the occupied slots of every link as bitmaps of 64-bit words, and the spectrum
// searches of dynamic RSA on a path (first, last, best and random fit) done a word at a time.
//
//   LinkSpectrum s(44, 100);
//   std::int32_t start = s.first_fit(links, hops, 4);   // −1 when no 4 common free slots
//   if (start >= 0) s.occupy(links, hops, start, 4);
//
// Why hand-written rather than spectrum::SlotMap: the simulator's hot loop asks "where is the first
// run of n slots free on all these links" millions of times a second. Here the free words of a
// path are the complement of the OR of its links' words, and a run of n free slots is found with
// log₂ n shift-and steps over a 128-bit window (two adjacent words, so runs that cross a word
// boundary are seen), then one count-trailing-zeros. No allocation after construction.
//
// Thread-compatible: one per replication.
#pragma once

#include <cstdint>
#include <vector>

namespace lightmesh::sim {

class RandomStream;

class LinkSpectrum {
 public:
  LinkSpectrum(std::uint32_t links, std::uint32_t slots);

  std::uint32_t slots() const { return slots_; }
  std::uint32_t words_per_link() const { return words_; }

  // Lowest start of n slots free on every link of the path; −1 if none (or n = 0, n > slots).
  std::int32_t first_fit(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n) {
    if (words_ == 2 && n >= 1 && n <= 64) return first_fit_two_words(links, hops, n);
    return first_fit_general(links, hops, n);
  }
  // Highest such start.
  std::int32_t last_fit(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n);
  // Start of the smallest common free run that holds n (ties: the lowest); −1 if none.
  std::int32_t best_fit(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n);
  // A start drawn uniformly among all feasible ones; −1 if none (draws nothing then).
  std::int32_t random_fit(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n,
                          RandomStream& rng);
  // Every feasible start, lowest first, into `out` (cleared first; reuse it to avoid allocation).
  void feasible_starts(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n,
                       std::vector<std::uint32_t>& out);
  // Free slots common to the path's links that stay usable after taking [start, start+n): the
  // common free slots in runs of at least `min_run` (MSCL-style capacity left for later requests).
  std::uint32_t usable_after(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start,
                             std::uint32_t n, std::uint32_t min_run);

  // Marks [start, start+n) used (occupy) or free (release) on every link of the path. Returns false
  // when a slot was already in that state (a slot held twice, or freed twice): a bug, which the
  // tests check over whole runs. The state is changed regardless.
  bool occupy(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start,
              std::uint32_t n) {
    if (words_ == 2 && n <= 64) return toggle_two_words(links, hops, start, n, true);
    return toggle(links, hops, start, n, true);
  }
  bool release(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start,
               std::uint32_t n) {
    if (words_ == 2 && n <= 64) return toggle_two_words(links, hops, start, n, false);
    return toggle(links, hops, start, n, false);
  }

  // The occupied slots of one link: words_per_link() words, bit i of word w is slot 64w + i
  // (bits ≥ slots() are 0). For observers such as the Stepper; the searches above do not use it.
  const std::uint64_t* used_words(std::uint32_t link) const {
    return used_.data() + static_cast<std::size_t>(link) * words_;
  }

  // Free slots on one link and the longest free run there.
  std::uint32_t free_slots(std::uint32_t link) const;
  std::uint32_t largest_free_run(std::uint32_t link) const;

 private:
  __extension__ typedef unsigned __int128 Word128;

  // Bit i of the result is set iff bits i … i+n−1 of x are all set (1 ≤ n ≤ 64): doubling
  // shift-and steps build runs of length k, then one last step of n − k (< k) completes runs of n.
  static Word128 runs_of(Word128 x, std::uint32_t n) {
    std::uint32_t k = 1;
    while (2 * k <= n) {
      x &= x >> k;
      k *= 2;
    }
    if (k < n) x &= x >> (n - k);
    return x;
  }

  // 65 … 128 slots (100 in the published benchmarks): the whole spectrum of a path is one 128-bit
  // value, so the search is a few register operations, inlined into the simulator's loop.
  std::int32_t first_fit_two_words(const std::uint32_t* links, std::uint32_t hops,
                                   std::uint32_t n) const {
    std::uint64_t a = 0, b = 0;
    for (std::uint32_t h = 0; h < hops; ++h) {
      const std::uint64_t* u = used_.data() + static_cast<std::size_t>(links[h]) * 2;
      a |= u[0];
      b |= u[1];
    }
    const Word128 free =
        static_cast<Word128>(~a & valid_[0]) | (static_cast<Word128>(~b & valid_[1]) << 64);
    const Word128 y = runs_of(free, n);
    const auto lo = static_cast<std::uint64_t>(y);
    if (lo) return static_cast<std::int32_t>(__builtin_ctzll(lo));
    const auto hi = static_cast<std::uint64_t>(y >> 64);
    return hi ? static_cast<std::int32_t>(64 + __builtin_ctzll(hi)) : -1;
  }
  bool toggle_two_words(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start,
                        std::uint32_t n, bool set) {
    const Word128 m = ((static_cast<Word128>(1) << n) - 1) << start;
    const auto m0 = static_cast<std::uint64_t>(m), m1 = static_cast<std::uint64_t>(m >> 64);
    std::uint64_t wrong = 0;
    for (std::uint32_t h = 0; h < hops; ++h) {
      std::uint64_t* u = used_.data() + static_cast<std::size_t>(links[h]) * 2;
      if (set) {
        wrong |= (u[0] & m0) | (u[1] & m1);
        u[0] |= m0;
        u[1] |= m1;
      } else {
        wrong |= (~u[0] & m0) | (~u[1] & m1);
        u[0] &= ~m0;
        u[1] &= ~m1;
      }
    }
    return wrong == 0;
  }
  std::int32_t first_fit_general(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n);

  // Fills scratch_ with the slots free on every link of the path (bits ≥ slots_ are 0).
  void common_free(const std::uint32_t* links, std::uint32_t hops);
  bool toggle(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start, std::uint32_t n,
              bool set);

  std::uint32_t slots_;
  std::uint32_t words_;
  std::vector<std::uint64_t> used_;     // words_ per link
  std::vector<std::uint64_t> valid_;    // 1 for slots < slots_
  std::vector<std::uint64_t> scratch_;  // words_ + 1 (a zero word past the end)
};

}  // namespace lightmesh::sim
