// Composable cluster: on random instances small enough to enumerate, the placer's cost equals the
// brute-force optimum written here (one site per role: every combination; split roles: every
// subset of sites per role, filled cheapest first), and every placement is re-checked against the
// capacities, the edges' RTT bounds and the links it must provision.
#include "workloads/cluster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "../rsa/test_networks.h"

namespace lightmesh::workloads {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Per-unit power, docs/sources.md §9: H100 board, one core of a 96-core 360 W CPU, one TB of a
// 20 TB disk drawing 9.4 W.
constexpr double kKw[3] = {0.700, 0.360 / 96, 0.0094 / 20};
const char* const kRole[3] = {"gpu", "cpu", "storage"};

struct Instance {
  Network net;
  ClusterSpec spec;
  double amount[3];
};

Instance random_instance(std::mt19937_64& rng, std::uint32_t n, bool split) {
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](std::uint32_t a, std::uint32_t b) {
    return std::uniform_int_distribution<std::uint32_t>(a, b)(rng);
  };
  NetworkSpec spec = testing::random_network(n, n / 2, 5, 80, rng());
  for (SiteSpec& s : spec.sites) {
    s.power_price_usd_mwh = std::round(uni(30, 150));  // whole prices make exact ties likelier
    s.pue = 1.1 + 0.1 * pick(0, 5);
    if (&s != &spec.sites.front() && pick(0, 4) == 0) continue;
    Compute c;
    if (pick(0, 2) > 0) c.gpus.push_back(GpuPool{.model = "H100", .count = 8 * pick(0, 4)});
    c.cpu_cores = 64 * pick(&s == &spec.sites.front() ? 1 : 0, 4);  // never an empty network
    c.storage_tb = 50.0 * pick(0, 4);
    s.compute = c;
  }
  Instance inst{build_network(std::move(spec)).value(), {}, {0, 0, 0}};
  ClusterSpec& cs = inst.spec;
  cs.split_roles = split;
  // Amounts within what the network has, so the document is valid; often more than one site holds.
  double total[3] = {0, 0, 0};
  for (const Site& s : inst.net.sites()) {
    if (!s.compute) continue;
    total[0] += s.compute->gpu_count();
    total[1] += s.compute->cpu_cores;
    total[2] += s.compute->storage_tb;
  }
  if (total[0] > 0 && pick(0, 3) > 0)
    cs.roles.gpus =
        8 * pick(1, std::max(1u, std::min(6u, static_cast<std::uint32_t>(total[0] / 8))));
  if (total[1] > 0 && pick(0, 3) > 0)
    cs.roles.cores =
        64 * pick(1, std::max(1u, std::min(6u, static_cast<std::uint32_t>(total[1] / 64))));
  if (total[2] > 0 && pick(0, 3) > 0)
    cs.roles.storage_tb =
        50.0 * pick(1, std::max(1u, std::min(6u, static_cast<std::uint32_t>(total[2] / 50))));
  if (cs.roles.gpus == 0 && cs.roles.cores == 0 && cs.roles.storage_tb == 0) cs.roles.cores = 64;
  cs.roles.gpu_model = "H100";
  inst.amount[0] = cs.roles.gpus;
  inst.amount[1] = cs.roles.cores;
  inst.amount[2] = cs.roles.storage_tb;
  std::vector<int> roles;
  for (int r = 0; r < 3; ++r)
    if (inst.amount[r] > 0) roles.push_back(r);
  for (std::size_t i = 0; i < roles.size(); ++i)
    for (std::size_t j = i + 1; j < roles.size(); ++j)
      if (pick(0, 3) > 0)
        cs.edges.push_back({kRole[roles[i]], kRole[roles[j]], uni(300, 1500), 100});
  return inst;
}

double capacity(const Network& net, SiteIndex s, int role) {
  const auto& c = net.site(s).compute;
  if (!c) return 0;
  return role == 0 ? c->gpu_count() : role == 1 ? c->cpu_cores : c->storage_tb;
}

