// libFuzzer target: the GNPy topology importer on arbitrary bytes. It must return errors as values
// (never an internal one), and whatever it accepts must pass build_network() and load again from
// the native JSON the writer makes of it.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/import.h"
#include "io/load.h"
#include "io/native_writer.h"
#include "model/network.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lightmesh;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto imported =
      io::import_network(text, "fuzz.json", io::ImportFormat::kGnpy, io::ImportOptions{1.3});
  if (!imported) {
    if (imported.error().code() == ErrorCode::kInternal)
      fail("internal error", imported.error().to_string());
    return 0;
  }
  auto net = build_network(std::move(imported->spec));
  if (!net) fail("an imported spec does not build", net.error().to_string());
  const std::string written = io::write_native_json(*net);
  auto again = io::load_network_text(written, "written.json");
  if (!again) fail(again.error().to_string().c_str(), written);
  return 0;
}
