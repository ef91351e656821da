// Units as types: a length cannot be added to a delay, and a power in dBm cannot be added to
// another.
//
//   Km route = Km{40.0};
//   Microseconds delay = route * kSsmfDelay;   // Km × MicrosecondsPerKm → Microseconds
//   double us = delay.value();                 // leave the type system only at the edges
//
// Plain values; thread-compatible.
#pragma once

#include <compare>

namespace lightmesh {

// A double with a unit tag. Same-unit values add, subtract and compare; scaling by a plain
// number keeps the unit; the ratio of two same-unit values is a plain number.
template <typename Tag>
class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(double v) : v_(v) {}
  constexpr double value() const { return v_; }

  constexpr Quantity operator+(Quantity o) const { return Quantity{v_ + o.v_}; }
  constexpr Quantity operator-(Quantity o) const { return Quantity{v_ - o.v_}; }
  constexpr Quantity operator-() const { return Quantity{-v_}; }
  constexpr Quantity& operator+=(Quantity o) {
    v_ += o.v_;
    return *this;
  }
  constexpr Quantity& operator-=(Quantity o) {
    v_ -= o.v_;
    return *this;
  }
  constexpr Quantity operator*(double k) const { return Quantity{v_ * k}; }
  constexpr Quantity operator/(double k) const { return Quantity{v_ / k}; }
  constexpr double operator/(Quantity o) const { return v_ / o.v_; }
  friend constexpr Quantity operator*(double k, Quantity q) { return Quantity{k * q.v_}; }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  double v_ = 0.0;
};

struct KmTag {};
struct MicrosecondsTag {};
struct MicrosecondsPerKmTag {};
struct GHzTag {};
struct GbpsTag {};
struct GBaudTag {};
struct DecibelTag {};

using Km = Quantity<KmTag>;
using Microseconds = Quantity<MicrosecondsTag>;
using MicrosecondsPerKm = Quantity<MicrosecondsPerKmTag>;
using GHz = Quantity<GHzTag>;
using Gbps = Quantity<GbpsTag>;
using GBaud = Quantity<GBaudTag>;
using Decibel = Quantity<DecibelTag>;

constexpr Microseconds operator*(Km d, MicrosecondsPerKm r) {
  return Microseconds{d.value() * r.value()};
}
constexpr Microseconds operator*(MicrosecondsPerKm r, Km d) { return d * r; }

// Absolute power. Dbm + Decibel → Dbm and Dbm − Dbm → Decibel; Dbm + Dbm does not compile.
class Dbm {
 public:
  constexpr Dbm() = default;
  constexpr explicit Dbm(double v) : v_(v) {}
  constexpr double value() const { return v_; }
  constexpr Dbm operator+(Decibel g) const { return Dbm{v_ + g.value()}; }
  constexpr Dbm operator-(Decibel g) const { return Dbm{v_ - g.value()}; }
  constexpr Decibel operator-(Dbm o) const { return Decibel{v_ - o.v_}; }
  constexpr auto operator<=>(const Dbm&) const = default;

 private:
  double v_ = 0.0;
};

// Group delay of light in fibre, docs/sources.md §1.
inline constexpr MicrosecondsPerKm kSsmfDelay{4.90};  // G.652/G.654 at 1550 nm, group index ≈ 1.468
inline constexpr MicrosecondsPerKm kHollowCoreDelay{3.34};  // ≈ 99.7 % of c
inline constexpr MicrosecondsPerKm kVacuumDelay{3.336};     // the floor no fibre route beats

}  // namespace lightmesh
