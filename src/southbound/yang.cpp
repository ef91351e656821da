#include "southbound/yang.h"

#include <cstdlib>

namespace lightmesh::southbound {

#ifndef LIGHTMESH_YANG_DIR
#define LIGHTMESH_YANG_DIR "third_party/yang"
#endif

std::string yang_dir() {
  if (const char* env = std::getenv("LIGHTMESH_YANG_DIR"); env && *env) return env;
  return LIGHTMESH_YANG_DIR;
}

std::string last_error(const ly_ctx* ctx) {
  const ly_err_item* e = ly_err_last(ctx);
  if (!e) return "unknown libyang error";
  std::string out = e->msg ? e->msg : "libyang error";
  if (e->path) out += std::string(" (path ") + e->path + ")";
  return out;
}

Result<YangContext> openroadm_context(const std::string& dir) {
  // Errors are read from the context (last_error) and reported by the caller; libyang's own
  // printing would repeat them, and warn about two unprefixed `must` paths of the 2.2.1 model on
  // every load (third_party/yang/README.md).
  ly_log_options(LY_LOSTORE_LAST);
  ly_ctx* raw = nullptr;
  const std::string roadm = dir + "/openroadm-2.2.1";
  const std::string ietf = dir + "/ietf";
  // No implicit search of the working directory: only the vendored copies are loaded.
  if (ly_ctx_new(roadm.c_str(), LY_CTX_DISABLE_SEARCHDIR_CWD, &raw) != LY_SUCCESS)
    return Error::not_found("cannot open the YANG directory " + roadm);
  YangContext ctx(raw);
  ly_ctx_set_searchdir(raw, ietf.c_str());
  // The server answers <candidate> and <validate>: the features that announce them.
  const char* netconf_features[] = {"writable-running", "candidate", "validate", nullptr};
  if (!ly_ctx_load_module(raw, "ietf-netconf", "2011-06-01", netconf_features))
    return Error::not_found("ietf-netconf@2011-06-01 not found under " + ietf + ": " +
                            last_error(raw));
  // The identity modules are implemented too: interface types and rates name their identities.
  for (const char* m :
       {"org-openroadm-device", "org-openroadm-interfaces", "org-openroadm-common-types",
        "org-openroadm-media-channel-interfaces", "org-openroadm-network-media-channel-interfaces",
        "org-openroadm-optical-channel-interfaces"}) {
    if (!ly_ctx_load_module(raw, m, nullptr, nullptr))
      return Error::not_found(std::string(m) + " not found under " + roadm + ": " +
                              last_error(raw));
  }
  return ctx;
}

Result<DataTree> parse_config(const ly_ctx* ctx, std::string_view xml, std::string_view what) {
  lyd_node* tree = nullptr;
  const std::string text(xml);
  // Strict: an element the model does not know is an error, as on a device.
  if (lyd_parse_data_mem(ctx, text.c_str(), LYD_XML,
                         LYD_PARSE_ONLY | LYD_PARSE_STRICT | LYD_PARSE_NO_STATE, 0,
                         &tree) != LY_SUCCESS) {
    lyd_free_all(tree);
    return Error::invalid(std::string(what) + ": " + last_error(ctx));
  }
  return DataTree(tree);
}

Result<DataTree> parse_running(const ly_ctx* ctx, std::string_view xml, std::string_view what) {
  lyd_node* tree = nullptr;
  const std::string text(xml);
  if (lyd_parse_data_mem(ctx, text.c_str(), LYD_XML, LYD_PARSE_ONLY | LYD_PARSE_NO_STATE, 0,
                         &tree) != LY_SUCCESS) {
    lyd_free_all(tree);
    return Error::invalid(std::string(what) + ": " + last_error(ctx));
  }
  return DataTree(tree);
}

Status validate_config(const ly_ctx* ctx, DataTree& tree) {
  lyd_node* raw = tree.release();
  const LY_ERR rc = lyd_validate_all(&raw, ctx, LYD_VALIDATE_NO_STATE, nullptr);
  tree.reset(raw);
  if (rc != LY_SUCCESS) return Error::invalid(last_error(ctx));
  return {};
}

std::string to_xml(const lyd_node* tree) {
  if (!tree) return {};
  char* out = nullptr;
  lyd_print_mem(&out, tree, LYD_XML, LYD_PRINT_WITHSIBLINGS | LYD_PRINT_SHRINK);
  std::string s = out ? out : "";
  std::free(out);
  return s;
}

}  // namespace lightmesh::southbound
