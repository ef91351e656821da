#include "qot/service.h"

#include <algorithm>
#include <cmath>

#include "core/limits.h"
#include "io/json_doc.h"

namespace lightmesh::qot {

namespace {

using io::Json;
using io::ObjectReader;

// Prefixes an error with the request it belongs to, keeping its file and pointer.
Error in_request(const Error& e, const std::string& id) {
  return Error(e.code(), "request \"" + io::printable(id) + "\": " + e.message())
      .at(e.file(), e.place());
}

// GNPy writes request ids as strings but accepts numbers (it formats them with f'{…}').
Result<std::string> id_text(const ObjectReader& r, const char* key) {
  const Json* v = r.get(key);
  if (!v) return r.doc().error(r.pointer(), std::string("missing required field \"") + key + "\"");
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_integer()) return v->dump();
  return r.doc().error(r.pointer(key), io::describe(*v) + " is not a request id (a string)");
}

// GNPy's services write relaxable as the string "False"/"True"; JSON booleans are accepted too.
Result<bool> relaxable_flag(const ObjectReader& r) {
  const Json* v = r.get("relaxable");
  if (!v) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) {
    std::string s = v->get<std::string>();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return r.doc().error(r.pointer("relaxable"),
                       io::describe(*v) + " is not true or false (expected \"True\" or \"False\")");
}

Result<std::optional<int>> slot_number(const ObjectReader& r, const char* key, bool positive) {
  const Json* v = r.get(key);
  if (!v) return std::optional<int>{};
  if (v->is_number()) {
    const double d = v->get<double>();
    if (std::isfinite(d) && std::floor(d) == d && std::abs(d) < 1e6 && (!positive || d > 0))
      return std::optional<int>{static_cast<int>(d)};
  }
  return r.doc().error(r.pointer(key), io::describe(*v) + " is not a whole number" +
                                           (positive ? " > 0 (M counts 12.5 GHz slots)"
                                                     : " (N: centre 193.1 THz + N × 6.25 GHz)"));
}

Result<std::vector<RouteHop>> read_route(const ObjectReader& req) {
  std::vector<RouteHop> hops;
  const Json* ero = req.get("explicit-route-objects");
  if (!ero) return hops;
  ObjectReader ero_r(req.doc(), *ero, req.pointer("explicit-route-objects"));
  LM_RETURN_IF_ERROR(ero_r.expect_object());
  LM_ASSIGN_OR_RETURN(const Json* list, ero_r.list("route-object-include-exclude"));
  if (!list) return hops;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader hop(req.doc(), (*list)[i],
                     ero_r.pointer("route-object-include-exclude") + "/" + std::to_string(i));
    LM_RETURN_IF_ERROR(hop.expect_object());
    LM_ASSIGN_OR_RETURN(auto usage, hop.string("explicit-route-usage"));
    if (usage && *usage != "route-include-ero") {
      return hop.doc().error(
          hop.pointer("explicit-route-usage"),
          "\"" + io::printable(*usage) + "\" is not supported (only route-include-ero hops)");
    }
    LM_ASSIGN_OR_RETURN(auto index, hop.count("index"));
    const Json* nu = hop.get("num-unnum-hop");
    if (!nu) return hop.doc().error(hop.pointer(), "missing required field \"num-unnum-hop\"");
    ObjectReader nur(req.doc(), *nu, hop.pointer("num-unnum-hop"));
    LM_RETURN_IF_ERROR(nur.expect_object());
    RouteHop h;
    h.index = index.value_or(static_cast<std::uint32_t>(i));
    LM_ASSIGN_OR_RETURN(h.node_id, nur.required_string("node-id"));
    LM_ASSIGN_OR_RETURN(auto type, nur.string("hop-type"));
    if (!type || *type == "STRICT") {
      h.hop_type = HopType::kStrict;
    } else if (*type == "LOOSE") {
      h.hop_type = HopType::kLoose;
    } else {
      return nur.doc().error(nur.pointer("hop-type"), "\"" + io::printable(*type) +
                                                          "\" is not a hop type (LOOSE or STRICT)");
    }
    hops.push_back(std::move(h));
  }
  // GNPy sorts the hops by index before using them.
  std::stable_sort(hops.begin(), hops.end(),
                   [](const RouteHop& a, const RouteHop& b) { return a.index < b.index; });
  return hops;
}

