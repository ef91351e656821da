// Spectrum allocation policies: where in the free spectrum of a route a new channel goes.
//
//   auto p = parse_policy("first-fit");
//   std::optional<SlotBlock> b = choose_block(occupancy, 12, *p, rng);
//
// Pure functions of their arguments (random-fit draws from the caller's generator); thread-safe.
#pragma once

#include <optional>
#include <random>
#include <string_view>

#include "core/result.h"
#include "spectrum/slot_map.h"

namespace lightmesh::spectrum {

enum class Policy {
  kFirstFit,  // the lowest start that fits: packs spectrum at the low end, the usual baseline
  kLastFit,   // the highest start that fits
  kBestFit,  // the smallest free gap that fits (ties: lowest), at the gap's low end: keeps big gaps
             // whole
  kRandomFit,  // uniformly among every feasible start
};

Result<Policy> parse_policy(
    std::string_view name);  // "first-fit" | "last-fit" | "best-fit" | "random-fit"
const char* policy_name(Policy p);

// A block of `count` contiguous slots free in `occupied` (set bits are busy), or nullopt if none.
// count == 0 gives nullopt.
std::optional<SlotBlock> choose_block(const SlotMap& occupied, std::uint32_t count, Policy p,
                                      std::mt19937_64& rng);

}  // namespace lightmesh::spectrum
