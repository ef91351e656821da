// GNPy topology JSON: `elements` (Transceiver, Roadm, Fiber, RamanFiber, Edfa, Multiband_amplifier,
// Fused) joined by directed `connections`. The chain of line elements between two endpoints (ROADMs
// or transceivers) becomes one duplex fibre with a span per Fiber element; the two directions pair
// up.
#include <fmt/format.h>

#include <map>
#include <set>

#include "io/import.h"
#include "io/json_doc.h"

namespace lightmesh::io {

namespace {

enum class Kind { kTransceiver, kRoadm, kFiber, kAmplifier, kFused };

struct Element {
  std::string uid;
  Kind kind;
  std::string where;
  std::optional<LatLon> position;
  std::optional<std::string> city;
  double length_km = 0;           // Fiber
  std::optional<double> loss_db;  // Fiber: loss_coef × length (+ connectors when given)
  std::vector<std::size_t> next;  // connections out
  std::vector<std::size_t> prev;  // connections in
};

Result<std::optional<Kind>> kind_of(const Document& doc, const std::string& type,
                                    const std::string& ptr) {
  if (type == "Transceiver") return std::optional<Kind>{Kind::kTransceiver};
  if (type == "Roadm") return std::optional<Kind>{Kind::kRoadm};
  if (type == "Fiber" || type == "RamanFiber") return std::optional<Kind>{Kind::kFiber};
  if (type == "Edfa" || type == "Multiband_amplifier") return std::optional<Kind>{Kind::kAmplifier};
  if (type == "Fused") return std::optional<Kind>{Kind::kFused};
  return doc.error(ptr, "unknown element type \"" + type +
                            "\" (expected Transceiver, Roadm, Fiber, RamanFiber, Edfa, "
                            "Multiband_amplifier or Fused)");
}

Result<Element> read_element(const Document& doc, const Json& j, const std::string& ptr) {
  ObjectReader r(doc, j, ptr);
  LM_RETURN_IF_ERROR(r.expect_object());
  Element e;
  e.where = ptr;
  LM_ASSIGN_OR_RETURN(e.uid, r.required_string("uid"));
  LM_ASSIGN_OR_RETURN(std::string type, r.required_string("type"));
  LM_ASSIGN_OR_RETURN(auto kind, kind_of(doc, type, r.pointer("type")));
  e.kind = *kind;
  if (const Json* meta = r.get("metadata");
      meta && meta->is_object() && meta->contains("location")) {
    ObjectReader loc(doc, (*meta)["location"], ptr + "/metadata/location");
    if (loc.expect_object()) {
      LM_ASSIGN_OR_RETURN(auto lat, loc.number("latitude"));
      LM_ASSIGN_OR_RETURN(auto lon, loc.number("longitude"));
      if (lat && lon) e.position = LatLon{*lat, *lon};
      LM_ASSIGN_OR_RETURN(e.city, loc.string("city"));
    }
  }
  if (e.kind == Kind::kFiber) {
    const Json* params = r.get("params");
    if (!params) return doc.error(ptr, "a Fiber needs \"params\" with its length");
    ObjectReader p(doc, *params, ptr + "/params");
    LM_RETURN_IF_ERROR(p.expect_object());
    LM_ASSIGN_OR_RETURN(auto length, p.positive("length", "length", true));
    if (!length) return doc.error(p.pointer(), "missing required field \"length\"");
    LM_ASSIGN_OR_RETURN(auto units, p.string("length_units"));
    const std::string u = units.value_or("km");
    if (u == "km")
      e.length_km = *length;
    else if (u == "m")
      e.length_km = *length / 1000.0;
    else
      return doc.error(p.pointer("length_units"),
                       "unknown length unit \"" + u + "\" (expected km or m)");
    LM_ASSIGN_OR_RETURN(auto coef, p.positive("loss_coef", "loss in dB/km", true));
    LM_ASSIGN_OR_RETURN(auto con_in, p.positive("con_in", "loss in dB", true));
    LM_ASSIGN_OR_RETURN(auto con_out, p.positive("con_out", "loss in dB", true));
    if (coef) e.loss_db = *coef * e.length_km + con_in.value_or(0) + con_out.value_or(0);
  }
  return e;
}

bool is_endpoint(const Element& e) {
  return e.kind == Kind::kTransceiver || e.kind == Kind::kRoadm;
}

// One direction of a line: the elements between two endpoints.
struct Chain {
  std::size_t from, to;
  std::vector<std::size_t> fibers;
  std::uint32_t inline_amplifiers = 0;
  double length_km = 0;
};

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
  std::vector<Element> el;
  std::map<std::string, std::size_t> by_uid;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    LM_ASSIGN_OR_RETURN(Element e,
                        read_element(doc, (*elements)[i], "/elements/" + std::to_string(i)));
    if (!by_uid.emplace(e.uid, i).second)
      return doc.error(e.where + "/uid", "duplicate uid \"" + e.uid + "\"");
    el.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < connections->size(); ++i) {
    const std::string ptr = "/connections/" + std::to_string(i);
    ObjectReader c(doc, (*connections)[i], ptr);
    LM_RETURN_IF_ERROR(c.expect_object());
    LM_ASSIGN_OR_RETURN(std::string from, c.required_string("from_node"));
    LM_ASSIGN_OR_RETURN(std::string to, c.required_string("to_node"));
    auto f = by_uid.find(from);
    if (f == by_uid.end())
      return doc.error(c.pointer("from_node"), "unknown element \"" + from + "\"");
    auto t = by_uid.find(to);
    if (t == by_uid.end()) return doc.error(c.pointer("to_node"), "unknown element \"" + to + "\"");
    el[f->second].next.push_back(t->second);
    el[t->second].prev.push_back(f->second);
  }

