#include "core/bounded.h"

#include <fmt/format.h>

namespace lightmesh {
namespace {

// Whole numbers below 10^15 with thousands separators ("40,000"), others as %g ("1e-06").
std::string readable(double v) {
  if (std::floor(v) != v || std::abs(v) >= 1e15) return fmt::format("{:g}", v);
  std::string digits = fmt::format("{:.0f}", std::abs(v));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return (v < 0 ? "−" : "") + digits;
}

}  // namespace

std::string Bound::describe() const {
  const std::string unit_suffix = *unit ? std::string(" ") + unit : "";
  if (whole)
    return fmt::format("a whole number {}…{}{}", readable(min), readable(max), unit_suffix);
  return fmt::format("{} {} x ≤ {}{}", readable(min), min_open ? "<" : "≤", readable(max),
                     unit_suffix);
}

std::string Bound::refusal(double v) const {
  if (std::isnan(v)) return fmt::format("NaN is not a number (expected {})", describe());
  if (std::isinf(v))
    return fmt::format("{}infinity is not a finite number (expected {})", v < 0 ? "-" : "",
                       describe());
  if (whole && v >= min && v <= max && std::floor(v) != v)
    return fmt::format("{:g} is not a whole number (expected {})", v, describe());
  return fmt::format("{:g} is out of range (expected {})", v, describe());
}

std::string id_length_refusal(std::size_t bytes, std::size_t max) {
  return fmt::format("{} bytes is too long for an id (expected at most {} bytes)", bytes, max);
}

}  // namespace lightmesh
