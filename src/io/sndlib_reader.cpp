// SNDlib native format: NODES ( id ( lon lat ) … ) and LINKS ( id ( a b ) … ). Lengths come from
// the coordinates (great circle × route factor); DEMANDS and other sections are skipped.
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <sstream>

#include "io/import.h"

namespace lightmesh::io {

namespace {

struct Token {
  std::string text;
  int line;
};

// Splits into words and parentheses, dropping '#' comments and the "?SNDlib" header line.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  int line = 1;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back({cur, line});
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#' || (c == '?' && cur.empty())) {
      flush();
      while (i < text.size() && text[i] != '\n') ++i;
      --i;
      continue;
    }
    if (c == '\n') {
      flush();
      ++line;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      flush();
    } else if (c == '(' || c == ')') {
      flush();
      out.push_back({std::string(1, c), line});
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

Error at_line(std::string_view file, int line, std::string message) {
  return Error::invalid(std::move(message)).at(std::string(file), "line " + std::to_string(line));
}

Result<double> number(std::string_view file, const Token& t) {
  try {
    std::size_t used = 0;
    const double v = std::stod(t.text, &used);
    if (used == t.text.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  return at_line(file, t.line, "\"" + t.text + "\" is not a number");
}

}  // namespace

Result<ImportResult> import_sndlib(std::string_view text, std::string_view file,
                                   const ImportOptions& options) {
  const auto tokens = tokenize(text);
  ImportResult out;
  NetworkSpec& spec = out.spec;
  spec.file = std::string(file);
  std::size_t i = 0;
  auto expect = [&](const char* what) -> Status {
    if (i >= tokens.size())
      return at_line(file, tokens.empty() ? 1 : tokens.back().line,
                     std::string("unexpected end of file (expected ") + what + ")");
    if (tokens[i].text != what)
      return at_line(file, tokens[i].line,
                     "\"" + tokens[i].text + "\" found where \"" + what + "\" was expected");
    ++i;
    return {};
  };
  bool saw_nodes = false;
  std::map<std::string, int> node_line;
  std::map<std::string, int> link_ids;
  while (i < tokens.size()) {
    const Token& section = tokens[i++];
    LM_RETURN_IF_ERROR(expect("("));
    if (section.text == "NODES") {
      saw_nodes = true;
      while (i < tokens.size() && tokens[i].text != ")") {
        const Token& id = tokens[i++];
        if (id.text == "(")
          return at_line(file, id.line, "a node needs an id before its coordinates");
        LM_RETURN_IF_ERROR(expect("("));
        if (i + 1 >= tokens.size())
          return at_line(file, id.line, "unexpected end of file in a node");
        LM_ASSIGN_OR_RETURN(double lon, number(file, tokens[i]));
        LM_ASSIGN_OR_RETURN(double lat, number(file, tokens[i + 1]));
        i += 2;
        LM_RETURN_IF_ERROR(expect(")"));
        if (!node_line.emplace(id.text, id.line).second)
          return at_line(file, id.line, "duplicate node \"" + id.text + "\"");
        SiteSpec s;
        s.id = id.text;
        s.position = LatLon{lat, lon};
        s.where = "line " + std::to_string(id.line);
        spec.sites.push_back(std::move(s));
      }
    } else if (section.text == "LINKS") {
      if (!saw_nodes) return at_line(file, section.line, "LINKS before NODES");
      while (i < tokens.size() && tokens[i].text != ")") {
        const Token& id = tokens[i++];
        LM_RETURN_IF_ERROR(expect("("));
        if (i + 1 >= tokens.size())
          return at_line(file, id.line, "unexpected end of file in a link");
        const Token& a = tokens[i];
        const Token& b = tokens[i + 1];
        i += 2;
        LM_RETURN_IF_ERROR(expect(")"));
        if (!node_line.count(a.text))
          return at_line(file, a.line, "unknown node \"" + a.text + "\"");
        if (!node_line.count(b.text))
          return at_line(file, b.line, "unknown node \"" + b.text + "\"");
        if (link_ids[id.text]++)
          return at_line(file, id.line, "duplicate link \"" + id.text + "\"");
        // Capacities, costs and the module list follow on the same line; they do not describe
        // fibre.
        int depth = 0;
        while (i < tokens.size() && tokens[i].line == id.line) {
          if (tokens[i].text == "(") ++depth;
          if (tokens[i].text == ")") {
            if (depth == 0) break;
            --depth;
          }
          ++i;
        }
        FiberSpec f;
        f.id = id.text;
        f.a = a.text;
        f.b = b.text;
        f.route_factor = options.route_factor;
        f.where = "line " + std::to_string(id.line);
        spec.fibers.push_back(std::move(f));
      }
    } else {
      // META, DEMANDS, ADMISSIBLE_PATHS…: skip to the matching ')'.
      int depth = 1;
      while (i < tokens.size() && depth > 0) {
        if (tokens[i].text == "(") ++depth;
        if (tokens[i].text == ")") --depth;
        ++i;
      }
      if (depth > 0)
        return at_line(file, section.line, "section " + section.text + " is not closed");
      continue;
    }
    LM_RETURN_IF_ERROR(expect(")"));
  }
  if (!saw_nodes) return at_line(file, 1, "no NODES section (expected the SNDlib native format)");
  return out;
}

}  // namespace lightmesh::io
