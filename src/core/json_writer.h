// JSON text written member by member, with no document tree: for records made on every request
// (a stored service, a created service's answer), where building an nlohmann tree and dumping it
// cost more than the create's own routing and booking (docs/design.md, "Group commit").
//
//   JsonWriter w;                      // compact; JsonWriter(2) indents by two, as dump(2) does
//   w.begin_object().key("id").value("S1").key("slots").begin_array().value(4).end_array();
//   std::string text = w.end_object().take();   // {"id":"S1","slots":[4]}
//
// The output is what nlohmann's dump() or dump(indent) makes of the same values (UTF-8 kept as it
// is, doubles in its layout with ".0" on whole numbers), so texts read the same whichever wrote
// them. Doubles take their shortest round-trip digits, which in rare cases are shorter than
// dump()'s; both read back to the same double. Non-finite doubles are written as null, as dump()
// does. The caller pairs begin and end calls; the writer does not check them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lightmesh {

class JsonWriter {
 public:
  explicit JsonWriter(int indent = -1) : indent_(indent) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(std::uint32_t number) { return value(static_cast<std::uint64_t>(number)); }
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& null();
  std::string take() { return std::move(out_); }

 private:
  // Before every element: a comma after the first of its container, and when indenting a new
  // line at its depth; nothing right after a key.
  void separate();
  void quoted(std::string_view text);
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void new_line(std::size_t depth);

  int indent_;  // < 0: compact
  std::string out_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace lightmesh
