// Dense integer indices used everywhere inside lightmesh. Names live only at the edges (io, cli).
#pragma once

#include <cstdint>
#include <limits>

namespace lightmesh {

using NodeIndex = std::uint32_t;  // an optical node (a site's ROADM, a standalone ROADM, a gateway)
using FiberIndex = std::uint32_t;  // a duplex fibre between two nodes
using SiteIndex = std::uint32_t;
using ModeIndex = std::uint32_t;  // a mode in the flattened transceiver catalogue

inline constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();

}  // namespace lightmesh
