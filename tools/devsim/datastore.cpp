#include "datastore.h"

#include <fmt/format.h>

#include <cstring>

namespace lightmesh::devsim {

namespace {

using southbound::DataTree;

// The operation a node carries (its ietf-netconf:operation attribute), else the inherited one.
std::string op_of(const lyd_node* n, const std::string& inherited) {
  const lyd_meta* m = lyd_find_meta(n->meta, nullptr, "ietf-netconf:operation");
  return m ? lyd_get_meta_value(m) : inherited;
}

// Drops every operation attribute from a copied subtree before it enters a datastore.
void strip_ops(lyd_node* tree) {
  lyd_node* n = nullptr;
  LYD_TREE_DFS_BEGIN(tree, n) {
    if (lyd_meta* m = lyd_find_meta(n->meta, nullptr, "ietf-netconf:operation"))
      lyd_free_meta_single(m);
    LYD_TREE_DFS_END(tree, n);
  }
}

std::string path_of(const lyd_node* n) {
  char* p = lyd_path(n, LYD_PATH_STD, nullptr, 0);
  std::string s = p ? p : "?";
  std::free(p);
  return s;
}

class Editor {
 public:
  Editor(lyd_node** root, EditRefusal* refusal) : root_(root), refusal_(refusal) {}

  Status siblings(const lyd_node* edit, lyd_node* parent, const std::string& inherited) {
    for (const lyd_node* e = edit; e; e = e->next) LM_RETURN_IF_ERROR(one(e, parent, inherited));
    return {};
  }

 private:
  lyd_node* first(lyd_node* parent) const { return parent ? lyd_child(parent) : *root_; }

  Status insert(const lyd_node* e, lyd_node* parent, bool recursive, lyd_node** out) {
    lyd_node* dup = nullptr;
    if (lyd_dup_single(e, nullptr, recursive ? LYD_DUP_RECURSIVE : 0, &dup) != LY_SUCCESS)
      return Error::internal("cannot copy " + path_of(e));
    strip_ops(dup);
    LY_ERR rc = parent ? lyd_insert_child(parent, dup) : lyd_insert_sibling(*root_, dup, root_);
    if (rc != LY_SUCCESS) {
      lyd_free_tree(dup);
      return Error::internal("cannot insert " + path_of(e));
    }
    if (out) *out = dup;
    return {};
  }

  void erase(lyd_node* m) {
    if (*root_ == m) *root_ = m->next;
    lyd_free_tree(m);
  }

  Status refuse(EditRefusal r, std::string msg) {
    *refusal_ = r;
    return Error::invalid(std::move(msg));
  }

  Status one(const lyd_node* e, lyd_node* parent, const std::string& inherited) {
    const std::string op = op_of(e, inherited);
    // A key is the identity of its list entry, already matched: never edited on its own.
    if (e->schema && (e->schema->flags & LYS_KEY)) return {};
    lyd_node* match = nullptr;
    if (lyd_node* f = first(parent)) lyd_find_sibling_first(f, e, &match);
    if (op == "create") {
      if (match) return refuse(EditRefusal::kDataExists, path_of(e) + " already exists");
      return insert(e, parent, true, nullptr);
    }
    if (op == "delete" || op == "remove") {
      if (!match) {
        if (op == "remove") return {};
        return refuse(EditRefusal::kDataMissing, path_of(e) + " does not exist");
      }
      erase(match);
      return {};
    }
    if (op == "replace") {
      if (match) erase(match);
      return insert(e, parent, true, nullptr);
    }
    if (op != "merge" && op != "none")
      return refuse(EditRefusal::kInvalidValue, "unknown operation \"" + op + "\"");
    if (e->schema && (e->schema->nodetype & (LYS_LEAF | LYS_LEAFLIST))) {
      if (op == "none") return {};
      if (!match) return insert(e, parent, false, nullptr);
      if (e->schema->nodetype == LYS_LEAF && lyd_change_term(match, lyd_get_value(e)) == LY_EINVAL)
        return refuse(EditRefusal::kInvalidValue, "bad value for " + path_of(e));
      return {};
    }
    if (!match) LM_RETURN_IF_ERROR(insert(e, parent, false, &match));
    return siblings(lyd_child(e), match, op);
  }

  lyd_node** root_;
  EditRefusal* refusal_;
};

}  // namespace

DataTree dup_all(const lyd_node* tree) {
  lyd_node* out = nullptr;
  if (tree) lyd_dup_siblings(tree, nullptr, LYD_DUP_RECURSIVE, &out);
  return DataTree(out);
}

Status Datastore::edit(const std::string& xml, const std::string& default_op,
                       EditRefusal* refusal) {
  *refusal = EditRefusal::kInvalidValue;
  // A wrong type, an unknown element or a malformed value fails here, as on a device.
  LM_ASSIGN_OR_RETURN(DataTree e, southbound::parse_config(ctx_, xml, "edit-config"));
  DataTree work = dup_all(tree_.get());
  lyd_node* root = work.release();
  Status st = Editor(&root, refusal).siblings(e.get(), nullptr, default_op);
  work.reset(root);
  if (!st) return st;
  // A dangling leafref, a missing mandatory leaf or a broken `when` fails here.
  if (work) {
    if (auto v = southbound::validate_config(ctx_, work); !v) {
      *refusal = EditRefusal::kInvalidValue;
      return v;
    }
  }
  tree_ = std::move(work);
  return {};
}

Status Datastore::validate() const {
  DataTree copy = dup_all(tree_.get());
  if (!copy) return {};
  return southbound::validate_config(ctx_, copy);
}

void Datastore::copy_from(const Datastore& other) { tree_ = dup_all(other.tree_.get()); }

}  // namespace lightmesh::devsim
