// SNDlib native format → NetworkSpec. The mapping is documented in docs/formats.md; the comments
// here say why.
#include "io/sndlib_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/geo.h"
#include "core/limits.h"

namespace lightmesh::io {

namespace {

struct Token {
  std::string_view text;
  int line;
};

bool is_paren(const Token& t) { return t.text == "(" || t.text == ")"; }

Error at_line(std::string_view file, int line, std::string message) {
  return Error::invalid(std::move(message)).at(std::string(file), "line " + std::to_string(line));
}

// A token quoted in a message: at most 40 bytes, so a run-on token cannot flood the line. The
// text is already checked to be UTF-8, so the cut backs off to a character boundary.
std::string quote(std::string_view s) {
  if (s.size() <= 40) return "\"" + std::string(s) + "\"";
  std::size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(s.substr(0, cut)) + "…\"";
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Ids become JSON strings in the native file, so the text must be UTF-8 without control bytes.
Status check_text(std::string_view text, std::string_view file) {
  int line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') ++line;
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F)
      return at_line(file, line, fmt::format("control byte 0x{:02X} (expected plain text)", c));
    const std::size_t n = utf8_length(text, i);
    if (n == 0) return at_line(file, line, "text that is not valid UTF-8 (expected UTF-8)");
    i += n;
  }
  return {};
}

// Words and parentheses with their lines. '#' starts a comment; a line starting with '?' is the
// "?SNDlib native format" header. The first "# network NAME" comment names the network.
std::vector<Token> tokenize(std::string_view text, std::string* name) {
  std::vector<Token> out;
  int line = 1;
  bool line_start = true;
  std::size_t i = 0;
  auto skip_line = [&] {
    while (i < text.size() && text[i] != '\n') ++i;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = true;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == '#') {
      const std::size_t start = i;
      skip_line();
      std::string_view comment = text.substr(start + 1, i - start - 1);
      while (!comment.empty() && (comment.front() == ' ' || comment.front() == '\t'))
        comment.remove_prefix(1);
      while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\r'))
        comment.remove_suffix(1);
      if (name->empty() && comment.rfind("network ", 0) == 0) {
        *name = std::string(comment.substr(8));
        while (!name->empty() && name->front() == ' ') name->erase(0, 1);
      }
    } else if (c == '?' && line_start) {
      skip_line();
    } else if (c == '(' || c == ')') {
      out.push_back({text.substr(i, 1), line});
      line_start = false;
      ++i;
    } else {
      const std::size_t start = i;
      while (i < text.size() &&
             std::string_view(" \t\r\n()#").find(text[i]) == std::string_view::npos)
        ++i;
      out.push_back({text.substr(start, i - start), line});
      line_start = false;
    }
  }
  return out;
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

struct RawLink {
  Token id, a, b;
};

}  // namespace

