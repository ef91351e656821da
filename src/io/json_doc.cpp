#include "io/json_doc.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unordered_set>
#include <vector>

#include "core/limits.h"

namespace lightmesh::io {

std::string escape_pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxValues = 1'000'000;
constexpr std::uintmax_t kMaxFileBytes = 256ull << 20;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Deepest bracket nesting outside strings: checked before parsing so neither parser can recurse
// deeply. In YAML a quote opens a string only where a scalar can start (so the apostrophe in
// `name: it's` does not hide the brackets after it) and '#' after a space starts a comment.
int bracket_depth(std::string_view text, bool yaml) {
  int depth = 0, max_depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    const char prev = i == 0 ? '\n' : text[i - 1];
    const bool token_start = !yaml || std::strchr(" \t\r\n[{,:-?", prev) != nullptr;
    if (c == '"' && token_start) {
      quote = c;
    } else if (yaml && c == '\'' && token_start) {
      quote = c;
    } else if (yaml && c == '#' && std::strchr(" \t\r\n", prev) != nullptr) {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    }
  }
  return max_depth;
}

// YAML block nesting grows with indentation and with compact "- - -" sequences; bound both per
// line.
int yaml_block_depth(std::string_view text) {
  int worst = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    int indent = 0, dashes = 0;
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '-' || text[i] == '?' || text[i] == ':')) {
      if (text[i] == '-' || text[i] == '?' || text[i] == ':')
        ++dashes;
      else
        ++indent;
      ++i;
    }
    worst = std::max(worst, indent / 2 + dashes);
    while (i < text.size() && text[i] != '\n') ++i;
    ++i;
  }
  return worst;
}

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  }
  if (len == 0 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return len;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

struct YamlConverter {
  Document* doc;
  std::size_t values = 0;

  Result<Json> convert(const YAML::Node& node, const std::string& pointer, int depth) {
    if (++values > kMaxValues)
      return Error::parse("more than a million values (are YAML aliases expanding?)");
    if (depth > kMaxDepth)
      return Error::parse(fmt::format("nesting deeper than {} levels", kMaxDepth));
    if (node.Mark().line >= 0) doc->lines.emplace(pointer, node.Mark().line + 1);
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return Json(nullptr);
      case YAML::NodeType::Scalar:
        if (!valid_utf8(node.Scalar())) return not_utf8(pointer, node);
        return scalar(node);
      case YAML::NodeType::Sequence: {
        Json arr = Json::array();
        std::size_t i = 0;
        for (const auto& item : node) {
          LM_ASSIGN_OR_RETURN(Json v,
                              convert(item, pointer + "/" + std::to_string(i++), depth + 1));
          arr.push_back(std::move(v));
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        Json obj = Json::object();
        for (const auto& kv : node) {
          if (!kv.first.IsScalar())
            return Error::parse("a mapping key must be a plain scalar").at({}, printable(pointer));
          const std::string key = kv.first.Scalar();
          if (!valid_utf8(key)) return not_utf8(pointer, kv.first);
          if (obj.contains(key)) {
            const int line = kv.first.Mark().line + 1;
            return Error::parse("duplicate key \"" + printable(key) + "\"")
                .at({}, pointer.empty() ? fmt::format("line {}", line)
                                        : fmt::format("{} (line {})", printable(pointer), line));
          }
          LM_ASSIGN_OR_RETURN(
              Json v, convert(kv.second, pointer + "/" + escape_pointer_token(key), depth + 1));
          obj[key] = std::move(v);
        }
        return obj;
      }
    }
    return Json(nullptr);
  }

  // JSON text is UTF-8 by definition and nlohmann enforces it; YAML input is held to the same rule
  // so that every id can be written back out unchanged.
  Error not_utf8(const std::string& pointer, const YAML::Node& node) const {
    return Error::parse("text that is not valid UTF-8 (expected UTF-8)")
        .at(doc->file, fmt::format("{}{}line {}{}", printable(pointer), pointer.empty() ? "" : " (",
                                   node.Mark().line + 1, pointer.empty() ? "" : ")"));
  }

  static Json scalar(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    if (node.Tag() == "!") return Json(s);  // quoted: always a string
    if (s == "true" || s == "True" || s == "TRUE") return Json(true);
    if (s == "false" || s == "False" || s == "FALSE") return Json(false);
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Json(nullptr);
    // Numbers: JSON's grammar (plus a leading '+'), parsed by the JSON parser for identical
    // results.
    std::string_view num = s;
    if (num.front() == '+') num.remove_prefix(1);
    if (!num.empty() &&
        (std::isdigit(static_cast<unsigned char>(num.front())) || num.front() == '-')) {
      auto v = Json::parse(num, nullptr, false);
      if (!v.is_discarded() && v.is_number()) return v;
    }
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
      return Json(std::numeric_limits<double>::quiet_NaN());
    if (s == ".inf" || s == ".Inf" || s == "+.inf")
      return Json(std::numeric_limits<double>::infinity());
    if (s == "-.inf" || s == "-.Inf") return Json(-std::numeric_limits<double>::infinity());
    return Json(s);
  }
};

// Drops nlohmann's "[json.exception.out_of_range.406] " prefix.
std::string without_exception_tag(const std::string& what) {
  if (what.rfind("[json.exception.", 0) == 0) {
    const auto end = what.find("] ");
    if (end != std::string::npos) return what.substr(end + 2);
  }
  return what;
}

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 3, column 5: syntax
// error while parsing value - invalid literal; last read: '…'". Its column is 0 when the bad byte
// is a line end, and "last read" quotes the whole token (a 100 kB string, say), so the place is
// recomputed from the byte offset and the token cut to its last few characters.
std::string json_parse_message(std::string_view text, const Json::parse_error& e) {
  std::string what = e.what();
  const auto at = what.find("parse error");
  if (at != std::string::npos) {
    const auto colon = what.find(": ", at);
    what = colon == std::string::npos ? std::string() : what.substr(colon + 2);
  }
  constexpr std::size_t kMaxToken = 40;
  const std::string marker = "last read: '";
  if (const auto lr = what.find(marker); lr != std::string::npos) {
    const std::size_t start = lr + marker.size();
    const std::size_t end = what.size() - (what.back() == '\'' ? 1 : 0);
    if (end > start + kMaxToken) {
      what =
          what.substr(0, start) + "…" + what.substr(end - kMaxToken, kMaxToken) + what.substr(end);
    }
  }
  // e.byte counts the bytes read, the bad one included; past the end means "at end of input".
  const std::size_t bad = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
  const std::size_t line_start = bad == 0 ? 0 : text.rfind('\n', bad - 1);
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
  const std::size_t column =
      line_start == std::string_view::npos || bad == 0 ? bad + 1 : bad - line_start;
  return fmt::format("line {}, column {}: invalid JSON: {}", line, column, what);
}

// nlohmann keeps the last of two equal keys without a word; YAML input rejects them, so JSON does
// too. Tracks the path during parsing so the error can name the object's pointer, and counts the
// values, so a body of a million tiny values is refused as it is read. Each object's keys are a
// hash set: a list made a 300,000-key object take minutes.
class DuplicateKeys {
 public:
  struct Found {
    std::string pointer;
    std::string key;
  };
  struct TooMany {};

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
        count();
        frames_.push_back({true, {}, {}, 0});
        break;
      case E::array_start:
        count();
        frames_.push_back({false, {}, {}, 0});
        break;
      case E::key: {
        Frame& f = frames_.back();
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!f.keys.insert(key).second) throw Found{pointer(), key};
        f.last_key = key;
        break;
      }
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        next();
        break;
      case E::value:
        count();
        next();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::unordered_set<std::string> keys;
    std::string last_key;
    std::size_t index;
  };

  void count() {
    if (++values_ > kMaxValues) throw TooMany{};
  }

  void next() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  // The pointer of the innermost open object.
  std::string pointer() const {
    std::string p;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      p += "/" + (f.object ? escape_pointer_token(f.last_key) : std::to_string(f.index));
    }
    return p;
  }

  std::vector<Frame> frames_;
  std::size_t values_ = 0;
};

}  // namespace

