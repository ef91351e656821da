// JSON text written member by member, with no document tree: for records written on every request
// (a stored service, at each create), where building an nlohmann tree and dumping it cost more
// than the create's own routing and booking (docs/design.md, "Group commit").
//
//   JsonWriter w;
//   w.begin_object().key("id").value("S1").key("slots").begin_array().value(4).end_array();
//   std::string text = w.end_object().take();   // {"id":"S1","slots":[4]}
//
// The output is what nlohmann's dump() makes of the same values (compact, UTF-8 kept as it is,
// doubles in its layout with ".0" on whole numbers), so stored rows read the same whichever wrote
// them. Doubles take their shortest round-trip digits, which in rare cases are shorter than
// dump()'s; both read back to the same double. Non-finite doubles are written as null, as dump()
// does. The caller pairs begin and end calls; the writer does not check them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lightmesh::store {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint32_t number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag);
  std::string take() { return std::move(out_); }

 private:
  // A comma before every element but the first of its container; none after a key.
  void separate();
  void quoted(std::string_view text);
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);

  std::string out_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace lightmesh::store
