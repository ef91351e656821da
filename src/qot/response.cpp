#include "qot/response.h"

#include <cmath>

#include "io/json_doc.h"

namespace lightmesh::qot {

namespace {

using OJson = nlohmann::ordered_json;

// GNPy rounds each metric with Python's round(x, 2).
double round2(double x) { return std::round(x * 100) / 100; }

bool blocked_without_path(const std::string& reason) {
  return reason == "NO_PATH" || reason == "NO_PATH_WITH_CONSTRAINT" ||
         reason == "NO_FEASIBLE_BAUDRATE_WITH_SPACING" || reason == "NO_COMPUTED_SNR";
}

OJson metrics(const QotFigures& q, const RequestResult& r) {
  auto metric = [](const char* type, double v) {
    return OJson{{"metric-type", type}, {"accumulative-value", v}};
  };
  return OJson::array({metric("SNR-bandwidth", round2(q.gsnr_bw_db)),
                       metric("SNR-0.1nm", round2(q.gsnr_01nm_db)),
                       metric("OSNR-bandwidth", round2(q.osnr_ase_bw_db)),
                       metric("OSNR-0.1nm", round2(q.osnr_ase_01nm_db)),
                       metric("reference_power", r.reference_power_w),
                       metric("path_bandwidth", r.path_bandwidth_bps)});
}

OJson route_objects(const RequestResult& r, const physics::ElementNetwork& net) {
  OJson list = OJson::array();
  int index = 0;
  const bool labelled = !r.blocking_reason;
  for (physics::ElementIndex e : r.path) {
    const std::string& uid = net.at(e).uid;
    list.push_back(
        {{"path-route-object",
          {{"index", index++}, {"num-unnum-hop", {{"node-id", uid}, {"link-tp-id", uid}}}}}});
    if (labelled) {
      OJson labels = OJson::array();
      for (std::size_t k = 0; k < r.n.size(); ++k) labels.push_back({{"N", r.n[k]}, {"M", r.m[k]}});
      list.push_back({{"path-route-object", {{"index", index++}, {"label-hop", labels}}}});
    }
    if (net.at(e).kind() == physics::ElementKind::kTransceiver) {
      list.push_back({{"path-route-object",
                       {{"index", index++},
                        {"transponder",
                         {{"transponder-type", r.trx_type},
                          {"transponder-mode", r.mode ? OJson(*r.mode) : OJson(nullptr)}}}}}});
    }
  }
  return list;
}

OJson properties(const RequestResult& r, const physics::ElementNetwork& net) {
  OJson p;
  p["path-metric"] = r.qot ? metrics(*r.qot, r) : OJson::array();
  if (r.bidirectional && r.reverse_qot) p["z-a-path-metric"] = metrics(*r.reverse_qot, r);
  p["path-route-objects"] = route_objects(r, net);
  return p;
}

}  // namespace

std::string write_gnpy_response(const RunReport& report, const physics::ElementNetwork& net) {
  OJson list = OJson::array();
  for (const RequestResult& r : report.results) {
    OJson entry;
    entry["response-id"] = r.request_id;
    if (r.blocking_reason) {
      OJson no_path{{"no-path", *r.blocking_reason}};
      if (!blocked_without_path(*r.blocking_reason) && !r.path.empty())
        no_path["path-properties"] = properties(r, net);
      entry["no-path"] = no_path;
    } else {
      entry["path-properties"] = properties(r, net);
    }
    list.push_back(std::move(entry));
  }
  return OJson{{"response", list}}.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n";
}

Result<std::vector<ResponseEntry>> read_gnpy_response(std::string_view text,
                                                      std::string_view file) {
  using io::Json;
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(text, file));
  io::ObjectReader root(doc, doc.root, "");
  LM_RETURN_IF_ERROR(root.expect_object());
  LM_ASSIGN_OR_RETURN(const Json* list, root.list("response"));
  if (!list) return doc.error("", "missing required field \"response\"");
  std::vector<ResponseEntry> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string ptr = "/response/" + std::to_string(i);
    io::ObjectReader r(doc, (*list)[i], ptr);
    LM_RETURN_IF_ERROR(r.expect_object());
    ResponseEntry e;
    LM_ASSIGN_OR_RETURN(e.response_id, r.required_string("response-id"));
    const Json* props = r.get("path-properties");
    if (const Json* np = r.get("no-path")) {
      if (!np->is_object() || !np->contains("no-path") || !(*np)["no-path"].is_string())
        return doc.error(ptr + "/no-path", "expected {\"no-path\": REASON, …}");
      e.no_path = (*np)["no-path"].get<std::string>();
      if (np->contains("path-properties")) props = &(*np)["path-properties"];
    }
    if (props && props->is_object()) {
      if (props->contains("path-metric") && (*props)["path-metric"].is_array()) {
        for (const Json& m : (*props)["path-metric"]) {
          if (!m.is_object() || !m.contains("metric-type") || !m.contains("accumulative-value") ||
              !m["accumulative-value"].is_number())
            continue;
          const std::string t = m["metric-type"].get<std::string>();
          const double v = m["accumulative-value"].get<double>();
          if (t == "SNR-bandwidth") e.snr_bw_db = v;
          if (t == "SNR-0.1nm") e.snr_01nm_db = v;
          if (t == "OSNR-bandwidth") e.osnr_bw_db = v;
          if (t == "OSNR-0.1nm") e.osnr_01nm_db = v;
          if (t == "reference_power") e.reference_power_w = v;
          if (t == "path_bandwidth") e.path_bandwidth_bps = v;
        }
      }
      e.has_reverse_metrics = props->contains("z-a-path-metric");
      if (props->contains("path-route-objects") && (*props)["path-route-objects"].is_array()) {
        bool labels_read = false;
        for (const Json& o : (*props)["path-route-objects"]) {
          if (!o.is_object() || !o.contains("path-route-object")) continue;
          const Json& pro = o["path-route-object"];
          if (pro.contains("num-unnum-hop") && pro["num-unnum-hop"].contains("node-id"))
            e.hops.push_back(pro["num-unnum-hop"]["node-id"].get<std::string>());
          if (pro.contains("transponder") && !e.transponder_type) {
            const Json& t = pro["transponder"];
            if (t.contains("transponder-type") && t["transponder-type"].is_string())
              e.transponder_type = t["transponder-type"].get<std::string>();
            if (t.contains("transponder-mode") && t["transponder-mode"].is_string())
              e.transponder_mode = t["transponder-mode"].get<std::string>();
          }
          if (pro.contains("label-hop") && !labels_read && pro["label-hop"].is_array()) {
            labels_read = true;
            for (const Json& l : pro["label-hop"]) {
              if (l.contains("N") && l["N"].is_number_integer()) e.n.push_back(l["N"].get<int>());
              if (l.contains("M") && l["M"].is_number_integer()) e.m.push_back(l["M"].get<int>());
            }
          }
        }
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace lightmesh::qot
