// Reading JSON and YAML documents with errors that name the file, the JSON pointer (and, for YAML,
// the line) and what was expected.
//
//   LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, "net.yaml"));
//   ObjectReader site(doc, doc.root["sites"][0], "/sites/0");
//   LM_ASSIGN_OR_RETURN(std::string id, site.required_string("id"));
//
// Internal to io: only io's .cpp files include nlohmann/json. Not thread-safe per object.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bounded.h"
#include "core/result.h"

namespace lightmesh::io {

using Json = nlohmann::json;

enum class TextFormat { kJson, kYaml };

// .json → JSON; .yaml/.yml → YAML; otherwise JSON if the first non-space byte is '{' or '[', else
// YAML.
TextFormat detect_format(std::string_view file, std::string_view text);

struct Document {
  std::string file;
  Json root;
  std::map<std::string, int> lines;  // YAML only: JSON pointer → 1-based line

  // "/sites/3/lat" or, for YAML, "/sites/3/lat (line 12)".
  std::string place(const std::string& pointer) const;
  Error error(const std::string& pointer, std::string message) const;
};

// Parses JSON or YAML (by detect_format) into a Document. Rejects empty input, nesting deeper than
// 64 levels, more than a million values (YAML aliases can multiply a small file), a key repeated
// in one object (in either syntax, rather than silently keeping one of them) and malformed text,
// with "line L, column C" for syntax errors. Never throws.
Result<Document> parse_document(std::string_view text, std::string_view file);

// Reads a whole file; errors "cannot open file: …" and files over 256 MiB.
Result<std::string> read_text_file(const std::string& path);

// A member name escaped for a JSON pointer (RFC 6901): "~" → "~0", "/" → "~1".
std::string escape_pointer_token(const std::string& key);

// Unless `id` fits limits::kMaxNameBytes, the error at `pointer` that quotes its start and names
// the ceiling; for ids a reader derives ("a-b", "name#2") as well as ids it reads.
Status check_id_length(const Document& doc, const std::string& pointer, const std::string& id);

// A JSON value's short description for messages: "\"abc\"", "12", "an object", "a list", "null".
std::string describe(const Json& v);

// The text with control bytes and bytes that are not valid UTF-8 replaced by '?': messages quote
// input, and a binary file must not reach the terminal. A text over 512 bytes keeps its first 360
// and last 120 with an ellipsis (and the count of bytes left out) between.
std::string printable(std::string_view s);

// Typed access to the members of one JSON object, each error naming the member's pointer.
class ObjectReader {
 public:
  ObjectReader(const Document& doc, const Json& object, std::string pointer);

  // Fails unless the value is an object.
  Status expect_object() const;
  // Fails on members not in `allowed`; members starting with "_" and "description", "notes",
  // "sources" are free comments and always allowed.
  Status only(std::initializer_list<std::string_view> allowed) const;

  bool has(const char* key) const;
  std::string pointer(const char* key) const { return pointer_ + "/" + key; }
  const Json* get(const char* key) const;

  Result<std::string> required_string(const char* key) const;
  Result<std::optional<std::string>> string(const char* key) const;
  // A string that names something (an id, or a reference to one), at most limits::kMaxNameBytes
  // bytes: "/sites/0/id: \"aaaa…\": 300 bytes is too long for an id (expected at most 256 bytes)".
  Result<std::string> required_id(const char* key) const;
  Result<std::optional<std::string>> id(const char* key) const;
  // A finite number. `expected`, when given, is appended to a type error: "\"abc\" is not a
  // number (expected degrees −90…90)".
  Result<double> required_number(const char* key, const char* expected = nullptr) const;
  Result<std::optional<double>> number(const char* key, const char* expected = nullptr) const;
  // A finite number > 0 (or ≥ 0 with allow_zero): "-3 is not a positive length".
  Result<std::optional<double>> positive(const char* key, const char* unit,
                                         bool allow_zero = false) const;
  Result<std::optional<std::uint32_t>> count(const char* key) const;  // integer 0…4,294,967,295
  // A number within `bound` (core/limits.h), or nullopt when absent:
  // "/fibers/0/length_km: 1e+21 is out of range (expected 0 ≤ x ≤ 40,000 km)".
  Result<std::optional<double>> bounded(const char* key, const Bound& bound) const;
  Result<double> required_bounded(const char* key, const Bound& bound) const;
  // A whole number within `bound` (whose max fits 32 bits).
  Result<std::optional<std::uint32_t>> bounded_count(const char* key, const Bound& bound) const;
  Result<std::optional<bool>> boolean(const char* key) const;
  // Fails unless the member, if present, is a list; returns nullptr when absent.
  Result<const Json*> list(const char* key) const;

  const Document& doc() const { return *doc_; }
  const std::string& pointer() const { return pointer_; }

 private:
  Error error(const char* key, std::string message) const;
  const Document* doc_;
  const Json* object_;
  std::string pointer_;
};

}  // namespace lightmesh::io
