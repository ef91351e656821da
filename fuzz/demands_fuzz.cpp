// libFuzzer target: the demands reader, checked against a small fixed network.
#include <cstdint>
#include <string_view>

#include "io/load.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto net = lightmesh::io::load_network_text(
      R"({"sites": [{"id": "A"}, {"id": "B"}], "fibers": [{"id": "AB", "a": "A", "b": "B", "length_km": 10}]})",
      "net.json");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool yaml = size > 0 && (data[0] & 1);
  (void)lightmesh::io::parse_demands(text, yaml ? "fuzz.yaml" : "fuzz.json", &net.value());
  return 0;
}
