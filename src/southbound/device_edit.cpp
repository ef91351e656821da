#include "southbound/device_edit.h"

namespace lightmesh::southbound {

std::string edit_xml(const std::vector<ConfigEntry>& entries, EditOp op) {
  std::vector<const std::string*> roots;  // root_open of each root, first seen first
  for (const ConfigEntry& e : entries) {
    bool seen = false;
    for (const std::string* r : roots) seen = seen || *r == e.root_open;
    if (!seen) roots.push_back(&e.root_open);
  }
  std::string xml;
  const auto n = entries.size();
  for (const std::string* root : roots) {
    const std::string* close = nullptr;
    std::string body;
    for (std::size_t i = 0; i < n; ++i) {
      const ConfigEntry& e = entries[op == EditOp::kCreate ? i : n - 1 - i];
      if (e.root_open != *root) continue;
      body += op == EditOp::kCreate ? e.create : e.remove;
      close = &e.root_close;
    }
    xml += *root + body + *close;
  }
  return xml;
}

DeviceEdit with_payloads(DeviceEdit e) {
  e.create_xml = edit_xml(e.entries, EditOp::kCreate);
  e.remove_xml = edit_xml(e.entries, EditOp::kRemove);
  return e;
}

}  // namespace lightmesh::southbound