double unit_cost(const Network& net, SiteIndex s, int role) {
  return kKw[role] * *net.site(s).pue * *net.site(s).power_price_usd_mwh / 1000;
}

int role_index(const std::string& name) {
  for (int r = 0; r < 3; ++r)
    if (name == kRole[r]) return r;
  return -1;
}

// Whether sites x and y may host roles a and b: same site, or RTT within every edge between them.
bool meets_edges(const Instance& inst, const SiteMatrix& m, int a, SiteIndex x, int b,
                 SiteIndex y) {
  if (x == y) return true;
  for (const ClusterEdge& e : inst.spec.edges) {
    const int ea = role_index(e.a), eb = role_index(e.b);
    if (!((ea == a && eb == b) || (ea == b && eb == a))) continue;
    if (!m.reachable(x, y) || m.rtt_us(x, y) > e.max_rtt_us) return false;
  }
  return true;
}

// One site per role: every combination.
double brute_force_single(const Instance& inst, const SiteMatrix& m) {
  const std::uint32_t n = static_cast<std::uint32_t>(inst.net.sites().size());
  std::vector<int> roles;
  for (int r = 0; r < 3; ++r)
    if (inst.amount[r] > 0) roles.push_back(r);
  double best = kInf;
  std::vector<SiteIndex> at(roles.size(), 0);
  std::uint64_t combos = 1;
  for (std::size_t i = 0; i < roles.size(); ++i) combos *= n;
  for (std::uint64_t k = 0; k < combos; ++k) {
    std::uint64_t rest = k;
    for (std::size_t i = 0; i < roles.size(); ++i) {
      at[i] = static_cast<SiteIndex>(rest % n);
      rest /= n;
    }
    double cost = 0;
    bool ok = true;
    for (std::size_t i = 0; i < roles.size() && ok; ++i) {
      ok = capacity(inst.net, at[i], roles[i]) >= inst.amount[roles[i]];
      cost += inst.amount[roles[i]] * unit_cost(inst.net, at[i], roles[i]);
      for (std::size_t j = 0; j < i && ok; ++j)
        ok = meets_edges(inst, m, roles[j], at[j], roles[i], at[i]);
    }
    if (ok) best = std::min(best, cost);
  }
  return best;
}

// Split roles: every subset of sites for every role, each filled cheapest first.
double brute_force_split(const Instance& inst, const SiteMatrix& m) {
  const std::uint32_t n = static_cast<std::uint32_t>(inst.net.sites().size());
  std::vector<int> roles;
  for (int r = 0; r < 3; ++r)
    if (inst.amount[r] > 0) roles.push_back(r);
  // Per role, every subset that can hold the amount and its cheapest fill.
  std::vector<std::vector<std::pair<std::uint32_t, double>>> options(roles.size());
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const int r = roles[i];
    for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
      std::vector<std::pair<double, double>> units;  // (unit cost, capacity)
      for (SiteIndex s = 0; s < n; ++s)
        if (mask >> s & 1) units.push_back({unit_cost(inst.net, s, r), capacity(inst.net, s, r)});
      std::sort(units.begin(), units.end());
      double left = inst.amount[r], cost = 0;
      for (const auto& [price, cap] : units) {
        const double take = std::min(cap, left);
        cost += take * price;
        left -= take;
      }
      if (left <= 0) options[i].push_back({mask, cost});
    }
  }
  auto pair_ok = [&](std::size_t i, std::uint32_t mi, std::size_t j, std::uint32_t mj) {
    for (SiteIndex x = 0; x < n; ++x)
      for (SiteIndex y = 0; y < n; ++y)
        if ((mi >> x & 1) && (mj >> y & 1) && !meets_edges(inst, m, roles[i], x, roles[j], y))
          return false;
    return true;
  };
  double best = kInf;
  // Skipping combinations already dearer than the best keeps it exact.
  std::function<void(std::size_t, double, std::vector<std::uint32_t>&)> rec =
      [&](std::size_t i, double cost, std::vector<std::uint32_t>& masks) {
        if (i == roles.size()) {
          best = std::min(best, cost);
          return;
        }
        for (const auto& [mask, c] : options[i]) {
          if (cost + c >= best) continue;
          bool ok = true;
          for (std::size_t j = 0; j < i && ok; ++j) ok = pair_ok(j, masks[j], i, mask);
          if (!ok) continue;
          masks.push_back(mask);
          rec(i + 1, cost + c, masks);
          masks.pop_back();
        }
      };
  std::vector<std::uint32_t> masks;
  rec(0, 0, masks);
  return best;
}

