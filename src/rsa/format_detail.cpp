#include "rsa/format_detail.h"

#include <fmt/format.h>

#include <cmath>

namespace lightmesh::rsa {

std::string format_number(double v) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  const bool negative = v < 0;
  const long long tenths = std::llround(std::abs(v) * 10.0);
  std::string whole = std::to_string(tenths / 10);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3)
    whole.insert(static_cast<std::size_t>(i), ",");
  std::string out = (negative && tenths != 0 ? "-" : "") + whole;
  if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
  return out;
}

}  // namespace lightmesh::rsa
