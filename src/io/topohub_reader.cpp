// TopoHub / NetworkX node-link JSON → NetworkSpec. The mapping (ids, lengths, planar graphs,
// directed pairs) is documented in docs/formats.md; the comments here say why.
#include "io/topohub_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "core/geo.h"
#include "core/limits.h"
#include "io/json_doc.h"

namespace lightmesh::io {

namespace {

// NetworkX writes integer ids as numbers and string ids as strings; 3 and "3" name the same node.
std::string raw_id(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
bool usable_id(const Json& v) { return v.is_string() || v.is_number_integer(); }

// TopoHub's synthetic Gabriel graphs carry planar coordinates in `pos`, and their graph name is
// just the node count, so the file name is the only marker they have.
bool named_synthetic(std::string_view file) {
  const auto slash = file.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? file : file.substr(slash + 1);
  return base.rfind("gabriel", 0) == 0;
}

struct XY {
  double x, y;
};

struct RawNode {
  std::string key;   // what links name in source/target
  std::string id;    // the lightmesh id
  std::string name;  // the node's own name when the id had to differ from it
  std::optional<XY> pos;
  std::string where;
};

// How a link states its length.
enum class LengthFrom { kNone, kDist, kStated };

// `pos` = [longitude, latitude]; XLRON writes `longitude`/`latitude`, other converters `lon`/`lat`.
Result<std::optional<XY>> read_position(const ObjectReader& r) {
  if (const Json* pos = r.get("pos")) {
    if (!pos->is_array() || pos->size() != 2 || !(*pos)[0].is_number() || !(*pos)[1].is_number()) {
      return r.doc().error(r.pointer("pos"),
                           describe(*pos) + " is not a position (expected [longitude, latitude])");
    }
    return std::optional<XY>{XY{(*pos)[0].get<double>(), (*pos)[1].get<double>()}};
  }
  for (const auto& [xk, yk] : {std::pair{"longitude", "latitude"}, std::pair{"lon", "lat"}}) {
    LM_ASSIGN_OR_RETURN(auto x, r.bounded(xk, limits::kLongitude));
    LM_ASSIGN_OR_RETURN(auto y, r.bounded(yk, limits::kLatitude));
    if (x && y) return std::optional<XY>{XY{*x, *y}};
    if (x || y) {
      return r.doc().error(r.pointer(),
                           fmt::format("\"{}\" given without \"{}\" (expected both or neither)",
                                       x ? xk : yk, x ? yk : xk));
    }
  }
  return std::optional<XY>{};
}

// Makes `base` unique among `used` by appending "#2", "#3", … (multi-edges keep distinct ids).
std::string unique_id(const std::string& base, std::set<std::string>& used) {
  std::string id = base;
  for (int n = 2; !used.insert(id).second; ++n) id = base + "#" + std::to_string(n);
  return id;
}

}  // namespace

Result<ImportResult> import_topohub(std::string_view text, std::string_view file,
                                    const ImportOptions& options) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  ImportResult out;
  NetworkSpec& spec = out.spec;
  spec.file = doc.file;
  auto warn = [&](const std::string& pointer, const std::string& message) {
    const std::string place = doc.place(pointer);
    out.warnings.push_back(
        printable(doc.file + ": " + (place.empty() ? "" : place + ": ") + message));
  };

  LM_ASSIGN_OR_RETURN(auto directed_flag, top.boolean("directed"));
  const bool directed = directed_flag.value_or(false);
  bool planar = named_synthetic(file);
  bool planar_by_flag = false;
  if (const Json* g = top.get("graph"); g && g->is_object()) {
    if (auto it = g->find("name"); it != g->end() && it->is_string())
      spec.name = it->get<std::string>();
    if (auto it = g->find("synthetic"); it != g->end() && it->is_boolean()) {
      planar = it->get<bool>();
      planar_by_flag = true;
    }
  }
  if (spec.name.empty()) {
    LM_ASSIGN_OR_RETURN(auto name, top.string("name"));
    spec.name = name.value_or("");
  }

  LM_ASSIGN_OR_RETURN(const Json* nodes, top.list("nodes"));
  if (!nodes || nodes->empty()) return doc.error("/nodes", "missing or empty \"nodes\" list");

