// The training placer: on random instances of up to 8 sites its cost equals a brute-force
// enumeration written here (every site set, layout, GPU split and order); tensor parallelism is
// never split across sites; its own re-prediction agrees; refusals name their rule.
#include "workloads/training.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "io/native_reader.h"

namespace lightmesh::workloads {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Instance {
  Network net;
  SiteMatrix latency;
  TrainingSpec spec;
};

// Sites S0… with one H100 pool each (whole NVLink domains of 4 or 8, or none), a price and a PUE
// (sometimes absent), and a symmetric matrix of one-way latencies with some pairs unreachable.
Instance random_instance(std::mt19937_64& rng, std::uint32_t sites) {
  NetworkSpec spec;
  spec.name = "random";
  spec.modes = io::builtin_modes();
  std::uniform_real_distribution<double> price(20, 150), pue(1.0, 1.6), us(5, 5000);
  for (std::uint32_t i = 0; i < sites; ++i) {
    SiteSpec s;
    s.id = "S" + std::to_string(i);
    s.where = "/sites/" + std::to_string(i);
    const std::uint32_t domain = rng() % 2 ? 8 : 4;
    const std::uint32_t domains = rng() % 5;
    if (domains > 0) {
      Compute c;
      c.gpus.push_back(
          GpuPool{.model = "H100", .count = domain * domains, .nvlink_domain = domain});
      s.compute = c;
    }
    if (rng() % 5) s.power_price_usd_mwh = price(rng);
    if (rng() % 5) s.pue = pue(rng);
    spec.sites.push_back(std::move(s));
  }
  std::vector<double> matrix(sites * sites, 0);
  for (std::uint32_t a = 0; a < sites; ++a) {
    for (std::uint32_t b = a + 1; b < sites; ++b) {
      const double v = rng() % 10 == 0 ? kInf : us(rng);
      matrix[a * sites + b] = matrix[b * sites + a] = v;
    }
  }
  TrainingSpec t;
  const std::uint32_t tps[] = {1, 2, 4, 8};
  t.tp = tps[rng() % 4];
  t.pp = 1 + rng() % 4;
  t.dp = 1 + rng() % 5;
  t.gpus = t.tp * t.pp * t.dp;
  t.gpu_model = "H100";
  t.layers = t.pp * 2;
  t.params_b = std::uniform_real_distribution<double>(0.05, 3)(rng);
  t.hidden = 1024 * (1 + rng() % 4);
  t.seq = 1024 * (1 + rng() % 4);
  t.micro_batch = 1 + rng() % 2;
  t.step_compute_s = std::uniform_real_distribution<double>(0.2, 5)(rng);
  t.max_slowdown = std::uniform_real_distribution<double>(1.0, 1.3)(rng);
  if (rng() % 3 == 0) {
    t.sync = SyncMode::kDiloco;
    t.diloco_h = 1 + rng() % 50;
  }
  if (rng() % 5 == 0) t.link_gbps = 100.0 * (1 + rng() % 8);
  Network net = build_network(std::move(spec)).value();
  return {std::move(net), SiteMatrix::from_values(sites, std::move(matrix)), t};
}

// Free TP groups of a pool made of whole NVLink domains.
std::uint32_t groups(const Site& site, std::uint32_t tp) {
  if (!site.compute) return 0;
  const GpuPool& pool = site.compute->gpus.front();
  if (pool.nvlink_domain < tp) return 0;
  return pool.count / pool.nvlink_domain * (pool.nvlink_domain / tp);
}

double usd_per_gpu_h(const Site& site) {
  // Defaults of docs/sources.md §9 for a site that states neither.
  return 0.7 * site.pue.value_or(1.58) * site.power_price_usd_mwh.value_or(80.0) / 1000;
}

// The least cost over everything the contract allows, by enumeration.
double brute_force_cost(const Instance& in) {
  const TrainingJob job = training_job(in.net, in.spec).value();
  const std::uint32_t n = static_cast<std::uint32_t>(in.net.sites().size());
  double best = kInf;
  for (SiteIndex s = 0; s < n; ++s) {
    if (std::uint64_t{groups(in.net.site(s), job.tp)} * job.tp >= job.gpus) {
      best = std::min(best, job.gpus * usd_per_gpu_h(in.net.site(s)));
    }
  }
  auto within = [&](double slowdown) { return slowdown <= job.max_slowdown * (1 + 1e-12); };
  for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
    std::vector<SiteIndex> set;
    for (SiteIndex s = 0; s < n; ++s) {
      if (mask & (1u << s)) set.push_back(s);
    }
    if (set.size() < 2) continue;
    bool reachable = true;
    for (SiteIndex a : set) {
      for (SiteIndex b : set) reachable = reachable && in.latency.reachable(a, b);
    }
    if (!reachable) continue;
    for (bool ring : {true, false}) {
      const std::uint32_t unit = ring ? job.tp * job.pp : job.tp * job.dp;
      const std::uint32_t needed = ring ? job.dp : job.pp;
      std::vector<std::uint32_t> units(set.size(), 0);
      // Every split of `needed` units, at least one per site, within each site's free groups.
      std::function<void(std::size_t, std::uint32_t)> split = [&](std::size_t i,
                                                                  std::uint32_t left) {
        if (i == set.size()) {
          if (left != 0) return;
          double energy = 0;
          for (std::size_t k = 0; k < set.size(); ++k) {
            energy += units[k] * unit * usd_per_gpu_h(in.net.site(set[k]));
          }
          std::vector<std::size_t> perm(set.size());
          std::iota(perm.begin(), perm.end(), 0);
          do {
            std::vector<LinkFigure> links;
            for (std::size_t k = 0; k + 1 < perm.size(); ++k) {
              links.push_back({in.latency.one_way_us(set[perm[k]], set[perm[k + 1]]), 0});
            }
            if (ring && perm.size() >= 3) {
              links.push_back({in.latency.one_way_us(set[perm.back()], set[perm.front()]), 0});
            }
            auto slowdown_at = [&](double gbps) {
              for (auto& l : links) l.gbps = gbps;
              return ring ? predict_replicas_across_sites(
                                job, static_cast<std::uint32_t>(set.size()), links)
                                .slowdown()
                          : predict_stages_across_sites(job, links).slowdown();
            };
            if (job.link_gbps) {
              const double s = slowdown_at(*job.link_gbps);
              if (within(s)) best = std::min(best, energy * s);
            } else {
              for (std::uint32_t w = 1; w <= 64; ++w) {
                const double s = slowdown_at(w * 400.0);
                if (within(s)) {
                  best = std::min(best, energy * s);
                  break;
                }
              }
            }
          } while (std::next_permutation(perm.begin(), perm.end()));
          return;
        }
        const std::uint32_t cap = groups(in.net.site(set[i]), job.tp) / (unit / job.tp);
        for (std::uint32_t u = 1; u <= std::min(cap, left); ++u) {
          units[i] = u;
          split(i + 1, left - u);
        }
      };
      split(0, needed);
    }
  }
  return best;
}