Result<ImportResult> import_sndlib(std::string_view text, std::string_view file,
                                   const ImportOptions& options) {
  LM_RETURN_IF_ERROR(check_text(text, file));
  ImportResult out;
  NetworkSpec& spec = out.spec;
  spec.file = std::string(file);
  const std::vector<Token> tokens = tokenize(text, &spec.name);
  const int last_line = tokens.empty() ? 1 : tokens.back().line;
  std::size_t i = 0;
  auto err = [&](int line, std::string message) { return at_line(file, line, std::move(message)); };
  auto expect = [&](std::string_view what, const char* in) -> Status {
    if (i >= tokens.size()) {
      return err(last_line, fmt::format("the file ends in {} (expected \"{}\")", in, what));
    }
    if (tokens[i].text != what) {
      return err(tokens[i].line,
                 fmt::format("{} found where \"{}\" was expected", quote(tokens[i].text), what));
    }
    ++i;
    return {};
  };
  auto number = [&](const char* what, const char* in) -> Result<double> {
    if (i >= tokens.size())
      return err(last_line, fmt::format("the file ends in {} (expected {})", in, what));
    const Token& t = tokens[i++];
    auto v = parse_number(t.text);
    if (!v)
      return err(t.line, fmt::format("{} is not a number (expected {})", quote(t.text), what));
    return *v;
  };
  auto word = [&](const char* what, const char* in) -> Result<Token> {
    if (i >= tokens.size())
      return err(last_line, fmt::format("the file ends in {} (expected {})", in, what));
    const Token& t = tokens[i++];
    if (is_paren(t))
      return err(t.line, fmt::format("\"{}\" found where {} was expected", t.text, what));
    return t;
  };
  // Node and link ids become the network's ids, bounded as in every other format.
  auto id_word = [&](const char* what, const char* in) -> Result<Token> {
    LM_ASSIGN_OR_RETURN(const Token t, word(what, in));
    if (t.text.size() > limits::kMaxNameBytes) {
      return err(t.line,
                 quote(t.text) + ": " + id_length_refusal(t.text.size(), limits::kMaxNameBytes));
    }
    return t;
  };

  bool saw_nodes = false;
  std::unordered_map<std::string_view, std::size_t> node_index;  // id → index in spec.sites
  std::vector<int> node_line;
  std::vector<RawLink> links;
  while (i < tokens.size()) {
    LM_ASSIGN_OR_RETURN(const Token section, word("a section name (NODES, LINKS, …)", "a section"));
    LM_RETURN_IF_ERROR(expect("(", "a section"));
    const std::string in = "the " + std::string(section.text) + " section";
    auto unclosed = [&] {
      return err(section.line,
                 fmt::format("the {} section is not closed (expected \")\")", section.text));
    };
    if (section.text == "NODES") {
      saw_nodes = true;
      while (true) {
        if (i >= tokens.size()) return unclosed();
        if (tokens[i].text == ")") break;
        LM_ASSIGN_OR_RETURN(const Token id, id_word("a node id", in.c_str()));
        SiteSpec s;
        s.id = std::string(id.text);
        s.where = "line " + std::to_string(id.line);
        // The coordinates are optional in the format; a link to a node without them then fails.
        if (i < tokens.size() && tokens[i].text == "(") {
          ++i;
          LM_ASSIGN_OR_RETURN(double lon, number("a longitude", "a node"));
          LM_ASSIGN_OR_RETURN(double lat, number("a latitude", "a node"));
          LM_RETURN_IF_ERROR(expect(")", "a node"));
          if (lon < -180 || lon > 180) {
            return err(id.line,
                       fmt::format("{:g} is not a longitude (expected −180…180 degrees)", lon));
          }
          if (lat < -90 || lat > 90) {
            return err(id.line,
                       fmt::format("{:g} is not a latitude (expected −90…90 degrees)", lat));
          }
          s.position = LatLon{lat, lon};
        }
        if (auto [it, fresh] = node_index.emplace(id.text, spec.sites.size()); !fresh) {
          return err(id.line, fmt::format("duplicate node {} (also line {})", quote(id.text),
                                          node_line[it->second]));
        }
        node_line.push_back(id.line);
        spec.sites.push_back(std::move(s));
      }
      ++i;
    } else if (section.text == "LINKS") {
      while (true) {
        if (i >= tokens.size()) return unclosed();
        if (tokens[i].text == ")") break;
        RawLink link;
        LM_ASSIGN_OR_RETURN(link.id, id_word("a link id", in.c_str()));
        LM_RETURN_IF_ERROR(expect("(", "a link"));
        LM_ASSIGN_OR_RETURN(link.a, word("the link's first node", "a link"));
        LM_ASSIGN_OR_RETURN(link.b, word("the link's second node", "a link"));
        LM_RETURN_IF_ERROR(expect(")", "a link"));
        // Pre-installed capacity and its cost, routing cost, setup cost, then the module list:
        // capacities and costs, which say nothing about the fibre, so they are only skipped.
        for (int k = 0; k < 4 && i < tokens.size() && parse_number(tokens[i].text); ++k) ++i;
        if (i < tokens.size() && tokens[i].text == "(") {
          int depth = 0;
          do {
            if (i >= tokens.size()) {
              return err(link.id.line, fmt::format("the module list of link {} is not closed",
                                                   quote(link.id.text)));
            }
            if (tokens[i].text == "(") ++depth;
            if (tokens[i].text == ")") --depth;
            ++i;
          } while (depth > 0);
        }
        links.push_back(link);
      }
      ++i;
    } else {
      // META, DEMANDS, ADMISSIBLE_PATHS, …: skipped up to the matching ')'.
      int depth = 1;
      while (depth > 0) {
        if (i >= tokens.size()) return unclosed();
        if (tokens[i].text == "(") ++depth;
        if (tokens[i].text == ")") --depth;
        ++i;
      }
    }
  }
  if (!saw_nodes) return err(1, "no NODES section (expected the SNDlib native format)");
  if (spec.sites.empty()) return err(1, "the NODES section lists no nodes");

  std::unordered_map<std::string_view, int> link_line;
  for (const RawLink& link : links) {
    if (auto [it, fresh] = link_line.emplace(link.id.text, link.id.line); !fresh) {
      return err(link.id.line,
                 fmt::format("duplicate link {} (also line {})", quote(link.id.text), it->second));
    }
    std::size_t ends[2];
    for (int k = 0; k < 2; ++k) {
      const Token& t = k == 0 ? link.a : link.b;
      auto it = node_index.find(t.text);
      if (it == node_index.end()) return err(t.line, "unknown node " + quote(t.text));
      ends[k] = it->second;
      if (!spec.sites[ends[k]].position) {
        return err(t.line, fmt::format("the node {} has no coordinates (line {}), so the link's "
                                       "length cannot be derived",
                                       quote(t.text), node_line[ends[k]]));
      }
    }
    const std::string where = "line " + std::to_string(link.id.line);
    if (ends[0] == ends[1]) {
      out.warnings.push_back(fmt::format("{}: {}: the link {} from {} to itself is skipped", file,
                                         where, quote(link.id.text), quote(link.a.text)));
      continue;
    }
    const double great =
        great_circle(*spec.sites[ends[0]].position, *spec.sites[ends[1]].position).value();
    // build_network derives the same length; checked here so that an import that succeeds builds.
    if (!limits::kFiberLengthKm.contains(great * options.route_factor)) {
      return err(link.id.line,
                 fmt::format("the link {} is {:g} km of great circle × route factor {:g} = {:g} "
                             "km, out of range for a fibre (expected {})",
                             quote(link.id.text), great, options.route_factor,
                             great * options.route_factor, limits::kFiberLengthKm.describe()));
    }
    if (great == 0) {
      out.warnings.push_back(fmt::format(
          "{}: {}: {} and {} are co-located; the link {} is kept as a fibre of length 0", file,
          where, quote(link.a.text), quote(link.b.text), quote(link.id.text)));
    }
    FiberSpec f;
    f.id = std::string(link.id.text);
    f.a = std::string(link.a.text);
    f.b = std::string(link.b.text);
    f.route_factor = options.route_factor;  // great circle × factor, computed by build_network
    f.where = where;
    spec.fibers.push_back(std::move(f));
  }
  return out;
}

}  // namespace lightmesh::io
