#include "sim/policy.h"

#include <string>

namespace lightmesh::sim {

namespace {
constexpr Policy kAll[] = {Policy::kKspFirstFit, Policy::kFirstFitKsp,  Policy::kKspBestFit,
                           Policy::kKspLastFit,  Policy::kKspRandomFit, Policy::kKspFrag};
}

const char* policy_name(Policy p) {
  switch (p) {
    case Policy::kKspFirstFit:
      return "ksp-ff";
    case Policy::kFirstFitKsp:
      return "ff-ksp";
    case Policy::kKspBestFit:
      return "ksp-bf";
    case Policy::kKspLastFit:
      return "ksp-lf";
    case Policy::kKspRandomFit:
      return "ksp-rf";
    case Policy::kKspFrag:
      return "ksp-fa";
  }
  return "?";
}

Result<Policy> parse_policy(std::string_view name) {
  std::string known;
  for (Policy p : kAll) {
    if (name == policy_name(p)) return p;
    known += known.empty() ? "" : ", ";
    known += policy_name(p);
  }
  return Error::invalid("unknown policy \"" + std::string(name) + "\" (expected one of: " + known +
                        ")");
}

}  // namespace lightmesh::sim
