#include "sim/traffic_matrix.h"

#include <cmath>
#include <unordered_map>

#include "io/json_doc.h"
#include "sim/pair_sampler.h"

namespace lightmesh::sim {

namespace {

// A node's id as the demands block spells it: strings as they are, integers in decimal.
std::optional<std::string> key_of(const io::Json& id) {
  if (id.is_string()) return id.get<std::string>();
  if (id.is_number_integer()) return id.dump();
  return std::nullopt;
}

}  // namespace

Result<std::vector<double>> parse_topohub_demands(std::string_view text, std::string_view file,
                                                  const Network& net) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(text, file));
  const io::Json& root = doc.root;
  const io::Json* nodes = root.is_object() && root.contains("nodes") ? &root["nodes"] : nullptr;
  if (!nodes || !nodes->is_array()) return doc.error("/nodes", "expected the list of nodes");
  // Node key (its "id", else its "name") → the site the TopoHub reader made of it.
  std::unordered_map<std::string, SiteIndex> site_of;
  for (std::size_t i = 0; i < nodes->size(); ++i) {
    const io::Json& n = (*nodes)[i];
    if (!n.is_object()) continue;
    std::optional<std::string> key = n.contains("id") ? key_of(n["id"]) : std::nullopt;
    std::optional<std::string> name;
    if (n.contains("name") && n["name"].is_string()) name = n["name"].get<std::string>();
    if (!key) key = name;
    if (!key) continue;
    const SiteIndex s = net.find_site(name && !name->empty() ? *name : *key);
    if (s != kNoIndex) site_of.emplace(*key, s);
  }
  const io::Json* graph = root.contains("graph") ? &root["graph"] : nullptr;
  if (!graph || !graph->is_object() || !graph->contains("demands") ||
      !(*graph)["demands"].is_object())
    return doc.error("/graph/demands", "expected a traffic matrix {\"SRC\": {\"DST\": weight}}");
  const std::size_t n = net.sites().size();
  std::vector<double> weights(n * n, 0.0);
  bool any = false;
  for (const auto& [src, row] : (*graph)["demands"].items()) {
    const std::string row_ptr = "/graph/demands/" + io::escape_pointer_token(src);
    const auto s = site_of.find(src);
    if (s == site_of.end())
      return doc.error(row_ptr, "node \"" + src + "\" is not a site of the network");
    if (!row.is_object()) return doc.error(row_ptr, "expected {\"DST\": weight, …}");
    for (const auto& [dst, w] : row.items()) {
      const std::string ptr = row_ptr + "/" + io::escape_pointer_token(dst);
      const auto d = site_of.find(dst);
      if (d == site_of.end())
        return doc.error(ptr, "node \"" + dst + "\" is not a site of the network");
      if (!w.is_number() || !std::isfinite(w.get<double>()) || w.get<double>() < 0)
        return doc.error(ptr, io::describe(w) + " is not a finite non-negative weight");
      const double v = w.get<double>();
      // A node's demand to itself never crosses a fibre: it is left out.
      if (s->second == d->second) continue;
      weights[static_cast<std::size_t>(s->second) * n + d->second] += v;
      any = any || v > 0;
    }
  }
  if (!any) return doc.error("/graph/demands", "the traffic matrix has no positive weight");
  return weights;
}

Result<std::vector<double>> read_traffic(const std::string& path, const Network& net) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{')
    return parse_topohub_demands(text, path, net);
  return parse_traffic_csv(text, path, net);
}

}  // namespace lightmesh::sim
