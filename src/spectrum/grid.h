// The ITU-T G.694.1 flex grid: 6.25 GHz slots over a band, and GNPy's N/M naming of a channel.
//
//   Grid g;                                   // C band 191.325–196.125 THz: 768 slots
//   (docs/sources.md §2) SlotBlock b{284 - 6, 12};                 // 75 GHz centred on 193.1 THz
//   n_of(g, b) == 0; m_of(b) == 6; readable(g, b) == "193.100 THz, 75 GHz"
//
// Conventions: slot i spans [first + i × 6.25 GHz, first + (i+1) × 6.25 GHz). A channel of width
// m × 12.5 GHz centred at 193.1 THz + n × 6.25 GHz occupies 2m slots. Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "core/units.h"

namespace lightmesh::spectrum {

struct Grid {
  static constexpr double kSlotGhz = 6.25;
  static constexpr double kAnchorThz = 193.1;
  static constexpr std::uint32_t kMaxSlots = 1u << 16;  // 409.6 THz: far beyond any fibre band

  double first_thz = 191.325;
  double last_thz = 196.125;

  std::uint32_t slot_count() const;
  // Fails unless first < last, both lie on the 6.25 GHz grid around 193.1 THz, and the band holds
  // at most kMaxSlots slots.
  static Result<Grid> make(double first_thz, double last_thz);
};

struct SlotBlock {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
  bool operator==(const SlotBlock&) const = default;
};

double center_thz(const Grid& g, SlotBlock b);
GHz width(SlotBlock b);
int n_of(const Grid& g, SlotBlock b);  // centre = 193.1 THz + n × 6.25 GHz
int m_of(SlotBlock b);                 // width = m × 12.5 GHz
// Slots a channel of width w needs, rounded up to an even count (12.5 GHz granularity).
std::uint32_t slots_for_width(GHz w);
// "193.100 THz, 75 GHz": centre to the GHz, width without trailing zeros ("37.5 GHz").
std::string readable(const Grid& g, SlotBlock b);

}  // namespace lightmesh::spectrum
