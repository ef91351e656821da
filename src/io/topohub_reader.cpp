// TopoHub / NetworkX node-link JSON (Topology Zoo, SNDlib and synthetic graphs as TopoHub ships
// them, and XLRON's directed variant).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "io/import.h"
#include "io/json_doc.h"

namespace lightmesh::io {

namespace {

// A node's raw `id` as text, so 3 and "3" match the way NetworkX writes them.
std::string raw_id(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

bool ends_in_gabriel(std::string_view file) {
  const auto slash = file.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? file : file.substr(slash + 1);
  return base.rfind("gabriel", 0) == 0;
}

struct RawNode {
  std::string id;  // lightmesh id: name, else raw id; "name#id" when a name repeats
  std::optional<std::pair<double, double>> pos;  // (x, y) = (lon, lat), or planar
  std::string where;
};

}  // namespace

Result<ImportResult> import_topohub(std::string_view text, std::string_view file,
                                    const ImportOptions& options) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  ImportResult out;
  NetworkSpec& spec = out.spec;
  spec.file = doc.file;
  LM_ASSIGN_OR_RETURN(auto directed, top.boolean("directed"));
  bool synthetic = ends_in_gabriel(file);
  if (const Json* g = top.get("graph"); g && g->is_object()) {
    if (g->contains("name") && (*g)["name"].is_string())
      spec.name = (*g)["name"].get<std::string>();
    if (g->contains("synthetic") && (*g)["synthetic"].is_boolean())
      synthetic = (*g)["synthetic"].get<bool>();
  }
  LM_ASSIGN_OR_RETURN(const Json* nodes, top.list("nodes"));
  if (!nodes || nodes->empty()) return doc.error("/nodes", "missing or empty \"nodes\" list");

  // Nodes: read ids and positions first; positions outside lon/lat ranges mean a planar graph.
  std::vector<RawNode> raw;
  std::map<std::string, std::size_t> by_raw_id;
  std::map<std::string, int> name_count;
  for (std::size_t i = 0; i < nodes->size(); ++i) {
    const std::string ptr = "/nodes/" + std::to_string(i);
    ObjectReader r(doc, (*nodes)[i], ptr);
    LM_RETURN_IF_ERROR(r.expect_object());
    const Json* id = r.get("id");
    LM_ASSIGN_OR_RETURN(auto name, r.string("name"));
    if (!id && !name) return doc.error(ptr, "a node needs an \"id\" or a \"name\"");
    if (id && !id->is_string() && !id->is_number_integer()) {
      return doc.error(r.pointer("id"),
                       describe(*id) + " is not a node id (expected a string or an integer)");
    }
    RawNode n;
    n.where = ptr;
    n.id = name && !name->empty() ? *name : raw_id(*id);
    const std::string key = id ? raw_id(*id) : *name;
    if (!by_raw_id.emplace(key, i).second)
      return doc.error(r.pointer("id"), "duplicate node id " + describe(id ? *id : Json(key)));
    if (const Json* pos = r.get("pos")) {
      if (!pos->is_array() || pos->size() != 2 || !(*pos)[0].is_number() ||
          !(*pos)[1].is_number()) {
        return doc.error(r.pointer("pos"), describe(*pos) + " is not a position (expected [x, y])");
      }
      n.pos = std::make_pair((*pos)[0].get<double>(), (*pos)[1].get<double>());
    } else {
      LM_ASSIGN_OR_RETURN(auto lon, r.number("longitude"));
      LM_ASSIGN_OR_RETURN(auto lat, r.number("latitude"));
      if (lon && lat) n.pos = std::make_pair(*lon, *lat);
    }
    if (n.pos && (!std::isfinite(n.pos->first) || !std::isfinite(n.pos->second))) {
      return doc.error(ptr + "/pos", "the position is not finite");
    }
    if (n.pos && (std::abs(n.pos->first) > 180 || std::abs(n.pos->second) > 90)) synthetic = true;
    name_count[n.id]++;
    raw.push_back(std::move(n));
  }
  for (auto& n : raw) {
    if (name_count[n.id] > 1) {
      const std::string key = [&] {
        for (const auto& [k, idx] : by_raw_id) {
          if (&raw[idx] == &n) return k;
        }
        return std::string();
      }();
      out.warnings.push_back(
          fmt::format("{}: {}: the name \"{}\" repeats; the node becomes \"{}#{}\"", doc.file,
                      n.where, n.id, n.id, key));
      n.id += "#" + key;
    }
  }
  std::set<std::string> used;
  for (const auto& n : raw) {
    if (!used.insert(n.id).second)
      return doc.error(n.where, "the node id \"" + n.id + "\" repeats after renaming");
    SiteSpec s;
    s.id = n.id;
    s.where = n.where;
    if (n.pos && !synthetic) s.position = LatLon{n.pos->second, n.pos->first};
    spec.sites.push_back(std::move(s));
  }

