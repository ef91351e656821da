// The edit that brings a drifted device back to what lightmesh intends, and the edit that undoes
// it, built from the two trees the audit compared (southbound/config_diff.h).
//
//   LM_ASSIGN_OR_RETURN(RepairEdit e, repair_edit(ctx, want.get(), have.get(), diff, true));
//   links.apply({{.device = d, .xml = e.xml, .undo_xml = e.undo_xml}});
//
// Missing and different entries are written whole from the intended tree with
// nc:operation="replace" (which creates or overwrites); extra entries are removed by key. The
// undo puts back what the device held. Pure functions; thread-safe on an immutable context.
#pragma once

#include <libyang/libyang.h>

#include <string>

#include "core/result.h"
#include "southbound/config_diff.h"

namespace lightmesh::southbound {

struct RepairEdit {
  std::string xml;       // empty when there is nothing to do
  std::string undo_xml;  // restores the device's configuration as the audit read it
};

// `intended` and `running` are the trees `diff` was computed from. With `remove_extra` false,
// extra entries are left on the device. kInternal if libyang cannot build the edit.
Result<RepairEdit> repair_edit(const ly_ctx* ctx, const lyd_node* intended, const lyd_node* running,
                               const ConfigDiff& diff, bool remove_extra);

}  // namespace lightmesh::southbound
