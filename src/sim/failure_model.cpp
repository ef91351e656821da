#include "sim/failure_model.h"

#include <algorithm>
#include <optional>

#include "core/limits.h"
#include "io/json_doc.h"
#include "sim/csv_rows.h"

namespace lightmesh::sim {

Result<FailureRates> parse_failure_rates(std::string_view text) {
  const std::string s(text);
  const std::size_t comma = s.find(',');
  std::optional<double> mtbf, mttr;
  if (comma != std::string::npos && s.find(',', comma + 1) == std::string::npos) {
    mtbf = parse_number(s.substr(0, comma));
    mttr = parse_number(s.substr(comma + 1));
  }
  if (!mtbf || !mttr)
    return Error::invalid("--failures: \"" + s +
                          "\" is not MTBF,MTTR (expected two numbers in hours: the MTBF per 1,000 "
                          "km of fibre, " +
                          limits::kMtbfHours.describe() + ", and the MTTR, " +
                          limits::kMttrHours.describe() + ")");
  if (!limits::kMtbfHours.contains(*mtbf))
    return Error::invalid("--failures: the MTBF per 1,000 km of fibre " +
                          limits::kMtbfHours.refusal(*mtbf));
  if (!limits::kMttrHours.contains(*mttr))
    return Error::invalid("--failures: the MTTR " + limits::kMttrHours.refusal(*mttr));
  return FailureRates{*mtbf, *mttr};
}

Result<std::vector<ScriptedCut>> parse_failures_csv(std::string_view text, std::string_view file,
                                                    const Network& net) {
  const std::string where(file);
  std::vector<ScriptedCut> cuts;
  const auto rows = split_csv(text);
  std::vector<std::size_t> lines;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& f = rows[r].fields;
    const std::string line = "line " + std::to_string(rows[r].line);
    if (r == 0 && !f.empty() && !parse_number(f[0])) continue;  // a header
    if (f.size() != 3) return Error::invalid("expected time_h,fiber,duration_h").at(where, line);
    const auto at = parse_number(f[0]);
    if (!at || !(*at >= 0) || !(*at <= limits::kMttrHours.max))
      return Error::invalid("\"" + f[0] + "\" is not a time in hours ≥ 0").at(where, line);
    const FiberIndex fiber = net.find_fiber(f[1]);
    if (fiber == kNoIndex) return Error::invalid("no fibre \"" + f[1] + "\"").at(where, line);
    const auto duration = parse_number(f[2]);
    if (!duration || !limits::kMttrHours.contains(*duration))
      return Error::invalid("\"" + f[2] + "\" is not a duration in hours (expected " +
                            limits::kMttrHours.describe() + ")")
          .at(where, line);
    cuts.push_back({*at, static_cast<std::uint32_t>(fiber), *duration});
    lines.push_back(rows[r].line);
  }
  // By start time, file order among equal times; a fibre is cut again only once repaired.
  std::vector<std::size_t> order(cuts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return cuts[a].at_hours < cuts[b].at_hours;
  });
  std::vector<double> repaired_at(net.fibers().size(), -1);
  std::vector<ScriptedCut> sorted;
  for (std::size_t i : order) {
    const ScriptedCut& c = cuts[i];
    if (c.at_hours < repaired_at[c.fiber])
      return Error::invalid("fibre \"" + net.fiber(c.fiber).id +
                            "\" is cut again before its previous cut is repaired")
          .at(where, "line " + std::to_string(lines[i]));
    repaired_at[c.fiber] = c.at_hours + c.duration_hours;
    sorted.push_back(c);
  }
  return sorted;
}

Result<std::vector<ScriptedCut>> read_failures_csv(const std::string& path, const Network& net) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return parse_failures_csv(text, path, net);
}

}  // namespace lightmesh::sim