Status read_bandwidth(const ObjectReader& req, ServiceRequest& out) {
  const Json* pc = req.get("path-constraints");
  if (!pc) return req.doc().error(req.pointer(), "missing required field \"path-constraints\"");
  ObjectReader pcr(req.doc(), *pc, req.pointer("path-constraints"));
  LM_RETURN_IF_ERROR(pcr.expect_object());
  const Json* tb = pcr.get("te-bandwidth");
  if (!tb) return pcr.doc().error(pcr.pointer(), "missing required field \"te-bandwidth\"");
  ObjectReader t(req.doc(), *tb, pcr.pointer("te-bandwidth"));
  LM_RETURN_IF_ERROR(t.expect_object());
  LM_ASSIGN_OR_RETURN(auto tech, t.string("technology"));
  if (tech) out.technology = *tech;
  LM_ASSIGN_OR_RETURN(out.trx_type, t.required_string("trx_type"));
  LM_ASSIGN_OR_RETURN(out.trx_mode, t.string("trx_mode"));
  // Ranges: core/limits.h (docs/formats.md lists them).
  LM_ASSIGN_OR_RETURN(out.spacing_hz, t.required_bounded("spacing", limits::kSpacingHz));
  LM_ASSIGN_OR_RETURN(out.max_nb_of_channel,
                      t.bounded_count("max-nb-of-channel", limits::kChannelCount));
  LM_ASSIGN_OR_RETURN(out.output_power_w, t.bounded("output-power", limits::kPowerW));
  LM_ASSIGN_OR_RETURN(out.path_bandwidth_bps, t.bounded("path_bandwidth", limits::kBandwidthBps));
  LM_ASSIGN_OR_RETURN(out.tx_power_w, t.bounded("tx_power", limits::kPowerW));
  LM_ASSIGN_OR_RETURN(const Json* slots, t.list("effective-freq-slot"));
  if (!slots) {
    out.effective_freq_slot = {FreqSlot{}};
  } else {
    for (std::size_t i = 0; i < slots->size(); ++i) {
      ObjectReader s(req.doc(), (*slots)[i],
                     t.pointer("effective-freq-slot") + "/" + std::to_string(i));
      LM_RETURN_IF_ERROR(s.expect_object());
      FreqSlot fs;
      LM_ASSIGN_OR_RETURN(fs.n, slot_number(s, "N", false));
      LM_ASSIGN_OR_RETURN(fs.m, slot_number(s, "M", true));
      out.effective_freq_slot.push_back(fs);
    }
    if (out.effective_freq_slot.empty()) out.effective_freq_slot = {FreqSlot{}};
  }
  return {};
}

Result<ServiceRequest> read_request(const io::Document& doc, const Json& j, std::string pointer) {
  ObjectReader r(doc, j, std::move(pointer));
  LM_RETURN_IF_ERROR(r.expect_object());
  ServiceRequest out;
  LM_ASSIGN_OR_RETURN(out.request_id, id_text(r, "request-id"));
  auto fill = [&]() -> Status {
    LM_ASSIGN_OR_RETURN(out.source, r.required_string("source"));
    LM_ASSIGN_OR_RETURN(out.destination, r.required_string("destination"));
    LM_ASSIGN_OR_RETURN(auto src_tp, r.string("src-tp-id"));
    LM_ASSIGN_OR_RETURN(auto dst_tp, r.string("dst-tp-id"));
    out.src_tp_id = src_tp.value_or(out.source);
    out.dst_tp_id = dst_tp.value_or(out.destination);
    LM_ASSIGN_OR_RETURN(auto bidir, r.boolean("bidirectional"));
    out.bidirectional = bidir.value_or(false);
    LM_RETURN_IF_ERROR(read_bandwidth(r, out));
    LM_ASSIGN_OR_RETURN(out.route, read_route(r));
    return {};
  };
  Status s = fill();
  if (!s) return in_request(s.error(), out.request_id);
  return out;
}

Result<Synchronization> read_sync(const io::Document& doc, const Json& j, std::string pointer) {
  ObjectReader r(doc, j, std::move(pointer));
  LM_RETURN_IF_ERROR(r.expect_object());
  Synchronization out;
  LM_ASSIGN_OR_RETURN(out.id, id_text(r, "synchronization-id"));
  const Json* svec = r.get("svec");
  if (!svec) return r.doc().error(r.pointer(), "missing required field \"svec\"");
  ObjectReader s(doc, *svec, r.pointer("svec"));
  LM_RETURN_IF_ERROR(s.expect_object());
  LM_ASSIGN_OR_RETURN(out.relaxable, relaxable_flag(s));
  LM_ASSIGN_OR_RETURN(auto dis, s.string("disjointness"));
  if (dis) out.disjointness = *dis;
  LM_ASSIGN_OR_RETURN(const Json* ids, s.list("request-id-number"));
  if (!ids) return s.doc().error(s.pointer(), "missing required field \"request-id-number\"");
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const Json& v = (*ids)[i];
    if (v.is_string()) {
      out.request_ids.push_back(v.get<std::string>());
    } else if (v.is_number_integer()) {
      out.request_ids.push_back(v.dump());
    } else {
      return s.doc().error(s.pointer("request-id-number") + "/" + std::to_string(i),
                           io::describe(v) + " is not a request id");
    }
  }
  return out;
}

