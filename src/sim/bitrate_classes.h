// The bit-rate classes the figures are reported by ("per bit-rate class", issue 14): each distinct
// rate of the traffic when there are few, else the rates split into a few bins of consecutive
// rates.
//
//   BitrateClasses c = bitrate_classes({100, 400});      // two classes: 100 and 400
//   BitrateClasses d = bitrate_classes(rates_25_to_100); // 76 rates → 4 bins: 25–43, 44–62, …
//   std::uint8_t k = d.of_rate[rate_index];              // the class a drawn rate counts in
//
// A request's class is looked up from the rate index it is drawn with, so the replication loop
// counts by class with one array index and no allocation. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lightmesh::sim {

// Up to this many distinct rates, one class each; above, kBitrateBins bins.
inline constexpr std::size_t kMaxBitrateClasses = 16;
// Rates split into this many bins of (nearly) equal numbers of distinct rates: for a --bitrate
// range, bins of equal width.
inline constexpr std::size_t kBitrateBins = 4;

struct BitrateClass {
  double gbps_min = 0;
  double gbps_max = 0;  // equal to gbps_min for a class of one rate
  bool single() const { return gbps_min == gbps_max; }
};

struct BitrateClasses {
  std::vector<BitrateClass> classes;  // ascending rates; at most kMaxBitrateClasses
  std::vector<std::uint8_t> of_rate;  // by rate index (TrafficModel::rates_gbps): its class
};

// `rates_gbps` ascending and distinct, as TrafficModel holds them; empty gives no class.
BitrateClasses bitrate_classes(const std::vector<double>& rates_gbps);

}  // namespace lightmesh::sim
