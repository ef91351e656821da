// Random streams for the simulator: xoshiro256** (Blackman and Vigna, 2018) seeded through
// splitmix64, with the few distributions a traffic model needs.
//
//   RandomStream rng = RandomStream::for_stream(seed, replication);
//   double gap = rng.exponential(1.0 / rate);  std::uint32_t pair = rng.below(182);
//
// Why our own: std::mt19937_64 carries 2.5 kB of state and its distributions differ between
// standard libraries, so the same seed would not give the same run everywhere. xoshiro256** is
// 32 bytes, passes BigCrush, and costs about a nanosecond a draw. Every draw here is defined by
// this file alone, so results are reproducible on any platform with IEEE doubles and the same libm
// log().
//
// Thread-compatible: one stream per replication, never shared.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace lightmesh::sim {

// The 256-layer ziggurat of the unit exponential (Marsaglia and Tsang, "The ziggurat method for
// generating random variables", J. Stat. Softw. 5(8), 2000): 98.9 % of draws cost one table look-up
// and one multiplication instead of a log(). Layer boundaries use 53-bit integers, so draws keep
// the resolution of a double. Built once, then read only (thread-safe).
struct ExponentialZiggurat {
  std::array<std::uint64_t, 256> k;  // accept j < k[i] at once
  std::array<double, 256> w;         // x = j × w[i]
  std::array<double, 256> f;         // exp(−x) at the layer edges
  ExponentialZiggurat() {
    const double m = 0x1.0p53;
    double de = 7.697117470131487;
    const double ve = 3.949659822581572e-3;
    const double q = ve / std::exp(-de);
    k[0] = static_cast<std::uint64_t>((de / q) * m);
    k[1] = 0;
    w[0] = q / m;
    w[255] = de / m;
    f[0] = 1.0;
    f[255] = std::exp(-de);
    double tde = de;
    for (int i = 254; i >= 1; --i) {
      de = -std::log(ve / de + std::exp(-de));
      k[i + 1] = static_cast<std::uint64_t>((de / tde) * m);
      tde = de;
      f[i] = std::exp(-de);
      w[i] = de / m;
    }
  }
  static const ExponentialZiggurat& get() {
    static const ExponentialZiggurat z;
    return z;
  }
};

// One step of splitmix64: a good 64-bit mix, used to seed and to derive independent streams.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class RandomStream {
 public:
  explicit RandomStream(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto& w : s_) w = splitmix64(sm);
  }
  // The stream of replication `index` under `seed`: streams of different indices are independent
  // for all practical purposes (their seeds are splitmix64 outputs of distinct inputs).
  static RandomStream for_stream(std::uint64_t seed, std::uint64_t index) {
    std::uint64_t sm = seed ^ 0x5851f42d4c957f2dULL;
    std::uint64_t mixed = splitmix64(sm);
    sm = mixed + index * 0xd1342543de82ef95ULL;
    return RandomStream(splitmix64(sm));
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in (0, 1]: never 0, so log() is always finite.
  double uniform_open0() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }

  // Exponential with the given mean (ziggurat; see ExponentialZiggurat).
  double exponential(double mean) { return unit_exponential() * mean; }

  double unit_exponential() {
    const ExponentialZiggurat& z = ExponentialZiggurat::get();
    while (true) {
      const std::uint64_t r = next();
      const unsigned i = r & 255;
      const std::uint64_t j = r >> 11;
      const double x = static_cast<double>(j) * z.w[i];
      if (j < z.k[i]) return x;
      if (i == 0) return 7.697117470131487 - std::log(uniform_open0());  // the tail
      if (z.f[i] + uniform_open0() * (z.f[i - 1] - z.f[i]) < std::exp(-x)) return x;
    }
  }

  // Uniform integer in [0, n), n ≥ 1, exactly uniform (Lemire's multiply-and-reject, 2019).
  std::uint32_t below(std::uint32_t n) {
    std::uint64_t m = static_cast<std::uint64_t>(static_cast<std::uint32_t>(next() >> 32)) * n;
    auto low = static_cast<std::uint32_t>(m);
    if (low < n) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(-n) % n;
      while (low < threshold) {
        m = static_cast<std::uint64_t>(static_cast<std::uint32_t>(next() >> 32)) * n;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace lightmesh::sim
