#include "sim/network_source.h"

#include <nlohmann/json.hpp>

#include "io/import.h"
#include "io/json_doc.h"
#include "io/load.h"

namespace lightmesh::sim {

SiteIndex SimNetwork::find(const std::string& name) const {
  const SiteIndex s = network.find_site(name);
  if (s != kNoIndex) return s;
  const auto it = node_keys.find(name);
  return it == node_keys.end() ? kNoIndex : it->second;
}

namespace {

// A site or node name → its id in `spec`: the id itself, else a node-link key's site.
std::string resolve_site(const NetworkSpec& spec,
                         const std::unordered_map<std::string, SiteIndex>& keys,
                         const std::string& name) {
  for (const SiteSpec& s : spec.sites)
    if (s.id == name) return s.id;
  for (const NodeSpec& n : spec.nodes)  // a fibre may also end at a node that is not a site
    if (n.id == name) return n.id;
  const auto it = keys.find(name);
  return it != keys.end() && it->second < spec.sites.size() ? spec.sites[it->second].id : "";
}

}  // namespace

Result<SimNetwork> load_sim_network(const std::string& path, const NetworkEdit& edit) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const bool node_link = json.is_object() && json.contains("nodes") &&
                         (json.contains("links") || json.contains("edges"));
  std::unordered_map<std::string, SiteIndex> keys;
  if (!node_link) {
    io::SpecEdit apply;
    if (!edit.empty())
      apply = [&](NetworkSpec& spec) {
        return apply_edit(spec, edit,
                          [&](const std::string& name) { return resolve_site(spec, keys, name); });
      };
    LM_ASSIGN_OR_RETURN(Network net, io::load_network_text(text, path, apply));
    return SimNetwork{std::move(net), {}, {}};
  }
  LM_ASSIGN_OR_RETURN(io::ImportResult imported,
                      io::import_network(text, path, io::ImportFormat::kTopohub, {}));
  // The importer makes node i of the file site i.
  const auto& nodes = json["nodes"];
  for (std::size_t i = 0; i < nodes.size() && i < imported.spec.sites.size(); ++i) {
    if (!nodes[i].is_object() || !nodes[i].contains("id")) continue;
    const auto& id = nodes[i]["id"];
    const std::string key = id.is_string() ? id.get<std::string>() : id.dump();
    keys.emplace(key, static_cast<SiteIndex>(i));
  }
  if (!edit.empty()) {
    NetworkSpec& spec = imported.spec;
    if (spec.file.empty()) spec.file = path;
    LM_RETURN_IF_ERROR(apply_edit(
        spec, edit, [&](const std::string& name) { return resolve_site(spec, keys, name); }));
  }
  LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(imported.spec)));
  return SimNetwork{std::move(net), std::move(keys), std::move(imported.warnings)};
}

}  // namespace lightmesh::sim