std::string printable(std::string_view s) {
  // Messages quote input, and a 7 MB name must not come back whole: the middle of a long text
  // gives way to an ellipsis, on UTF-8 character boundaries.
  constexpr std::size_t kMaxBytes = 512, kHead = 360, kTail = 120;
  if (s.size() > kMaxBytes) {
    std::size_t head = kHead, tail = s.size() - kTail;
    while (head > 0 && (static_cast<unsigned char>(s[head]) & 0xC0) == 0x80) --head;
    while (tail < s.size() && (static_cast<unsigned char>(s[tail]) & 0xC0) == 0x80) ++tail;
    return printable(s.substr(0, head)) + " … (" + std::to_string(tail - head) +
           " bytes left out) … " + printable(s.substr(tail));
  }
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0 || (len == 1 && (c < 0x20 || c == 0x7f))) {
      out += '?';
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

TextFormat detect_format(std::string_view file, std::string_view text) {
  if (ends_with(file, ".json") || ends_with(file, ".JSON")) return TextFormat::kJson;
  if (ends_with(file, ".yaml") || ends_with(file, ".yml")) return TextFormat::kYaml;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return (c == '{' || c == '[') ? TextFormat::kJson : TextFormat::kYaml;
  }
  return TextFormat::kJson;
}

std::string Document::place(const std::string& pointer) const {
  if (lines.empty()) return pointer;
  // The line of the nearest enclosing value that the YAML parser marked.
  std::string p = pointer;
  while (true) {
    auto it = lines.find(p);
    if (it != lines.end())
      return (pointer.empty() ? std::string("/") : pointer) + " (line " +
             std::to_string(it->second) + ")";
    if (p.empty()) return pointer;
    p = p.substr(0, p.rfind('/'));
  }
}

