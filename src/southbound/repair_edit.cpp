#include "southbound/repair_edit.h"

#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

#include "southbound/yang.h"

namespace lightmesh::southbound {

namespace {

constexpr const char* kDeviceModule = "org-openroadm-device";

const lyd_node* device_root(const lyd_node* tree) {
  for (const lyd_node* top = tree; top; top = top->next)
    if (top->schema && std::strcmp(top->schema->module->name, kDeviceModule) == 0) return top;
  return nullptr;
}

// The entries of `tree` named in `keys`, in document order (interfaces before the connections
// that refer to them, as the driver writes them).
std::vector<const lyd_node*> entries_of(const lyd_node* tree, const std::set<EntryKey>& keys) {
  std::vector<const lyd_node*> out;
  const lyd_node* root = device_root(tree);
  if (!root) return out;
  for (const lyd_node* e = lyd_child(root); e; e = e->next) {
    const lyd_node* key = lyd_child(e);
    if (!e->schema || !key || !key->schema || !lysc_is_key(key->schema)) continue;
    if (keys.count(EntryKey{e->schema->name, lyd_get_value(key)})) out.push_back(e);
  }
  return out;
}

// One <org-openroadm-device> edit being built.
class Edit {
 public:
  explicit Edit(const ly_ctx* ctx) : ctx_(ctx) {
    const lys_module* mod = ly_ctx_get_module_implemented(ctx, kDeviceModule);
    lyd_node* top = nullptr;
    if (mod && lyd_new_inner(nullptr, mod, kDeviceModule, 0, &top) == LY_SUCCESS) top_.reset(top);
  }

  // A copy of `entry` (with everything below it) with nc:operation="replace".
  Status replace(const lyd_node* entry) {
    if (!top_) return Error::internal("cannot build an org-openroadm-device edit");
    lyd_node* dup = nullptr;
    if (lyd_dup_single(entry, reinterpret_cast<lyd_node_inner*>(top_.get()), LYD_DUP_RECURSIVE,
                       &dup) != LY_SUCCESS)
      return Error::internal("copying " + std::string(entry->schema->name) + ": " +
                             last_error(ctx_));
    ++count_;
    return set_operation(dup, "replace");
  }

  // The entry `key` with only its key and nc:operation="remove".
  Status remove(const EntryKey& key) {
    if (!top_) return Error::internal("cannot build an org-openroadm-device edit");
    lyd_node* n = nullptr;
    if (lyd_new_list(top_.get(), nullptr, key.list.c_str(), 0, &n, key.name.c_str()) != LY_SUCCESS)
      return Error::internal("removing " + key.text() + ": " + last_error(ctx_));
    ++count_;
    return set_operation(n, "remove");
  }

  std::string xml() const { return count_ ? to_xml(top_.get()) : std::string(); }

 private:
  Status set_operation(lyd_node* n, const char* op) {
    const lys_module* nc = ly_ctx_get_module_implemented(ctx_, "ietf-netconf");
    if (lyd_meta* m = lyd_find_meta(n->meta, nc, "operation")) {
      // LY_EEXIST and LY_ENOT: it already says so.
      const LY_ERR rc = lyd_change_meta(m, op);
      if (rc == LY_SUCCESS || rc == LY_EEXIST || rc == LY_ENOT) return {};
      return Error::internal(std::string("setting nc:operation: ") + last_error(ctx_));
    }
    if (lyd_new_meta(ctx_, n, nullptr, "ietf-netconf:operation", op, 0, nullptr) != LY_SUCCESS)
      return Error::internal(std::string("setting nc:operation: ") + last_error(ctx_));
    return {};
  }

  const ly_ctx* ctx_;
  DataTree top_;
  int count_ = 0;
};

}  // namespace

Result<RepairEdit> repair_edit(const ly_ctx* ctx, const lyd_node* intended, const lyd_node* running,
                               const ConfigDiff& diff, bool remove_extra) {
  std::set<EntryKey> to_write(diff.missing.begin(), diff.missing.end());
  for (const EntryDifference& d : diff.different) to_write.insert(d.entry);
  std::set<EntryKey> to_remove;
  if (remove_extra) to_remove.insert(diff.extra.begin(), diff.extra.end());

  Edit forward(ctx), undo(ctx);
  for (const lyd_node* e : entries_of(intended, to_write))
    if (auto st = forward.replace(e); !st) return st.error();
  for (const EntryKey& k : to_remove)
    if (auto st = forward.remove(k); !st) return st.error();

  // Undo: what was missing goes; what differed or was extra comes back as the device held it.
  for (const EntryKey& k : diff.missing)
    if (auto st = undo.remove(k); !st) return st.error();
  std::set<EntryKey> restore = to_remove;
  for (const EntryDifference& d : diff.different) restore.insert(d.entry);
  for (const lyd_node* e : entries_of(running, restore))
    if (auto st = undo.replace(e); !st) return st.error();
  return RepairEdit{forward.xml(), undo.xml()};
}

}  // namespace lightmesh::southbound
