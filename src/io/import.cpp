#include "io/import.h"

#include <fmt/format.h>

#include <cmath>
#include <exception>

#include "io/gnpy_reader.h"
#include "io/json_doc.h"
#include "io/native_reader.h"
#include "io/sndlib_reader.h"
#include "io/topohub_reader.h"

namespace lightmesh::io {

Result<ImportFormat> parse_import_format(std::string_view name) {
  if (name == "gnpy") return ImportFormat::kGnpy;
  if (name == "topohub") return ImportFormat::kTopohub;
  if (name == "sndlib") return ImportFormat::kSndlib;
  return Error::invalid("unknown format \"" + printable(name) +
                        "\" (expected gnpy, topohub or sndlib)");
}

Result<ImportResult> import_network(std::string_view text, std::string_view file,
                                    ImportFormat format, const ImportOptions& options) {
  if (!(std::isfinite(options.route_factor) && options.route_factor >= 1.0 &&
        options.route_factor <= 10.0)) {
    return Error::invalid(fmt::format("{:g} is not a route factor (expected 1…10: a fibre route is "
                                      "never shorter than the great circle)",
                                      options.route_factor))
        .at(std::string(file), "route_factor");
  }
  // The readers return errors as values; this only keeps a library bug (or running out of memory)
  // from escaping as an exception.
  try {
    Result<ImportResult> r = Error::internal("unknown import format");
    switch (format) {
      case ImportFormat::kGnpy:
        r = import_gnpy(text, file, options);
        break;
      case ImportFormat::kTopohub:
        r = import_topohub(text, file, options);
        break;
      case ImportFormat::kSndlib:
        r = import_sndlib(text, file, options);
        break;
    }
    if (r) r->spec.modes = builtin_modes();
    return r;
  } catch (const std::exception& e) {
    return Error::internal(std::string("import failed: ") + e.what()).at(std::string(file));
  }
}

Result<ImportResult> import_network_file(const std::string& path, ImportFormat format,
                                         const ImportOptions& options) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return import_network(text, path, format, options);
}

}  // namespace lightmesh::io
