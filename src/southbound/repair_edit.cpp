#include "southbound/repair_edit.h"

#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

#include "southbound/yang.h"

namespace lightmesh::southbound {

namespace {

constexpr const char* kDeviceModule = "org-openroadm-device";

// Where an entry's list sits: the path of its parent from the top.
const char* parent_path(const EntryKey& k) {
  if (k.list == kOpenConfigChannel)
    return "/openconfig-wavelength-router:wavelength-router/media-channels";
  if (k.list == kOpenConfigComponent) return "/openconfig-platform:components";
  return "/org-openroadm-device:org-openroadm-device";
}

// The entries of `tree` named in `keys`, in document order (interfaces before the connections
// that refer to them, as the driver writes them). A component's entry is the component node.
std::vector<std::pair<EntryKey, const lyd_node*>> entries_of(const lyd_node* tree,
                                                             const std::set<EntryKey>& keys) {
  std::vector<std::pair<EntryKey, const lyd_node*>> out;
  auto take = [&](const char* list, const lyd_node* e) {
    EntryKey k{list ? list : e->schema->name, lyd_get_value(lyd_child(e))};
    if (keys.count(k)) out.emplace_back(std::move(k), e);
  };
  for (const lyd_node* top = tree; top; top = top->next) {
    if (!top->schema) continue;
    const std::string module = top->schema->module->name;
    if (module == kDeviceModule) {
      for (const lyd_node* e = lyd_child(top); e; e = e->next) {
        const lyd_node* key = lyd_child(e);
        if (e->schema && key && key->schema && lysc_is_key(key->schema)) take(nullptr, e);
      }
    } else if (module == "openconfig-wavelength-router") {
      for (const lyd_node* e : openconfig_entries(top, "media-channels"))
        take(kOpenConfigChannel, e);
    } else if (module == "openconfig-platform") {
      for (const lyd_node* e : openconfig_entries(top, nullptr)) take(kOpenConfigComponent, e);
    }
  }
  return out;
}

// One edit being built: top-level nodes of either model, created as entries need them.
class Edit {
 public:
  explicit Edit(const ly_ctx* ctx) : ctx_(ctx) {}

  // A copy of `entry` (with everything below it) with nc:operation="replace"; of a component,
  // only its optical-channel (the component itself is hardware, not lightmesh's).
  Status replace(const EntryKey& key, const lyd_node* entry) {
    LM_ASSIGN_OR_RETURN(lyd_node * parent, parent_of(key));
    const lyd_node* part = entry;
    if (key.list == kOpenConfigComponent) {
      LM_ASSIGN_OR_RETURN(parent, component(parent, key));
      part = optical_channel_of(entry);
      if (!part) return Error::internal(key.text() + " has no optical-channel");
    }
    lyd_node* dup = nullptr;
    if (lyd_dup_single(part, reinterpret_cast<lyd_node_inner*>(parent), LYD_DUP_RECURSIVE, &dup) !=
        LY_SUCCESS)
      return Error::internal("copying " + key.text() + ": " + last_error(ctx_));
    // The intended tree is the driver's payload: an optical channel's leaves carry "create", which
    // has no place inside a replace.
    const lys_module* nc = ly_ctx_get_module_implemented(ctx_, "ietf-netconf");
    lyd_node* n = nullptr;
    LYD_TREE_DFS_BEGIN(dup, n) {
      if (lyd_meta* m = lyd_find_meta(n->meta, nc, "operation")) lyd_free_meta_single(m);
      LYD_TREE_DFS_END(dup, n);
    }
    ++count_;
    return set_operation(dup, "replace");
  }

  // The entry `key` with only its key and nc:operation="remove"; of a component, its
  // optical-channel.
  Status remove(const EntryKey& key) {
    LM_ASSIGN_OR_RETURN(lyd_node * parent, parent_of(key));
    lyd_node* n = nullptr;
    if (key.list == kOpenConfigComponent) {
      LM_ASSIGN_OR_RETURN(parent, component(parent, key));
      const lys_module* td = ly_ctx_get_module_implemented(ctx_, "openconfig-terminal-device");
      if (!td || lyd_new_inner(parent, td, "optical-channel", 0, &n) != LY_SUCCESS)
        return Error::internal("removing " + key.text() + ": " + last_error(ctx_));
    } else if (lyd_new_list(parent, nullptr, key.list.c_str(), 0, &n, key.name.c_str()) !=
               LY_SUCCESS) {
      return Error::internal("removing " + key.text() + ": " + last_error(ctx_));
    }
    ++count_;
    LM_RETURN_IF_ERROR(set_operation(n, "remove"));
    // An empty non-presence container (the optical channel) counts as a default, and defaults
    // are not printed.
    n->flags &= ~LYD_DEFAULT;
    return {};
  }

  std::string xml() const { return count_ ? to_xml(top_.get()) : std::string(); }

 private:
  // The node entries of `key`'s list go under, created the first time.
  Result<lyd_node*> parent_of(const EntryKey& key) {
    const char* path = parent_path(key);
    lyd_node* n = nullptr;
    if (top_ && lyd_find_path(top_.get(), path, 0, &n) == LY_SUCCESS && n) return n;
    lyd_node* first_new = nullptr;
    if (lyd_new_path2(top_.get(), ctx_, path, nullptr, 0, LYD_ANYDATA_STRING, 0, &first_new, &n) !=
            LY_SUCCESS ||
        !n)
      return Error::internal(std::string("cannot build ") + path + ": " + last_error(ctx_));
    if (!top_) top_.reset(first_new);
    // A new top-level node may go before the first: keep the first sibling, which owns them all.
    lyd_node* first = top_.release();
    top_.reset(lyd_first_sibling(first));
    return n;
  }

  // The component `key` names, under `components`, created the first time.
  Result<lyd_node*> component(lyd_node* components, const EntryKey& key) {
    for (lyd_node* c = lyd_child(components); c; c = c->next)
      if (lyd_child(c) && key.name == lyd_get_value(lyd_child(c))) return c;
    lyd_node* c = nullptr;
    if (lyd_new_list(components, nullptr, "component", 0, &c, key.name.c_str()) != LY_SUCCESS)
      return Error::internal("building " + key.text() + ": " + last_error(ctx_));
    return c;
  }

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
  DataTree top_;  // the first top-level node; its siblings are freed with it
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
  for (const auto& [k, e] : entries_of(intended, to_write))
    if (auto st = forward.replace(k, e); !st) return st.error();
  for (const EntryKey& k : to_remove)
    if (auto st = forward.remove(k); !st) return st.error();

  // Undo: what was missing goes; what differed or was extra comes back as the device held it.
  for (const EntryKey& k : diff.missing)
    if (auto st = undo.remove(k); !st) return st.error();
  std::set<EntryKey> restore = to_remove;
  for (const EntryDifference& d : diff.different) restore.insert(d.entry);
  for (const auto& [k, e] : entries_of(running, restore))
    if (auto st = undo.replace(k, e); !st) return st.error();
  return RepairEdit{forward.xml(), undo.xml()};
}

}  // namespace lightmesh::southbound
