// A plain-text table with aligned columns, for `--format table` output.
//
//   Table t({"site", "RTT µs"}, {false, true});
//   t.add({"LD4", "380.2"});
//   out << t.render();
//
// Thread-compatible value type.
#pragma once

#include <string>
#include <vector>

namespace lightmesh::cli {

class Table {
 public:
  // right_align[i] says whether column i holds numbers.
  Table(std::vector<std::string> headers, std::vector<bool> right_align);
  void add(std::vector<std::string> row);
  bool empty() const { return rows_.empty(); }
  // Header, a rule, then the rows; columns separated by two spaces; no trailing spaces.
  std::string render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text (code points; every character here is one column wide).
std::size_t display_width(const std::string& s);

}  // namespace lightmesh::cli
