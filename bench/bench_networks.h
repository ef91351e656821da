// Seeded synthetic networks and demands for the benchmarks.
//
//   NetworkSpec spec = gabriel_network(500, 1200.0, 7);   // 500 sites, ≈ 1,000 fibres
//   std::vector<Demand> d = random_demands(net, 1000, 11);
#pragma once

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "io/native_reader.h"
#include "model/demand.h"
#include "model/network.h"

namespace lightmesh::bench {

// A Gabriel graph over n random points in a side_km square, placed at lat/lon near 50 N so lengths
// can also be derived from coordinates: an edge joins two points when no third point lies inside
// the circle on them as diameter. Planar, connected, ≈ 2n edges — the usual shape of synthetic
// transport networks (as in TopoHub's gabriel_* set). Fibre length = straight distance × 1.3.
inline NetworkSpec gabriel_network(std::uint32_t n, double side_km, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, side_km);
  std::vector<double> x(n), y(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    x[i] = u(rng);
    y[i] = u(rng);
  }
  NetworkSpec spec;
  spec.name = "gabriel-" + std::to_string(n);
  spec.modes = io::builtin_modes();
  for (std::uint32_t i = 0; i < n; ++i) {
    SiteSpec s;
    s.id = "N" + std::to_string(i);
    s.position = LatLon{50.0 + y[i] / 111.2, x[i] / (111.2 * std::cos(50.0 * 3.14159265 / 180))};
    s.where = "/sites/" + std::to_string(i);
    spec.sites.push_back(std::move(s));
  }
  for (std::uint32_t a = 0; a < n; ++a) {
    for (std::uint32_t b = a + 1; b < n; ++b) {
      const double mx = (x[a] + x[b]) / 2, my = (y[a] + y[b]) / 2;
      const double r2 = ((x[a] - x[b]) * (x[a] - x[b]) + (y[a] - y[b]) * (y[a] - y[b])) / 4;
      bool empty = true;
      for (std::uint32_t c = 0; c < n && empty; ++c) {
        if (c == a || c == b) continue;
        empty = (x[c] - mx) * (x[c] - mx) + (y[c] - my) * (y[c] - my) >= r2;
      }
      if (!empty) continue;
      FiberSpec f;
      f.id = "F" + std::to_string(spec.fibers.size());
      f.a = spec.sites[a].id;
      f.b = spec.sites[b].id;
      f.length = Km{std::sqrt(4 * r2) * 1.3};
      f.where = "/fibers/" + std::to_string(spec.fibers.size());
      spec.fibers.push_back(std::move(f));
    }
  }
  return spec;
}

// Random site pairs; 100–400 G; one in ten 1+1; one in five with an RTT bound.
inline std::vector<Demand> random_demands(const Network& net, std::uint32_t count,
                                          std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::uint32_t> site(
      0, static_cast<std::uint32_t>(net.sites().size() - 1));
  const double rates[] = {100, 200, 400};
  std::vector<Demand> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    Demand d;
    d.id = "d" + std::to_string(i);
    d.from = net.site(site(rng)).id;
    do d.to = net.site(site(rng)).id;
    while (d.to == d.from);
    d.bandwidth = Gbps{rates[rng() % 3]};
    if (rng() % 10 == 0) d.protection = Protection::kOnePlusOne;
    if (rng() % 5 == 0) d.max_rtt = Microseconds{10000};
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace lightmesh::bench