// What must hold of any placement, checked without the placer's code.
void expect_valid(const Instance& in, const Choice& c) {
  const TrainingSpec& t = in.spec;
  std::uint64_t total = 0;
  const bool replicas = std::all_of(c.sites.begin(), c.sites.end(), [&](const SiteShare& s) {
    return s.gpus % (t.tp * t.pp) == 0;
  });
  const bool stages = std::all_of(c.sites.begin(), c.sites.end(),
                                  [&](const SiteShare& s) { return s.gpus % (t.tp * t.dp) == 0; });
  EXPECT_TRUE(c.sites.size() == 1 || replicas || stages);
  for (const SiteShare& s : c.sites) {
    // Tensor parallelism never leaves a site: whole TP groups, each in one NVLink domain there.
    EXPECT_EQ(s.gpus % t.tp, 0u);
    EXPECT_LE(s.gpus, groups(in.net.site(s.site), t.tp) * t.tp);
    EXPECT_EQ(s.gpu_model, "H100");
    EXPECT_EQ(s.role, "training");
    total += s.gpus;
  }
  EXPECT_EQ(total, t.gpus);
  for (const LinkNeed& l : c.links) {
    EXPECT_TRUE(in.latency.reachable(l.a, l.b));
    if (t.link_gbps) {
      EXPECT_EQ(l.gbps, *t.link_gbps);
    } else {
      EXPECT_EQ(std::fmod(l.gbps, 400.0), 0.0);
    }
  }
  const double slowdown = c.prediction["slowdown"].get<double>();
  EXPECT_LE(slowdown, t.max_slowdown * (1 + 1e-12));
  EXPECT_GE(slowdown, 1.0);
  for (const auto& l : c.prediction["links"]) {
    const SiteIndex a = in.net.find_site(l["a"].get<std::string>());
    const SiteIndex b = in.net.find_site(l["b"].get<std::string>());
    EXPECT_GE(l["alpha_us"].get<double>(), in.latency.one_way_us(a, b));
  }
  // Re-predicting the placement with the links as provisioned gives no slower a step.
  auto figure = [&](SiteIndex a, SiteIndex b) -> std::optional<LinkFigure> {
    for (const LinkNeed& l : c.links) {
      if ((l.a == a && l.b == b) || (l.a == b && l.b == a)) {
        return LinkFigure{in.latency.one_way_us(a, b), l.gbps};
      }
    }
    return std::nullopt;
  };
  const auto again = predict_training(in.net, t, c.sites, figure);
  ASSERT_TRUE(again) << again.error().to_string();
  EXPECT_LE((*again)["step_s"].get<double>(), c.prediction["step_s"].get<double>() * (1 + 1e-12));
  // Cost is the energy of a useful hour.
  double energy = 0;
  for (const SiteShare& s : c.sites) energy += s.gpus * usd_per_gpu_h(in.net.site(s.site));
  EXPECT_NEAR(c.cost_usd_h, energy * slowdown, 1e-9 * std::max(1.0, c.cost_usd_h));
}

