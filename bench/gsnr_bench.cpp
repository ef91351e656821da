// Quality of transmission hot path: one GSNR evaluation of a 10-span path (80 km SSMF + EDFA per
// span) carrying 96 channels of 32 GBd, propagated with the closed-form GN model.
#include <benchmark/benchmark.h>

#include <string>

#include "goal.h"
#include "physics/edfa.h"
#include "physics/fiber_propagation.h"
#include "physics/spectral_info.h"

namespace lightmesh::bench {
namespace {

using physics::Edfa;
using physics::EdfaParams;
using physics::Fiber;
using physics::SpectralInfo;

struct Line {
  std::vector<Fiber> spans;
  std::vector<Edfa> amps;
};

Line ten_spans() {
  Line line;
  for (int k = 0; k < 10; ++k) {
    // Slightly different lengths so no span is a copy of the one before.
    line.spans.push_back(*Fiber::create(
        {.length_m = 70e3 + 2e3 * k, .loss_db_per_km = 0.2, .con_in_db = 0.5, .con_out_db = 0.5}));
    line.amps.push_back(
        *Edfa::create(EdfaParams::variable_gain("std_medium_gain", 15, 26, 23, 6, 10)));
  }
  return line;
}

// Launch 0 dBm per channel into every span; each amplifier restores the span's loss.
double gsnr_01nm(const Line& line) {
  SpectralInfo s = *physics::uniform_spectrum({.f_min_hz = 191.3e12,
                                               .f_max_hz = 196.1e12,
                                               .spacing_hz = 50e9,
                                               .baud_rate_hz = 32e9,
                                               .power_w = 1e-3});
  for (std::size_t k = 0; k < line.spans.size(); ++k) {
    line.spans[k].propagate(s);
    (void)line.amps[k].propagate_with_gain(s, line.spans[k].total_loss_db());
  }
  return physics::summarize(s).gsnr_01nm_db;
}

void BM_Gsnr10Spans96Channels(benchmark::State& state) {
  const Line line = ten_spans();
  for (auto _ : state) benchmark::DoNotOptimize(gsnr_01nm(line));
}
BENCHMARK(BM_Gsnr10Spans96Channels)->Unit(benchmark::kMicrosecond);

void goals() {
  const Line line = ten_spans();
  constexpr int kBatch = 200;
  double gsnr = 0;
  const double s = median_seconds(9, [&] {
    for (int i = 0; i < kBatch; ++i) gsnr = gsnr_01nm(line);
  });
  char what[96];
  std::snprintf(what, sizeof what, "one GSNR evaluation, 10 spans, 96 channels (%.2f dB)", gsnr);
  print_goal(what, s / kBatch, 50e-6);
}

}  // namespace
}  // namespace lightmesh::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  lightmesh::bench::goals();
  return 0;
}
