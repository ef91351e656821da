// Small networks built in code for the rsa tests, so they need no files.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "model/network.h"

namespace lightmesh::testing {

// A catalogue with hand-picked reaches: 400G/75 GHz to 120 km, 200G/50 GHz to 600 km, 100G/50 GHz
// to 2,500 km. Illustrative figures for tests only.
inline std::vector<TransceiverMode> test_modes() {
  auto mode = [](std::string name, double rate, double baud, double width, double reach) {
    TransceiverMode m;
    m.name = std::move(name);
    m.transceiver = "test";
    m.bit_rate = Gbps{rate};
    m.baud_rate = GBaud{baud};
    m.channel_width = GHz{width};
    m.modulation = "test";
    m.reach = Km{reach};
    m.where = "/transceivers/0";
    return m;
  };
  return {mode("T400", 400, 60, 75, 120), mode("T200", 200, 32, 50, 600),
          mode("T100", 100, 32, 50, 2500)};
}

inline SiteSpec site(std::string id) {
  SiteSpec s;
  s.id = std::move(id);
  s.where = "/sites/" + s.id;
  return s;
}

inline FiberSpec fiber(std::string id, std::string a, std::string b, double km) {
  FiberSpec f;
  f.id = std::move(id);
  f.a = std::move(a);
  f.b = std::move(b);
  f.length = Km{km};
  f.where = "/fibers/" + f.id;
  return f;
}

// A random connected network of `n` sites (ids "S0"…) and about `extra` additional fibres, lengths
// uniform in [min_km, max_km]. Seeded, so each seed is one fixed network.
inline NetworkSpec random_network(std::uint32_t n, std::uint32_t extra, double min_km,
                                  double max_km, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> len(min_km, max_km);
  NetworkSpec spec;
  spec.name = "random";
  spec.modes = test_modes();
  for (std::uint32_t i = 0; i < n; ++i) spec.sites.push_back(site("S" + std::to_string(i)));
  std::uint32_t next = 0;
  auto add = [&](std::uint32_t a, std::uint32_t b) {
    spec.fibers.push_back(fiber("F" + std::to_string(next++), "S" + std::to_string(a),
                                "S" + std::to_string(b), len(rng)));
  };
  for (std::uint32_t i = 1; i < n; ++i)
    add(std::uniform_int_distribution<std::uint32_t>(0, i - 1)(rng), i);
  for (std::uint32_t e = 0; e < extra; ++e) {
    std::uint32_t a = std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng);
    std::uint32_t b = std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng);
    if (a != b) add(a, b);  // parallel fibres are allowed and wanted
  }
  return spec;
}

}  // namespace lightmesh::testing