TEST(TrainingPlacer, CostEqualsBruteForceUpToEightSites) {
  std::mt19937_64 rng(2024);
  int placed = 0, refused = 0, multi_site = 0;
  for (int i = 0; i < 400; ++i) {
    const Instance in = random_instance(rng, 1 + rng() % 8);
    if (!training_job(in.net, in.spec)) continue;  // e.g. more GPUs than the network has
    const double truth = brute_force_cost(in);
    const auto c =
        choose_training(in.net, in.latency, FreeCompute::from_inventory(in.net), in.spec);
    ASSERT_TRUE(c) << c.error().to_string();
    SCOPED_TRACE("instance " + std::to_string(i));
    if (std::isinf(truth)) {
      EXPECT_TRUE(c->refusal.has_value());
      ++refused;
      continue;
    }
    ASSERT_FALSE(c->refusal.has_value()) << c->refusal->detail;
    EXPECT_NEAR(c->cost_usd_h, truth, 1e-9 * std::max(1.0, truth));
    expect_valid(in, *c);
    ++placed;
    if (c->sites.size() > 1) ++multi_site;
  }
  // The random instances exercise both outcomes and multi-site placements.
  EXPECT_GT(placed, 40);
  EXPECT_GT(refused, 10);
  EXPECT_GT(multi_site, 10);
}

TEST(TrainingPlacer, LargerNetworksGiveValidDeterministicPlacements) {
  std::mt19937_64 rng(77);
  int placed = 0;
  for (int i = 0; i < 30; ++i) {
    const Instance in = random_instance(rng, 12 + rng() % 20);
    if (!training_job(in.net, in.spec)) continue;
    const FreeCompute free = FreeCompute::from_inventory(in.net);
    const auto a = choose_training(in.net, in.latency, free, in.spec);
    const auto b = choose_training(in.net, in.latency, free, in.spec);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->refusal.has_value(), b->refusal.has_value());
    if (a->refusal) continue;
    EXPECT_EQ(a->prediction.dump(), b->prediction.dump());
    EXPECT_EQ(a->cost_usd_h, b->cost_usd_h);
    expect_valid(in, *a);
    ++placed;
  }
  EXPECT_GT(placed, 5);
}

Network two_sites_of_eight(double price_a, double price_b) {
  NetworkSpec spec;
  spec.name = "two";
  spec.modes = io::builtin_modes();
  for (const char* id : {"A", "B"}) {
    SiteSpec s;
    s.id = id;
    s.where = std::string("/sites/") + id;
    Compute c;
    c.gpus.push_back(GpuPool{.model = "H100", .count = 8, .nvlink_domain = 8});
    s.compute = c;
    s.power_price_usd_mwh = s.id == "A" ? price_a : price_b;
    spec.sites.push_back(std::move(s));
  }
  return build_network(std::move(spec)).value();
}

TrainingSpec sixteen_gpus() {
  TrainingSpec t;
  t.gpus = 16;
  t.gpu_model = "H100";
  t.params_b = 7;
  t.layers = 32;
  t.hidden = 4096;
  t.seq = 4096;
  t.tp = 8;
  t.dp = 2;
  t.step_compute_s = 30;
  return t;
}

TEST(TrainingPlacer, TwoNearbySitesAreSizedInWavelengths) {
  const Network net = two_sites_of_eight(50, 60);
  const SiteMatrix latency = SiteMatrix::from_values(2, {0, 210, 210, 0});
  const auto c = choose_training(net, latency, FreeCompute::from_inventory(net), sixteen_gpus());
  ASSERT_TRUE(c && !c->refusal);
  ASSERT_EQ(c->sites.size(), 2u);
  ASSERT_EQ(c->links.size(), 1u);
  // 14 GB every 30 s step hides behind backward on one wavelength: 2α + 14e9/50e9 ≪ 20 s.
  EXPECT_EQ(c->links[0].gbps, 400);
  EXPECT_EQ(c->links[0].purpose, "dp all-reduce");
  EXPECT_EQ(c->prediction["slowdown"].get<double>(), 1.0);
  // The sites state no PUE, so the 1.58 default of docs/sources.md §9 applies.
  EXPECT_NEAR(c->cost_usd_h, 1.58 * (8 * 0.7 * 50 / 1000 + 8 * 0.7 * 60 / 1000), 1e-12);
}

