// libFuzzer target: the native network reader (JSON and YAML) and validation on arbitrary bytes,
// and the writer on whatever loads: its output must load again and be a fixed point.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/load.h"
#include "io/native_writer.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using lightmesh::io::load_network_text;
  using lightmesh::io::write_native_json;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first byte picks the syntax, so both parsers see every input shape.
  const bool yaml = size > 0 && (data[0] & 1);
  auto net = load_network_text(text, yaml ? "fuzz.yaml" : "fuzz.json");
  if (!net) return 0;
  // The first write freezes lengths derived from coordinates; from then on writing is stable.
  const std::string first = write_native_json(*net);
  auto again = load_network_text(first, "first.json");
  if (!again) fail(again.error().to_string().c_str(), first);
  const std::string second = write_native_json(*again);
  auto third = load_network_text(second, "second.json");
  if (!third) fail(third.error().to_string().c_str(), second);
  if (write_native_json(*third) != second) fail("writing is not a fixed point", second);
  return 0;
}
