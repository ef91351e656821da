// The protection classes of simulated services and the mix a run draws them from, as
// `--protection` states it: one class ("restore") or weighted shares
// ("none:0.5,restore:0.3,1+1:0.2").
//
//   LM_ASSIGN_OR_RETURN(ProtectionMix mix, parse_protection_mix("none:3,1+1:1"));
//   mix.share(Protection::kOnePlusOne) == 0.25
//
// The classes are the controller's (fabric::ServiceProtection): at a fibre cut a 1+1 service
// switches to its disjoint protect leg, a restore service is re-routed on the surviving network,
// an unprotected one goes down until the fibre is repaired.
//
// Constants and pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lightmesh::sim {

enum class Protection : std::uint8_t { kNone, kRestore, kOnePlusOne };
inline constexpr std::size_t kProtectionClasses = 3;

// "none", "restore", "1+1".
const char* protection_name(Protection p);

struct ProtectionMix {
  // Weights by class (Protection as index), not normalised; their sum is > 0.
  std::array<double, kProtectionClasses> weights{1, 0, 0};

  double share(Protection p) const;
  bool only_unprotected() const { return weights[1] == 0 && weights[2] == 0; }
  // The class for u uniform in [0, 1).
  Protection draw(double u) const;
  // "none:0.5,restore:0.5" (the weights normalised), for the output.
  std::string describe() const;
};

// "NAME" or "NAME:WEIGHT[,NAME:WEIGHT…]" with NAME one of none, restore, 1+1 (each at most once)
// and WEIGHT ≥ 0 (a bare NAME weighs 1). Errors name --protection and what was expected.
Result<ProtectionMix> parse_protection_mix(std::string_view text);

}  // namespace lightmesh::sim
