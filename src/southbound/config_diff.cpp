#include "southbound/config_diff.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "southbound/openconfig.h"

namespace lightmesh::southbound {

namespace {

constexpr const char* kDeviceModule = "org-openroadm-device";
constexpr const char* kWavelengthRouterModule = "openconfig-wavelength-router";
constexpr const char* kPlatformModule = "openconfig-platform";
constexpr const char* kTerminalDeviceModule = "openconfig-terminal-device";
constexpr const char* kWrittenLists[] = {"interface", "roadm-connections"};

bool is_written_list(const lyd_node* n) {
  if (!n->schema || n->schema->nodetype != LYS_LIST) return false;
  return std::any_of(std::begin(kWrittenLists), std::end(kWrittenLists),
                     [&](const char* l) { return std::strcmp(n->schema->name, l) == 0; });
}

// "name" for a container or leaf, "name[k='v']" for a list entry, "name[.='v']" for a leaf-list
// value: one step of a path that tells siblings apart.
std::string step(const lyd_node* n) {
  std::string s = n->schema->name;
  if (n->schema->nodetype == LYS_LIST) {
    for (const lyd_node* c = lyd_child(n); c && c->schema && lysc_is_key(c->schema); c = c->next)
      s += std::string("[") + c->schema->name + "='" + lyd_get_value(c) + "']";
  } else if (n->schema->nodetype == LYS_LEAFLIST) {
    s += std::string("[.='") + lyd_get_value(n) + "']";
  }
  return s;
}

void collect_leaves(const lyd_node* parent, const std::string& prefix, EntryLeaves& out) {
  for (const lyd_node* c = lyd_child(parent); c; c = c->next) {
    if (!c->schema || (c->flags & LYD_DEFAULT)) continue;  // opaque or an implicit default
    const std::string path = prefix.empty() ? step(c) : prefix + "/" + step(c);
    if (c->schema->nodetype & LYD_NODE_TERM) {
      if (lysc_is_key(c->schema) && prefix.empty()) continue;  // the entry's own key
      out[path] = lyd_get_value(c);
    } else {
      collect_leaves(c, path, out);
    }
  }
}

}  // namespace

std::string EntryKey::text() const {
  if (list == kOpenConfigChannel) return list + "[index='" + name + "']";
  if (list == kOpenConfigComponent) return list + "[name='" + name + "']/optical-channel";
  const char* key = list == "roadm-connections" ? "connection-name" : "name";
  return list + "[" + key + "='" + name + "']";
}

ConfigEntries config_entries(const lyd_node* tree) {
  ConfigEntries out;
  for (const lyd_node* top = tree; top; top = top->next) {
    if (!top->schema) continue;
    const char* module = top->schema->module->name;
    if (std::strcmp(module, kDeviceModule) == 0) {
      for (const lyd_node* e = lyd_child(top); e; e = e->next) {
        if (!is_written_list(e)) continue;
        const lyd_node* key = lyd_child(e);
        if (!key || !key->schema || !lysc_is_key(key->schema)) continue;
        EntryLeaves& leaves = out[EntryKey{e->schema->name, lyd_get_value(key)}];
        collect_leaves(e, "", leaves);
      }
    } else if (std::strcmp(module, kWavelengthRouterModule) == 0) {
      // Every media channel is an entry, written and removed whole.
      for (const lyd_node* e : openconfig_entries(top, "media-channels")) {
        EntryLeaves& leaves = out[EntryKey{kOpenConfigChannel, lyd_get_value(lyd_child(e))}];
        collect_leaves(e, "", leaves);
      }
    } else if (std::strcmp(module, kPlatformModule) == 0) {
      // A component is hardware: lightmesh writes only its optical channel's settings, so only
      // a component whose optical-channel holds something is an entry, with those leaves.
      for (const lyd_node* e : openconfig_entries(top, nullptr)) {
        const lyd_node* och = optical_channel_of(e);
        if (!och) continue;
        EntryLeaves leaves;
        collect_leaves(och, "optical-channel", leaves);
        if (!leaves.empty())
          out[EntryKey{kOpenConfigComponent, lyd_get_value(lyd_child(e))}] = std::move(leaves);
      }
    }
  }
  return out;
}

const lyd_node* optical_channel_of(const lyd_node* component) {
  for (const lyd_node* c = lyd_child(component); c; c = c->next)
    if (c->schema && std::strcmp(c->schema->name, "optical-channel") == 0 &&
        std::strcmp(c->schema->module->name, kTerminalDeviceModule) == 0)
      return c;
  return nullptr;
}

std::vector<const lyd_node*> openconfig_entries(const lyd_node* top, const char* container) {
  std::vector<const lyd_node*> out;
  const lyd_node* parent = top;
  if (container) {
    parent = nullptr;
    for (const lyd_node* c = lyd_child(top); c; c = c->next)
      if (c->schema && std::strcmp(c->schema->name, container) == 0) parent = c;
  }
  for (const lyd_node* e = parent ? lyd_child(parent) : nullptr; e; e = e->next) {
    if (!e->schema || e->schema->nodetype != LYS_LIST) continue;
    const lyd_node* key = lyd_child(e);
    if (key && key->schema && lysc_is_key(key->schema)) out.push_back(e);
  }
  return out;
}

ConfigDiff diff_config(const ConfigEntries& intended, const ConfigEntries& running,
                       const std::function<bool(const EntryKey&)>& owned) {
  ConfigDiff d;
  for (const auto& [key, want] : intended) {
    auto it = running.find(key);
    if (it == running.end()) {
      d.missing.push_back(key);
      continue;
    }
    EntryDifference diff{key, {}};
    const EntryLeaves& have = it->second;
    // Both leaf maps are ordered: walk them together.
    auto w = want.begin();
    auto h = have.begin();
    while (w != want.end() || h != have.end()) {
      if (h == have.end() || (w != want.end() && w->first < h->first)) {
        diff.leaves.push_back({w->first, w->second, std::nullopt});
        ++w;
      } else if (w == want.end() || h->first < w->first) {
        diff.leaves.push_back({h->first, std::nullopt, h->second});
        ++h;
      } else {
        if (w->second != h->second) diff.leaves.push_back({w->first, w->second, h->second});
        ++w, ++h;
      }
    }
    if (!diff.leaves.empty()) d.different.push_back(std::move(diff));
  }
  for (const auto& [key, have] : running)
    if (!intended.count(key) && owned(key)) d.extra.push_back(key);
  return d;
}

bool named_by_lightmesh(const EntryKey& key, const std::vector<std::string>& lcps) {
  // The suffix "-<lo>:<hi>".
  const std::string& n = key.name;
  const auto colon = n.rfind(':');
  const auto dash = n.rfind('-', colon);
  if (colon == std::string::npos || dash == std::string::npos || colon == dash + 1 ||
      colon + 1 == n.size())
    return false;
  auto digits = [&](std::size_t from, std::size_t to) {
    return std::all_of(n.begin() + from, n.begin() + to,
                       [](unsigned char c) { return std::isdigit(c); });
  };
  if (!digits(dash + 1, colon) || !digits(colon + 1, n.size())) return false;
  return std::any_of(lcps.begin(), lcps.end(), [&](const std::string& lcp) {
    return !lcp.empty() && n.size() > lcp.size() + 1 && n.compare(0, lcp.size(), lcp) == 0 &&
           n[lcp.size()] == '-';
  });
}

bool openconfig_owned(const EntryKey& key, const DeviceEntry& d) {
  if (d.model != kOpenConfig) return false;
  if (key.list == kOpenConfigComponent)
    return std::any_of(d.add_drops.begin(), d.add_drops.end(),
                       [&](const AddDrop& a) { return a.optical_channel == key.name; });
  if (key.list != kOpenConfigChannel || key.name.empty() || key.name.size() > 10 ||
      !std::all_of(key.name.begin(), key.name.end(),
                   [](unsigned char c) { return std::isdigit(c); }))
    return false;
  const auto ports = static_cast<std::uint32_t>(d.degrees.size() + d.add_drops.size());
  return is_media_channel_index(static_cast<std::uint32_t>(std::stoull(key.name)), ports);
}

}  // namespace lightmesh::southbound