using OJson = nlohmann::ordered_json;  // writers keep GNPy's member order

OJson number_or_null(const std::optional<double>& v) { return v ? OJson(*v) : OJson(nullptr); }

}  // namespace

Result<ServiceDocument> read_gnpy_services(std::string_view text, std::string_view file) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(text, file));
  ObjectReader root(doc, doc.root, "");
  LM_RETURN_IF_ERROR(root.expect_object());
  LM_ASSIGN_OR_RETURN(const Json* reqs, root.list("path-request"));
  if (!reqs) return doc.error("", "missing required field \"path-request\" (GNPy's service file)");
  ServiceDocument out;
  for (std::size_t i = 0; i < reqs->size(); ++i) {
    LM_ASSIGN_OR_RETURN(ServiceRequest r,
                        read_request(doc, (*reqs)[i], "/path-request/" + std::to_string(i)));
    out.requests.push_back(std::move(r));
  }
  LM_ASSIGN_OR_RETURN(const Json* syncs, root.list("synchronization"));
  if (syncs) {
    for (std::size_t i = 0; i < syncs->size(); ++i) {
      LM_ASSIGN_OR_RETURN(Synchronization s,
                          read_sync(doc, (*syncs)[i], "/synchronization/" + std::to_string(i)));
      out.synchronizations.push_back(std::move(s));
    }
  }
  return out;
}

Result<ServiceDocument> read_gnpy_services_file(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return read_gnpy_services(text, path);
}

std::string write_gnpy_services(const ServiceDocument& doc) {
  OJson reqs = OJson::array();
  for (const ServiceRequest& r : doc.requests) {
    OJson slots = OJson::array();
    for (const FreqSlot& s : r.effective_freq_slot) {
      slots.push_back(
          {{"N", s.n ? OJson(*s.n) : OJson(nullptr)}, {"M", s.m ? OJson(*s.m) : OJson(nullptr)}});
    }
    OJson tb = {
        {"technology", r.technology},
        {"trx_type", r.trx_type},
        {"trx_mode", r.trx_mode ? OJson(*r.trx_mode) : OJson(nullptr)},
        {"effective-freq-slot", slots},
        {"spacing", r.spacing_hz},
        {"max-nb-of-channel", r.max_nb_of_channel ? OJson(*r.max_nb_of_channel) : OJson(nullptr)},
        {"output-power", number_or_null(r.output_power_w)},
        {"path_bandwidth", number_or_null(r.path_bandwidth_bps)}};
    if (r.tx_power_w) tb["tx_power"] = *r.tx_power_w;
    OJson j = {{"request-id", r.request_id},   {"source", r.source},
               {"destination", r.destination}, {"src-tp-id", r.src_tp_id},
               {"dst-tp-id", r.dst_tp_id},     {"bidirectional", r.bidirectional}};
    // Moved, not copied from an initializer list: a plan's thousand requests are megabytes.
    j["path-constraints"]["te-bandwidth"] = std::move(tb);
    if (!r.route.empty()) {
      OJson hops = OJson::array();
      for (const RouteHop& h : r.route) {
        hops.push_back({{"explicit-route-usage", "route-include-ero"},
                        {"index", h.index},
                        {"num-unnum-hop",
                         {{"node-id", h.node_id},
                          {"link-tp-id", "link-tp-id is not used"},
                          {"hop-type", h.hop_type == HopType::kLoose ? "LOOSE" : "STRICT"}}}});
      }
      j["explicit-route-objects"]["route-object-include-exclude"] = std::move(hops);
    }
    reqs.push_back(std::move(j));
  }
  OJson root = {{"path-request", reqs}};
  if (!doc.synchronizations.empty()) {
    OJson syncs = OJson::array();
    for (const Synchronization& s : doc.synchronizations) {
      syncs.push_back({{"synchronization-id", s.id},
                       {"svec",
                        {{"relaxable", s.relaxable ? "True" : "False"},
                         {"disjointness", s.disjointness},
                         {"request-id-number", s.request_ids}}}});
    }
    root["synchronization"] = syncs;
  }
  return root.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n";
}

}  // namespace lightmesh::qot
