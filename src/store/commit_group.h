// CommitGroup: what one group commit writes. The changes of several requests folded into one
// batch, the replies that acknowledge them, and the stored form of every upserted service, made
// as each request staged its changes, so that the commit, which every waiting request queues
// behind, does not spend its time serialising.
//
//   CommitGroup group;
//   group.add(fabric.take_changes(), net);   // once per request, in order
//   LM_RETURN_IF_ERROR(store.commit_group(group, net));
#pragma once

#include <string>
#include <vector>

#include "fabric/fabric.h"
#include "model/network.h"
#include "store/stored_reply.h"

namespace lightmesh::store {

struct CommitGroup {
  fabric::Changes changes;
  // service_to_json of each of changes.upserted, in the same order.
  std::vector<std::string> service_bodies;
  std::vector<StoredReply> replies;

  // Folds a later batch in (fabric::Changes::append) and serialises its upserted services.
  void add(fabric::Changes later, const Network& net);
  bool empty() const { return changes.empty() && replies.empty(); }
};

}  // namespace lightmesh::store
