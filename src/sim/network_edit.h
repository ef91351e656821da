// What-if changes to a network before it is simulated: fibres added between two sites
// (--add-fiber A,B,KM) and fibres removed by id (--remove-fiber ID).
//
//   LM_ASSIGN_OR_RETURN(FiberAddition f, parse_fiber_addition("LSE,LD4,12.5"));
//   NetworkEdit edit{.add = {f}, .remove = {"LD8-CITY"}};
//   LM_RETURN_IF_ERROR(apply_edit(spec, edit, resolve));   // before build_network(spec)
//
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/network_spec.h"

namespace lightmesh::sim {

struct FiberAddition {
  std::string a;  // site names as given (a site id, or a node-link file's node id)
  std::string b;
  double km = 0;
};

struct NetworkEdit {
  std::vector<FiberAddition> add;
  std::vector<std::string> remove;  // fibre ids
  bool empty() const { return add.empty() && remove.empty(); }
};

// "A,B,KM": two site names and a length in km (limits::kFiberLengthKm). Errors name
// --add-fiber and what was expected.
Result<FiberAddition> parse_fiber_addition(const std::string& text);

// A site name as given → the id of its site in `spec`; empty when there is none.
using SiteResolver = std::function<std::string(const std::string&)>;

// Removes the fibres, then adds the new ones (ids "added-1", "added-2", … in the order given,
// skipping any the network already uses), each a plain SSMF fibre of the given length. Errors
// name the option and the value: a fibre the network does not have (or removed twice), an
// unknown site, a fibre from a site to itself.
Status apply_edit(NetworkSpec& spec, const NetworkEdit& edit, const SiteResolver& resolve);

}  // namespace lightmesh::sim
