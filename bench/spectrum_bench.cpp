// Spectrum hot paths: the union of five links and a block search at about half load.
#include <benchmark/benchmark.h>

#include <random>

#include "spectrum/policy.h"
#include "spectrum/spectrum_state.h"

namespace lightmesh::spectrum {
namespace {

SpectrumState half_loaded() {
  SpectrumState st(Grid{}, 5);
  std::mt19937_64 rng(9);
  for (std::uint32_t l = 0; l < 10; ++l) {
    for (int i = 0; i < 60; ++i) {
      const std::uint32_t start = rng() % (768 - 8);
      const std::vector<std::uint32_t> one{l};
      if (st.link(l).is_free({start, 8})) (void)st.book(one, {start, 8});
    }
  }
  return st;
}

void BM_PathOccupancy5(benchmark::State& state) {
  const SpectrumState st = half_loaded();
  const std::vector<std::uint32_t> links{0, 2, 4, 6, 8};
  SlotMap out(768);
  for (auto _ : state) {
    st.path_occupancy(links, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_PathOccupancy5);

void BM_ChooseBlock(benchmark::State& state) {
  const SpectrumState st = half_loaded();
  const SlotMap occ = st.path_occupancy(std::vector<std::uint32_t>{0, 2, 4, 6, 8});
  std::mt19937_64 rng(1);
  const auto policy = static_cast<Policy>(state.range(0));
  for (auto _ : state) {
    auto b = choose_block(occ, 4, policy, rng);
    benchmark::DoNotOptimize(b);
  }
  state.SetLabel(policy_name(policy));
}
BENCHMARK(BM_ChooseBlock)->DenseRange(0, 3);

}  // namespace
}  // namespace lightmesh::spectrum

BENCHMARK_MAIN();
