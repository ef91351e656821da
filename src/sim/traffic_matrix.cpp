#include "sim/traffic_matrix.h"

#include <cmath>

#include "io/json_doc.h"
#include "sim/pair_sampler.h"

namespace lightmesh::sim {

Result<std::vector<double>> parse_topohub_demands(std::string_view text, std::string_view file,
                                                  const SimNetwork& net) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(text, file));
  const io::Json* demands = doc.root.is_object() && doc.root.contains("graph") &&
                                    doc.root["graph"].is_object() &&
                                    doc.root["graph"].contains("demands")
                                ? &doc.root["graph"]["demands"]
                                : nullptr;
  if (!demands || !demands->is_object())
    return doc.error("/graph/demands", "expected a traffic matrix {\"SRC\": {\"DST\": weight}}");
  const std::size_t n = net.network.sites().size();
  std::vector<double> weights(n * n, 0.0);
  bool any = false;
  for (const auto& [src, row] : demands->items()) {
    const std::string row_ptr = "/graph/demands/" + io::escape_pointer_token(src);
    const SiteIndex s = net.find(src);
    if (s == kNoIndex)
      return doc.error(row_ptr, "node \"" + src + "\" is not a site of the network");
    if (!row.is_object()) return doc.error(row_ptr, "expected {\"DST\": weight, …}");
    for (const auto& [dst, w] : row.items()) {
      const std::string ptr = row_ptr + "/" + io::escape_pointer_token(dst);
      const SiteIndex d = net.find(dst);
      if (d == kNoIndex) return doc.error(ptr, "node \"" + dst + "\" is not a site of the network");
      if (!w.is_number() || !std::isfinite(w.get<double>()) || w.get<double>() < 0)
        return doc.error(ptr, io::describe(w) + " is not a finite non-negative weight");
      if (s == d) continue;
      weights[static_cast<std::size_t>(s) * n + d] += w.get<double>();
      any = any || w.get<double>() > 0;
    }
  }
  if (!any) return doc.error("/graph/demands", "the traffic matrix has no positive weight");
  return weights;
}

Result<std::vector<double>> read_traffic(const std::string& path, const SimNetwork& net) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{')
    return parse_topohub_demands(text, path, net);
  return parse_traffic_csv(text, path, net.network);
}

}  // namespace lightmesh::sim
