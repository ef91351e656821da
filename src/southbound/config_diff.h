// The audit's comparison: what a device's running configuration holds against what lightmesh
// intends, entry by entry, over the lists lightmesh writes (OpenROADM `interface` and
// `roadm-connections` under /org-openroadm-device; OpenConfig media-channel `channel` under
// /wavelength-router/media-channels, and the `optical-channel` of a platform `component`).
//
//   LM_ASSIGN_OR_RETURN(ConfigEntries want, config_entries(intended_tree.get()));
//   ConfigDiff d = diff_config(want, running_entries, [](const EntryKey&) { return true; });
//
// Plain values and pure functions; thread-safe.
#pragma once

#include <libyang/libyang.h>

#include <compare>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "southbound/inventory.h"

namespace lightmesh::southbound {

// The OpenConfig entries' lists, as EntryKey::list names them.
inline constexpr const char* kOpenConfigChannel = "channel";      // a media channel, by index
inline constexpr const char* kOpenConfigComponent = "component";  // its optical-channel only

// One list entry: the list's name and its key's value.
struct EntryKey {
  std::string list;  // "interface", "roadm-connections", "channel" or "component"
  std::string name;  // the key: interface name, connection-name, channel index, component name
  auto operator<=>(const EntryKey&) const = default;
  // An XPath step naming the entry: "interface[name='X']",
  // "roadm-connections[connection-name='Y']", "channel[index='2001279']",
  // "component[name='XPDR1-OCH1']/optical-channel".
  std::string text() const;
};

// Every leaf of an entry below it, by its path relative to the entry ("nmc-ctp/frequency"; a
// leaf-list value as "path[.='v']"), with the value in libyang's canonical form.
using EntryLeaves = std::map<std::string, std::string>;
using ConfigEntries = std::map<EntryKey, EntryLeaves>;

struct LeafDifference {
  std::string leaf;
  std::optional<std::string> intended;  // nullopt: lightmesh does not set it
  std::optional<std::string> running;   // nullopt: the device does not hold it
};

struct EntryDifference {
  EntryKey entry;
  std::vector<LeafDifference> leaves;  // in leaf path order
};

struct ConfigDiff {
  std::vector<EntryKey> missing;  // intended, absent from the device
  std::vector<EntryKey> extra;    // on the device, lightmesh's by name, not intended
  std::vector<EntryDifference> different;
  bool clean() const { return missing.empty() && extra.empty() && different.empty(); }
};

// The entries of the lists lightmesh writes, from a configuration tree (its top-level siblings
// are searched for /org-openroadm-device, /wavelength-router and /components). A component is an
// entry only when its optical-channel holds a leaf, and only those leaves are its own
// ("optical-channel/config/frequency"). Edit-operation metadata is ignored.
ConfigEntries config_entries(const lyd_node* tree);

// The keyed list entries below an OpenConfig top-level node (`container` is the child holding
// them, e.g. "media-channels", or null for the node itself), and a component's optical-channel
// (null if it has none). For the audit and the repair edit.
std::vector<const lyd_node*> openconfig_entries(const lyd_node* top, const char* container);
const lyd_node* optical_channel_of(const lyd_node* component);

// Compares the two sets in key order. An entry of `running` that is not intended counts as extra
// only when `owned` says lightmesh writes entries of that name (a real device holds others).
// Entries in both differ when any leaf is on one side only or has another value.
ConfigDiff diff_config(const ConfigEntries& intended, const ConfigEntries& running,
                       const std::function<bool(const EntryKey&)>& owned);

// The names lightmesh gives its entries on a device whose logical connection points are `lcps`:
// "<lcp>-…-<lo>:<hi>" with lo and hi slot numbers (docs/southbound.md).
bool named_by_lightmesh(const EntryKey& key, const std::vector<std::string>& lcps);

// Whether an entry on OpenConfig device `d` is one lightmesh writes: a media channel whose index
// media_channel_index() gives for the device's ports, or an optical channel of its add/drops.
// False on an OpenROADM device.
bool openconfig_owned(const EntryKey& key, const DeviceEntry& d);

}  // namespace lightmesh::southbound
