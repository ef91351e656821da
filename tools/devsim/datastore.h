// Datastore: one configuration datastore of an emulated device (running or candidate) and the
// NETCONF edit-config operations on it (RFC 6241 §7.2: merge, replace, create, delete, remove,
// none), checked against the device's YANG modules with libyang.
//
//   Datastore ds(ctx, std::move(base));
//   if (auto st = ds.edit(xml, "merge"); !st) reply_error(st.error());
//
// Not thread-safe; one device's server loop owns it.
#pragma once

#include <string>

#include "core/result.h"
#include "southbound/yang.h"

namespace lightmesh::devsim {

// Why an edit was refused, in NETCONF's terms (error-tag).
enum class EditRefusal { kInvalidValue, kDataExists, kDataMissing };

class Datastore {
 public:
  Datastore(const ly_ctx* ctx, southbound::DataTree tree) : ctx_(ctx), tree_(std::move(tree)) {}

  // Applies an edit-config payload (XML, with ietf-netconf:operation attributes) under
  // `default_op` ("merge", "replace" or "none"). The result must validate as a whole (leafrefs,
  // types, mandatory nodes); otherwise nothing changes and the error says why, with `*refusal`
  // telling the NETCONF error-tag.
  Status edit(const std::string& xml, const std::string& default_op, EditRefusal* refusal);
  // The whole datastore validates (leafrefs, mandatory nodes, when/must).
  Status validate() const;
  // Replaces this datastore's content with a copy of another's.
  void copy_from(const Datastore& other);
  void reset(southbound::DataTree tree) { tree_ = std::move(tree); }
  std::string xml() const { return southbound::to_xml(tree_.get()); }

 private:
  const ly_ctx* ctx_;
  southbound::DataTree tree_;
};

southbound::DataTree dup_all(const lyd_node* tree);

}  // namespace lightmesh::devsim
