// The fabric: transactions leave nothing behind, failures switch / restore / take down exactly what
// they should, latency groups are equal to the microsecond, and random operation sequences never
// book a slot twice.
#include "fabric/fabric.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "../rsa/test_networks.h"

namespace lightmesh::fabric {
namespace {

using lightmesh::testing::fiber;
using lightmesh::testing::site;

// A ring A–B–C–D–A plus a spur D–E (E is single-homed).
Network ring() {
  NetworkSpec spec;
  spec.modes = lightmesh::testing::test_modes();
  spec.sites = {site("A"), site("B"), site("C"), site("D"), site("E")};
  spec.fibers = {fiber("AB", "A", "B", 10), fiber("BC", "B", "C", 20), fiber("CD", "C", "D", 30),
                 fiber("DA", "D", "A", 40), fiber("DE", "D", "E", 5)};
  return build_network(std::move(spec)).value();
}

Fabric make_fabric(const Network& net, std::int64_t* now) {
  return Fabric::make(net, rsa::PlanOptions{}, [now] { return (*now)++; }).value();
}

ServiceRequest request(std::string from, std::string to, double gbps,
                       ServiceProtection p = ServiceProtection::kNone, std::string tenant = "t1") {
  ServiceRequest r;
  r.tenant = std::move(tenant);
  r.from = std::move(from);
  r.to = std::move(to);
  r.bandwidth = Gbps{gbps};
  r.protection = p;
  return r;
}

// Independent check of the spectrum: every booked slot belongs to exactly one lightpath of a
// service, and the planner holds exactly those bookings.
void expect_consistent(const Fabric& f) {
  std::map<std::pair<FiberIndex, std::uint32_t>, int> owners;
  std::uint64_t expected = 0;
  for (const Service* s : f.list("", "", 1u << 30)) {
    for (const auto& lp : s->lightpaths) {
      for (FiberIndex fi : lp.path.fibers) {
        for (std::uint32_t k = lp.path.slots.first; k < lp.path.slots.first + lp.path.slots.count;
             ++k) {
          EXPECT_EQ(++owners[std::make_pair(fi, k)], 1) << "slot booked twice";
        }
        expected += 2 * lp.path.slots.count;
      }
    }
    if (s->state == ServiceState::kUp) {
      for (const auto* lp : s->carrying()) {
        for (FiberIndex fi : lp->path.fibers) EXPECT_FALSE(f.planner().fiber_down(fi)) << s->id;
      }
      EXPECT_FALSE(s->carrying().empty());
    } else {
      EXPECT_TRUE(s->carrying().empty());
    }
  }
  EXPECT_EQ(f.planner().spectrum().used_slots(), expected);
}

TEST(Fabric, CreateAndRemoveLeaveNothingBehind) {
  const Network net = ring();
  std::int64_t now = 100;
  Fabric f = make_fabric(net, &now);
  auto a = f.create(request("A", "C", 400));
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)->id, "svc-000001");
  EXPECT_EQ((*a)->state, ServiceState::kUp);
  expect_consistent(f);
  Refusal refusal;
  auto bad = f.create(request("A", "Q", 100), &refusal);
  ASSERT_FALSE(bad);
  EXPECT_EQ(refusal.reason, "UNKNOWN_ENDPOINT");
  EXPECT_EQ(f.size(), 1u);
  ASSERT_TRUE(f.remove("svc-000001"));
  EXPECT_EQ(f.planner().spectrum().used_slots(), 0u);
  EXPECT_EQ(f.remove("svc-000001").error().code(), ErrorCode::kNotFound);
  // Events: created, deleted — numbered without gaps, stamped by the injected clock.
  ASSERT_EQ(f.events().size(), 2u);
  EXPECT_EQ(f.events()[0].what, "created");
  EXPECT_EQ(f.events()[1].what, "deleted");
  EXPECT_EQ(f.events()[1].sequence, 2u);
  EXPECT_LT(f.events()[0].time_us, f.events()[1].time_us);
}

