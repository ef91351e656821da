#include "cli/bounded_option.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace lightmesh::cli {

CLI::Validator within(const Bound& bound) {
  return CLI::Validator(
      [bound](std::string& text) -> std::string {
        // strtod rather than CLI11's own conversion: the text is checked before any cast, and
        // "nan", "inf" and 1e400 (ERANGE) are named as such.
        errno = 0;
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size())
          return text + " is not a number (expected " + bound.describe() + ")";
        if (errno == ERANGE && std::abs(v) > 1)
          return text + " is too large (expected " + bound.describe() + ")";
        if (!bound.contains(v)) return bound.refusal(v);
        return {};
      },
      bound.describe());
}

}  // namespace lightmesh::cli
