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
  std::int32_t first_fit(const std::uint32_t* links, std::uint32_t hops, std::uint32_t n);
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
  bool occupy(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start, std::uint32_t n);
  bool release(const std::uint32_t* links, std::uint32_t hops, std::uint32_t start,
               std::uint32_t n);

  // Free slots on one link and the longest free run there.
  std::uint32_t free_slots(std::uint32_t link) const;
  std::uint32_t largest_free_run(std::uint32_t link) const;

 private:
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
