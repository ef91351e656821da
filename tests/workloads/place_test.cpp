// place() end to end on the example networks: random workloads of every kind, placed one after
// another into one fabric. Every placement passes the independent validator (place() reports a
// failure as kInternal), a refusal books nothing, grants never exceed the inventory, and deleting
// every workload gives back exactly the empty fabric.
#include "workloads/place.h"

#include <gtest/gtest.h>

#include <random>

#include "io/load.h"
#include "spectrum/spectrum_state.h"

namespace lightmesh::workloads {
namespace {

const Network& network(const std::string& name) {
  static std::map<std::string, Network> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache
             .emplace(name, io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/" +
                                             name + "/network.json")
                                .value())
             .first;
  }
  return it->second;
}

// Sites that hold some compute, and every site, by id.
std::vector<std::string> site_ids(const Network& net, bool with_compute) {
  std::vector<std::string> ids;
  for (const Site& s : net.sites())
    if (!with_compute || s.compute) ids.push_back(s.id);
  return ids;
}

WorkloadSpec random_spec(const Network& net, std::mt19937_64& rng) {
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  const auto all = site_ids(net, false);
  const auto dcs = site_ids(net, true);
  const std::string jurisdiction = net.site(0).jurisdiction;
  WorkloadSpec w;
  w.tenant = "t";
  switch (std::uniform_int_distribution<int>(0, 4)(rng)) {
    case 0: {
      TrainingSpec t;
      t.gpu_model = "H100";
      t.tp = 8;
      t.pp = std::uniform_int_distribution<std::uint32_t>(1, 2)(rng);
      t.dp = std::uniform_int_distribution<std::uint32_t>(1, 64)(rng);
      t.gpus = t.tp * t.pp * t.dp;
      t.params_b = uniform(1, 70);
      t.layers = 32;
      t.hidden = 4096;
      t.seq = 4096;
      t.micro_batch = 1;
      t.step_compute_s = uniform(0.5, 60);
      t.max_slowdown = uniform(1.0, 1.5);
      w.body = t;
      break;
    }
    case 1: {
      InferenceSpec i;
      i.data_site = pick(all);
      i.allowed_jurisdictions = {jurisdiction};
      i.confidential = rng() % 2 == 0;
      i.diskless = rng() % 2 == 0;
      i.gpus = std::uniform_int_distribution<std::uint32_t>(1, 128)(rng);
      i.bandwidth_gbps = 100;
      i.max_rtt_us = uniform(100, 5000);
      w.body = i;
      break;
    }
    case 2: {
      ClusterSpec c;
      c.roles.gpus = std::uniform_int_distribution<std::uint32_t>(8, 256)(rng);
      c.roles.cores = std::uniform_int_distribution<std::uint32_t>(64, 2048)(rng);
      c.roles.storage_tb = uniform(10, 500);
      c.edges = {{"gpu", "storage", uniform(100, 2000), 100},
                 {"gpu", "cpu", uniform(100, 2000), 100}};
      c.split_roles = rng() % 2 == 0;
      w.body = c;
      break;
    }
    case 3: {
      SitesSpec s;
      s.anchor = pick(all);
      s.max_rtt_us = uniform(200, 3000);
      s.reserve = std::uniform_int_distribution<std::uint32_t>(0, 2)(rng);
      s.equalize = rng() % 2 == 0;
      s.bandwidth_gbps = 10;
      w.body = s;
      break;
    }
    default: {
      ProductionSpec p;
      p.venue = pick(all);
      do p.gallery = pick(all);
      while (p.gallery == p.venue);
      p.cameras = std::uniform_int_distribution<std::uint32_t>(1, 40)(rng);
      p.format = rng() % 2 == 0 ? "1080p50" : "2160p50";
      p.redundancy = rng() % 2 == 0 ? Redundancy::kNone : Redundancy::kSt2022_7;
      p.max_one_way_us = uniform(200, 5000);
      w.body = p;
      break;
    }
  }
  return w;
}

std::uint64_t slots_used(const fabric::Fabric& f) {
  std::uint64_t n = 0;
  const auto& st = f.planner().spectrum();
  for (std::uint32_t l = 0; l < 2 * f.network().fibers().size(); ++l) n += st.link(l).used();
  return n;
}

double total_gpus(const std::vector<Compute>& sites) {
  double n = 0;
  for (const Compute& c : sites) n += c.gpu_count();
  return n;
}

// The one-way latencies, padding included, of every lightpath the placement's services carry
// traffic on, read from the fabric.
std::vector<double> carried_one_way_us(const fabric::Fabric& f, const Placed& p) {
  std::vector<double> out;
  for (const std::string& id : p.services)
    for (const fabric::ServiceLightpath* lp : f.find(id)->carrying())
      out.push_back(lp->path.one_way.value() + lp->added_delay.value());
  return out;
}

