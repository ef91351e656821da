#include "workloads/st2110.h"

#include <array>

namespace lightmesh::workloads {

namespace {

// docs/sources.md §5: SMPTE ST 2110-20, 4:2:2 10-bit, uncompressed, per camera.
constexpr std::array<St2110Format, 8> kFormats{{
    {"720p50", 0.98},
    {"720p60", 1.18},
    {"1080p50", 2.21},
    {"1080p60", 2.65},
    {"2160p50", 8.84},
    {"2160p60", 10.6},
    {"4320p50", 36.1},
    {"4320p60", 43.3},
}};

}  // namespace

std::span<const St2110Format> st2110_formats() { return kFormats; }

std::optional<double> st2110_gbps(std::string_view format) {
  for (const St2110Format& f : kFormats) {
    if (f.name == format) return f.gbps;
  }
  return std::nullopt;
}

std::string st2110_format_list() {
  std::string out;
  for (const St2110Format& f : kFormats) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

}  // namespace lightmesh::workloads
