#include "model/demand.h"

namespace lightmesh {

const char* protection_name(Protection p) { return p == Protection::kOnePlusOne ? "1+1" : "none"; }

}  // namespace lightmesh
