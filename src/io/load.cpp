#include "io/load.h"

#include <set>

#include "core/limits.h"
#include "io/json_doc.h"
#include "io/native_reader.h"

namespace lightmesh::io {

Result<Network> load_network_text(std::string_view text, std::string_view file) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  LM_ASSIGN_OR_RETURN(NetworkSpec spec, network_from_document(doc));
  if (spec.modes.empty()) spec.modes = builtin_modes();
  auto net = build_network(std::move(spec));
  if (net) return net;
  // Validation names JSON pointers; YAML readers also want the line. Its messages quote ids from
  // the input, which may hold any bytes.
  const Error& e = net.error();
  return Error(e.code(), printable(e.message())).at(e.file(), printable(doc.place(e.place())));
}

Result<Network> load_network(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return load_network_text(text, path);
}

Result<std::vector<Demand>> parse_demands(std::string_view text, std::string_view file,
                                          const Network* net) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"demands"}));
  LM_ASSIGN_OR_RETURN(const Json* list, top.list("demands"));
  if (!list) return doc.error("", "missing required field \"demands\"");
  std::vector<Demand> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader r(doc, (*list)[i], "/demands/" + std::to_string(i));
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"id", "from", "to", "bandwidth_gbps", "max_rtt_us", "max_one_way_us",
                               "protection", "mode"}));
    Demand d;
    LM_ASSIGN_OR_RETURN(d.id, r.required_id("id"));
    if (d.id.empty()) return doc.error(r.pointer("id"), "a demand needs a non-empty id");
    if (!ids.insert(d.id).second)
      return doc.error(r.pointer("id"), "duplicate demand id \"" + d.id + "\"");
    LM_ASSIGN_OR_RETURN(d.from, r.required_id("from"));
    LM_ASSIGN_OR_RETURN(d.to, r.required_id("to"));
    LM_ASSIGN_OR_RETURN(auto bw, r.required_bounded("bandwidth_gbps", limits::kBandwidthGbps));
    d.bandwidth = Gbps{bw};
    LM_ASSIGN_OR_RETURN(auto rtt, r.bounded("max_rtt_us", limits::kLatencyBoundUs));
    if (rtt) d.max_rtt = Microseconds{*rtt};
    LM_ASSIGN_OR_RETURN(auto one_way, r.bounded("max_one_way_us", limits::kLatencyBoundUs));
    if (one_way) d.max_one_way = Microseconds{*one_way};
    LM_ASSIGN_OR_RETURN(auto protection, r.string("protection"));
    if (protection) {
      if (*protection == "none")
        d.protection = Protection::kNone;
      else if (*protection == "1+1")
        d.protection = Protection::kOnePlusOne;
      else
        return doc.error(r.pointer("protection"),
                         "unknown protection \"" + *protection + "\" (expected none or 1+1)");
    }
    LM_ASSIGN_OR_RETURN(auto mode, r.id("mode"));
    if (mode) {
      if (net && net->catalogue().find(*mode) == kNoIndex) {
        std::string names;
        for (const auto& m : net->catalogue().modes())
          names += (names.empty() ? "" : ", ") + m.name;
        return doc.error(r.pointer("mode"),
                         "unknown mode \"" + *mode + "\" (expected one of: " + names + ")");
      }
      d.mode = *mode;
    }
    d.where = doc.place(r.pointer());
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<Demand>> load_demands(const std::string& path, const Network* net) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return parse_demands(text, path, net);
}

}  // namespace lightmesh::io
