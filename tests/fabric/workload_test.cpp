// Workloads in the fabric: compute grants never exceed a site's inventory (random add/remove
// sequences checked against a model the test keeps itself), GPUs come from pools in pool order,
// refusals book nothing, deleting a workload releases its compute and its services' spectrum, and
// a workload's service cannot be removed alone.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "../rsa/test_networks.h"
#include "fabric/fabric.h"

namespace lightmesh::fabric {
namespace {

using lightmesh::testing::fiber;
using lightmesh::testing::site;

GpuPool pool(std::string model, std::uint32_t count, bool confidential = false) {
  GpuPool p;
  p.model = std::move(model);
  p.count = count;
  p.confidential = confidential;
  return p;
}

Compute compute(std::vector<GpuPool> gpus, std::uint32_t cores, double tb) {
  Compute c;
  c.gpus = std::move(gpus);
  c.cpu_cores = cores;
  c.storage_tb = tb;
  return c;
}

// The fabric tests' ring A–B–C–D–A plus a spur D–E, with compute: A has two H100 pools (the first
// confidential) and an A100 pool, C has no inventory at all, E has no GPUs.
Network ring() {
  NetworkSpec spec;
  spec.modes = lightmesh::testing::test_modes();
  spec.sites = {site("A"), site("B"), site("C"), site("D"), site("E")};
  spec.sites[0].compute =
      compute({pool("H100", 16, true), pool("H100", 8), pool("A100", 8)}, 256, 100.5);
  spec.sites[1].compute = compute({pool("H100", 32)}, 128, 40);
  spec.sites[3].compute = compute({pool("A100", 16)}, 64, 10.25);
  spec.sites[4].compute = compute({}, 512, 1000);
  spec.fibers = {fiber("AB", "A", "B", 10), fiber("BC", "B", "C", 20), fiber("CD", "C", "D", 30),
                 fiber("DA", "D", "A", 40), fiber("DE", "D", "E", 5)};
  return build_network(std::move(spec)).value();
}

Fabric make_fabric(const Network& net) {
  return Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{5}; }).value();
}

ServiceRequest request(std::string from, std::string to, double gbps, std::string tenant = "t1") {
  ServiceRequest r;
  r.tenant = std::move(tenant);
  r.from = std::move(from);
  r.to = std::move(to);
  r.bandwidth = Gbps{gbps};
  return r;
}

ComputeGrant grant(std::string site, std::string model, std::uint32_t gpus, std::uint32_t cores = 0,
                   double tb = 0) {
  return {.site = std::move(site),
          .gpu_model = std::move(model),
          .gpus = gpus,
          .cpu_cores = cores,
          .storage_tb = tb};
}

Workload workload(std::vector<ComputeGrant> grants, std::vector<std::string> services = {},
                  std::string tenant = "t1") {
  Workload w;
  w.tenant = std::move(tenant);
  w.kind = "cluster";
  w.grants = std::move(grants);
  w.services = std::move(services);
  return w;
}

// The inventory as the network file states it, one Compute per site.
std::vector<Compute> inventory(const Network& net) {
  std::vector<Compute> out;
  for (const Site& s : net.sites()) out.push_back(s.compute.value_or(Compute{}));
  return out;
}

void expect_same_compute(const std::vector<Compute>& got, const std::vector<Compute>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].gpus.size(), want[i].gpus.size()) << "site " << i;
    for (std::size_t p = 0; p < got[i].gpus.size(); ++p) {
      EXPECT_EQ(got[i].gpus[p].model, want[i].gpus[p].model) << "site " << i << " pool " << p;
      EXPECT_EQ(got[i].gpus[p].count, want[i].gpus[p].count) << "site " << i << " pool " << p;
      EXPECT_EQ(got[i].gpus[p].confidential, want[i].gpus[p].confidential);
    }
    EXPECT_EQ(got[i].cpu_cores, want[i].cpu_cores) << "site " << i;
    EXPECT_EQ(got[i].storage_tb, want[i].storage_tb) << "site " << i;
    EXPECT_EQ(got[i].storage_gbps, want[i].storage_gbps) << "site " << i;
  }
}