Error Document::error(const std::string& pointer, std::string message) const {
  return Error::invalid(printable(message)).at(file, printable(place(pointer)));
}

Result<Document> parse_document(std::string_view text, std::string_view file) {
  Document doc;
  doc.file = std::string(file);
  bool blank = true;
  for (char c : text) blank = blank && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
  if (blank) return Error::parse("the file is empty (expected a JSON or YAML object)").at(doc.file);
  const bool json = detect_format(file, text) == TextFormat::kJson;
  if (bracket_depth(text, !json) > kMaxDepth) {
    return Error::parse(fmt::format("nesting deeper than {} levels", kMaxDepth)).at(doc.file);
  }
  if (json) {
    try {
      doc.root = Json::parse(text, DuplicateKeys());
    } catch (const DuplicateKeys::TooMany&) {
      return Error::parse("more than a million values").at(doc.file);
    } catch (const DuplicateKeys::Found& dup) {
      return Error::parse("duplicate key \"" + printable(dup.key) + "\"")
          .at(doc.file, printable(dup.pointer));
    } catch (const Json::parse_error& e) {
      return Error::parse(printable(json_parse_message(text, e))).at(doc.file);
    } catch (const std::exception& e) {
      // e.g. "number overflow parsing '1e400'", which quotes the whole number.
      std::string what = without_exception_tag(e.what());
      if (what.size() > 120) what = what.substr(0, 100) + "…" + what.substr(what.size() - 10);
      return Error::parse("invalid JSON: " + printable(what)).at(doc.file);
    }
    return doc;
  }
  if (yaml_block_depth(text) > kMaxDepth) {
    return Error::parse(fmt::format("nesting deeper than {} levels", kMaxDepth)).at(doc.file);
  }
  YAML::Node node;
  try {
    node = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Error::parse(fmt::format("line {}, column {}: invalid YAML: {}", e.mark.line + 1,
                                    e.mark.column + 1, printable(e.msg)))
        .at(doc.file);
  } catch (const std::exception& e) {
    return Error::parse(std::string("invalid YAML: ") + e.what()).at(doc.file);
  }
  YamlConverter conv{&doc};
  try {
    auto root = conv.convert(node, "", 0);
    if (!root) return std::move(root).error().at(doc.file);
    doc.root = std::move(*root);
  } catch (const std::exception& e) {
    return Error::parse(std::string("invalid YAML: ") + e.what()).at(doc.file);
  }
  return doc;
}