// Re-checks a placement against the instance: amounts, free capacity, edges and links.
void validate(const Instance& inst, const SiteMatrix& m, const Choice& c) {
  double placed[3] = {0, 0, 0};
  std::map<std::pair<SiteIndex, int>, double> used;
  double cost = 0;
  for (const SiteShare& s : c.sites) {
    const int r = role_index(s.role);
    ASSERT_GE(r, 0) << s.role;
    const double amount = r == 0 ? s.gpus : r == 1 ? s.cpu_cores : s.storage_tb;
    placed[r] += amount;
    used[{s.site, r}] += amount;
    cost += amount * unit_cost(inst.net, s.site, r);
    if (r == 0) {
      EXPECT_EQ(s.gpu_model, "H100");
    }
  }
  for (int r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(placed[r], inst.amount[r]) << kRole[r];
  for (const auto& [key, amount] : used)
    EXPECT_LE(amount, capacity(inst.net, key.first, key.second));
  EXPECT_NEAR(c.cost_usd_h, cost, 1e-9 * std::max(1.0, cost));
  // Every fragment meets every edge to every fragment of the other role; each pair of distinct
  // sites gets one link of min_gbps bounded by half the RTT.
  std::size_t links = 0;
  for (const ClusterEdge& e : inst.spec.edges) {
    std::set<std::pair<SiteIndex, SiteIndex>> pairs;
    for (const SiteShare& x : c.sites) {
      if (x.role != e.a) continue;
      for (const SiteShare& y : c.sites) {
        if (y.role != e.b || x.site == y.site) continue;
        EXPECT_LE(m.rtt_us(x.site, y.site), e.max_rtt_us);
        pairs.insert({x.site, y.site});
      }
    }
    for (const auto& [a, b] : pairs) {
      const auto it = std::find_if(c.links.begin(), c.links.end(), [&](const LinkNeed& l) {
        return l.a == a && l.b == b && l.gbps == e.min_gbps && l.max_one_way_us == e.max_rtt_us / 2;
      });
      EXPECT_NE(it, c.links.end());
    }
    links += pairs.size();
  }
  EXPECT_EQ(c.links.size(), links);
}

void check_against_brute_force(bool split, int instances, std::uint32_t max_sites,
                               std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  int placed = 0, refused = 0, spread = 0;
  for (int i = 0; i < instances; ++i) {
    const std::uint32_t n = 3 + static_cast<std::uint32_t>(rng() % (max_sites - 2));
    const Instance inst = random_instance(rng, n, split);
    const SiteMatrix m = SiteMatrix::build(inst.net);
    const auto r = choose_cluster(inst.net, m, FreeCompute::from_inventory(inst.net), inst.spec);
    ASSERT_TRUE(r) << r.error().to_string();
    const double truth = split ? brute_force_split(inst, m) : brute_force_single(inst, m);
    if (r->refusal) {
      ++refused;
      EXPECT_TRUE(std::isinf(truth))
          << "instance " << i << " refused (" << r->refusal->rule << ") but costs " << truth;
      continue;
    }
    ++placed;
    EXPECT_NEAR(r->cost_usd_h, truth, 1e-9 * truth) << "instance " << i;
    validate(inst, m, *r);
    std::set<int> roles;
    bool one_per_role = true;
    for (const SiteShare& s : r->sites)
      one_per_role = roles.insert(role_index(s.role)).second && one_per_role;
    if (!split) {
      EXPECT_TRUE(one_per_role);
    }
    if (!one_per_role) ++spread;
  }
  // The generator must exercise every outcome, including roles that do spread when allowed.
  EXPECT_GT(placed, instances / 3);
  EXPECT_GT(refused, 0);
  if (split) {
    EXPECT_GT(spread, instances / 10);
  }
}

TEST(Cluster, OneSitePerRoleCostsTheBruteForceOptimum) {
  check_against_brute_force(false, 300, 8, 7001);
}

TEST(Cluster, SplitRolesCostTheBruteForceOptimum) { check_against_brute_force(true, 150, 7, 7002); }

// Splitting pays when the cheapest site lacks room: 16 GPUs at the cheap site and the rest at the
// dear one cost less than all 24 at the only site that has 24.
TEST(Cluster, SplittingUsesTheCheapSiteFirst) {
  NetworkSpec spec;
  spec.name = "split";
  spec.modes = testing::test_modes();
  auto add = [&](std::string id, std::uint32_t gpus, double price) {
    SiteSpec s = testing::site(std::move(id));
    s.compute = Compute{.gpus = {GpuPool{.model = "H100", .count = gpus}}, .cpu_cores = 64};
    s.power_price_usd_mwh = price;
    s.pue = 1.0;
    spec.sites.push_back(std::move(s));
  };
  add("CHEAP", 16, 50);
  add("DEAR", 24, 100);
  spec.fibers = {testing::fiber("F", "CHEAP", "DEAR", 10)};
  const Network net = build_network(std::move(spec)).value();
  ClusterSpec cs;
  cs.roles.gpus = 24;
  cs.roles.cores = 64;
  cs.edges = {{"gpu", "cpu", 1000, 100}};
  const SiteMatrix m = SiteMatrix::build(net);
  const Choice one = choose_cluster(net, m, FreeCompute::from_inventory(net), cs).value();
  ASSERT_FALSE(one.refusal);
  cs.split_roles = true;
  const Choice split = choose_cluster(net, m, FreeCompute::from_inventory(net), cs).value();
  ASSERT_FALSE(split.refusal);
  // Closed forms: (16 × 50 + 8 × 100) × 0.7 kW / 1000 plus the cores at CHEAP, versus 24 × 100.
  const double cores = 64 * 0.360 / 96 * 50 / 1000;
  EXPECT_NEAR(split.cost_usd_h, (16 * 50 + 8 * 100) * 0.7 / 1000 + cores, 1e-12);
  EXPECT_NEAR(one.cost_usd_h, 24 * 100 * 0.7 / 1000 + cores, 1e-12);
  EXPECT_EQ(one.links.size(), 1u);    // gpu at DEAR, cpu at CHEAP
  EXPECT_EQ(split.links.size(), 1u);  // the DEAR fragment ↔ the cores at CHEAP
}

TEST(Cluster, DocumentsThatCanNeverBePlacedAreErrorsWithTheirPointer) {
  NetworkSpec spec;
  spec.name = "errors";
  spec.modes = testing::test_modes();
  SiteSpec a = testing::site("A");
  a.compute =
      Compute{.gpus = {GpuPool{.model = "H100", .count = 8}}, .cpu_cores = 64, .storage_tb = 100};
  spec.sites = {a, testing::site("B")};
  spec.fibers = {testing::fiber("F", "A", "B", 10)};
  const Network net = build_network(std::move(spec)).value();
  const SiteMatrix m = SiteMatrix::build(net);
  const FreeCompute free = FreeCompute::from_inventory(net);
  auto place = [&](const ClusterSpec& cs) { return choose_cluster(net, m, free, cs); };

  ClusterSpec cs;
  cs.roles.gpus = 8;
  cs.roles.storage_tb = 10;
  cs.edges = {{"gpu", "storage", 100, 10}, {"cpu", "storage", 100, 10}};
  auto r = place(cs);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().place(), "/edges/1/a");  // cpu is not requested

  cs.edges = {{"gpu", "disk", 100, 10}};
  r = place(cs);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/edges/0/b");

  cs.edges = {};
  cs.roles.gpus = 9;
  r = place(cs);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/roles/gpu/gpus");

  cs.roles.gpus = 8;
  cs.roles.storage_tb = 101;
  r = place(cs);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/roles/storage/tb");
}

