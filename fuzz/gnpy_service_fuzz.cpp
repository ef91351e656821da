// libFuzzer target: the GNPy service (path-request) reader on arbitrary bytes. It must return
// errors as values (never an internal one), and whatever it accepts must write and read back as
// the same document, as service.h promises.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "qot/service.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lightmesh;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto doc = qot::read_gnpy_services(input, "fuzz.json");
  if (!doc) {
    if (doc.error().code() == ErrorCode::kInternal) fail("internal error", doc.error().to_string());
    return 0;
  }
  const std::string written = qot::write_gnpy_services(*doc);
  auto back = qot::read_gnpy_services(written, "written.json");
  if (!back) fail("the written document does not read back", back.error().to_string());
  if (!(*back == *doc)) fail("the written document reads back differently", written);
  return 0;
}