TEST(Fabric, OnePlusOneSwitchesThenGoesDownThenComesBack) {
  const Network net = ring();
  std::int64_t now = 0;
  Fabric f = make_fabric(net, &now);
  auto s = f.create(request("A", "C", 100, ServiceProtection::kOnePlusOne));
  ASSERT_TRUE(s);
  const std::string id = (*s)->id;
  // Working is A–B–C (30 km), protect A–D–C (70 km).
  auto r = f.cut("AB");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->affected.size(), 1u);
  EXPECT_EQ(r->affected[0].outcome, "switched");
  EXPECT_TRUE(f.find(id)->on_protect);
  EXPECT_EQ(f.find(id)->carrying()[0]->path.role, rsa::Role::kProtect);
  expect_consistent(f);
  r = f.cut("CD");
  EXPECT_EQ(r->affected[0].outcome, "down");
  EXPECT_EQ(f.find(id)->state, ServiceState::kDown);
  expect_consistent(f);
  r = f.repair("AB");
  ASSERT_EQ(r->affected.size(), 1u);
  EXPECT_EQ(f.find(id)->state, ServiceState::kUp);
  EXPECT_FALSE(f.find(id)->on_protect);
  expect_consistent(f);
  EXPECT_EQ(f.cut("nope").error().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(f.cut("CD"));  // already cut
}

TEST(Fabric, RestoreReroutesOnSpareSpectrumOrWaitsForRepair) {
  const Network net = ring();
  std::int64_t now = 0;
  Fabric f = make_fabric(net, &now);
  auto ring_svc = f.create(request("A", "C", 100, ServiceProtection::kRestore));
  auto spur_svc = f.create(request("D", "E", 100, ServiceProtection::kRestore));
  auto plain = f.create(request("A", "B", 100));
  ASSERT_TRUE(ring_svc && spur_svc && plain);
  const std::string ring_id = (*ring_svc)->id, spur_id = (*spur_svc)->id, plain_id = (*plain)->id;
  auto r = f.cut("AB");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->affected.size(), 2u);
  EXPECT_EQ(r->affected[0].outcome, "restored");
  EXPECT_EQ(r->affected[1].outcome, "down");
  const Service* restored = f.find(ring_id);
  EXPECT_EQ(restored->state, ServiceState::kUp);
  EXPECT_DOUBLE_EQ(restored->lightpaths[0].path.length.value(), 70.0);  // A–D–C
  EXPECT_EQ(f.find(plain_id)->state, ServiceState::kDown);
  expect_consistent(f);
  // The spur has no alternative: down, original kept; repair brings it back as it was.
  r = f.cut("DE");
  EXPECT_EQ(r->affected[0].outcome, "down");
  EXPECT_NE(f.find(spur_id)->down_reason.find("NO_PATH"), std::string::npos);
  expect_consistent(f);
  ASSERT_TRUE(f.repair("DE"));
  EXPECT_EQ(f.find(spur_id)->state, ServiceState::kUp);
  ASSERT_TRUE(f.repair("AB"));
  EXPECT_EQ(f.find(plain_id)->state, ServiceState::kUp);
  // Re-optimisation is not done: the restored service keeps its working (longer) route.
  EXPECT_DOUBLE_EQ(f.find(ring_id)->lightpaths[0].path.length.value(), 70.0);
  expect_consistent(f);
}

