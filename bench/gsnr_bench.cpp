// Quality of transmission hot path: one GSNR evaluation of a 10-span path (80 km SSMF + EDFA per
// span) carrying 96 channels of 32 GBd, propagated with the closed-form GN model; then the same
// line as an element path (transceiver, ROADM, booster, 10 × fibre + EDFA with a DGT curve, ROADM,
// transceiver) through propagate_path, which also builds each element's model and its trace.
#include <benchmark/benchmark.h>

#include <string>

#include "goal.h"
#include "physics/edfa.h"
#include "physics/element_network.h"
#include "physics/fiber_propagation.h"
#include "physics/line_propagation.h"
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

// The element path: trx → ROADM → booster → 10 × (fibre → EDFA) → ROADM → trx.
struct ElementLine {
  Equipment eq;
  physics::ElementNetwork net;
  std::vector<physics::ElementIndex> path;
};

ElementLine element_line() {
  ElementLine l;
  EdfaType amp{.type_variety = "std_medium_gain",
               .gain_flatmax_db = 26,
               .gain_min_db = 15,
               .p_max_dbm = 23,
               .nf_min_db = 6,
               .nf_max_db = 10};
  // A made-up smooth DGT curve over the C band. The tilt targets are 0, as GNPy's design sets them.
  amp.config = {.f_min_hz = 191.275e12,
                .f_max_hz = 196.125e12,
                .nf_ripple_db = {0.0},
                .gain_ripple_db = {0.0}};
  for (int k = 0; k < 96; ++k) amp.config.dgt.push_back(1.0 + 0.01 * k);
  l.eq.edfas.push_back(amp);
  l.eq.roadms.push_back({.type_variety = "default", .target = -20, .add_drop_osnr_db = 38});
  auto add = [&](std::string uid, std::string variety, auto data) {
    l.path.push_back(
        l.net.add({.uid = std::move(uid), .type_variety = std::move(variety), .data = data}));
    if (l.path.size() > 1) l.net.add_connection(l.path[l.path.size() - 2], l.path.back());
  };
  add("trx A", "", physics::TransceiverElement{});
  add("roadm A", "default", physics::RoadmElement{});
  add("booster A", "std_medium_gain",
      physics::EdfaElement{.gain_target_db = 20, .tilt_target_db = 0});
  for (int k = 0; k < 10; ++k) {
    physics::FiberElement f;
    f.params = {
        .length_m = 70e3 + 2e3 * k, .loss_db_per_km = 0.2, .con_in_db = 0.5, .con_out_db = 0.5};
    add("span " + std::to_string(k), "SSMF", f);
    add("amp " + std::to_string(k), "std_medium_gain",
        physics::EdfaElement{.gain_target_db = 15 + 0.4 * k, .tilt_target_db = 0});
  }
  add("roadm B", "default", physics::RoadmElement{});
  add("trx B", "", physics::TransceiverElement{});
  return l;
}

double propagate_element_line(const ElementLine& l) {
  SpectralInfo s = *physics::uniform_spectrum({.f_min_hz = 191.3e12,
                                               .f_max_hz = 196.1e12,
                                               .spacing_hz = 50e9,
                                               .baud_rate_hz = 32e9,
                                               .power_w = 1e-3});
  auto trace = physics::propagate_path(l.net, l.path, l.eq, s, {});
  return trace->receiver.summary.gsnr_01nm_db;
}

void BM_PropagatePath10Spans96Channels(benchmark::State& state) {
  const ElementLine l = element_line();
  for (auto _ : state) benchmark::DoNotOptimize(propagate_element_line(l));
}
BENCHMARK(BM_PropagatePath10Spans96Channels)->Unit(benchmark::kMicrosecond);

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

  const ElementLine l = element_line();
  const double sp = median_seconds(9, [&] {
    for (int i = 0; i < kBatch; ++i) gsnr = propagate_element_line(l);
  });
  std::snprintf(what, sizeof what, "propagate_path, 10 spans + 2 ROADMs, 96 channels (%.2f dB)",
                gsnr);
  print_goal(what, sp / kBatch, 50e-6);
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