  // Endpoints: a Roadm is a node; a Transceiver joined directly to a Roadm makes that Roadm a site
  // under the transceiver's uid (path requests name transceivers); a lone Transceiver is a site.
  std::vector<std::string> endpoint_id(el.size());
  std::vector<bool> roadm_is_site(el.size(), false);
  for (std::size_t i = 0; i < el.size(); ++i) {
    if (el[i].kind != Kind::kTransceiver) continue;
    std::set<std::size_t> roadms;
    for (auto n : el[i].next)
      if (el[n].kind == Kind::kRoadm) roadms.insert(n);
    for (auto p : el[i].prev)
      if (el[p].kind == Kind::kRoadm) roadms.insert(p);
    if (roadms.empty()) {
      endpoint_id[i] = el[i].uid;
      SiteSpec s;
      s.id = el[i].uid;
      s.name = el[i].city.value_or("");
      s.position = el[i].position;
      s.where = el[i].where;
      out.spec.sites.push_back(std::move(s));
      continue;
    }
    const std::size_t r = *roadms.begin();
    endpoint_id[i] = el[i].uid;
    if (roadm_is_site[r]) {
      out.warnings.push_back(fmt::format(
          "{}: {}: \"{}\" is a second transceiver on \"{}\"; the site keeps the id \"{}\"",
          doc.file, el[i].where, el[i].uid, el[r].uid, endpoint_id[r]));
      endpoint_id[i] = endpoint_id[r];
      continue;
    }
    roadm_is_site[r] = true;
    endpoint_id[r] = el[i].uid;
    SiteSpec s;
    s.id = el[i].uid;
    s.name = el[r].uid;
    s.position = el[r].position ? el[r].position : el[i].position;
    s.where = el[i].where;
    out.spec.sites.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < el.size(); ++i) {
    if (el[i].kind != Kind::kRoadm || roadm_is_site[i]) continue;
    endpoint_id[i] = el[i].uid;
    NodeSpec n;
    n.id = el[i].uid;
    n.position = el[i].position;
    n.where = el[i].where;
    out.spec.nodes.push_back(std::move(n));
  }