Result<std::string> read_text_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error::io("is a directory (expected a file)").at(path);
  std::ifstream f(path, std::ios::binary);
  if (!f)
    return Error::not_found(std::string("cannot open file: ") + std::strerror(errno)).at(path);
  f.seekg(0, std::ios::end);
  const auto size = f.tellg();
  if (size < 0) return Error::io("cannot read file (is it a directory?)").at(path);
  if (static_cast<std::uintmax_t>(size) > kMaxFileBytes)
    return Error::invalid("file is larger than 256 MiB").at(path);
  f.seekg(0);
  std::string text(static_cast<std::size_t>(size), '\0');
  if (!f.read(text.data(), size))
    return Error::io("cannot read file (is it a directory?)").at(path);
  return text;
}

Status check_id_length(const Document& doc, const std::string& pointer, const std::string& id) {
  if (id.size() <= limits::kMaxNameBytes) return {};
  return doc.error(pointer,
                   describe(Json(id)) + ": " + id_length_refusal(id.size(), limits::kMaxNameBytes));
}

std::string describe(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "a list";
    case Json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      std::string s = v.get<std::string>();
      if (s.size() > 40) s = s.substr(0, 40) + "…";
      return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    case Json::value_t::number_float: {
      // dump() writes NaN and infinities as "null", which would mislead.
      const double d = v.get<double>();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "infinity" : "-infinity";
      return v.dump();
    }
    default:
      return v.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

ObjectReader::ObjectReader(const Document& doc, const Json& object, std::string pointer)
    : doc_(&doc), object_(&object), pointer_(std::move(pointer)) {}

Error ObjectReader::error(const char* key, std::string message) const {
  return doc_->error(pointer(key), std::move(message));
}

Status ObjectReader::expect_object() const {
  if (!object_->is_object())
    return doc_->error(pointer_, describe(*object_) + " is not an object (expected {…})");
  return {};
}

Status ObjectReader::only(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, value] : object_->items()) {
    if (key.empty() || key[0] == '_' || key == "description" || key == "notes" || key == "sources")
      continue;
    bool ok = false;
    for (auto a : allowed) ok = ok || a == key;
    if (ok) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return doc_->error(pointer_ + "/" + escape_pointer_token(key),
                       "unknown field \"" + key + "\" (expected one of: " + list + ")");
  }
  return {};
}

bool ObjectReader::has(const char* key) const {
  return object_->contains(key) && !(*object_)[key].is_null();
}

const Json* ObjectReader::get(const char* key) const {
  auto it = object_->find(key);
  return it == object_->end() || it->is_null() ? nullptr : &*it;
}

Result<std::optional<std::string>> ObjectReader::string(const char* key) const {
  const Json* v = get(key);
  if (!v) return std::optional<std::string>{};
  if (!v->is_string()) return error(key, describe(*v) + " is not a string");
  return std::optional<std::string>{v->get<std::string>()};
}

Result<std::string> ObjectReader::required_string(const char* key) const {
  LM_ASSIGN_OR_RETURN(auto v, string(key));
  if (!v) return doc_->error(pointer_, std::string("missing required field \"") + key + "\"");
  return *v;
}

Result<std::optional<std::string>> ObjectReader::id(const char* key) const {
  LM_ASSIGN_OR_RETURN(auto v, string(key));
  if (v) LM_RETURN_IF_ERROR(check_id_length(*doc_, pointer(key), *v));
  return v;
}

Result<std::string> ObjectReader::required_id(const char* key) const {
  LM_ASSIGN_OR_RETURN(auto v, id(key));
  if (!v) return doc_->error(pointer_, std::string("missing required field \"") + key + "\"");
  return *v;
}

