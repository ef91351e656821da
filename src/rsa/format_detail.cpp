#include "rsa/format_detail.h"

#include <fmt/format.h>

#include <cmath>

#include "core/bounded.h"

namespace lightmesh::rsa {

std::string format_number(double v) {
  // Beyond 10^15 tenths no longer fit exactly, and grouping 16 digits helps nobody: such a value
  // (which only an out-of-range input can produce) is written in exponent form, never cast.
  if (!std::isfinite(v) || std::abs(v) >= 1e15) return fmt::format("{:g}", v);
  const bool negative = v < 0;
  const long long tenths = saturate_round<long long>(std::abs(v) * 10.0);
  std::string whole = std::to_string(tenths / 10);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3)
    whole.insert(static_cast<std::size_t>(i), ",");
  std::string out = (negative && tenths != 0 ? "-" : "") + whole;
  if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
  return out;
}

}  // namespace lightmesh::rsa