  // Nodes: ids and positions first, because a repeated name or an off-globe position changes how
  // every node is read.
  std::vector<RawNode> raw;
  raw.reserve(nodes->size());
  std::unordered_map<std::string, std::size_t> by_key;
  std::optional<std::size_t> off_globe;  // first node whose position is not a longitude/latitude
  for (std::size_t i = 0; i < nodes->size(); ++i) {
    const std::string ptr = "/nodes/" + std::to_string(i);
    ObjectReader r(doc, (*nodes)[i], ptr);
    LM_RETURN_IF_ERROR(r.expect_object());
    const Json* id = r.get("id");
    LM_ASSIGN_OR_RETURN(auto name, r.id("name"));
    if (id && !usable_id(*id)) {
      return doc.error(r.pointer("id"),
                       describe(*id) + " is not a node id (expected a string or an integer)");
    }
    if (id) LM_RETURN_IF_ERROR(check_id_length(doc, r.pointer("id"), raw_id(*id)));
    RawNode n;
    n.where = ptr;
    n.key = id ? raw_id(*id) : name.value_or("");
    n.id = name && !name->empty() ? *name : n.key;
    if (n.id.empty()) {
      return doc.error(id ? r.pointer("id") : ptr, "a node needs a non-empty \"id\" or \"name\"");
    }
    if (auto [it, fresh] = by_key.emplace(n.key, i); !fresh) {
      return doc.error(id ? r.pointer("id") : r.pointer("name"),
                       fmt::format("duplicate node id {} (also /nodes/{})",
                                   describe(id ? *id : Json(n.key)), it->second));
    }
    LM_ASSIGN_OR_RETURN(n.pos, read_position(r));
    if (n.pos && !off_globe && !valid_lat_lon({n.pos->y, n.pos->x})) off_globe = i;
    raw.push_back(std::move(n));
  }
  if (off_globe && !planar) {
    if (planar_by_flag) {
      // "synthetic": false promised coordinates, and this one is not.
      const XY p = *raw[*off_globe].pos;
      return doc.error(
          raw[*off_globe].where,
          fmt::format("[{:g}, {:g}] is not a [longitude, latitude] position", p.x, p.y));
    }
    planar = true;
    const XY p = *raw[*off_globe].pos;
    warn(raw[*off_globe].where,
         fmt::format("[{:g}, {:g}] is not a longitude/latitude, so all positions are read as "
                     "planar coordinates in km",
                     p.x, p.y));
  }

  // A repeated id becomes "id#key" on every node that carries it, so none is favoured by order.
  std::unordered_map<std::string, int> id_count;
  for (const auto& n : raw) ++id_count[n.id];
  std::set<std::string> site_ids;
  for (auto& n : raw) {
    if (id_count[n.id] > 1) {
      const std::string renamed = n.id + "#" + n.key;
      warn(n.where, fmt::format("the name \"{}\" repeats; the node becomes \"{}\"", n.id, renamed));
      n.name = n.id;
      n.id = renamed;
      LM_RETURN_IF_ERROR(check_id_length(doc, n.where, n.id));
    }
    if (!site_ids.insert(n.id).second) {
      return doc.error(n.where, "the id " + describe(Json(n.id)) +
                                    " is already taken by another node (after repeated names "
                                    "became name#id)");
    }
    SiteSpec s;
    s.id = n.id;
    s.name = n.name;
    s.where = n.where;
    if (n.pos && !planar) s.position = LatLon{n.pos->y, n.pos->x};
    spec.sites.push_back(std::move(s));
  }

