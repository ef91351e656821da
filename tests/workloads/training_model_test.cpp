// The training step-time model: closed formulas written out by hand, monotonicity in latency
// and capacity, the reference points of docs/sources.md §3 (docs/workloads.md states the same
// assumptions), and every document error naming its field.
#include "workloads/training_model.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "io/native_reader.h"
#include "model/network.h"
#include "workloads/placement.h"
#include "workloads/training.h"

namespace lightmesh::workloads {
namespace {

SiteSpec gpu_site(const std::string& id, std::uint32_t h100, std::uint32_t domain = 8) {
  SiteSpec s;
  s.id = id;
  s.where = "/sites/" + id;
  Compute c;
  c.gpus.push_back(GpuPool{.model = "H100", .count = h100, .nvlink_domain = domain});
  s.compute = c;
  return s;
}

Network two_sites(double km, std::uint32_t gpus_each = 64) {
  NetworkSpec spec;
  spec.name = "two";
  spec.modes = io::builtin_modes();
  spec.sites = {gpu_site("MITAKA", gpus_each), gpu_site("AKIHABARA", gpus_each)};
  FiberSpec f;
  f.id = "F1";
  f.a = "MITAKA";
  f.b = "AKIHABARA";
  f.length = Km{km};
  f.where = "/fibers/0";
  spec.fibers = {f};
  return build_network(std::move(spec)).value();
}

// A tsuzumi-7B-class job as docs/workloads.md states it: 7 B parameters, 32 layers, hidden 4096,
// sequences of 4096 tokens, one H100 NVLink domain (tp = 8) per replica, two replicas, a 4 M-token
// global batch (512 micro-batches of one sequence per replica), MFU 0.4.
TrainingSpec tsuzumi_class() {
  TrainingSpec t;
  t.gpus = 16;
  t.gpu_model = "H100";
  t.params_b = 7;
  t.layers = 32;
  t.hidden = 4096;
  t.seq = 4096;
  t.micro_batch = 1;
  t.micro_batches = 512;
  t.tp = 8;
  t.pp = 1;
  t.dp = 2;
  t.mfu = 0.4;
  return t;
}

TrainingSpec small_job() {
  TrainingSpec t;
  t.gpus = 32;
  t.gpu_model = "H100";
  t.params_b = 1.5;
  t.layers = 24;
  t.hidden = 2048;
  t.seq = 2048;
  t.micro_batch = 2;
  t.tp = 4;
  t.pp = 2;
  t.dp = 4;
  t.step_compute_s = 2.0;
  return t;
}

TEST(TrainingModel, ComputeFromFlopsIsSixParamsPerToken) {
  const Network net = two_sites(40);
  const TrainingSpec spec = tsuzumi_class();
  const TrainingJob job = training_job(net, spec).value();
  const double tokens = 2.0 * 1 * 512 * 4096;
  const double expected = 6 * 7e9 * tokens / (16 * 989e12 * 0.4);  // H100 datasheet TFLOPS
  EXPECT_NEAR(job.compute_s, expected, 1e-12 * expected);
  EXPECT_DOUBLE_EQ(job.gradient_bytes, 14e9);
  EXPECT_DOUBLE_EQ(job.activation_bytes, 1.0 * 4096 * 4096 * 2);
}

TEST(TrainingModel, ReplicasAcrossTwoSitesHideTheAllReduceBehindBackward) {
  const TrainingJob job = training_job(two_sites(40), small_job()).value();
  const double compute = 2.0, m = 2 * 1.5e9;
  for (double gbps : {10.0, 100.0, 400.0}) {
    const LinkFigure link{300, gbps};
    const StepPrediction p = predict_replicas_across_sites(job, 2, {&link, 1});
    const double allreduce = 2 * 300e-6 + m / (gbps * 1e9 / 8);
    const double exposed = std::max(0.0, allreduce - 2.0 / 3.0 * compute);
    EXPECT_NEAR(p.dp_allreduce_s, allreduce, 1e-12);
    EXPECT_NEAR(p.step_s, compute + exposed, 1e-12);
    EXPECT_NEAR(p.slowdown(), (compute + exposed) / compute, 1e-12);
    EXPECT_EQ(p.single_site_step_s(), compute);
  }
}

TEST(TrainingModel, DilocoPaysOneAllReduceEveryHSteps) {
  TrainingSpec spec = small_job();
  spec.sync = SyncMode::kDiloco;
  spec.diloco_h = 100;
  const TrainingJob job = training_job(two_sites(40), spec).value();
  const LinkFigure link{40000, 1};
  const double allreduce = 2 * 0.04 + 3e9 / (1e9 / 8);
  const StepPrediction p = predict_replicas_across_sites(job, 2, {&link, 1});
  EXPECT_NEAR(p.dp_allreduce_s, allreduce / 100, 1e-12);
  EXPECT_NEAR(p.step_s, 2.0 + allreduce / 100, 1e-12);
  spec.diloco_h = 0;  // absent: 500
  EXPECT_EQ(training_job(two_sites(40), spec)->diloco_h, 500u);
}

TEST(TrainingModel, StageBoundariesPayActivationsBothWaysPerMicroBatch) {
  const TrainingJob job = training_job(two_sites(40), small_job()).value();
  const LinkFigure link{250, 100};
  const StepPrediction p = predict_stages_across_sites(job, {&link, 1});
  const double per_micro_batch = 4 * (2.0 * 2048 * 2048 * 2);  // dp × b·s·h·2
  const double m = 2;                                          // micro-batches default to pp
  const double expected = 2 * m * (250e-6 + per_micro_batch / 12.5e9);
  EXPECT_NEAR(p.pipeline_s, expected, 1e-12);
  EXPECT_NEAR(p.step_s, 2.0 + expected, 1e-12);
}

TEST(TrainingModel, StepNeverDropsWhenBandwidthFallsOrDistanceGrows) {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> us(1, 80000), gbps(0.1, 25600), shrink(0.05, 1),
      grow(1, 20), compute(0.01, 60);
  std::uniform_int_distribution<std::uint32_t> sites(2, 6), coin(0, 1);
  const Network net = two_sites(40, 4096);
  for (int i = 0; i < 2000; ++i) {
    TrainingSpec spec = small_job();
    spec.step_compute_s = compute(rng);
    if (coin(rng)) {
      spec.sync = SyncMode::kDiloco;
      spec.diloco_h = 1 + rng() % 500;
    }
    const TrainingJob job = training_job(net, spec).value();
    const std::uint32_t s = sites(rng);
    std::vector<LinkFigure> links(s == 2 ? 1 : s);
    for (auto& l : links) l = {us(rng), gbps(rng)};
    std::vector<LinkFigure> worse = links;
    const std::size_t k = rng() % links.size();
    if (coin(rng)) {
      worse[k].gbps *= shrink(rng);
    } else {
      worse[k].one_way_us *= grow(rng);
    }
    const double ring = predict_replicas_across_sites(job, s, links).step_s;
    const double ring_worse = predict_replicas_across_sites(job, s, worse).step_s;
    EXPECT_GE(ring_worse, ring);
    std::vector<LinkFigure> chain(links.begin(),
                                  links.begin() + std::min<std::size_t>(links.size(), s - 1));
    std::vector<LinkFigure> chain_worse(worse.begin(), worse.begin() + chain.size());
    EXPECT_GE(predict_stages_across_sites(job, chain_worse).step_s,
              predict_stages_across_sites(job, chain).step_s);
    EXPECT_GE(ring, job.compute_s);
  }
}

// --- Reference points (docs/sources.md §3; assumptions in docs/workloads.md) ------------------

double slowdown_between_two_sites(const Network& net, double one_way_us, double gbps,
                                  const TrainingSpec& spec) {
  const std::vector<SiteShare> shares{{.site = 0, .gpu_model = "H100", .gpus = 8},
                                      {.site = 1, .gpu_model = "H100", .gpus = 8}};
  const auto p = predict_training(net, spec, shares, [&](SiteIndex, SiteIndex) {
    return std::optional<LinkFigure>(LinkFigure{one_way_us, gbps});
  });
  return p.value()["slowdown"].get<double>();
}

TEST(TrainingReference, FortyKilometresOnOneHundredGIsAboutOneSite) {
  // NTT Com, Mitaka–Akihabara, ≈ 40 km over a 100 Gbps APN: 1.005–1.006× a single site.
  const Network net = two_sites(40);
  const SiteMatrix latency = SiteMatrix::build(net);
  // 40 km × 4.9 µs/km + a 15 µs transceiver pair + two site nodes × 0.5 µs (sources §1).
  EXPECT_NEAR(latency.one_way_us(0, 1), 40 * 4.9 + 15 + 1, 1e-9);
  const double s = slowdown_between_two_sites(net, latency.one_way_us(0, 1), 100, tsuzumi_class());
  EXPECT_GE(s, 1.0);
  EXPECT_LT(s, 1.02);
}

TEST(TrainingReference, FifteenMillisecondsAndThreeHundredMegabitsIsSeveralTimesSlower) {
  // The same job over an emulated internet path, 15 ms RTT and 300 Mbps: reported 8.36×.
  const Network net = two_sites(40);
  const double s = slowdown_between_two_sites(net, 7500, 0.3, tsuzumi_class());
  EXPECT_GT(s, 3.0);
  EXPECT_LT(s, 30.0);
}

TEST(TrainingReference, DilocoAcrossContinentsKeepsComputeBusy) {
  // INTELLECT-1: 83–96 % compute utilisation across continents. Here: 150 ms RTT, 1 Gbps, H = 100.
  TrainingSpec spec = tsuzumi_class();
  spec.sync = SyncMode::kDiloco;
  spec.diloco_h = 100;
  const double s = slowdown_between_two_sites(two_sites(40), 75000, 1, spec);
  EXPECT_GE(1 / s, 0.83);
  // Synchronous DP over the same path would leave the GPUs idle most of the time.
  spec.sync = SyncMode::kDataParallel;
  EXPECT_LT(1 / slowdown_between_two_sites(two_sites(40), 75000, 1, spec), 0.5);
}

// --- Documents that can never be placed name their field ------------------------------------

std::string place_of(const TrainingSpec& spec) {
  const auto r = training_job(two_sites(40), spec);
  if (r) return "(accepted)";
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  return r.error().place();
}

TEST(TrainingDocument, EachImpossibleDocumentNamesItsField) {
  TrainingSpec t = small_job();
  EXPECT_EQ(place_of(t), "(accepted)");
  t.gpus = 30;
  EXPECT_EQ(place_of(t), "/gpus");  // 4 × 2 × 4 = 32
  t = small_job();
  t.gpu_model = "MI300X";
  EXPECT_EQ(place_of(t), "/gpu_model");
  t = small_job();
  t.tp = 16;
  t.dp = 1;
  t.gpus = 32;
  EXPECT_EQ(place_of(t), "/tp");  // the NVLink domains hold 8
  t = small_job();
  t.dp = 32;
  t.gpus = 256;
  EXPECT_EQ(place_of(t), "/gpus");  // the network has 128 H100
  t = small_job();
  t.layers = 25;
  EXPECT_EQ(place_of(t), "/pp");
  t = small_job();
  t.params_b = 0;
  EXPECT_EQ(place_of(t), "/params_b");
  t = small_job();
  t.step_compute_s.reset();
  EXPECT_EQ(place_of(t), "/mfu");
  t.mfu = 1.5;
  EXPECT_EQ(place_of(t), "/mfu");
  t = small_job();
  t.max_slowdown = 0.9;
  EXPECT_EQ(place_of(t), "/max_slowdown");
  t = small_job();
  t.hidden = 0;
  EXPECT_EQ(place_of(t), "/hidden");
  t = small_job();
  t.link_gbps = -1;
  EXPECT_EQ(place_of(t), "/link_gbps");
  t = small_job();
  t.pp = 0;
  EXPECT_EQ(place_of(t), "/pp");
}

TEST(TrainingDocument, DatasheetFigures) {
  EXPECT_EQ(gpu_power_kw("H100"), 0.7);
  EXPECT_EQ(gpu_power_kw("h100-sxm"), 0.7);
  EXPECT_EQ(gpu_power_kw("A100"), 0.4);
  EXPECT_EQ(gpu_power_kw("unknown"), 0.7);  // the documented default
  EXPECT_FALSE(datasheet_tflops_bf16("unknown"));
}

}  // namespace
}  // namespace lightmesh::workloads