// Every latency a placement states is one of its lightpaths' (or 0 for roles sharing a site).
void expect_latencies_from_lightpaths(const fabric::Fabric& f, const WorkloadSpec& spec,
                                      const Placed& p) {
  const std::vector<double> carried = carried_one_way_us(f, p);
  const double slowest = carried.empty() ? 0 : *std::max_element(carried.begin(), carried.end());
  auto is_carried_rtt = [&](double rtt, double tolerance) {
    if (rtt == 0) return true;
    for (double one_way : carried)
      if (std::abs(2 * one_way - rtt) <= tolerance) return true;
    return false;
  };
  const auto& prediction = p.choice.prediction;
  if (std::holds_alternative<InferenceSpec>(spec.body) && !p.services.empty()) {
    EXPECT_DOUBLE_EQ(prediction.at("rtt_us").get<double>(), 2 * slowest);
  } else if (std::holds_alternative<ClusterSpec>(spec.body)) {
    for (const auto& edge : prediction.at("edges"))
      EXPECT_TRUE(is_carried_rtt(edge.at("rtt_us").get<double>(), 1e-9)) << edge.dump();
  } else if (std::holds_alternative<ProductionSpec>(spec.body)) {
    EXPECT_DOUBLE_EQ(prediction.at("one_way_us").get<double>(), slowest);
  } else if (std::holds_alternative<SitesSpec>(spec.body)) {
    // The answer rounds each site's RTT to the nanosecond.
    for (const auto& site : p.answer.at("placement").at("sites")) {
      if (site.value("role", "") == "reserved") {
        EXPECT_TRUE(is_carried_rtt(site.at("rtt_us").get<double>(), 1e-3)) << site.dump();
      }
    }
  }
}

class PlaceProperty : public ::testing::TestWithParam<std::string> {};

TEST_P(PlaceProperty, EveryPlacementValidAndDeletesLeaveNothing) {
  const Network& net = network(GetParam());
  auto fabric = fabric::Fabric::make(net, {}, [] { return std::int64_t{0}; }).value();
  const auto inventory = fabric.free_compute();
  std::mt19937_64 rng(20261201);
  std::vector<std::string> placed_ids;
  int placed = 0, refused = 0;
  for (int i = 0; i < 120; ++i) {
    const WorkloadSpec spec = random_spec(net, rng);
    const std::size_t services_before = fabric.size();
    const std::uint64_t slots_before = slots_used(fabric);
    const double free_before = total_gpus(fabric.free_compute());
    auto result = place(fabric, spec, "{}");
    if (!result) {
      // Only a document the network can never satisfy is an error; a validator failure is a bug.
      ASSERT_NE(result.error().code(), ErrorCode::kInternal) << result.error().to_string();
      EXPECT_EQ(fabric.size(), services_before);
      continue;
    }
    if (result->choice.refusal) {
      ++refused;
      EXPECT_EQ(fabric.size(), services_before) << result->choice.refusal->detail;
      EXPECT_EQ(slots_used(fabric), slots_before);
      EXPECT_EQ(total_gpus(fabric.free_compute()), free_before);
      continue;
    }
    ++placed;
    placed_ids.push_back(result->workload);
    EXPECT_EQ(result->services.size(), result->choice.links.size());
    expect_latencies_from_lightpaths(fabric, spec, *result);
    // Grants never exceed what a site has: free compute stays within 0…inventory.
    const auto free = fabric.free_compute();
    for (std::size_t s = 0; s < free.size(); ++s) {
      EXPECT_LE(free[s].gpu_count(), inventory[s].gpu_count());
      EXPECT_LE(free[s].cpu_cores, inventory[s].cpu_cores);
      EXPECT_GE(free[s].storage_tb, -1e-9);
    }
  }
  EXPECT_GT(placed, 20);
  EXPECT_GT(refused, 0);
  for (const std::string& id : placed_ids) ASSERT_TRUE(fabric.remove_workload(id)) << id;
  EXPECT_EQ(fabric.size(), 0u);
  EXPECT_EQ(slots_used(fabric), 0u);
  EXPECT_EQ(total_gpus(fabric.free_compute()), total_gpus(inventory));
}

// Three 30 Tb/s paths from the exchange: the first fits, a later one finds no spectrum. The
// placement is refused by the "lightpaths" rule and what was made is undone: no service, no slot.
TEST(Place, ALinkThatCannotBeProvisionedUndoesTheOthers) {
  const Network& net = network("london");
  auto fabric = fabric::Fabric::make(net, {}, [] { return std::int64_t{0}; }).value();
  WorkloadSpec spec;
  spec.body = SitesSpec{.anchor = "LSE", .max_rtt_us = 1000, .reserve = 3, .bandwidth_gbps = 30000};
  auto result = place(fabric, spec, "{}");
  ASSERT_TRUE(result);
  ASSERT_TRUE(result->choice.refusal);
  EXPECT_EQ(result->choice.refusal->rule, "lightpaths");
  EXPECT_EQ(result->choice.refusal->reason, "NO_SPECTRUM");
  EXPECT_TRUE(result->workload.empty());
  EXPECT_EQ(fabric.size(), 0u);
  EXPECT_EQ(slots_used(fabric), 0u);
  EXPECT_EQ(fabric.workload_count(), 0u);
  // The undone service stays in the event log: created, then deleted.
  std::size_t created = 0, deleted = 0;
  for (const auto& e : fabric.events()) {
    created += e.what == "created";
    deleted += e.what == "deleted";
  }
  EXPECT_GE(created, 1u);
  EXPECT_EQ(created, deleted);
}