  // Links. NetworkX writes `links` by default and `edges` when asked (TopoHub does).
  const char* list_key = top.has("edges") ? "edges" : "links";
  LM_ASSIGN_OR_RETURN(const Json* links, top.list(list_key));
  if (!links) return doc.error("", "missing \"edges\" or \"links\" list");
  std::set<std::string> fiber_ids;
  // Directed files list each fibre twice; (u, v) → fibres still waiting for their v → u.
  std::map<std::pair<std::size_t, std::size_t>, std::deque<std::size_t>> waiting;
  std::vector<double> stated_length;  // per fibre, for comparing the two directions; NaN if none
  std::size_t stated_count = 0;
  for (std::size_t i = 0; i < links->size(); ++i) {
    const std::string ptr = std::string("/") + list_key + "/" + std::to_string(i);
    ObjectReader r(doc, (*links)[i], ptr);
    LM_RETURN_IF_ERROR(r.expect_object());
    std::size_t ends[2];
    for (int k = 0; k < 2; ++k) {
      const char* key = k == 0 ? "source" : "target";
      const Json* v = r.get(key);
      if (!v) return doc.error(ptr, std::string("missing required field \"") + key + "\"");
      if (!usable_id(*v)) {
        return doc.error(r.pointer(key),
                         describe(*v) + " is not a node id (expected a string or an integer)");
      }
      auto it = by_key.find(raw_id(*v));
      if (it == by_key.end()) return doc.error(r.pointer(key), "unknown node " + describe(*v));
      ends[k] = it->second;
    }
    const std::size_t u = ends[0], v = ends[1];
    if (u == v) {
      warn(ptr, "a link from \"" + raw[u].id + "\" to itself is skipped");
      continue;
    }

    // `dist` is TopoHub's great-circle distance, so the route factor applies; XLRON's `distance`
    // and a `length_km` are fibre lengths already.
    LengthFrom from = LengthFrom::kNone;
    double length = 0;
    const char* length_key = nullptr;
    for (const char* key : {"dist", "distance", "length_km"}) {
      LM_ASSIGN_OR_RETURN(auto d, r.positive(key, "distance in km", true));
      if (!d) continue;
      from = std::string_view(key) == "dist" ? LengthFrom::kDist : LengthFrom::kStated;
      length = from == LengthFrom::kDist ? *d * options.route_factor : *d;
      length_key = key;
      break;
    }
    if (from != LengthFrom::kNone && !limits::kFiberLengthKm.contains(length)) {
      return doc.error(r.pointer(length_key),
                       fmt::format("{:g} km is not a fibre length (expected {}{})", length,
                                   limits::kFiberLengthKm.describe(),
                                   from == LengthFrom::kDist ? ", after the route factor" : ""));
    }

    if (directed) {
      auto back = waiting.find({v, u});
      if (back != waiting.end() && !back->second.empty()) {
        const std::size_t f = back->second.front();
        back->second.pop_front();
        const double first = stated_length[f];
        const double second = from == LengthFrom::kNone ? std::nan("") : length;
        if (std::isfinite(first) && std::isfinite(second) &&
            std::abs(first - second) > 1e-9 * std::max(1.0, first)) {
          warn(ptr, fmt::format("\"{}\" → \"{}\" is {:g} km but \"{}\" → \"{}\" is {:g} km; the "
                                "fibre keeps the first",
                                raw[v].id, raw[u].id, first, raw[u].id, raw[v].id, second));
        }
        continue;  // the other direction of a fibre already made
      }
    }

    FiberSpec f;
    f.id = unique_id(raw[u].id + "-" + raw[v].id, fiber_ids);
    // The fibre's id joins its ends' ids, so two long ids make one that is too long.
    LM_RETURN_IF_ERROR(check_id_length(doc, ptr, f.id));
    f.a = raw[u].id;
    f.b = raw[v].id;
    f.where = ptr;
    if (from != LengthFrom::kNone) {
      if (length == 0) {
        warn(ptr, fmt::format("\"{}\" and \"{}\" are co-located ({} 0); the fibre is kept with "
                              "length 0",
                              raw[u].id, raw[v].id, length_key));
      }
      if (from == LengthFrom::kStated) ++stated_count;
      f.length = Km{length};
    } else if (!raw[u].pos || !raw[v].pos) {
      return doc.error(ptr, "no \"dist\" and no coordinates on both ends to derive a length from");
    } else if (planar) {
      const double d = std::hypot(raw[u].pos->x - raw[v].pos->x, raw[u].pos->y - raw[v].pos->y) *
                       options.route_factor;
      if (!std::isfinite(d)) return doc.error(ptr, "the distance between the positions overflows");
      // A length derived from positions obeys the range of a stated one: the native file written
      // from this import states it.
      if (!limits::kFiberLengthKm.contains(d)) {
        return doc.error(ptr,
                         fmt::format("the planar distance between {} and {} × route "
                                     "factor {:g} is {:g} km, out of range for a fibre "
                                     "(expected {})",
                                     describe(Json(raw[u].id)), describe(Json(raw[v].id)),
                                     options.route_factor, d, limits::kFiberLengthKm.describe()));
      }
      f.length = Km{d};
    } else {
      // build_network computes great circle × factor; checked here as well, so that an import
      // that succeeds builds.
      const LatLon a{raw[u].pos->y, raw[u].pos->x}, b{raw[v].pos->y, raw[v].pos->x};
      const double d = great_circle(a, b).value() * options.route_factor;
      if (!limits::kFiberLengthKm.contains(d)) {
        return doc.error(ptr,
                         fmt::format("the great-circle distance between {} and {} × "
                                     "route factor {:g} is {:g} km, out of range for a fibre "
                                     "(expected {})",
                                     describe(Json(raw[u].id)), describe(Json(raw[v].id)),
                                     options.route_factor, d, limits::kFiberLengthKm.describe()));
      }
      f.route_factor = options.route_factor;
    }
    if (directed) waiting[{u, v}].push_back(spec.fibers.size());
    stated_length.push_back(from == LengthFrom::kNone ? std::nan("") : length);
    spec.fibers.push_back(std::move(f));
  }

  if (directed) {
    std::vector<std::size_t> lone;
    for (const auto& entry : waiting)
      lone.insert(lone.end(), entry.second.begin(), entry.second.end());
    std::sort(lone.begin(), lone.end());
    for (std::size_t f : lone) {
      warn(spec.fibers[f].where,
           fmt::format("the directed link \"{}\" → \"{}\" has no reverse link; it becomes a "
                       "duplex fibre",
                       spec.fibers[f].a, spec.fibers[f].b));
    }
  }
  if (stated_count > 0 && options.route_factor != 1.0) {
    warn("", fmt::format("the route factor {:g} does not apply to the {} links whose \"distance\" "
                         "or \"length_km\" states a fibre length",
                         options.route_factor, stated_count));
  }
  return out;
}

}  // namespace lightmesh::io
