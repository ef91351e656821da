#include "core/json_writer.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace lightmesh {

void JsonWriter::new_line(std::size_t depth) {
  if (indent_ < 0) return;
  out_ += '\n';
  out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  new_line(empty_.size());
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  // An empty container closes on its own line's end: [] and {}, as dump() writes them.
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) new_line(empty_.size());
  out_ += bracket;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  quoted(name);
  out_ += indent_ < 0 ? ":" : ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  quoted(text);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  separate();
  if (!std::isfinite(number)) {
    out_ += "null";
    return *this;
  }
  // The shortest digits that read back as `number`, laid out as nlohmann's dump() lays out its
  // own: plain notation while the decimal point falls within 4 places below and 15 above the
  // first digit, else d.ddde±XX; a whole number ends in ".0" so it reads back as a double.
  char buf[32];
  const auto end =
      std::to_chars(buf, buf + sizeof buf, std::abs(number), std::chars_format::scientific).ptr;
  const std::string_view sci(buf, static_cast<std::size_t>(end - buf));
  const std::size_t e_at = sci.find('e');
  // The mantissa's digits without its point: at most 17, so no allocation for them.
  char digit_buf[24];
  std::size_t digit_count = 0;
  for (const char c : sci.substr(0, e_at))
    if (c != '.') digit_buf[digit_count++] = c;
  const std::string_view digits(digit_buf, digit_count);
  int exponent = 0;
  std::from_chars(sci.data() + e_at + (sci[e_at + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // where the decimal point falls, counted from the first digit
  if (std::signbit(number)) out_ += '-';
  if (k <= n && n <= 15) {
    out_ += digits;
    out_.append(static_cast<std::size_t>(n - k), '0');
    out_ += ".0";
  } else if (0 < n && n <= 15) {
    out_ += digits.substr(0, static_cast<std::size_t>(n));
    out_ += '.';
    out_ += digits.substr(static_cast<std::size_t>(n));
  } else if (-4 < n && n <= 0) {
    out_ += "0.";
    out_.append(static_cast<std::size_t>(-n), '0');
    out_ += digits;
  } else {
    out_ += digits[0];
    if (k > 1) {
      out_ += '.';
      out_ += digits.substr(1);
    }
    fmt::format_to(std::back_inserter(out_), "e{}{:02}", exponent < 0 ? '-' : '+',
                   std::abs(exponent));
  }
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  separate();
  fmt::format_to(std::back_inserter(out_), "{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
  separate();
  fmt::format_to(std::back_inserter(out_), "{}", number);
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}

void JsonWriter::quoted(std::string_view text) {
  out_ += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          fmt::format_to(std::back_inserter(out_), "\\u{:04x}", static_cast<unsigned>(c));
        else
          out_ += c;
    }
  }
  out_ += '"';
}

}  // namespace lightmesh