// Placers see the fibres in service: with every fibre of the venue but one cut, ST 2022-7 has no
// disjoint pair, and the placer itself says so (rule disjoint_paths) instead of choosing over a
// network the fabric no longer has.
TEST(Place, PlacersChooseOverTheFibresInService) {
  const Network& net = network("tokyo");
  auto fabric = fabric::Fabric::make(net, {}, [] { return std::int64_t{0}; }).value();
  WorkloadSpec spec;
  spec.body = ProductionSpec{.venue = "KAWASAKI",
                             .gallery = "OTEMACHI",
                             .cameras = 2,
                             .format = "1080p50",
                             .redundancy = Redundancy::kSt2022_7,
                             .max_one_way_us = 5000};
  auto intact = place(fabric, spec, "{}");
  ASSERT_TRUE(intact && !intact->choice.refusal);
  ASSERT_TRUE(fabric.remove_workload(intact->workload));

  const NodeIndex venue = net.site(net.find_site("KAWASAKI")).node;
  bool kept_one = false;
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    if (net.fiber(f).a != venue && net.fiber(f).b != venue) continue;
    if (!kept_one) {
      kept_one = true;
      continue;
    }
    ASSERT_TRUE(fabric.cut(net.fiber(f).id));
  }
  auto cut = place(fabric, spec, "{}");
  ASSERT_TRUE(cut);
  ASSERT_TRUE(cut->choice.refusal);
  EXPECT_EQ(cut->choice.refusal->rule, "disjoint_paths") << cut->choice.refusal->detail;
  EXPECT_EQ(fabric.size(), 0u);
}

// A cut on a workload's lightpath: the link is re-routed within its bound (the dedicated
// inference link of THN–RDG has alternatives in London), so the workload stays up.
TEST(Place, AWorkloadsLinkIsRestoredAfterACut) {
  const Network& net = network("london");
  auto fabric = fabric::Fabric::make(net, {}, [] { return std::int64_t{0}; }).value();
  WorkloadSpec spec;
  spec.body = InferenceSpec{.data_site = "THN",
                            .allowed_jurisdictions = {"GB"},
                            .gpus = 16,
                            .bandwidth_gbps = 100,
                            .max_rtt_us = 1500};
  auto placed = place(fabric, spec, "{}");
  ASSERT_TRUE(placed && !placed->choice.refusal);
  ASSERT_EQ(placed->services.size(), 1u);
  const fabric::Service* s = fabric.find(placed->services[0]);
  const std::string fiber = net.fiber(s->lightpaths[0].path.fibers[0]).id;
  auto report = fabric.cut(fiber);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->affected.size(), 1u);
  EXPECT_EQ(report->affected[0].outcome, "restored") << report->affected[0].detail;
  s = fabric.find(placed->services[0]);
  EXPECT_EQ(s->state, fabric::ServiceState::kUp);
  for (const auto* lp : s->carrying()) EXPECT_LE(2 * lp->path.one_way.value(), 1500.0);
}

// A decision made on a snapshot books what place() would, and stops being current once a grant
// or a cut changes what it was made on.
TEST(Place, ADecisionIsCurrentUntilTheFabricChanges) {
  const Network& net = network("london");
  WorkloadSpec spec;
  spec.tenant = "t";
  spec.body = InferenceSpec{.data_site = "THN",
                            .allowed_jurisdictions = {"GB"},
                            .gpus = 16,
                            .bandwidth_gbps = 100,
                            .max_rtt_us = 1500};
  auto direct_fabric = fabric::Fabric::make(net, {}, [] { return std::int64_t{0}; }).value();
  auto direct = place(direct_fabric, spec, "{}");
  ASSERT_TRUE(direct && !direct->choice.refusal);

  auto fabric = fabric::Fabric::make(net, {}, [] { return std::int64_t{0}; }).value();
  const Decision decision = decide(net, snapshot_of(fabric), spec);
  ASSERT_TRUE(still_current(fabric, decision));
  auto booked = book(fabric, spec, "{}", decision);
  ASSERT_TRUE(booked && !booked->choice.refusal);
  EXPECT_EQ(booked->answer.dump(), direct->answer.dump());

  // Its own grant changed the free compute: the same decision may not be booked again.
  EXPECT_FALSE(still_current(fabric, decision));
  const Decision after_grant = decide(net, snapshot_of(fabric), spec);
  ASSERT_TRUE(still_current(fabric, after_grant));
  // A cut (even on a fibre the workload does not use) changes the routes choosing reads.
  ASSERT_TRUE(fabric.cut(net.fiber(net.fibers().size() - 1).id));
  EXPECT_FALSE(still_current(fabric, after_grant));
}

INSTANTIATE_TEST_SUITE_P(Examples, PlaceProperty, ::testing::Values("london", "tokyo"));

}  // namespace
}  // namespace lightmesh::workloads