Result<std::optional<double>> ObjectReader::number(const char* key, const char* expected) const {
  const Json* v = get(key);
  if (!v) return std::optional<double>{};
  if (!v->is_number()) {
    return error(key, describe(*v) + " is not a number" +
                          (expected ? std::string(" (expected ") + expected + ")" : ""));
  }
  const double d = v->get<double>();
  if (!std::isfinite(d)) {
    return error(key, describe(*v) + " is not a finite number" +
                          (expected ? std::string(" (expected ") + expected + ")" : ""));
  }
  return std::optional<double>{d};
}

Result<double> ObjectReader::required_number(const char* key, const char* expected) const {
  LM_ASSIGN_OR_RETURN(auto v, number(key, expected));
  if (!v) return doc_->error(pointer_, std::string("missing required field \"") + key + "\"");
  return *v;
}

Result<std::optional<double>> ObjectReader::positive(const char* key, const char* unit,
                                                     bool allow_zero) const {
  const std::string expected =
      fmt::format("a {} {}", allow_zero ? "non-negative" : "positive", unit);
  LM_ASSIGN_OR_RETURN(auto v, number(key, expected.c_str()));
  if (v && (*v < 0 || (*v == 0 && !allow_zero))) {
    return error(key, fmt::format("{:g} is not a {} {}", *v,
                                  allow_zero ? "non-negative" : "positive", unit));
  }
  return v;
}

Result<std::optional<std::uint32_t>> ObjectReader::count(const char* key) const {
  const Json* v = get(key);
  if (!v) return std::optional<std::uint32_t>{};
  if (v->is_number_unsigned() &&
      v->get<std::uint64_t>() <= std::numeric_limits<std::uint32_t>::max()) {
    return std::optional<std::uint32_t>{static_cast<std::uint32_t>(v->get<std::uint64_t>())};
  }
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (d >= 0 && d <= 4294967295.0 && std::floor(d) == d)
      return std::optional<std::uint32_t>{static_cast<std::uint32_t>(d)};
  }
  return error(key, describe(*v) + " is not a count (expected a whole number ≥ 0)");
}

Result<std::optional<double>> ObjectReader::bounded(const char* key, const Bound& bound) const {
  // The range is described only for an error: formatting it costs more than reading the number,
  // and a service create reads several.
  if (const Json* j = get(key); j && j->is_number() && std::isfinite(j->get<double>())) {
    const double d = j->get<double>();
    if (!bound.contains(d)) return error(key, bound.refusal(d));
    return std::optional<double>{d};
  }
  return number(key, bound.describe().c_str());  // absent, or not a finite number
}

Result<double> ObjectReader::required_bounded(const char* key, const Bound& bound) const {
  LM_ASSIGN_OR_RETURN(auto v, bounded(key, bound));
  if (!v) {
    return doc_->error(pointer(key), std::string("missing required field \"") + key +
                                         "\" (expected " + bound.describe() + ")");
  }
  return *v;
}

Result<std::optional<std::uint32_t>> ObjectReader::bounded_count(const char* key,
                                                                 const Bound& bound) const {
  const Json* v = get(key);
  if (!v) return std::optional<std::uint32_t>{};
  // 2^64 and beyond arrive as floats; integers beyond 2^63 as unsigned: both convert to double.
  if (!v->is_number())
    return error(key, describe(*v) + " is not a number (expected " + bound.describe() + ")");
  const double d = v->get<double>();
  Bound whole = bound;
  whole.whole = true;
  if (!whole.contains(d) || d > 4294967295.0) return error(key, whole.refusal(d));
  return std::optional<std::uint32_t>{static_cast<std::uint32_t>(d)};
}

Result<std::optional<bool>> ObjectReader::boolean(const char* key) const {
  const Json* v = get(key);
  if (!v) return std::optional<bool>{};
  if (!v->is_boolean()) return error(key, describe(*v) + " is not true or false");
  return std::optional<bool>{v->get<bool>()};
}

Result<const Json*> ObjectReader::list(const char* key) const {
  const Json* v = get(key);
  if (v && !v->is_array()) return error(key, describe(*v) + " is not a list (expected […])");
  return v;
}

}  // namespace lightmesh::io