TEST(Workload, GpusComeFromTheModelsPoolsInPoolOrder) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  auto w = f.add_workload(workload({grant("A", "H100", 20, 10, 2.5)}));
  ASSERT_TRUE(w) << w.error().to_string();
  EXPECT_EQ((*w)->id, "wl-000001");
  // 16 from the first H100 pool, then 4 of the second; the A100 pool between is not of the model.
  EXPECT_EQ((*w)->grants[0].pools, (std::vector<PoolShare>{{0, 16}, {1, 4}}));
  std::vector<Compute> want = inventory(net);
  want[0].gpus[0].count = 0;
  want[0].gpus[1].count = 4;
  want[0].cpu_cores -= 10;
  want[0].storage_tb -= 2.5;
  expect_same_compute(f.free_compute(), want);

  // A grant may name its pools, e.g. the A100s by pool index.
  ComputeGrant named = grant("A", "A100", 3);
  named.pools = {{2, 3}};
  auto w2 = f.add_workload(workload({named}));
  ASSERT_TRUE(w2) << w2.error().to_string();
  EXPECT_EQ((*w2)->grants[0].pools, (std::vector<PoolShare>{{2, 3}}));
  want[0].gpus[2].count -= 3;
  expect_same_compute(f.free_compute(), want);

  // Exactly the 4 H100s left fit; a fifth does not.
  EXPECT_FALSE(f.add_workload(workload({grant("A", "H100", 5)})));
  ASSERT_TRUE(f.add_workload(workload({grant("A", "H100", 4)})));
  want[0].gpus[1].count = 0;
  expect_same_compute(f.free_compute(), want);
}

TEST(Workload, RefusalsBookNothing) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  auto s1 = f.create(request("A", "B", 100));
  auto s2 = f.create(request("A", "D", 100));
  auto other_tenant = f.create(request("B", "C", 100, "t2"));
  ASSERT_TRUE(s1 && s2 && other_tenant);
  const std::string id1 = (*s1)->id, id2 = (*s2)->id, id_other = (*other_tenant)->id;
  ASSERT_TRUE(f.add_workload(workload({grant("B", "H100", 8)}, {id1})));
  (void)f.take_changes();

  ComputeGrant wrong_pool_model = grant("A", "H100", 2);
  wrong_pool_model.pools = {{2, 2}};  // pool 2 holds A100s
  ComputeGrant short_pools = grant("A", "H100", 4);
  short_pools.pools = {{0, 3}};
  ComputeGrant no_such_pool = grant("A", "H100", 1);
  no_such_pool.pools = {{7, 1}};
  ComputeGrant over_pool = grant("A", "H100", 10);
  over_pool.pools = {{1, 10}};  // the model has 24 free, this pool only 8
  ComputeGrant negative_storage = grant("E", "", 0, 0, -1);
  const std::vector<std::pair<std::string, Workload>> refused = {
      {"unknown site", workload({grant("Z", "H100", 1)})},
      {"unknown model", workload({grant("A", "B200", 1)})},
      {"model at a site without it", workload({grant("E", "H100", 1)})},
      {"GPUs without a model", workload({grant("A", "", 1)})},
      {"over GPUs", workload({grant("A", "H100", 25)})},
      {"over the rest of the model after an earlier grant",
       workload({grant("B", "H100", 20), grant("B", "H100", 5)})},
      {"over CPU cores", workload({grant("D", "A100", 1, 65)})},
      {"over storage", workload({grant("D", "", 0, 0, 10.5)})},
      {"a valid grant then a bad one", workload({grant("A", "H100", 1), grant("C", "", 0, 1)})},
      {"pool of another model", workload({wrong_pool_model})},
      {"pools not adding up", workload({short_pools})},
      {"no such pool", workload({no_such_pool})},
      {"over one named pool", workload({over_pool})},
      {"negative storage", workload({negative_storage})},
      {"a service that does not exist", workload({grant("A", "H100", 1)}, {"svc-000099"})},
      {"another tenant's service", workload({grant("A", "H100", 1)}, {id_other})},
      {"a service listed twice", workload({grant("A", "H100", 1)}, {id2, id2})},
      {"a service of another workload", workload({grant("A", "H100", 1)}, {id2, id1})},
  };
  const std::vector<Compute> before = f.free_compute();
  const std::size_t events = f.events().size();
  const std::uint64_t slots = f.planner().spectrum().used_slots();
  for (const auto& [what, w] : refused) {
    auto r = f.add_workload(w);
    ASSERT_FALSE(r) << what;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput) << what;
    EXPECT_FALSE(r.error().message().empty()) << what;
    expect_same_compute(f.free_compute(), before);
    EXPECT_EQ(f.workload_count(), 1u) << what;
    EXPECT_EQ(f.events().size(), events) << what;
    EXPECT_EQ(f.planner().spectrum().used_slots(), slots) << what;
    EXPECT_EQ(f.workload_of(id2), nullptr) << what;
    EXPECT_TRUE(f.take_changes().empty()) << what;
  }
  // No refusal used up an id.
  auto ok = f.add_workload(workload({grant("A", "H100", 1)}, {id2}));
  ASSERT_TRUE(ok) << ok.error().to_string();
  EXPECT_EQ((*ok)->id, "wl-000002");
}

