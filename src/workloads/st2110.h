// SMPTE ST 2110-20 video rates: the bandwidth of one uncompressed camera feed (4:2:2, 10-bit) by
// format, the table of docs/sources.md §5. Live production sizes its lightpaths from it.
//
//   std::optional<double> g = st2110_gbps("2160p50");   // 8.84
//   if (!g) fmt::print("known: {}\n", st2110_format_list());
//
// Constant data and pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace lightmesh::workloads {

struct St2110Format {
  std::string_view name;  // "<lines>p<frames per second>", e.g. "1080p60"
  double gbps;            // one camera, one stream (ST 2022-7 sends it twice)
};

// Every format of the table, smallest first.
std::span<const St2110Format> st2110_formats();

// Gbps per camera of `format` (exact, case-sensitive name), or nullopt when the table lacks it.
std::optional<double> st2110_gbps(std::string_view format);

// "720p50, 720p60, 1080p50, …": the known names, for error messages.
std::string st2110_format_list();

}  // namespace lightmesh::workloads
