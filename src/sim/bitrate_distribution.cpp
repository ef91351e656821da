#include "sim/bitrate_distribution.h"

#include <map>

#include "core/limits.h"
#include "io/json_doc.h"
#include "sim/csv_rows.h"

namespace lightmesh::sim {

Result<BitrateDistribution> parse_bitrate_csv(std::string_view text, std::string_view file) {
  const std::string where(file);
  std::map<double, double> weights;  // ordered by rate, so the classes are too
  const auto rows = split_csv(text);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& f = rows[r].fields;
    const std::string line = "line " + std::to_string(rows[r].line);
    if (r == 0 && !f.empty() && !parse_number(f[0])) continue;  // a header
    if (f.size() < 2) return Error::invalid("expected gbps,weight").at(where, line);
    const auto rate = parse_number(f[0]);
    if (!rate || !limits::kBandwidthGbps.contains(*rate))
      return Error::invalid(rate ? limits::kBandwidthGbps.refusal(*rate)
                                 : "\"" + f[0] + "\" is not a bit rate in Gb/s")
          .at(where, line);
    const auto w = parse_number(f[1]);
    if (!w || *w < 0)
      return Error::invalid("\"" + f[1] + "\" is not a non-negative weight").at(where, line);
    if (!weights.emplace(*rate, *w).second)
      return Error::invalid("the rate " + f[0] + " is listed twice").at(where, line);
  }
  BitrateDistribution d;
  double total = 0;
  for (const auto& [rate, w] : weights) {
    if (!(w > 0)) continue;
    total += w;
    d.rates_gbps.push_back(rate);
    d.cumulative.push_back(total);
  }
  if (d.rates_gbps.empty()) return Error::invalid("no bit rate with a positive weight").at(where);
  return d;
}

Result<BitrateDistribution> read_bitrate_csv(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return parse_bitrate_csv(text, path);
}

}  // namespace lightmesh::sim
