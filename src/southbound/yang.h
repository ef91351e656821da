// Small RAII owners of libyang objects, and the one place that builds the schema context the
// southbound and the device emulator share (the OpenROADM 2.2.1 device model and the OpenConfig
// modules, vendored unmodified in third_party/yang/).
//
//   LM_ASSIGN_OR_RETURN(YangContext ctx, openroadm_context(yang_dir()));
//   LM_ASSIGN_OR_RETURN(DataTree t, parse_config(ctx.get(), xml, "edit"));
//
// A YangContext is not thread-safe while modules load; once built it may be read from many threads
// (libyang contexts are immutable after loading). A DataTree is thread-compatible.
#pragma once

#include <libyang/libyang.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lightmesh::southbound {

struct LyCtxFree {
  void operator()(ly_ctx* c) const { ly_ctx_destroy(c); }
};
using YangContext = std::unique_ptr<ly_ctx, LyCtxFree>;

struct LydFree {
  void operator()(lyd_node* n) const { lyd_free_all(n); }
};
using DataTree = std::unique_ptr<lyd_node, LydFree>;

// Where the vendored modules are: $LIGHTMESH_YANG_DIR if set, else the source tree's
// third_party/yang (compiled in, so the build tree and the tests need no setting).
std::string yang_dir();

// A context with org-openroadm-device 2.2.1 and the MC, NMC and OCh interface augments, and
// ietf-netconf (with candidate and validate) for the server side. kNotFound when a module is
// missing from `dir`.
Result<YangContext> openroadm_context(const std::string& dir, bool candidate = true);

// A context with openconfig-platform, openconfig-terminal-device and openconfig-wavelength-router
// (third_party/yang/openconfig/), and ietf-netconf as above.
Result<YangContext> openconfig_context(const std::string& dir, bool candidate = true);

// The context of a device of inventory model `model` ("openroadm-2.2.1" or "openconfig").
// `candidate` false leaves ietf-netconf's candidate feature off: a NETCONF server on that context
// announces no :candidate capability (the emulator's --no-candidate).
Result<YangContext> model_context(const std::string& model, const std::string& dir,
                                  bool candidate = true);

// Both models in one context: the controller parses what it intends and what any device holds
// with it, whatever the device's model.
Result<YangContext> all_models_context(const std::string& dir);

// The last libyang error of `ctx` as one line ("… (path /org-openroadm-device/…)").
std::string last_error(const ly_ctx* ctx);

// Parses a configuration in XML (edit operations allowed as ietf-netconf:operation attributes, no
// validation). kInvalidInput naming `what` and libyang's message.
Result<DataTree> parse_config(const ly_ctx* ctx, std::string_view xml, std::string_view what);

// Parses a device's running configuration as get-config answered it. Not strict: what the
// model does not know (another module's data on a real device) is skipped, not refused.
Result<DataTree> parse_running(const ly_ctx* ctx, std::string_view xml, std::string_view what);

// Validates a whole configuration (leafrefs, mandatory nodes, when/must); kInvalidInput with
// libyang's message. `tree` may be replaced (validation adds defaults).
Status validate_config(const ly_ctx* ctx, DataTree& tree);

// XML of a tree and its siblings (empty for an empty tree).
std::string to_xml(const lyd_node* tree);

}  // namespace lightmesh::southbound