TEST(Workload, AServiceOfAWorkloadCannotBeRemovedAlone) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  auto s = f.create(request("A", "C", 200));
  ASSERT_TRUE(s);
  const std::string sid = (*s)->id;
  auto w = f.add_workload(workload({grant("A", "H100", 8)}, {sid}));
  ASSERT_TRUE(w);
  const std::uint64_t slots = f.planner().spectrum().used_slots();
  auto st = f.remove(sid);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(st.error().message(),
            "service " + sid + " belongs to workload wl-000001; delete the workload instead");
  EXPECT_NE(f.find(sid), nullptr);
  EXPECT_EQ(f.planner().spectrum().used_slots(), slots);
  EXPECT_EQ(f.workload_of(sid), f.find_workload("wl-000001"));
  ASSERT_TRUE(f.remove_workload("wl-000001"));
  EXPECT_EQ(f.find(sid), nullptr);
  EXPECT_EQ(f.remove(sid).error().code(), ErrorCode::kNotFound);
}

TEST(Workload, RemoveWorkloadReleasesComputeAndSpectrum) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  std::vector<std::string> services;
  for (const auto& [a, b] :
       std::vector<std::pair<std::string, std::string>>{{"A", "B"}, {"A", "D"}, {"B", "E"}}) {
    auto s = f.create(request(a, b, 400));
    ASSERT_TRUE(s);
    services.push_back((*s)->id);
  }
  ASSERT_GT(f.planner().spectrum().used_slots(), 0u);
  auto w =
      f.add_workload(workload({grant("A", "H100", 24, 200, 100.5), grant("B", "H100", 32, 128, 40),
                               grant("E", "", 0, 512, 1000), grant("C", "", 0)},
                              services));
  ASSERT_TRUE(w) << w.error().to_string();
  const std::string id = (*w)->id;
  (void)f.take_changes();
  const std::size_t events_before = f.events().size();

  ASSERT_TRUE(f.remove_workload(id));
  expect_same_compute(f.free_compute(), inventory(net));
  EXPECT_EQ(f.planner().spectrum().used_slots(), 0u);
  EXPECT_EQ(f.size(), 0u);
  EXPECT_EQ(f.find_workload(id), nullptr);
  // One "deleted" per service, then the workload's own event naming it.
  ASSERT_EQ(f.events().size(), events_before + services.size() + 1);
  for (std::size_t i = 0; i < services.size(); ++i) {
    EXPECT_EQ(f.events()[events_before + i].what, "deleted");
    EXPECT_EQ(f.events()[events_before + i].service, services[i]);
  }
  EXPECT_EQ(f.events().back().what, "workload-deleted");
  EXPECT_EQ(f.events().back().service, id);
  EXPECT_EQ(f.events().back().tenant, "t1");
  const Changes c = f.take_changes();
  EXPECT_EQ(c.workloads_removed, std::vector<std::string>{id});
  EXPECT_TRUE(c.workloads_upserted.empty());
  EXPECT_EQ(std::set<std::string>(c.removed.begin(), c.removed.end()),
            std::set<std::string>(services.begin(), services.end()));
  EXPECT_EQ(f.remove_workload(id).error().code(), ErrorCode::kNotFound);
}

