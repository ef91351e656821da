// The routing-and-spectrum policies of the simulator, and their names on the command line.
//
//   LM_ASSIGN_OR_RETURN(Policy p, parse_policy("ksp-ff"));   policy_name(p) == "ksp-ff"
//
// - ksp-ff: the first candidate path (in rank order) with any fit, at its lowest start.
// - ff-ksp: the lowest start over all candidate paths; ties go to the better-ranked path.
// - ksp-bf: the first path with any fit, in its smallest common free run that holds the request.
// - ksp-lf: the first path with any fit, at its highest start.
// - ksp-rf: the first path with any fit, at a start drawn uniformly among its feasible ones.
// - ksp-fa: fragmentation-aware: over every path and feasible start, the placement that loses the
//   least usable capacity on its path (free slots left in runs wide enough for the smallest
//   request), a simplified MSCL (Wright et al., JOCN 2015); ties to the better rank, then the
//   lower start.
//
// Constants; thread-safe.
#pragma once

#include <string_view>

#include "core/result.h"

namespace lightmesh::sim {

enum class Policy { kKspFirstFit, kFirstFitKsp, kKspBestFit, kKspLastFit, kKspRandomFit, kKspFrag };

// Errors name the unknown value and list the known ones.
Result<Policy> parse_policy(std::string_view name);
const char* policy_name(Policy p);

// f.template operator()<P>() with the run-time policy p as the compile-time P, so each policy's
// replication loop is compiled on its own and never branches on the policy per request:
//   with_policy(run.policy, [&]<Policy P>() { return run_loop<P>(…); });
template <typename F>
decltype(auto) with_policy(Policy p, F&& f) {
  switch (p) {
    case Policy::kFirstFitKsp:
      return f.template operator()<Policy::kFirstFitKsp>();
    case Policy::kKspBestFit:
      return f.template operator()<Policy::kKspBestFit>();
    case Policy::kKspLastFit:
      return f.template operator()<Policy::kKspLastFit>();
    case Policy::kKspRandomFit:
      return f.template operator()<Policy::kKspRandomFit>();
    case Policy::kKspFrag:
      return f.template operator()<Policy::kKspFrag>();
    case Policy::kKspFirstFit:
      break;
  }
  return f.template operator()<Policy::kKspFirstFit>();
}

}  // namespace lightmesh::sim
