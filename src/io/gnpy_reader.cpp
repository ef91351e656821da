// GNPy topology JSON → NetworkSpec. The mapping (sites, lines, pairing of directions) is
// documented in docs/formats.md; the comments here say why.
#include "io/gnpy_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "core/limits.h"
#include "io/gnpy_carried.h"
#include "io/json_doc.h"

namespace lightmesh::io {

namespace {

// GNPy's documented default when a Fiber states no length (docs/json.rst, "Fiber attributes").
constexpr double kGnpyDefaultFiberKm = 80.0;

enum class Kind { kTransceiver, kRoadm, kFiber, kAmplifier, kFused };

struct Element {
  std::string uid;
  Kind kind = Kind::kFused;
  std::string where;
  std::optional<LatLon> position;
  std::string city;
  double length_km = 0;           // Fiber
  std::optional<double> loss_db;  // Fiber: its span's loss; Fused (or a 0 km Fiber): lumped loss
  std::vector<std::size_t> next;  // connections out
  std::vector<std::size_t> prev;  // connections in
};

// Text from the file inside an error message: quoted, escaped, and cut at 40 characters.
std::string in_quotes(const std::string& s) { return describe(Json(s)); }

bool is_endpoint(const Element& e) {
  return e.kind == Kind::kTransceiver || e.kind == Kind::kRoadm;
}

Result<Kind> kind_of(const Document& doc, const std::string& type, const std::string& pointer) {
  if (type == "Transceiver") return Kind::kTransceiver;
  if (type == "Roadm") return Kind::kRoadm;
  if (type == "Fiber" || type == "RamanFiber") return Kind::kFiber;
  if (type == "Edfa" || type == "Multiband_amplifier") return Kind::kAmplifier;
  if (type == "Fused") return Kind::kFused;
  return Error::unsupported(printable("unsupported element type " + in_quotes(type) +
                                      " (expected Transceiver, Roadm, Fiber, RamanFiber, Edfa, "
                                      "Multiband_amplifier or Fused)"))
      .at(doc.file, printable(doc.place(pointer)));
}

Status read_location(const Document& doc, const ObjectReader& r, Element& e) {
  const Json* meta = r.get("metadata");
  if (!meta) return {};
  ObjectReader m(doc, *meta, r.pointer("metadata"));
  LM_RETURN_IF_ERROR(m.expect_object());
  const Json* location = m.get("location");
  if (!location) return {};
  ObjectReader loc(doc, *location, m.pointer("location"));
  LM_RETURN_IF_ERROR(loc.expect_object());
  LM_ASSIGN_OR_RETURN(auto lat, loc.bounded("latitude", limits::kLatitude));
  LM_ASSIGN_OR_RETURN(auto lon, loc.bounded("longitude", limits::kLongitude));
  if (lat && (*lat < -90 || *lat > 90)) {
    return doc.error(loc.pointer("latitude"),
                     fmt::format("{:g} is not a latitude (expected −90…90 degrees)", *lat));
  }
  if (lon && (*lon < -180 || *lon > 180)) {
    return doc.error(loc.pointer("longitude"),
                     fmt::format("{:g} is not a longitude (expected −180…180 degrees)", *lon));
  }
  if (lat && lon) e.position = LatLon{*lat, *lon};
  // The city only names things, so a city that is not text is simply not used.
  if (const Json* city = loc.get("city"); city && city->is_string())
    e.city = city->get<std::string>();
  return {};
}

// Fiber / RamanFiber `params`: length in length_units (km or m, GNPy's two units), and the span
// loss when loss_coef is a plain dB/km figure. Connector and padding losses left null take 0 dB:
// GNPy would take them from an equipment library that a topology file does not carry.
Status read_fiber(const Document& doc, const ObjectReader& r, Element& e,
                  std::vector<std::string>& warnings) {
  const Json* params = r.get("params");
  if (!params) {
    e.length_km = kGnpyDefaultFiberKm;
    warnings.push_back(printable(fmt::format(
        "{}: {}: the Fiber \"{}\" has no params; GNPy's default length of {:g} km is used",
        doc.file, doc.place(e.where), e.uid, kGnpyDefaultFiberKm)));
    return {};
  }
  ObjectReader p(doc, *params, r.pointer("params"));
  LM_RETURN_IF_ERROR(p.expect_object());
  LM_ASSIGN_OR_RETURN(auto length, p.positive("length", "length", true));
  LM_ASSIGN_OR_RETURN(auto units, p.string("length_units"));
  double scale = 1.0;
  if (units && *units == "m") {
    scale = 1e-3;
  } else if (units && *units != "km") {
    return doc.error(p.pointer("length_units"),
                     "unknown length unit " + in_quotes(*units) + " (expected km or m)");
  }
  if (length) {
    e.length_km = *length * scale;
    if (!limits::kFiberLengthKm.contains(e.length_km)) {
      return doc.error(p.pointer("length"),
                       fmt::format("{:g} {} is not a fibre length (expected {})", *length,
                                   units.value_or("km"), limits::kFiberLengthKm.describe()));
    }
  } else {
    e.length_km = kGnpyDefaultFiberKm;
    warnings.push_back(printable(
        fmt::format("{}: {}: the Fiber \"{}\" has no length; GNPy's default of {:g} km is used",
                    doc.file, doc.place(p.pointer()), e.uid, kGnpyDefaultFiberKm)));
  }
  std::optional<double> coef;
  if (const Json* c = p.get("loss_coef"); c && !c->is_object()) {
    // An object is a frequency-dependent loss ({value, frequency}); a span keeps no single figure.
    LM_ASSIGN_OR_RETURN(coef, p.bounded("loss_coef", limits::kLossDbPerKm));
  }
  double lumped = 0;
  for (const char* key : {"con_in", "con_out", "att_in"}) {
    LM_ASSIGN_OR_RETURN(auto v, p.bounded(key, limits::kLossDb));
    lumped += v.value_or(0);
  }
  if (coef) {
    e.loss_db = *coef * e.length_km + lumped;
    // The span's loss is written to the native file, whose range it must keep.
    if (!limits::kLossDb.contains(*e.loss_db)) {
      return doc.error(
          p.pointer("loss_coef"),
          fmt::format("the span loss, {:g} dB/km × {:g} km + {:g} dB of connectors "
                      "and padding, is {:g} dB, out of range (expected {})",
                      *coef, e.length_km, lumped, *e.loss_db, limits::kLossDb.describe()));
    }
  }
  return {};
}

Status read_fused(const Document& doc, const ObjectReader& r, Element& e) {
  const Json* params = r.get("params");
  if (!params) return {};
  ObjectReader p(doc, *params, r.pointer("params"));
  LM_RETURN_IF_ERROR(p.expect_object());
  LM_ASSIGN_OR_RETURN(e.loss_db, p.bounded("loss", limits::kLossDb));
  return {};
}

// One direction of a line: what lies between two endpoints.
struct Chain {
  std::size_t from = 0, to = 0;
  std::optional<std::size_t> first_fiber;  // element index of the first Fiber, for the fibre id
  std::optional<std::size_t> last_fiber;   // the Fiber of the last span, which takes loose losses
  std::vector<SpanSpec> spans;
  std::uint32_t inline_amplifiers = 0;
  double length_km = 0;
};

// A span's loss with the joints before it, within the native file's range for a span loss.
Status span_loss_in_range(const Document& doc, const Element& fiber, double loss_db) {
  if (limits::kLossDb.contains(loss_db)) return {};
  return doc.error(fiber.where,
                   fmt::format("the span of {} with the joints next to it loses {:g} dB, out of "
                               "range (expected {})",
                               in_quotes(fiber.uid), loss_db, limits::kLossDb.describe()));
}

std::string unique_id(const std::string& base, std::set<std::string>& used) {
  std::string id = base;
  for (int n = 2; !used.insert(id).second; ++n) id = base + "#" + std::to_string(n);
  return id;
}

}  // namespace

Result<ImportResult> import_gnpy(std::string_view text, std::string_view file,
                                 const ImportOptions& /*options*/) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_ASSIGN_OR_RETURN(const Json* elements, top.list("elements"));
  if (!elements || elements->empty())
    return doc.error("/elements", "missing or empty \"elements\" list");
  LM_ASSIGN_OR_RETURN(const Json* connections, top.list("connections"));
  if (!connections) return doc.error("", "missing required field \"connections\"");

