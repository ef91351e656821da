#include "sim/csv_rows.h"

#include <cmath>
#include <cstdlib>

namespace lightmesh::sim {

namespace {

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace

std::vector<CsvRow> split_csv(std::string_view text) {
  std::vector<CsvRow> rows;
  std::size_t line = 0, pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    ++line;
    const std::string whole = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (whole.empty() || whole[0] == '#') continue;
    CsvRow row{line, {}};
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = whole.find(',', start);
      row.fields.push_back(trim(std::string_view(whole).substr(
          start, comma == std::string::npos ? std::string::npos : comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<double> parse_number(const std::string& field) {
  if (field.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(field.c_str(), &end);
  if (end != field.c_str() + field.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace lightmesh::sim
