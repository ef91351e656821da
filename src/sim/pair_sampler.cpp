#include "sim/pair_sampler.h"

#include "io/json_doc.h"
#include "sim/csv_rows.h"

namespace lightmesh::sim {

PairSampler PairSampler::uniform(std::uint32_t sites) {
  PairSampler p;
  p.sites_ = sites;
  return p;
}

Result<PairSampler> PairSampler::weighted(std::uint32_t sites, const std::vector<double>& weights) {
  PairSampler p;
  p.sites_ = sites;
  double total = 0;
  for (std::uint32_t s = 0; s < sites; ++s)
    for (std::uint32_t d = 0; d < sites; ++d) {
      const double w = weights[static_cast<std::size_t>(s) * sites + d];
      if (s == d || !(w > 0)) continue;
      total += w;
      p.cumulative_.push_back(total);
      p.pairs_.push_back(s * sites + d);
    }
  if (p.cumulative_.empty()) return Error::invalid("the traffic matrix has no positive weight");
  return p;
}

Result<std::vector<double>> parse_traffic_csv(std::string_view text, std::string_view file,
                                              const Network& net) {
  const std::string where(file);
  const std::size_t n = net.sites().size();
  std::vector<double> weights(n * n, 0.0);
  bool any = false;
  const auto rows = split_csv(text);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& f = rows[r].fields;
    const std::string line = "line " + std::to_string(rows[r].line);
    if (r == 0 && f.size() >= 3 && !parse_number(f[2])) continue;  // a header
    if (f.size() < 3) return Error::invalid("expected src,dst,weight").at(where, line);
    const SiteIndex s = net.find_site(f[0]);
    const SiteIndex d = net.find_site(f[1]);
    for (const auto& [idx, name] : {std::pair{s, f[0]}, std::pair{d, f[1]}})
      if (idx == kNoIndex)
        return Error::not_found("unknown site \"" + name + "\" (the network has no such site)")
            .at(where, line);
    if (s == d) return Error::invalid("a pair needs two different sites").at(where, line);
    const auto w = parse_number(f[2]);
    if (!w || *w < 0)
      return Error::invalid("\"" + f[2] + "\" is not a non-negative weight").at(where, line);
    weights[static_cast<std::size_t>(s) * n + d] += *w;
    any = any || *w > 0;
  }
  if (!any) return Error::invalid("the traffic matrix has no positive weight").at(where);
  return weights;
}

Result<std::vector<double>> read_traffic_csv(const std::string& path, const Network& net) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return parse_traffic_csv(text, path, net);
}

}  // namespace lightmesh::sim
