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

Result<SimNetwork> load_sim_network(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const bool node_link = json.is_object() && json.contains("nodes") &&
                         (json.contains("links") || json.contains("edges"));
  if (!node_link) {
    LM_ASSIGN_OR_RETURN(Network net, io::load_network_text(text, path));
    return SimNetwork{std::move(net), {}, {}};
  }
  LM_ASSIGN_OR_RETURN(io::ImportResult imported,
                      io::import_network(text, path, io::ImportFormat::kTopohub, {}));
  LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(imported.spec)));
  SimNetwork out{std::move(net), {}, std::move(imported.warnings)};
  // The importer makes node i of the file site i.
  const auto& nodes = json["nodes"];
  for (std::size_t i = 0; i < nodes.size() && i < out.network.sites().size(); ++i) {
    if (!nodes[i].is_object() || !nodes[i].contains("id")) continue;
    const auto& id = nodes[i]["id"];
    const std::string key = id.is_string() ? id.get<std::string>() : id.dump();
    out.node_keys.emplace(key, static_cast<SiteIndex>(i));
  }
  return out;
}

}  // namespace lightmesh::sim
