#include "southbound/yang.h"

#include <cstdlib>
#include <initializer_list>

#include "southbound/inventory.h"

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

namespace {

// A context searching `dir`/`first` and then `dir`/ietf (only the vendored copies, never the
// working directory), with ietf-netconf and the features the server announces (<candidate> unless
// `candidate` is false, <validate>).
Result<YangContext> new_context(const std::string& dir, const char* first, bool candidate = true) {
  // Errors are read from the context (last_error) and reported by the caller; libyang's own
  // printing would repeat them, and warn about unprefixed `must` and `when` paths of the vendored
  // models on every load (third_party/yang/README.md).
  ly_log_options(LY_LOSTORE_LAST);
  ly_ctx* raw = nullptr;
  const std::string models = dir + "/" + first;
  const std::string ietf = dir + "/ietf";
  if (ly_ctx_new(models.c_str(), LY_CTX_DISABLE_SEARCHDIR_CWD, &raw) != LY_SUCCESS)
    return Error::not_found("cannot open the YANG directory " + models);
  YangContext ctx(raw);
  ly_ctx_set_searchdir(raw, ietf.c_str());
  const char* with_candidate[] = {"writable-running", "candidate", "validate", nullptr};
  const char* running_only[] = {"writable-running", "validate", nullptr};
  const char** netconf_features = candidate ? with_candidate : running_only;
  if (!ly_ctx_load_module(raw, "ietf-netconf", "2011-06-01", netconf_features))
    return Error::not_found("ietf-netconf@2011-06-01 not found under " + ietf + ": " +
                            last_error(raw));
  return ctx;
}

Status load_modules(ly_ctx* ctx, const std::string& dir, std::initializer_list<const char*> names) {
  ly_ctx_set_searchdir(ctx, dir.c_str());
  for (const char* m : names) {
    if (!ly_ctx_load_module(ctx, m, nullptr, nullptr))
      return Error::not_found(std::string(m) + " not found under " + dir + ": " + last_error(ctx));
  }
  return {};
}

// The identity modules are implemented too: interface types and rates name their identities.
Status load_openroadm(ly_ctx* ctx, const std::string& dir) {
  return load_modules(
      ctx, dir + "/openroadm-2.2.1",
      {"org-openroadm-device", "org-openroadm-interfaces", "org-openroadm-common-types",
       "org-openroadm-media-channel-interfaces", "org-openroadm-network-media-channel-interfaces",
       "org-openroadm-optical-channel-interfaces"});
}

// Platform components (ports, transceivers, optical channels), the terminal device's
// optical-channel augment of them, and the wavelength router's media channels.
Status load_openconfig(ly_ctx* ctx, const std::string& dir) {
  return load_modules(
      ctx, dir + "/openconfig",
      {"openconfig-platform", "openconfig-terminal-device", "openconfig-wavelength-router"});
}

}  // namespace

Result<YangContext> openroadm_context(const std::string& dir, bool candidate) {
  LM_ASSIGN_OR_RETURN(YangContext ctx, new_context(dir, "openroadm-2.2.1", candidate));
  LM_RETURN_IF_ERROR(load_openroadm(ctx.get(), dir));
  return ctx;
}

Result<YangContext> openconfig_context(const std::string& dir, bool candidate) {
  LM_ASSIGN_OR_RETURN(YangContext ctx, new_context(dir, "openconfig", candidate));
  LM_RETURN_IF_ERROR(load_openconfig(ctx.get(), dir));
  return ctx;
}

Result<YangContext> model_context(const std::string& model, const std::string& dir,
                                  bool candidate) {
  if (model == kOpenConfig) return openconfig_context(dir, candidate);
  return openroadm_context(dir, candidate);
}

Result<YangContext> all_models_context(const std::string& dir) {
  LM_ASSIGN_OR_RETURN(YangContext ctx, new_context(dir, "openroadm-2.2.1"));
  LM_RETURN_IF_ERROR(load_openroadm(ctx.get(), dir));
  LM_RETURN_IF_ERROR(load_openconfig(ctx.get(), dir));
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
