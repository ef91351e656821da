#include "io/import.h"

#include "io/json_doc.h"
#include "io/native_reader.h"

namespace lightmesh::io {

Result<ImportFormat> parse_import_format(std::string_view name) {
  if (name == "gnpy") return ImportFormat::kGnpy;
  if (name == "topohub") return ImportFormat::kTopohub;
  if (name == "sndlib") return ImportFormat::kSndlib;
  return Error::invalid("unknown format \"" + std::string(name) +
                        "\" (expected gnpy, topohub or sndlib)");
}

Result<ImportResult> import_network(std::string_view text, std::string_view file,
                                    ImportFormat format, const ImportOptions& options) {
  if (!(options.route_factor >= 1.0 && options.route_factor <= 10.0)) {
    return Error::invalid("the route factor must be between 1 and 10")
        .at(std::string(file), "--route-factor");
  }
  Result<ImportResult> r = Error::internal("unreachable");
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
}

Result<ImportResult> import_network_file(const std::string& path, ImportFormat format,
                                         const ImportOptions& options) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return import_network(text, path, format, options);
}

}  // namespace lightmesh::io
