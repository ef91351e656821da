#include "qot/plan_requests.h"

#include <fmt/format.h>

#include <cmath>

#include "io/gnpy_export.h"
#include "io/json_doc.h"

namespace lightmesh::qot {

namespace {

using io::Json;
using io::ObjectReader;

Result<std::vector<std::string>> names(const ObjectReader& r, const char* key) {
  LM_ASSIGN_OR_RETURN(const Json* list, r.list(key));
  if (!list)
    return r.doc().error(r.pointer(), std::string("missing required field \"") + key + "\"");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string()) {
      return r.doc().error(r.pointer(key) + "/" + std::to_string(i),
                           io::describe((*list)[i]) + " is not an id (a string)");
    }
    out.push_back((*list)[i].get<std::string>());
  }
  return out;
}

Result<int> whole(const ObjectReader& r, const char* key, const char* expected) {
  LM_ASSIGN_OR_RETURN(double v, r.required_number(key, expected));
  if (std::floor(v) != v || std::abs(v) > 1e6)
    return r.doc().error(r.pointer(key), fmt::format("{:g} is not {}", v, expected));
  return static_cast<int>(v);
}

// The request for lightpath i, or nullopt (with a warning) when its mode has no GNPy equivalent.
Result<std::optional<ServiceRequest>> request_of(const ObjectReader& lp, std::size_t i,
                                                 const Network& net,
                                                 const physics::LineModel& model,
                                                 std::vector<std::string>& warnings) {
  const io::Document& doc = lp.doc();
  LM_RETURN_IF_ERROR(lp.expect_object());
  LM_ASSIGN_OR_RETURN(std::vector<std::string> route, names(lp, "route"));
  LM_ASSIGN_OR_RETURN(std::vector<std::string> fiber_ids, names(lp, "fibers"));
  LM_ASSIGN_OR_RETURN(std::string mode_name, lp.required_string("mode"));
  if (route.size() < 2 || fiber_ids.size() + 1 != route.size()) {
    return doc.error(lp.pointer("fibers"),
                     fmt::format("{} fibres for a route of {} nodes (expected one fibre fewer "
                                 "than nodes, and at least two nodes)",
                                 fiber_ids.size(), route.size()));
  }
  std::vector<NodeIndex> nodes;
  for (std::size_t h = 0; h < route.size(); ++h) {
    const NodeIndex n = net.find_node(route[h]);
    if (n == kNoIndex) {
      return doc.error(lp.pointer("route") + "/" + std::to_string(h),
                       "\"" + io::printable(route[h]) + "\" is not a node of the network");
    }
    nodes.push_back(n);
  }
  for (std::size_t end : {std::size_t{0}, route.size() - 1}) {
    if (net.node(nodes[end]).site == kNoIndex) {
      return doc.error(lp.pointer("route") + "/" + std::to_string(end),
                       "\"" + io::printable(route[end]) +
                           "\" is not a site (a lightpath ends where transceivers are)");
    }
  }
  const ModeIndex m = net.catalogue().find(mode_name);
  if (m == kNoIndex) {
    return doc.error(lp.pointer("mode"), "\"" + io::printable(mode_name) +
                                             "\" is not a mode of the network's catalogue");
  }
  const TransceiverMode& mode = net.catalogue().mode(m);
  if (!model.judged_by_gsnr(m)) {
    warnings.push_back(fmt::format(
        "{}: {}: the mode \"{}\" states no required OSNR (it is judged by reach), so GNPy has no "
        "equivalent; no request \"{}\" is written",
        doc.file, doc.place(lp.pointer()), io::printable(mode_name), i));
    return std::optional<ServiceRequest>{};
  }
  LM_ASSIGN_OR_RETURN(int n, whole(lp, "n", "a whole number (centre 193.1 THz + n × 6.25 GHz)"));
  LM_ASSIGN_OR_RETURN(int m_slots, whole(lp, "m", "a whole number > 0 (width m × 12.5 GHz)"));
  if (m_slots <= 0) {
    return doc.error(lp.pointer("m"),
                     fmt::format("{} is not a whole number > 0 (width m × 12.5 GHz)", m_slots));
  }

  ServiceRequest r;
  r.request_id = std::to_string(i);
  r.source = io::gnpy_export_transceiver_uid(net.node(nodes.front()));
  r.destination = io::gnpy_export_transceiver_uid(net.node(nodes.back()));
  r.src_tp_id = r.source;
  r.dst_tp_id = r.destination;
  r.trx_type = mode.transceiver;
  r.trx_mode = mode.name;
  r.effective_freq_slot = {FreqSlot{n, m_slots}};
  r.spacing_hz = mode.channel_width.value() * 1e9;
  r.output_power_w = std::pow(10.0, model.load_of(m).power_dbm / 10) * 1e-3;
  r.path_bandwidth_bps = mode.bit_rate.value() * 1e9;
  std::uint32_t index = 0;
  auto hop = [&](std::string uid) {
    r.route.push_back(RouteHop{index++, std::move(uid), HopType::kStrict});
  };
  for (std::size_t h = 0; h + 1 < nodes.size(); ++h) {
    const FiberIndex f = net.find_fiber(fiber_ids[h]);
    const std::string at = lp.pointer("fibers") + "/" + std::to_string(h);
    if (f == kNoIndex) {
      return doc.error(at, "\"" + io::printable(fiber_ids[h]) + "\" is not a fibre of the network");
    }
    const lightmesh::Fiber& fiber = net.fiber(f);
    if (!((fiber.a == nodes[h] && fiber.b == nodes[h + 1]) ||
          (fiber.b == nodes[h] && fiber.a == nodes[h + 1]))) {
      return doc.error(at, fmt::format("the fibre \"{}\" does not join \"{}\" and \"{}\"",
                                       io::printable(fiber.id), io::printable(route[h]),
                                       io::printable(route[h + 1])));
    }
    // The ROADM names the node; the span pins the fibre and its direction (GNPy's explicit route
    // follows the OMS it belongs to, so parallel fibres stay apart).
    hop(net.node(nodes[h]).id);
    hop(io::gnpy_export_span_uid(net, f, nodes[h]));
  }
  hop(net.node(nodes.back()).id);
  return std::optional<ServiceRequest>{std::move(r)};
}

}  // namespace

