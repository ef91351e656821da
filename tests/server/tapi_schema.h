// Checks TAPI answers against TAPI 2.1.3 itself: the published YANG modules in third_party/yang/,
// loaded by libyang, an implementation independent of lightmesh. A document is RFC 7951 JSON as a
// RESTCONF server answers it (RFC 8040): the data tree, a sub-resource of it, or an RPC's output.
//
//   const TapiSchema& schema = TapiSchema::get();
//   EXPECT_EQ(schema.data_errors(context_body), "");
//   EXPECT_EQ(schema.subtree_errors(connection_body, kConnectivityContextPath, context_body), "");
//   EXPECT_EQ(schema.output_errors("tapi-connectivity:get-connectivity-service-list", body,
//                                  context_body), "");
//   EXPECT_EQ(schema.notification_errors(R"({"tapi-notification:notification": {…}})"), "");
//   EXPECT_EQ(schema.input_errors("tapi-connectivity:create-connectivity-service", request,
//                                 context_body), "");
//
// Each check answers libyang's messages, each with the path of the node it is about, one a line;
// empty when the document is valid. References (leafrefs) from a sub-resource or an RPC output are
// resolved in the whole context, so a connection that names a connection-end-point missing from the
// topology is an error.
#pragma once

extern "C" {
#include <libyang/libyang.h>
}

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace lightmesh::server::test_support {

class TapiSchema {
 public:
  // The modules, loaded once per test process (libyang's context is read-only once loaded).
  static const TapiSchema& get() {
    static const TapiSchema schema;
    return schema;
  }

  // A whole data tree: {"tapi-common:context": {…}}.
  std::string data_errors(const std::string& json) const {
    Tree tree;
    if (auto e = parse_data(json, tree); !e.empty()) return e;
    return validate(tree);
  }

  // A sub-resource answered by GET (RFC 8040 §3.5.3): its top member is a node below
  // `parent_path` (a data path such as "/tapi-common:context"), e.g.
  // {"tapi-connectivity:connection": [{…}]}. It is checked in place of the same node of
  // `context_json`, the whole data tree as the same client sees it.
  std::string subtree_errors(const std::string& json, const std::string& parent_path,
                             const std::string& context_json) const {
    Tree context;
    if (auto e = parse_data(context_json, context); !e.empty()) return "context: " + e;
    // The answer on its own, under a bare copy of its parent.
    Tree answer;
    lyd_node* parent = nullptr;
    if (lyd_new_path(nullptr, ctx_.get(), parent_path.c_str(), nullptr, 0, &answer.root) !=
            LY_SUCCESS ||
        lyd_find_path(answer.root, parent_path.c_str(), 0, &parent) != LY_SUCCESS)
      return "no such parent " + parent_path + ": " + errors();
    if (auto e = parse_into(parent, json); !e.empty()) return e;
    // Replace the context's own copy of each answered node by the answer's.
    for (lyd_node* child = lyd_child(parent); child; child = child->next) {
      char* path = lyd_path(child, LYD_PATH_STD, nullptr, 0);
      lyd_node* old = nullptr;
      if (lyd_find_path(context.root, path, 0, &old) == LY_SUCCESS) lyd_free_tree(old);
      std::free(path);
    }
    if (lyd_merge_tree(&context.root, answer.root, LYD_MERGE_DESTRUCT) != LY_SUCCESS)
      return errors();
    answer.root = nullptr;  // merged into the context, which now owns it
    return validate(context);
  }

  // An RPC's output as RESTCONF answers it (RFC 8040 §3.6.2): {"<module>:output": {…}}, where
  // `rpc` is "<module>:<name>". References resolve in `context_json`.
  std::string output_errors(const std::string& rpc, const std::string& json,
                            const std::string& context_json) const {
    Tree context;
    if (auto e = parse_data(context_json, context); !e.empty()) return "context: " + e;
    // libyang reads a reply as the output's children, each named with the RPC's module.
    const std::string module = rpc.substr(0, rpc.find(':'));
    const auto doc = nlohmann::json::parse(json, nullptr, false);
    if (!doc.is_object() || doc.size() != 1 || !doc.contains(module + ":output") ||
        !doc[module + ":output"].is_object())
      return "the answer is not {\"" + module + ":output\": {…}}";
    Tree op;
    if (lyd_new_path(nullptr, ctx_.get(), ("/" + rpc).c_str(), nullptr, 0, &op.root) != LY_SUCCESS)
      return "no such RPC " + rpc + ": " + errors();
    // libyang 2.1 reads one top-level member per JSON reply ("Unexpected sibling node" otherwise),
    // so each child of the output is read on its own into the same RPC node.
    for (const auto& [name, value] : doc[module + ":output"].items()) {
      const std::string child = nlohmann::json{
          {name.find(':') == std::string::npos ? module + ":" + name : name,
           value}}.dump();
      ly_in* in = nullptr;
      ly_in_new_memory(child.c_str(), &in);
      const LY_ERR parsed =
          lyd_parse_op(ctx_.get(), op.root, in, LYD_JSON, LYD_TYPE_REPLY_YANG, nullptr, nullptr);
      ly_in_free(in, 0);
      if (parsed != LY_SUCCESS) return errors();
    }
    if (lyd_validate_op(op.root, context.root, LYD_TYPE_REPLY_YANG, nullptr) != LY_SUCCESS)
      return errors();
    return "";
  }

  // An RPC's input as a RESTCONF client sends it (RFC 8040 §3.6.1): {"<module>:input": {…}}.
  // References resolve in `context_json`. Checks that a test sends what a strict client would.
  std::string input_errors(const std::string& rpc, const std::string& json,
                           const std::string& context_json) const {
    Tree context;
    if (auto e = parse_data(context_json, context); !e.empty()) return "context: " + e;
    // libyang reads a request as the RPC node holding the input's children.
    const std::string module = rpc.substr(0, rpc.find(':'));
    const auto doc = nlohmann::json::parse(json, nullptr, false);
    if (!doc.is_object() || doc.size() != 1 || !doc.contains(module + ":input") ||
        !doc[module + ":input"].is_object())
      return "the request is not {\"" + module + ":input\": {…}}";
    const std::string request = nlohmann::json{{rpc, doc[module + ":input"]}}.dump();
    Tree op;
    ly_in* in = nullptr;
    ly_in_new_memory(request.c_str(), &in);
    const LY_ERR parsed =
        lyd_parse_op(ctx_.get(), nullptr, in, LYD_JSON, LYD_TYPE_RPC_YANG, &op.root, nullptr);
    ly_in_free(in, 0);
    if (parsed != LY_SUCCESS) return errors();
    if (lyd_validate_op(op.root, context.root, LYD_TYPE_RPC_YANG, nullptr) != LY_SUCCESS)
      return errors();
    return "";
  }

  // One notification as a notification stream carries it (RFC 8040 §6.4): the member
  // {"tapi-notification:notification": {…}} of an "ietf-restconf:notification" object.
  std::string notification_errors(const std::string& json) const {
    if (!load_error_.empty()) return load_error_;
    Tree op;
    ly_in* in = nullptr;
    ly_in_new_memory(json.c_str(), &in);
    const LY_ERR parsed =
        lyd_parse_op(ctx_.get(), nullptr, in, LYD_JSON, LYD_TYPE_NOTIF_YANG, &op.root, nullptr);
    ly_in_free(in, 0);
    if (parsed != LY_SUCCESS) return errors();
    if (lyd_validate_op(op.root, nullptr, LYD_TYPE_NOTIF_YANG, nullptr) != LY_SUCCESS)
      return errors();
    return "";
  }

 private:
  struct CtxFree {
    void operator()(ly_ctx* c) const { ly_ctx_destroy(c); }
  };
  // A parsed tree, freed with it.
  struct Tree {
    lyd_node* root = nullptr;
    Tree() = default;
    Tree(const Tree&) = delete;
    Tree& operator=(const Tree&) = delete;
    ~Tree() { lyd_free_all(root); }
  };

  TapiSchema() {
    // Errors are read from the context, not printed.
    ly_log_options(LY_LOSTORE);
    const std::string dir = std::string(LIGHTMESH_SOURCE_DIR) + "/third_party/yang/tapi-2.1.3";
    ly_ctx* ctx = nullptr;
    if (ly_ctx_new(dir.c_str(), 0, &ctx) != LY_SUCCESS) return;
    ctx_.reset(ctx);
    for (const char* module : {"tapi-common", "tapi-topology", "tapi-connectivity",
                               "tapi-photonic-media", "tapi-notification"}) {
      if (!ly_ctx_load_module(ctx, module, nullptr, nullptr)) {
        load_error_ = std::string("cannot load ") + module + ": " + errors();
        return;
      }
    }
  }

  // Unknown members are errors (a strict client rejects them); state data is allowed.
  std::string parse_data(const std::string& json, Tree& tree) const {
    if (!load_error_.empty()) return load_error_;
    if (!ctx_) return "libyang has no context";
    if (lyd_parse_data_mem(ctx_.get(), json.c_str(), LYD_JSON, LYD_PARSE_STRICT | LYD_PARSE_ONLY, 0,
                           &tree.root) != LY_SUCCESS)
      return errors();
    return "";
  }

  std::string parse_into(lyd_node* parent, const std::string& json) const {
    ly_in* in = nullptr;
    ly_in_new_memory(json.c_str(), &in);
    const LY_ERR r = lyd_parse_data(ctx_.get(), parent, in, LYD_JSON,
                                    LYD_PARSE_STRICT | LYD_PARSE_ONLY, 0, nullptr);
    ly_in_free(in, 0);
    return r == LY_SUCCESS ? "" : errors();
  }

  std::string validate(Tree& tree) const {
    // Only TAPI's modules have data here (not libyang's own, such as ietf-yang-library).
    if (lyd_validate_all(&tree.root, ctx_.get(), LYD_VALIDATE_PRESENT, nullptr) != LY_SUCCESS)
      return errors();
    return "";
  }

  // Every message libyang stored since the last call, with its data or schema path; then cleared.
  std::string errors() const {
    std::string out;
    for (const ly_err_item* e = ly_err_first(ctx_.get()); e; e = e->next) {
      if (!out.empty()) out += "\n";
      out += e->msg ? e->msg : "(no message)";
      if (e->path) out += std::string(" at ") + e->path;
    }
    ly_err_clean(ctx_.get(), nullptr);
    return out.empty() ? "libyang failed without a message" : out;
  }

  std::unique_ptr<ly_ctx, CtxFree> ctx_;
  std::string load_error_;
};

}  // namespace lightmesh::server::test_support
