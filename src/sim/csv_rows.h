// A minimal CSV splitter for the simulator's small input tables (modulations, traffic weights):
// comma-separated fields, no quoting, blank lines and lines starting with '#' skipped.
//
//   for (const CsvRow& row : split_csv(text)) use(row.line, row.fields);
//   std::optional<double> v = parse_number(row.fields[2]);
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lightmesh::sim {

struct CsvRow {
  std::size_t line = 0;             // 1-based line number in the text
  std::vector<std::string> fields;  // trimmed
};

std::vector<CsvRow> split_csv(std::string_view text);

// The whole field as a finite decimal number; nullopt otherwise.
std::optional<double> parse_number(const std::string& field);

}  // namespace lightmesh::sim