TEST(Cluster, RefusalNamesTheRule) {
  NetworkSpec spec;
  spec.name = "apart";
  spec.modes = testing::test_modes();
  SiteSpec a = testing::site("A"), b = testing::site("B");
  a.compute = Compute{.gpus = {GpuPool{.model = "H100", .count = 8}}};
  b.compute = Compute{.storage_tb = 100};
  spec.sites = {a, b};
  spec.fibers = {testing::fiber("F", "A", "B", 100)};  // RTT ≈ 1 ms
  const Network net = build_network(std::move(spec)).value();
  const SiteMatrix m = SiteMatrix::build(net);
  const FreeCompute free = FreeCompute::from_inventory(net);
  ClusterSpec cs;
  cs.roles.gpus = 8;
  cs.roles.storage_tb = 100;
  cs.edges = {{"gpu", "storage", 500, 100}};
  Choice c = choose_cluster(net, m, free, cs).value();
  ASSERT_TRUE(c.refusal);
  EXPECT_EQ(c.refusal->rule, "max_rtt_us");

  // Free capacity below the inventory: granted GPUs leave too few.
  FreeCompute busy = free;
  busy.sites[0].gpus[0].count = 4;
  cs.edges = {};
  c = choose_cluster(net, m, busy, cs).value();
  ASSERT_TRUE(c.refusal);
  EXPECT_EQ(c.refusal->rule, "gpus");
}

}  // namespace
}  // namespace lightmesh::workloads

