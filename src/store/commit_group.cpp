#include "store/commit_group.h"

#include "store/service_json.h"

namespace lightmesh::store {

void CommitGroup::add(fabric::Changes later, const Network& net) {
  for (const fabric::Service& s : later.upserted) service_bodies.push_back(service_to_json(net, s));
  changes.append(std::move(later));
}

}  // namespace lightmesh::store