// The workload's own id, passed by reference, names it to the end: the change to store and the
// event carry it (the move out of the map must not empty the caller's string first).
TEST(Workload, RemoveWorkloadByItsOwnIdIsRecorded) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  auto s = f.create(request("A", "B", 400));
  ASSERT_TRUE(s);
  auto w = f.add_workload(workload({grant("A", "H100", 8, 16, 1)}, {(*s)->id}));
  ASSERT_TRUE(w) << w.error().to_string();
  const std::string id = (*w)->id;
  (void)f.take_changes();
  ASSERT_TRUE(f.remove_workload((*w)->id));
  EXPECT_EQ(f.find_workload(id), nullptr);
  EXPECT_EQ(f.events().back().service, id);
  EXPECT_EQ(f.take_changes().workloads_removed, std::vector<std::string>{id});
}

// The test's own account of what is granted: per site, GPUs per model, cores and TB.
struct Ask {
  std::map<std::string, std::uint64_t> gpus;
  std::uint64_t cores = 0;
  double tb = 0;
};

TEST(Workload, RandomSequencesNeverGrantMoreThanTheInventory) {
  const Network net = ring();
  const std::vector<Compute> inv = inventory(net);
  const std::vector<std::string> sites = {"A", "B", "C", "D", "E"};
  const std::vector<std::string> models = {"H100", "A100", "B200", ""};
  std::mt19937_64 rng(20240611);
  auto uniform = [&](std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng);
  };
  Fabric f = make_fabric(net);
  std::map<std::string, std::vector<ComputeGrant>> live;  // what the test asked, per workload
  std::size_t accepted = 0, refused = 0;
  for (int step = 0; step < 600; ++step) {
    if (live.empty() || uniform(10) < 6) {
      std::vector<ComputeGrant> grants;
      const std::uint64_t n = 1 + uniform(3);
      for (std::uint64_t k = 0; k < n; ++k) {
        std::string model = models[uniform(models.size())];
        const auto gpus = static_cast<std::uint32_t>(model.empty() ? 0 : 1 + uniform(12));
        // Quarter terabytes are exact in binary, so the test's sums equal the fabric's.
        grants.push_back(grant(sites[uniform(sites.size())], std::move(model), gpus,
                               static_cast<std::uint32_t>(uniform(80)), 0.25 * uniform(40)));
      }
      // Will it fit? The model: inventory minus every live ask, by site and GPU model.
      std::vector<Ask> used(sites.size());
      for (const auto& [id, gs] : live) {
        for (const auto& g : gs) {
          Ask& u = used[net.find_site(g.site)];
          u.gpus[g.gpu_model] += g.gpus;
          u.cores += g.cpu_cores;
          u.tb += g.storage_tb;
        }
      }
      bool fits = true;
      for (const auto& g : grants) {
        const SiteIndex s = net.find_site(g.site);
        Ask& u = used[s];
        std::uint64_t model_total = 0;
        bool known = g.gpu_model.empty();
        for (const auto& p : inv[s].gpus) {
          if (p.model == g.gpu_model) {
            model_total += p.count;
            known = true;
          }
        }
        u.gpus[g.gpu_model] += g.gpus;
        u.cores += g.cpu_cores;
        u.tb += g.storage_tb;
        if (!known || (!g.gpu_model.empty() && u.gpus[g.gpu_model] > model_total) ||
            u.cores > inv[s].cpu_cores || u.tb > inv[s].storage_tb)
          fits = false;
      }
      // Sometimes the workload carries a service too.
      std::vector<std::string> owned;
      if (uniform(3) == 0) {
        auto svc = f.create(request(sites[uniform(5)], sites[uniform(5)], 100));
        if (svc) owned.push_back((*svc)->id);
      }
      auto w = f.add_workload(workload(grants, owned));
      ASSERT_EQ(static_cast<bool>(w), fits)
          << "step " << step << ": " << (w ? "accepted" : w.error().to_string());
      if (w) {
        live[(*w)->id] = grants;
        ++accepted;
      } else {
        ++refused;
        for (const auto& s : owned) ASSERT_TRUE(f.remove(s));  // a service no workload took
      }
    } else {
      auto it = live.begin();
      std::advance(it, static_cast<long>(uniform(live.size())));
      ASSERT_TRUE(f.remove_workload(it->first));
      live.erase(it);
    }

    // Invariants: the grants held never exceed a pool; free compute is inventory minus the asks.
    std::vector<std::vector<std::uint64_t>> held(sites.size());
    for (std::size_t s = 0; s < sites.size(); ++s) held[s].assign(inv[s].gpus.size(), 0);
    std::vector<Ask> asked(sites.size());
    for (const auto& [id, gs] : live) {
      const Workload* w = f.find_workload(id);
      ASSERT_NE(w, nullptr);
      ASSERT_EQ(w->grants.size(), gs.size());
      for (std::size_t k = 0; k < gs.size(); ++k) {
        const SiteIndex s = net.find_site(gs[k].site);
        std::uint64_t from_pools = 0;
        for (const auto& p : w->grants[k].pools) {
          ASSERT_LT(p.pool, inv[s].gpus.size());
          EXPECT_EQ(inv[s].gpus[p.pool].model, gs[k].gpu_model);
          held[s][p.pool] += p.gpus;
          from_pools += p.gpus;
        }
        EXPECT_EQ(from_pools, gs[k].gpus);
        asked[s].gpus[gs[k].gpu_model] += gs[k].gpus;
        asked[s].cores += gs[k].cpu_cores;
        asked[s].tb += gs[k].storage_tb;
      }
    }
    const std::vector<Compute> free = f.free_compute();
    for (std::size_t s = 0; s < sites.size(); ++s) {
      std::map<std::string, std::uint64_t> free_by_model, inv_by_model;
      for (std::size_t p = 0; p < inv[s].gpus.size(); ++p) {
        ASSERT_LE(held[s][p], inv[s].gpus[p].count) << "site " << sites[s] << " pool " << p;
        EXPECT_EQ(free[s].gpus[p].count, inv[s].gpus[p].count - held[s][p]);
        free_by_model[inv[s].gpus[p].model] += free[s].gpus[p].count;
        inv_by_model[inv[s].gpus[p].model] += inv[s].gpus[p].count;
      }
      for (const auto& [model, total] : inv_by_model)
        EXPECT_EQ(free_by_model[model], total - asked[s].gpus[model]) << sites[s] << " " << model;
      ASSERT_LE(asked[s].cores, inv[s].cpu_cores);
      EXPECT_EQ(free[s].cpu_cores, inv[s].cpu_cores - asked[s].cores);
      ASSERT_LE(asked[s].tb, inv[s].storage_tb);
      EXPECT_EQ(free[s].storage_tb, inv[s].storage_tb - asked[s].tb);
    }
    ASSERT_EQ(f.workload_count(), live.size());
  }
  EXPECT_GT(accepted, 50u);
  EXPECT_GT(refused, 50u);
  while (!live.empty()) {
    ASSERT_TRUE(f.remove_workload(live.begin()->first));
    live.erase(live.begin());
  }
  expect_same_compute(f.free_compute(), inventory(net));
  EXPECT_EQ(f.planner().spectrum().used_slots(), 0u);
  EXPECT_EQ(f.size(), 0u);
}

