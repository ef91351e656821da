// Store: durable fabric state. Each commit persists one batch of changes in one transaction and
// returns only when it is durable; load_into() rebuilds a fabric and reports — never repairs —
// corruption.
//
//   LM_ASSIGN_OR_RETURN(auto store, SqliteStore::open("lightmesh.db"));
//   LM_RETURN_IF_ERROR(store->load_into(fabric));
//   … fabric.create(…); LM_RETURN_IF_ERROR(store->commit(fabric.take_changes(), net));
//
// Implementations are not thread-safe; the caller serialises commits.
#pragma once

#include "core/result.h"
#include "fabric/fabric.h"
#include "model/network.h"

namespace lightmesh::store {

class Store {
 public:
  virtual ~Store() = default;
  virtual Status commit(const fabric::Changes& changes, const Network& net) = 0;
  // Adopts every stored service, failed fibre and event into an empty fabric. Errors name the first
  // inconsistency: an unreadable row, a service that no longer fits the network, a slot booked
  // twice.
  virtual Status load_into(fabric::Fabric& fabric) = 0;
};

}  // namespace lightmesh::store
