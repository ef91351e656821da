// libFuzzer target: the native network reader (JSON and YAML) and validation on arbitrary bytes.
#include <cstdint>
#include <string_view>

#include "io/load.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first byte picks the syntax, so both parsers see every input shape.
  const bool yaml = size > 0 && (data[0] & 1);
  (void)lightmesh::io::load_network_text(text, yaml ? "fuzz.yaml" : "fuzz.json");
  return 0;
}