  // Links: `edges` or `links`; a reverse duplicate in a directed graph is the other direction of a
  // fibre.
  const char* key = top.has("edges") ? "edges" : "links";
  LM_ASSIGN_OR_RETURN(const Json* links, top.list(key));
  if (!links) return doc.error("", "missing \"edges\" or \"links\" list");
  std::map<std::pair<std::size_t, std::size_t>, int>
      unpaired;  // directed (u,v) → fibres awaiting (v,u)
  std::map<std::pair<std::size_t, std::size_t>, int> pair_count;
  for (std::size_t i = 0; i < links->size(); ++i) {
    const std::string ptr = std::string("/") + key + "/" + std::to_string(i);
    ObjectReader r(doc, (*links)[i], ptr);
    LM_RETURN_IF_ERROR(r.expect_object());
    const Json* src = r.get("source");
    const Json* dst = r.get("target");
    if (!src || !dst) return doc.error(ptr, "a link needs \"source\" and \"target\"");
    auto s_it = by_raw_id.find(raw_id(*src));
    if (s_it == by_raw_id.end())
      return doc.error(r.pointer("source"), "unknown node " + describe(*src));
    auto t_it = by_raw_id.find(raw_id(*dst));
    if (t_it == by_raw_id.end())
      return doc.error(r.pointer("target"), "unknown node " + describe(*dst));
    const std::size_t u = s_it->second, v = t_it->second;
    if (u == v) {
      out.warnings.push_back(
          fmt::format("{}: {}: a link from \"{}\" to itself is skipped", doc.file, ptr, raw[u].id));
      continue;
    }
    LM_ASSIGN_OR_RETURN(auto dist, r.positive("dist", "distance in km", true));
    if (!dist) {
      LM_ASSIGN_OR_RETURN(dist, r.positive("distance", "distance in km", true));
    }
    if (directed.value_or(false)) {
      auto back = unpaired.find({v, u});
      if (back != unpaired.end() && back->second > 0) {
        back->second--;
        continue;  // the reverse direction of a fibre already created
      }
      unpaired[{u, v}]++;
    }
    const auto ends = std::minmax(u, v);
    const int n = ++pair_count[{ends.first, ends.second}];
    FiberSpec f;
    f.id = raw[u].id + "-" + raw[v].id + (n > 1 ? "#" + std::to_string(n) : "");
    f.a = raw[u].id;
    f.b = raw[v].id;
    f.where = ptr;
    if (dist) {
      if (*dist == 0) {
        out.warnings.push_back(
            fmt::format("{}: {}: \"{}\" and \"{}\" are co-located (dist 0); the fibre is kept with "
                        "length 0",
                        doc.file, ptr, raw[u].id, raw[v].id));
      }
      f.length = Km{*dist * options.route_factor};
    } else if (synthetic) {
      if (!raw[u].pos || !raw[v].pos)
        return doc.error(ptr, "no \"dist\" and no positions to derive a length from");
      const double dx = raw[u].pos->first - raw[v].pos->first,
                   dy = raw[u].pos->second - raw[v].pos->second;
      f.length =
          Km{std::hypot(dx, dy) * options.route_factor};  // planar coordinates are taken as km
    } else {
      if (!raw[u].pos || !raw[v].pos) {
        return doc.error(ptr, "no \"dist\" and no coordinates on both ends to derive a length from");
      }
      f.route_factor = options.route_factor;  // great-circle × factor, computed by build_network
    }
    spec.fibers.push_back(std::move(f));
  }
  return out;
}

}  // namespace lightmesh::io