  ImportResult out;
  out.spec.file = doc.file;
  auto warn = [&](const std::string& pointer, const std::string& message) {
    out.warnings.push_back(printable(doc.file + ": " + doc.place(pointer) + ": " + message));
  };
  if (const Json* name = top.get("network_name"); name && name->is_string())
    out.spec.name = name->get<std::string>();

  std::vector<Element> el;
  el.reserve(elements->size());
  std::unordered_map<std::string, std::size_t> by_uid;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    const std::string ptr = "/elements/" + std::to_string(i);
    ObjectReader r(doc, (*elements)[i], ptr);
    LM_RETURN_IF_ERROR(r.expect_object());
    Element e;
    e.where = ptr;
    LM_ASSIGN_OR_RETURN(e.uid, r.required_id("uid"));
    if (e.uid.empty()) return doc.error(r.pointer("uid"), "an element needs a non-empty uid");
    LM_ASSIGN_OR_RETURN(std::string type, r.required_string("type"));
    LM_ASSIGN_OR_RETURN(e.kind, kind_of(doc, type, r.pointer("type")));
    if (auto [it, fresh] = by_uid.emplace(e.uid, i); !fresh) {
      return doc.error(r.pointer("uid"), fmt::format("duplicate uid {} (also /elements/{})",
                                                     in_quotes(e.uid), it->second));
    }
    LM_RETURN_IF_ERROR(read_location(doc, r, e));
    if (e.kind == Kind::kFiber) LM_RETURN_IF_ERROR(read_fiber(doc, r, e, out.warnings));
    if (e.kind == Kind::kFused) LM_RETURN_IF_ERROR(read_fused(doc, r, e));
    el.push_back(std::move(e));
  }

  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (std::size_t i = 0; i < connections->size(); ++i) {
    const std::string ptr = "/connections/" + std::to_string(i);
    ObjectReader c(doc, (*connections)[i], ptr);
    LM_RETURN_IF_ERROR(c.expect_object());
    std::size_t ends[2];
    for (int k = 0; k < 2; ++k) {
      const char* key = k == 0 ? "from_node" : "to_node";
      LM_ASSIGN_OR_RETURN(std::string uid, c.required_id(key));
      auto it = by_uid.find(uid);
      if (it == by_uid.end()) return doc.error(c.pointer(key), "unknown element " + in_quotes(uid));
      ends[k] = it->second;
    }
    if (ends[0] == ends[1]) {
      return doc.error(ptr, in_quotes(el[ends[0]].uid) + " is connected to itself");
    }
    if (!seen.insert({ends[0], ends[1]}).second) {
      warn(ptr, fmt::format("the connection \"{}\" → \"{}\" repeats; it is read once",
                            el[ends[0]].uid, el[ends[1]].uid));
      continue;
    }
    el[ends[0]].next.push_back(ends[1]);
    el[ends[1]].prev.push_back(ends[0]);
  }

  // Sites. A Transceiver patched straight to a ROADM (either direction) is that ROADM's add/drop:
  // the pair is one site with the ROADM's uid, because the lines end at the ROADM. A Transceiver
  // with no ROADM is a site of its own; a ROADM with no Transceiver only switches: a plain node.
  std::vector<std::optional<std::size_t>> owner(el.size());  // transceiver → its ROADM
  std::vector<std::vector<std::size_t>> trx_of(el.size());   // ROADM → its transceivers
  for (std::size_t i = 0; i < el.size(); ++i) {
    if (el[i].kind != Kind::kTransceiver) continue;
    std::set<std::size_t> roadms;
    for (auto n : el[i].next)
      if (el[n].kind == Kind::kRoadm) roadms.insert(n);
    for (auto p : el[i].prev)
      if (el[p].kind == Kind::kRoadm) roadms.insert(p);
    if (roadms.empty()) continue;
    owner[i] = *roadms.begin();
    trx_of[*roadms.begin()].push_back(i);
    if (roadms.size() > 1) {
      warn(el[i].where,
           fmt::format("the transceiver \"{}\" is patched to {} ROADMs; it belongs to the site "
                       "\"{}\" (the first in the file)",
                       el[i].uid, roadms.size(), el[*roadms.begin()].uid));
    }
  }
  std::vector<std::string> endpoint_id(el.size());
  for (std::size_t i = 0; i < el.size(); ++i) {
    const Element& e = el[i];
    if (e.kind == Kind::kRoadm && !trx_of[i].empty()) {
      SiteSpec s;
      s.id = e.uid;
      // The transceiver uids, which GNPy's path requests name, stay visible as the site's name.
      for (std::size_t t : trx_of[i]) s.name += (s.name.empty() ? "" : ", ") + el[t].uid;
      s.position = e.position;
      for (std::size_t t : trx_of[i])
        if (!s.position) s.position = el[t].position;
      s.where = e.where;
      out.spec.sites.push_back(std::move(s));
      endpoint_id[i] = e.uid;
    } else if (e.kind == Kind::kRoadm) {
      NodeSpec n;
      n.id = e.uid;
      n.name = e.city;
      n.position = e.position;
      n.where = e.where;
      out.spec.nodes.push_back(std::move(n));
      endpoint_id[i] = e.uid;
    } else if (e.kind == Kind::kTransceiver && owner[i]) {
      endpoint_id[i] = el[*owner[i]].uid;
    } else if (e.kind == Kind::kTransceiver) {
      SiteSpec s;
      s.id = e.uid;
      s.name = e.city;
      s.position = e.position;
      s.where = e.where;
      out.spec.sites.push_back(std::move(s));
      endpoint_id[i] = e.uid;
    }
  }
  if (out.spec.sites.empty()) {
    return doc.error("/elements",
                     "no Transceiver elements, so no sites (lightmesh sites are where transceivers "
                     "are; expected at least one)");
  }

  // Lines: from every endpoint, each connection that does not lead straight into the endpoint's
  // own add/drop starts one direction of a line, followed to the next endpoint. Every line element
  // has one way in and one way out, so each is walked at most once.
  std::vector<bool> visited(el.size(), false);
  std::vector<Chain> chains;
  for (std::size_t i = 0; i < el.size(); ++i) {
    if (!is_endpoint(el[i])) continue;
    for (std::size_t first : el[i].next) {
      Chain c;
      c.from = i;
      if (is_endpoint(el[first])) {
        if (el[first].kind != el[i].kind) continue;  // a transceiver–ROADM patch, not a line
        c.to = first;
        chains.push_back(std::move(c));
        continue;
      }
      std::size_t cur = first;
      bool after_span = false;
      std::uint32_t pending_amplifiers = 0;
      double pending_loss = 0;  // lumped losses not yet given to a span
      while (true) {
        Element& e = el[cur];
        if (e.prev.size() > 1) {
          return doc.error(e.where,
                           fmt::format("{} has {} incoming connections (a line element has one)",
                                       in_quotes(e.uid), e.prev.size()));
        }
        if (visited[cur])
          return doc.error(e.where, "the line through " + in_quotes(e.uid) + " loops");
        visited[cur] = true;
        if (e.kind == Kind::kFiber && !c.first_fiber) c.first_fiber = cur;
        if (e.kind == Kind::kFiber && e.length_km > 0) {
          if (after_span) c.inline_amplifiers += pending_amplifiers;
          pending_amplifiers = 0;
          after_span = true;
          SpanSpec s;
          s.length = Km{e.length_km};
          if (e.loss_db) {
            LM_RETURN_IF_ERROR(span_loss_in_range(doc, e, *e.loss_db + pending_loss));
            s.loss = Decibel{*e.loss_db + pending_loss};
          }
          pending_loss = 0;
          c.spans.push_back(s);
          c.last_fiber = cur;
          c.length_km += e.length_km;
        } else if (e.kind == Kind::kAmplifier) {
          ++pending_amplifiers;
        } else {
          // A Fused joint, or a 0 km Fiber (a patch cord): a lumped loss, carried by the next span
          // (or by the last one when no span follows).
          if (e.kind == Kind::kFiber) {
            warn(e.where, "the Fiber \"" + e.uid + "\" is 0 km long; it is read as a joint");
          }
          pending_loss += e.loss_db.value_or(0);
        }
        if (e.next.empty()) {
          return doc.error(e.where, "the line ends at " + in_quotes(e.uid) +
                                        " without reaching a ROADM or transceiver");
        }
        if (e.next.size() > 1) {
          return doc.error(e.where, fmt::format("{} connects to {} elements (a line element "
                                                "leads to one)",
                                                in_quotes(e.uid), e.next.size()));
        }
        cur = e.next[0];
        if (is_endpoint(el[cur])) break;
      }
      if (pending_loss > 0 && !c.spans.empty() && c.spans.back().loss) {
        const double loss = c.spans.back().loss->value() + pending_loss;
        LM_RETURN_IF_ERROR(span_loss_in_range(doc, el[*c.last_fiber], loss));
        c.spans.back().loss = Decibel{loss};
      }
      // The line becomes one fibre, whose length (the sum of its spans) and amplifier count obey
      // the ranges of a native file.
      if (!limits::kFiberLengthKm.contains(c.length_km)) {
        return doc.error(el[first].where,
                         fmt::format("the line starting here is {:g} km long in all, out of "
                                     "range for a fibre (expected {})",
                                     c.length_km, limits::kFiberLengthKm.describe()));
      }
      if (!limits::kAmplifierCount.contains(c.inline_amplifiers)) {
        return doc.error(el[first].where,
                         fmt::format("the line starting here has {} inline amplifiers (expected "
                                     "{})",
                                     c.inline_amplifiers, limits::kAmplifierCount.describe()));
      }
      c.to = cur;
      chains.push_back(std::move(c));
    }
  }

  // Pairing: GNPy's elements carry light one way, a lightmesh fibre both ways. A line A → B pairs
  // with the first line B → A not yet paired.
  std::set<std::string> fiber_ids;
  std::map<std::pair<std::string, std::string>, std::deque<std::size_t>> waiting;
  std::vector<double> fiber_length;
  for (const Chain& c : chains) {
    const std::string& a = endpoint_id[c.from];
    const std::string& b = endpoint_id[c.to];
    const std::string& where = c.first_fiber ? el[*c.first_fiber].where : el[c.from].where;
    if (a == b) {
      warn(where, "a line from \"" + a + "\" back to itself is skipped");
      continue;
    }
    if (auto back = waiting.find({b, a}); back != waiting.end() && !back->second.empty()) {
      const std::size_t f = back->second.front();
      back->second.pop_front();
      if (std::abs(fiber_length[f] - c.length_km) > 1e-6) {
        warn(where, fmt::format("the line \"{}\" → \"{}\" is {:g} km but \"{}\" → \"{}\" is {:g} "
                                "km; the fibre keeps the first",
                                b, a, fiber_length[f], a, b, c.length_km));
      }
      continue;
    }
    FiberSpec f;
    f.id = unique_id(c.first_fiber ? el[*c.first_fiber].uid : a + "-" + b, fiber_ids);
    // A derived id ("A-B", "uid#2") may outgrow the ids it is made of.
    LM_RETURN_IF_ERROR(check_id_length(doc, where, f.id));
    f.a = a;
    f.b = b;
    f.where = where;
    f.spans = c.spans;
    f.amplifiers = c.inline_amplifiers;
    if (c.spans.empty()) {
      warn(where, fmt::format("the line \"{}\" → \"{}\" has no Fiber of any length; it becomes a "
                              "0 km fibre",
                              a, b));
      f.length = Km{0};
    }
    waiting[{a, b}].push_back(out.spec.fibers.size());
    fiber_length.push_back(c.length_km);
    out.spec.fibers.push_back(std::move(f));
  }
  std::vector<std::size_t> lone;
  for (const auto& entry : waiting)
    lone.insert(lone.end(), entry.second.begin(), entry.second.end());
  std::sort(lone.begin(), lone.end());
  for (std::size_t f : lone) {
    const FiberSpec& fs = out.spec.fibers[f];
    warn(fs.where, fmt::format("the line \"{}\" → \"{}\" has no line back; it becomes a duplex "
                               "fibre",
                               fs.a, fs.b));
  }

  std::size_t stray = 0;
  std::optional<std::size_t> first_stray;
  for (std::size_t i = 0; i < el.size(); ++i) {
    if (is_endpoint(el[i]) || visited[i]) continue;
    ++stray;
    if (!first_stray) first_stray = i;
  }
  if (first_stray) {
    const std::string& uid = el[*first_stray].uid;
    warn(el[*first_stray].where,
         stray == 1 ? "the line element \"" + uid +
                          "\" is not on any line from a ROADM or transceiver and is ignored"
                    : fmt::format("{} line elements are not on any line from a ROADM or "
                                  "transceiver and are ignored (the first is \"{}\")",
                                  stray, uid));
  }
  // What lightmesh's own export carries beside the elements (io/gnpy_carried.h).
  LM_RETURN_IF_ERROR(restore_carried_network(doc, fiber_length, out));
  return out;
}

}  // namespace lightmesh::io
