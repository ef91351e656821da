// libFuzzer target: the topohub importer, then validation of what it produced.
#include <cstdint>
#include <string_view>

#include "io/import.h"
#include "model/network.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = lightmesh::io::import_network(text, "fuzz.json", lightmesh::io::ImportFormat::kTopohub,
                                         lightmesh::io::ImportOptions{});
  if (r) (void)lightmesh::build_network(std::move(r->spec));
  return 0;
}