Result<PlanRequests> plan_requests(std::string_view plan_text, std::string_view file,
                                   const Network& net, const physics::LineModel& model) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(plan_text, file));
  ObjectReader root(doc, doc.root, "");
  LM_RETURN_IF_ERROR(root.expect_object());
  LM_ASSIGN_OR_RETURN(const Json* lightpaths, root.list("lightpaths"));
  if (!lightpaths) {
    return doc.error("",
                     "missing required field \"lightpaths\" (the JSON of lightmesh plan "
                     "--format json)");
  }
  PlanRequests out;
  for (std::size_t i = 0; i < lightpaths->size(); ++i) {
    ObjectReader lp(doc, (*lightpaths)[i], "/lightpaths/" + std::to_string(i));
    LM_ASSIGN_OR_RETURN(std::optional<ServiceRequest> r,
                        request_of(lp, i, net, model, out.warnings));
    if (r) out.services.requests.push_back(std::move(*r));
  }
  if (const Json* summary = root.get("summary"); summary && summary->is_object()) {
    ObjectReader s(doc, *summary, "/summary");
    LM_ASSIGN_OR_RETURN(out.osnr_margin_db, s.number("osnr_margin_db", "dB"));
  }
  return out;
}

Result<PlanRequests> plan_requests_file(const std::string& path, const Network& net,
                                        const physics::LineModel& model) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return plan_requests(text, path, net, model);
}

}  // namespace lightmesh::qot