TEST(Workload, IdsAreNeverReusedEvenAcrossARebuild) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  ASSERT_EQ((*f.add_workload(workload({grant("A", "H100", 1)})))->id, "wl-000001");
  ASSERT_EQ((*f.add_workload(workload({grant("A", "H100", 1)})))->id, "wl-000002");
  ASSERT_TRUE(f.remove_workload("wl-000002"));
  ASSERT_EQ((*f.add_workload(workload({grant("A", "H100", 1)})))->id, "wl-000003");
  ASSERT_TRUE(f.remove_workload("wl-000003"));

  // A rebuild as a store does it: the live workload, then the event log, which alone remembers
  // wl-000003.
  Fabric g = f.empty_like();
  EXPECT_EQ(g.workload_count(), 0u);
  expect_same_compute(g.free_compute(), inventory(net));
  ASSERT_TRUE(g.adopt_workload(*f.find_workload("wl-000001")));
  g.adopt_events(f.events());
  expect_same_compute(g.free_compute(), f.free_compute());
  EXPECT_EQ((*g.add_workload(workload({grant("A", "H100", 1)})))->id, "wl-000004");
}

TEST(Workload, AdoptBooksExactlyOrNothing) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  auto s = f.create(request("A", "B", 100));
  ASSERT_TRUE(s);
  ComputeGrant g = grant("A", "H100", 6, 4, 1.5);
  g.pools = {{1, 6}};  // not pool order: adoption must keep it
  Workload w = workload({g}, {(*s)->id});
  w.id = "wl-000042";
  w.document = R"({"kind": "cluster"})";
  ASSERT_TRUE(f.adopt_workload(w));
  EXPECT_EQ(*f.find_workload("wl-000042"), w);
  EXPECT_EQ(f.free_compute()[0].gpus[0].count, 16u);
  EXPECT_EQ(f.free_compute()[0].gpus[1].count, 2u);
  EXPECT_TRUE(f.take_changes().workloads_upserted.empty());  // adopted, not changed

  const std::vector<Compute> before = f.free_compute();
  auto bad = [&](auto change) {
    Workload x = workload({grant("B", "H100", 2)});
    x.grants[0].pools = {{0, 2}};
    x.id = "wl-000050";
    change(x);
    return x;
  };
  const std::vector<Workload> inconsistent = {
      bad([](Workload& x) { x.id = "wl-000042"; }),
      bad([](Workload& x) { x.id.clear(); }),
      bad([](Workload& x) { x.grants[0].pools.clear(); }),
      bad([](Workload& x) { x.grants[0].site = "Q"; }),
      bad([](Workload& x) {
        x.grants[0].pools = {{0, 33}}, x.grants[0].gpus = 33;
      }),
      bad([](Workload& x) { x.services = {"svc-000077"}; }),
      bad([&](Workload& x) { x.services = {(*s)->id}; }),  // already owned by wl-000042
  };
  for (const auto& x : inconsistent) {
    EXPECT_FALSE(f.adopt_workload(x)) << x.id;
    expect_same_compute(f.free_compute(), before);
    EXPECT_EQ(f.workload_count(), 1u);
  }
}