  // Walk every line from each endpoint to the next endpoint.
  std::vector<Chain> chains;
  for (std::size_t i = 0; i < el.size(); ++i) {
    if (!is_endpoint(el[i])) continue;
    for (std::size_t first : el[i].next) {
      if (is_endpoint(el[first])) continue;  // trx–roadm patch, no fibre
      Chain c;
      c.from = i;
      std::size_t cur = first;
      bool after_fiber = false;
      std::uint32_t pending_amps = 0;
      for (std::size_t steps = 0;; ++steps) {
        if (steps > el.size())
          return doc.error(el[first].where, "the line starting here loops back on itself");
        const Element& e = el[cur];
        if (e.kind == Kind::kFiber) {
          if (after_fiber) c.inline_amplifiers += pending_amps;
          pending_amps = 0;
          after_fiber = true;
          c.fibers.push_back(cur);
          c.length_km += e.length_km;
        } else if (e.kind == Kind::kAmplifier) {
          ++pending_amps;
        }
        if (e.next.empty())
          return doc.error(e.where, "the line ends at \"" + e.uid +
                                        "\" without reaching a ROADM or transceiver");
        if (e.next.size() > 1)
          return doc.error(e.where, "\"" + e.uid + "\" connects to more than one element");
        cur = e.next[0];
        if (is_endpoint(el[cur])) break;
      }
      c.to = cur;
      chains.push_back(std::move(c));
    }
  }
  std::vector<bool> used(chains.size(), false);
  std::map<std::string, int> ids;
  for (std::size_t k = 0; k < chains.size(); ++k) {
    if (used[k]) continue;
    used[k] = true;
    const Chain& c = chains[k];
    const std::string& a = endpoint_id[c.from];
    const std::string& b = endpoint_id[c.to];
    if (a == b) {
      out.warnings.push_back(fmt::format("{}: {}: a line from \"{}\" back to itself is skipped",
                                         doc.file, el[c.from].where, a));
      continue;
    }
    // The reverse direction: the first unused chain between the same endpoints the other way round.
    std::optional<std::size_t> reverse;
    for (std::size_t m = k + 1; m < chains.size() && !reverse; ++m) {
      if (!used[m] && endpoint_id[chains[m].from] == b && endpoint_id[chains[m].to] == a)
        reverse = m;
    }
    if (reverse) {
      used[*reverse] = true;
      if (std::abs(chains[*reverse].length_km - c.length_km) > 1e-6) {
        out.warnings.push_back(
            fmt::format("{}: the line {} → {} is {:g} km but {} → {} is {:g} km; the first is used",
                        doc.file, a, b, c.length_km, b, a, chains[*reverse].length_km));
      }
    } else {
      out.warnings.push_back(fmt::format(
          "{}: the line {} → {} has no reverse direction; it is imported as a duplex fibre",
          doc.file, a, b));
    }
    FiberSpec f;
    f.id = c.fibers.empty() ? a + "-" + b : el[c.fibers.front()].uid;
    if (ids[f.id]++) f.id += "#" + std::to_string(ids[f.id]);
    f.a = a;
    f.b = b;
    f.where = c.fibers.empty() ? el[c.from].where : el[c.fibers.front()].where;
    if (c.fibers.empty()) {
      out.warnings.push_back(fmt::format(
          "{}: the line {} → {} has no Fiber element; its length is 0", doc.file, a, b));
      f.length = Km{0};
    }
    for (auto fi : c.fibers) {
      if (el[fi].length_km <= 0) {
        return doc.error(el[fi].where + "/params/length", "0 is not a positive length");
      }
      SpanSpec s;
      s.length = Km{el[fi].length_km};
      if (el[fi].loss_db) s.loss = Decibel{*el[fi].loss_db};
      f.spans.push_back(s);
    }
    f.amplifiers = c.inline_amplifiers;
    out.spec.fibers.push_back(std::move(f));
  }
  if (out.spec.sites.empty())
    return doc.error("/elements", "no Transceiver elements, so no sites (expected at least one)");
  return out;
}

}  // namespace lightmesh::io