namespace lightmesh::workloads {
namespace {

// Many small sites and roles far larger than any of them: a search whose bound prunes little. It
// must end (at its step budget at worst) with a valid placement, saying whether it is proven
// cheapest.
TEST(Cluster, SplitSearchOverManySmallSitesEnds) {
  std::mt19937_64 rng(9090);
  NetworkSpec spec = testing::random_network(80, 60, 5, 80, 4242);
  for (SiteSpec& s : spec.sites) {
    s.power_price_usd_mwh = std::round(std::uniform_real_distribution<double>(30, 150)(rng));
    s.pue = 1.3;
    Compute c;
    c.gpus.push_back(GpuPool{.model = "H100", .count = 8});
    c.cpu_cores = 64;
    c.storage_tb = 50;
    s.compute = c;
  }
  Instance inst{build_network(std::move(spec)).value(), {}, {160, 1024, 600}};
  inst.spec.split_roles = true;
  inst.spec.roles = {.gpus = 160, .gpu_model = "H100", .cores = 1024, .storage_tb = 600};
  inst.spec.edges = {{"gpu", "cpu", 4000, 100}, {"gpu", "storage", 4000, 100}};
  const SiteMatrix m = SiteMatrix::build(inst.net);
  auto c = choose_cluster(inst.net, m, FreeCompute::from_inventory(inst.net), inst.spec);
  ASSERT_TRUE(c);
  if (c->refusal) {
    EXPECT_EQ(c->refusal->rule, "max_rtt_us");
    return;
  }
  validate(inst, m, *c);
  ASSERT_TRUE(c->prediction.contains("search"));
}

}  // namespace
}  // namespace lightmesh::workloads