// The equipment's say on a restoration (the southbound's make before break): asked once per
// restored service with both routes; refused, the service is back on its old route exactly, down
// with the equipment's reason, and the spectrum is as before the cut; accepted, its note is kept.
TEST(Fabric, ARestorationTheEquipmentRefusesLeavesTheServiceDownOnItsOldRoute) {
  const Network net = ring();
  std::int64_t now = 0;
  Fabric f = make_fabric(net, &now);
  auto svc = f.create(request("A", "C", 100, ServiceProtection::kRestore));
  ASSERT_TRUE(svc);
  const std::string id = (*svc)->id;
  const rsa::Lightpath old_path = (*svc)->lightpaths[0].path;
  int asked = 0;
  auto r = f.cut("AB", [&](const Service& before, const Service& after) {
    ++asked;
    EXPECT_EQ(before.lightpaths[0].path.fibers, old_path.fibers);
    EXPECT_NE(after.lightpaths[0].path.fibers, old_path.fibers);
    return RestorationPush{.refused = true, .detail = "device X: commit refused"};
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(asked, 1);
  ASSERT_EQ(r->affected.size(), 1u);
  EXPECT_EQ(r->affected[0].outcome, "down");
  EXPECT_EQ(r->affected[0].detail, "restoration refused by the devices: device X: commit refused");
  const Service* s = f.find(id);
  EXPECT_EQ(s->state, ServiceState::kDown);
  EXPECT_EQ(s->down_reason, r->affected[0].detail);
  EXPECT_EQ(s->lightpaths[0].path.fibers, old_path.fibers);
  EXPECT_EQ(s->lightpaths[0].path.slots.first, old_path.slots.first);
  EXPECT_EQ(f.events().back().what, "down");
  expect_consistent(f);
  // Its route whole again, it comes back up as it was.
  ASSERT_TRUE(f.repair("AB"));
  EXPECT_EQ(f.find(id)->state, ServiceState::kUp);
  expect_consistent(f);

  // Accepted with a note: restored, and the note is in the report and the event.
  r = f.cut("AB", [](const Service&, const Service&) {
    return RestorationPush{.refused = false, .detail = "old entries kept on device Y"};
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->affected[0].outcome, "restored");
  EXPECT_NE(r->affected[0].detail.find("; old entries kept on device Y"), std::string::npos);
  EXPECT_NE(f.events().back().why.find("old entries kept on device Y"), std::string::npos);
  EXPECT_DOUBLE_EQ(f.find(id)->lightpaths[0].path.length.value(), 70.0);  // A–D–C
  expect_consistent(f);
}

TEST(Fabric, LatencyGroupsAreEqualToTheMicrosecond) {
  const Network net = ring();
  std::int64_t now = 0;
  Fabric f = make_fabric(net, &now);
  std::vector<std::string> ids;
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"A", "B"}, {"A", "C"}, {"D", "E"}}) {
    ServiceRequest r = request(from, to, 100);
    r.latency_group = "feeds";
    auto s = f.create(r);
    ASSERT_TRUE(s);
    ids.push_back((*s)->id);
  }
  // A–C over 30 km is the slowest: 147 + 1.5 + 15 = 163.5 µs; the others are padded to it.
  for (const auto& id : ids) {
    const auto* lp = f.find(id)->carrying()[0];
    EXPECT_NEAR(lp->path.one_way.value() + lp->added_delay.value(), 163.5, 1.0);
    EXPECT_NEAR(lp->path.one_way.value() + lp->added_delay.value(), 163.5, 1e-9);
    EXPECT_GE(lp->added_delay.value(), 0.0);
  }
  // A member whose bound the padding would break is refused and changes nothing.
  const std::uint64_t used = f.planner().spectrum().used_slots();
  ServiceRequest tight = request("A", "B", 100);
  tight.latency_group = "feeds";
  tight.max_one_way = Microseconds{100};
  Refusal refusal;
  EXPECT_FALSE(f.create(tight, &refusal));
  EXPECT_EQ(refusal.reason, "LATENCY_BOUND");
  EXPECT_EQ(f.planner().spectrum().used_slots(), used);
  // Removing the slowest member lowers everyone's padding.
  ASSERT_TRUE(f.remove(ids[1]));
  const auto* ab = f.find(ids[0])->carrying()[0];
  const auto* de = f.find(ids[2])->carrying()[0];
  EXPECT_NEAR(ab->path.one_way.value() + ab->added_delay.value(),
              de->path.one_way.value() + de->added_delay.value(), 1e-9);
  // By hand: A–B 10 km → 49 + 1 + 15 = 65 µs, now the slowest; D–E 5 km → 40.5 µs, padded by 24.5
  // µs.
  EXPECT_DOUBLE_EQ(ab->added_delay.value(), 0.0);
  EXPECT_NEAR(de->added_delay.value(), 24.5, 1e-9);
}

// Groups are a tenant's: another tenant's "trading" is another group, so joining it with a long
// route pads nothing of the first tenant's and is not refused for the first tenant's bounds.
TEST(Fabric, LatencyGroupsOfOneNameInTwoTenantsAreTwoGroups) {
  const Network net = ring();
  std::int64_t now = 0;
  Fabric f = make_fabric(net, &now);
  ServiceRequest mine = request("A", "B", 100, ServiceProtection::kNone, "bank");
  mine.latency_group = "trading";
  mine.max_one_way = Microseconds{100};  // A–B is 65 µs (by hand, as above)
  auto a = f.create(mine);
  ASSERT_TRUE(a);
  const std::string mine_id = (*a)->id;
  ServiceRequest theirs = request("A", "C", 100, ServiceProtection::kNone, "rival");
  theirs.latency_group = "trading";  // A–C is 163.5 µs: would break the bank's 100 µs bound
  auto b = f.create(theirs);
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_DOUBLE_EQ(f.find(mine_id)->carrying()[0]->added_delay.value(), 0.0);
  EXPECT_DOUBLE_EQ(f.find((*b)->id)->carrying()[0]->added_delay.value(), 0.0);
  // The same tenant's second member is padded as before: the bank's group is its own.
  ServiceRequest second = request("D", "E", 100, ServiceProtection::kNone, "bank");
  second.latency_group = "trading";
  auto c = f.create(second);
  ASSERT_TRUE(c);
  const auto* de = f.find((*c)->id)->carrying()[0];
  EXPECT_NEAR(de->path.one_way.value() + de->added_delay.value(), 65.0, 1.0);
  // A cut of the rival's route re-equalises only the rival's group.
  ASSERT_TRUE(f.cut("BC"));
  EXPECT_DOUBLE_EQ(f.find(mine_id)->carrying()[0]->added_delay.value(), 0.0);
  expect_consistent(f);
}