TEST(TrainingPlacer, RefusesWhatCannotBePlacedNow) {
  const Network net = two_sites_of_eight(50, 60);
  const SiteMatrix far = SiteMatrix::from_values(2, {0, 60000, 60000, 0});
  TrainingSpec t = sixteen_gpus();
  t.step_compute_s = 0.05;
  t.max_slowdown = 1.01;
  auto c = choose_training(net, far, FreeCompute::from_inventory(net), t);
  ASSERT_TRUE(c && c->refusal);
  EXPECT_EQ(c->refusal->rule, "max_slowdown");
  EXPECT_EQ(c->refusal->reason, "SLOWDOWN");

  FreeCompute busy = FreeCompute::from_inventory(net);
  busy.sites[1].gpus[0].count = 4;  // half of B is granted to another workload
  c = choose_training(net, far, busy, sixteen_gpus());
  ASSERT_TRUE(c && c->refusal);
  EXPECT_EQ(c->refusal->rule, "gpus");
  EXPECT_EQ(c->refusal->reason, "NO_CAPACITY");

  const SiteMatrix apart = SiteMatrix::from_values(2, {0, kInf, kInf, 0});
  c = choose_training(net, apart, FreeCompute::from_inventory(net), sixteen_gpus());
  ASSERT_TRUE(c && c->refusal);
  EXPECT_EQ(c->refusal->rule, "gpus");
}

TEST(TrainingPlacer, AlternativesSayWhyTheyLost) {
  // Three sites of 8: C is the cheapest but far from A and B.
  NetworkSpec spec;
  spec.name = "three";
  spec.modes = io::builtin_modes();
  const double prices[] = {60, 70, 20};
  for (int i = 0; i < 3; ++i) {
    SiteSpec s;
    s.id = std::string(1, static_cast<char>('A' + i));
    s.where = "/sites/" + std::to_string(i);
    Compute c;
    c.gpus.push_back(GpuPool{.model = "H100", .count = 8, .nvlink_domain = 8});
    s.compute = c;
    s.power_price_usd_mwh = prices[i];
    spec.sites.push_back(std::move(s));
  }
  const Network net = build_network(std::move(spec)).value();
  const SiteMatrix latency =
      SiteMatrix::from_values(3, {0, 200, 70000, 200, 0, 70000, 70000, 70000, 0});
  TrainingSpec t = sixteen_gpus();
  t.step_compute_s = 0.05;
  const auto c = choose_training(net, latency, FreeCompute::from_inventory(net), t);
  ASSERT_TRUE(c && !c->refusal);
  std::vector<SiteIndex> used;
  for (const auto& s : c->sites) used.push_back(s.site);
  std::sort(used.begin(), used.end());
  EXPECT_EQ(used, (std::vector<SiteIndex>{0, 1}));
  ASSERT_FALSE(c->alternatives.empty());
  bool too_slow = false;
  for (const Alternative& a : c->alternatives) {
    EXPECT_FALSE(a.why.empty());
    if (a.why.rfind("slowdown ", 0) == 0) {
      too_slow = true;
      EXPECT_GT(a.detail["slowdown"].get<double>(), t.max_slowdown);
      EXPECT_LT(a.cost_usd_h / a.detail["slowdown"].get<double>(), c->cost_usd_h);
    } else {
      EXPECT_GE(a.cost_usd_h, c->cost_usd_h);
    }
  }
  EXPECT_TRUE(too_slow);
}

TEST(TrainingPlacer, BadDocumentsAreErrorsNotRefusals) {
  const Network net = two_sites_of_eight(50, 60);
  const SiteMatrix latency = SiteMatrix::from_values(2, {0, 210, 210, 0});
  TrainingSpec t = sixteen_gpus();
  t.dp = 4;
  t.gpus = 32;  // the network has 16
  auto c = choose_training(net, latency, FreeCompute::from_inventory(net), t);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().place(), "/gpus");
  t = sixteen_gpus();
  t.gpu_model = "A100";
  c = choose_training(net, latency, FreeCompute::from_inventory(net), t);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().place(), "/gpu_model");
}

}  // namespace
}  // namespace lightmesh::workloads
