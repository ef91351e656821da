// A discrete bit-rate distribution read from a CSV (`--bitrate-dist`): one row per rate,
// "gbps,weight" (a header naming the columns is allowed), rows in any order.
//
//   LM_ASSIGN_OR_RETURN(BitrateDistribution d, read_bitrate_csv("rates.csv"));
//   // 100,3 / 400,1  →  rates {100, 400}, cumulative {3, 4}: 400G is a quarter of the requests
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace lightmesh::sim {

struct BitrateDistribution {
  std::vector<double> rates_gbps;  // ascending, distinct
  std::vector<double> cumulative;  // running sums of the weights, same order
};

// Errors name the file and the line: a rate outside limits::kBandwidthGbps, a negative or
// non-numeric weight, a rate listed twice, or no positive weight.
Result<BitrateDistribution> parse_bitrate_csv(std::string_view text, std::string_view file);
Result<BitrateDistribution> read_bitrate_csv(const std::string& path);

}  // namespace lightmesh::sim