TEST(Workload, ListingPagesInIdOrderAndFiltersByTenant) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(f.add_workload(workload({grant("E", "", 0, 1)}, {}, i % 2 ? "t2" : "t1")));
  auto ids = [](const std::vector<const Workload*>& ws) {
    std::vector<std::string> out;
    for (const auto* w : ws) out.push_back(w->id);
    return out;
  };
  EXPECT_EQ(ids(f.list_workloads("", "", 2)), (std::vector<std::string>{"wl-000001", "wl-000002"}));
  EXPECT_EQ(ids(f.list_workloads("", "wl-000002", 10)),
            (std::vector<std::string>{"wl-000003", "wl-000004", "wl-000005"}));
  EXPECT_EQ(ids(f.list_workloads("t2", "", 10)),
            (std::vector<std::string>{"wl-000002", "wl-000004"}));
}

TEST(Workload, ChangesCarryWorkloadsAndFoldTogether) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  ASSERT_TRUE(f.add_workload(workload({grant("A", "H100", 1)})));
  Changes first = f.take_changes();
  ASSERT_EQ(first.workloads_upserted.size(), 1u);
  EXPECT_EQ(first.workloads_upserted[0].grants[0].pools, (std::vector<PoolShare>{{0, 1}}));
  ASSERT_TRUE(f.remove_workload("wl-000001"));
  Changes second = f.take_changes();
  Changes only_removal;
  only_removal.workloads_removed = second.workloads_removed;
  EXPECT_FALSE(only_removal.empty());
  first.append(std::move(second));
  EXPECT_EQ(first.workloads_upserted.size(), 1u);
  EXPECT_EQ(first.workloads_removed, std::vector<std::string>{"wl-000001"});
  EXPECT_EQ(first.events.size(), 2u);
}

}  // namespace
}  // namespace lightmesh::fabric
