// Store: durable fabric state. Each commit persists one batch of changes in one transaction and
// returns only when it is durable; load_into() rebuilds a fabric and reports — never repairs —
// corruption.
//
//   LM_ASSIGN_OR_RETURN(auto store, SqliteStore::open("lightmesh.db"));
//   LM_RETURN_IF_ERROR(store->load_into(fabric));
//   LM_ASSIGN_OR_RETURN(bool stale, store->begin(/*write=*/true));   // lock out other writers
//   if (stale) { fabric = fabric.empty_like(); LM_RETURN_IF_ERROR(store->load_into(fabric)); }
//   … fabric.create(…); LM_RETURN_IF_ERROR(store->commit(fabric.take_changes(), net));
//   store->end();                                                      // no-op after commit()
//
// Implementations are not thread-safe; the caller serialises calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "fabric/fabric.h"
#include "model/network.h"
#include "store/commit_group.h"
#include "store/stored_reply.h"

namespace lightmesh::store {

class Store {
 public:
  virtual ~Store() = default;

  // Persists one batch of changes (and the reply that acknowledges it, if any) atomically.
  virtual Status commit(const fabric::Changes& changes, const Network& net,
                        const StoredReply* reply = nullptr) = 0;
  // Group commit: the merged changes of several requests and their replies in one transaction, so
  // one disk flush acknowledges them all. Only stores whose shares_commits() is true implement it.
  virtual bool shares_commits() const { return false; }
  virtual Status commit_group(const CommitGroup& /*group*/, const Network& /*net*/) {
    return Error::unsupported("this store does not group commits");
  }
  // Adopts every stored service, then every workload, failed fibre and event into an empty fabric.
  // Errors name the first inconsistency: an unreadable row, a service that no longer fits the
  // network, a slot booked twice, a workload over a site's capacity or missing a service.
  virtual Status load_into(fabric::Fabric& fabric) = 0;
  // The reply stored under a tenant's Idempotency-Key, if any. Storing a reply under a key that
  // has one replaces it (the caller reuses a key only once its reply has expired).
  virtual Result<std::optional<StoredReply>> find_reply(const std::string& tenant,
                                                        const std::string& key) = 0;
  // Deletes the replies stored before `before_us`: a key is remembered for a while, not forever.
  virtual Status expire_replies(std::int64_t /*before_us*/) { return {}; }

  // Several processes over one database (PostgreSQL). begin() comes before a request reads or
  // changes the fabric; for a write it opens a transaction holding the store-wide lock, so writers
  // in every process run one at a time and never book the same slot twice. It returns true when
  // another process has committed since this one last read or wrote: the caller then rebuilds its
  // fabric with load_into() before going on. commit() ends the write; end() ends whatever is still
  // open without changes. A single-process store (SQLite) is never stale.
  virtual Result<bool> begin(bool /*write*/) { return false; }
  // After begin() said "stale": brings the fabric this store loaded up to date with what other
  // processes committed since, reading only what changed. A store that cannot answers
  // kUnsupported, and on any error the fabric may be half changed: the caller then rebuilds it
  // with load_into() into an empty one.
  virtual Status catch_up(fabric::Fabric& /*fabric*/) {
    return Error::unsupported("this store cannot catch up; load it whole");
  }
  virtual void end() {}
};

}  // namespace lightmesh::store