TEST(Fabric, ListPagesByCursorAndTenant) {
  const Network net = ring();
  std::int64_t now = 0;
  Fabric f = make_fabric(net, &now);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(f.create(request("A", "B", 100, ServiceProtection::kNone, i % 2 ? "odd" : "even")));
  auto page = f.list("", "", 2);
  ASSERT_EQ(page.size(), 2u);
  auto next = f.list("", page.back()->id, 10);
  EXPECT_EQ(next.size(), 3u);
  EXPECT_EQ(next.front()->id, "svc-000003");
  EXPECT_EQ(f.list("odd", "", 10).size(), 2u);
}

TEST(Fabric, RandomOperationsKeepTheInvariants) {
  for (std::uint64_t seed = 1; seed <= 15; ++seed) {
    auto spec = lightmesh::testing::random_network(8, 8, 10, 200, seed);
    spec.band_first_thz = 193.1 - 0.00625 * 40;
    spec.band_last_thz = 193.1 + 0.00625 * 40;
    const Network net = build_network(std::move(spec)).value();
    std::int64_t now = 0;
    Fabric f = make_fabric(net, &now);
    std::mt19937_64 rng(seed);
    std::vector<std::string> live;
    for (int step = 0; step < 150; ++step) {
      const int op = static_cast<int>(rng() % 10);
      if (op < 5) {
        ServiceRequest r =
            request("S" + std::to_string(rng() % 8), "S" + std::to_string(rng() % 8),
                    (1 + rng() % 4) * 100.0, static_cast<ServiceProtection>(rng() % 3));
        if (rng() % 4 == 0) r.latency_group = "g" + std::to_string(rng() % 2);
        if (auto s = f.create(r)) live.push_back((*s)->id);
      } else if (op < 8 && !live.empty()) {
        const std::size_t k = rng() % live.size();
        ASSERT_TRUE(f.remove(live[k]));
        live.erase(live.begin() + static_cast<long>(k));
      } else {
        const std::string fib = net.fiber(static_cast<FiberIndex>(rng() % net.fibers().size())).id;
        if (!f.cut(fib)) {
          ASSERT_TRUE(f.repair(fib));
        }
      }
      expect_consistent(f);
    }
    for (std::size_t i = 0; i < f.events().size(); ++i) EXPECT_EQ(f.events()[i].sequence, i + 1);
  }
}

}  // namespace
}  // namespace lightmesh::fabric

namespace lightmesh::fabric {
namespace {

// A store keeps routes, modes and slots, not the GSNR: a fabric rebuilt from it derives the same
// full-load GSNR again, since it depends only on the route and the mode.
TEST(Fabric, AdoptedServicesGetTheirGsnrBack) {
  NetworkSpec spec;
  TransceiverMode m;
  m.name = "Q100";
  m.transceiver = "test";
  m.bit_rate = Gbps{100};
  m.baud_rate = GBaud{32};
  m.channel_width = GHz{50};
  m.required_osnr = Decibel{12};
  m.where = "/transceivers/0";
  spec.modes = {m};
  spec.sites = {site("A"), site("B"), site("C")};
  spec.fibers = {fiber("AB", "A", "B", 300), fiber("BC", "B", "C", 500)};
  const Network net = build_network(std::move(spec)).value();
  std::int64_t now = 0;
  Fabric f = make_fabric(net, &now);
  const Service* s = f.create(request("A", "C", 200)).value();
  ASSERT_EQ(s->lightpaths.size(), 2u);
  ASSERT_TRUE(s->lightpaths[0].path.gsnr.has_value());
  const double gsnr = s->lightpaths[0].path.gsnr->at_01nm_db;
  EXPECT_GE(gsnr, 14.0);
  Service stored = *s;
  for (auto& lp : stored.lightpaths) lp.path.gsnr.reset();
  Fabric rebuilt = f.empty_like();
  ASSERT_TRUE(rebuilt.adopt(stored));
  const Service* again = rebuilt.find(stored.id);
  ASSERT_NE(again, nullptr);
  for (const auto& lp : again->lightpaths) {
    ASSERT_TRUE(lp.path.gsnr.has_value());
    EXPECT_EQ(lp.path.gsnr->at_01nm_db, gsnr);
  }
}

}  // namespace
}  // namespace lightmesh::fabric
