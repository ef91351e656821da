#include "model/workload_spec.h"

namespace lightmesh {

const char* workload_kind_name(WorkloadKind k) {
  switch (k) {
    case WorkloadKind::kTraining:
      return "training";
    case WorkloadKind::kInference:
      return "inference";
    case WorkloadKind::kCluster:
      return "cluster";
    case WorkloadKind::kSites:
      return "sites";
    case WorkloadKind::kProduction:
      return "production";
  }
  return "unknown";
}

}  // namespace lightmesh
