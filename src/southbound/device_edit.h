// What one lightpath writes on one device, whatever the device's model: its entries, and the
// edit-config payloads that create and remove them.
//
//   DeviceEdit e{.device = d};
//   e.entries.push_back({root, create_fragment, remove_fragment});
//   e.create_xml = edit_xml(e.entries, EditOp::kCreate);
//
// Each driver (openroadm.h, openconfig.h) describes its entries this way, so what handles edits
// for any device (a re-route that writes only what the old route lacks) needs no model of its own.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lightmesh::southbound {

// One entry under a container of the device's datastore: an OpenROADM interface or
// roadm-connections entry, an OpenConfig media channel or optical-channel tuning. Two entries
// are the same entry only when all of them is the same.
struct ConfigEntry {
  // The containers it goes in, opened and closed: "<org-openroadm-device xmlns=… xmlns:nc=…>"
  // and "</org-openroadm-device>". Entries of one root share one copy of it in a payload.
  std::string root_open;
  std::string root_close;
  std::string create;  // the element with nc:operation="create"
  std::string remove;  // the element with nc:operation="remove"
  bool operator==(const ConfigEntry&) const = default;
};

struct DeviceEdit {
  std::uint32_t device = 0;  // index into Inventory::devices
  std::string create_xml;    // edit_xml(entries, kCreate)
  std::string remove_xml;    // edit_xml(entries, kRemove): for rollback, never fails
  // The entries' names, for read-back and messages: OpenROADM interfaces and connections, or
  // OpenConfig optical-channel components and media-channel indices.
  std::vector<std::string> interfaces;
  std::vector<std::string> connections;
  std::vector<ConfigEntry> entries;  // in creation order
};

enum class EditOp { kCreate, kRemove };

// One payload for `entries` of one device: each root once, in the order the entries first name
// it, holding its entries in order to create, or in reverse order to remove (what refers goes
// before what it refers to, as an OpenROADM connection before its interfaces).
std::string edit_xml(const std::vector<ConfigEntry>& entries, EditOp op);

// The edit with its payloads made from its entries.
DeviceEdit with_payloads(DeviceEdit e);

}  // namespace lightmesh::southbound
