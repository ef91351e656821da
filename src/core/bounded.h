// Valid ranges for numbers read from input, and conversions from double to integer that cannot
// leave the integer's range (casting an out-of-range double to an integer is undefined behaviour).
//
//   if (!limits::kPue.contains(v)) return Error::invalid(limits::kPue.refusal(v));
//   std::int64_t tenths = saturate<std::int64_t>(v * 10.0);
//
// Every range that input is checked against lives in core/limits.h, so the readers (io), the REST
// and TAPI bodies (server) and the command-line options (cli) agree, and the documented table
// (docs/formats.md) has one source. Values of these types are constant and thread-safe.
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string>

namespace lightmesh {

// A closed or half-open interval of finite numbers with its unit, as a message states it.
struct Bound {
  double min;
  double max;
  bool min_open = false;  // min itself is outside (a length > 0)
  const char* unit = "";  // "km", "Gb/s"; empty for pure numbers
  bool whole = false;     // only whole numbers (counts)

  // NaN and infinities are never inside.
  bool contains(double v) const {
    if (!std::isfinite(v) || v > max) return false;
    if (min_open ? v <= min : v < min) return false;
    return !whole || std::floor(v) == v;
  }
  // "0 < x ≤ 10,000,000 Gb/s", "whole number 0…10,000".
  std::string describe() const;
  // "1e+19 is out of range (expected 0 < x ≤ 10,000,000 Gb/s)"; "NaN is not a finite number…".
  std::string refusal(double v) const;
};

// The refusal of an id (or a name) of `bytes` bytes when at most `max` are allowed:
// "300 bytes is too long for an id (expected at most 256 bytes)".
std::string id_length_refusal(std::size_t bytes, std::size_t max);

// `v` rounded toward zero into T's range: NaN gives 0, values beyond the range give T's min or max.
// For places where a double becomes a count or an index after the inputs were bounded, so that a
// value that slipped through still cannot be undefined behaviour.
template <std::integral T>
T saturate(double v) {
  if (std::isnan(v)) return 0;
  // T's max as a double rounds up to a power of two when it is not representable (2^63 − 1
  // becomes 2^63), so every double below it converts exactly.
  if (v >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  if (v <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
  return static_cast<T>(v);
}

// The nearest integer, saturating as saturate() does.
template <std::integral T>
T saturate_round(double v) {
  return saturate<T>(std::round(v));
}

}  // namespace lightmesh
