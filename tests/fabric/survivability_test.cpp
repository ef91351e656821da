// Survivability: every single fibre cut and site loss on copies of a fabric. Truths: 1+1 services
// have two disjoint legs, so no single cut loses one; a restored service's added latency is the
// difference of its two routes' latencies, summed here from the fibres' lengths and delays; a
// site loss leaves the services that end there no route; the copies leave the fabric as it was.
#include "fabric/survivability.h"

#include <gtest/gtest.h>

#include <set>

#include "../rsa/test_networks.h"
#include "physics/latency.h"

namespace lightmesh::fabric {
namespace {

using lightmesh::testing::fiber;
using lightmesh::testing::site;

// A ring A–B–C–D–A plus a spur D–E (E is single-homed), and a chord B–D.
Network ring() {
  NetworkSpec spec;
  spec.modes = lightmesh::testing::test_modes();
  spec.sites = {site("A"), site("B"), site("C"), site("D"), site("E")};
  spec.fibers = {fiber("AB", "A", "B", 10), fiber("BC", "B", "C", 20), fiber("CD", "C", "D", 30),
                 fiber("DA", "D", "A", 40), fiber("DE", "D", "E", 5),  fiber("BD", "B", "D", 60)};
  return build_network(std::move(spec)).value();
}

Fabric make_fabric(const Network& net) {
  return Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{1}; }).value();
}

const Service* book(Fabric& f, std::string from, std::string to, double gbps, ServiceProtection p) {
  ServiceRequest r;
  r.tenant = "t";
  r.from = std::move(from);
  r.to = std::move(to);
  r.bandwidth = Gbps{gbps};
  r.protection = p;
  auto s = f.create(r);
  EXPECT_TRUE(s) << r.from << "–" << r.to;
  return s ? *s : nullptr;
}

const ServiceImpact* impact_of(const FailureScenario& s, const std::string& id) {
  for (const ServiceImpact& v : s.services)
    if (v.service == id) return &v;
  return nullptr;
}

// Σ length × delay over the lightpath's fibres, from the network's fibre table.
Microseconds fibre_latency(const Network& net, const rsa::Lightpath& lp) {
  Microseconds sum{0};
  for (FiberIndex f : lp.fibers) sum += net.fiber(f).length * net.fiber(f).delay;
  return sum;
}

TEST(Survivability, OnePlusOneServicesSurviveEverySingleCut) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  std::set<std::string> protected_ids;
  for (auto [a, b] :
       {std::pair{"A", "C"}, std::pair{"B", "D"}, std::pair{"A", "B"}, std::pair{"C", "D"}})
    if (const Service* s = book(f, a, b, 100, ServiceProtection::kOnePlusOne))
      protected_ids.insert(s->id);
  book(f, "A", "C", 100, ServiceProtection::kNone);
  const SurvivabilityReport r = survivability(f);
  EXPECT_EQ(r.services, protected_ids.size() + 1);
  std::size_t fibre_scenarios = 0, switched = 0;
  for (const FailureScenario& s : r.scenarios) {
    if (s.kind != "fiber") continue;
    ++fibre_scenarios;
    for (const std::string& id : protected_ids) {
      const ServiceImpact* v = impact_of(s, id);
      if (!v) continue;
      EXPECT_EQ(v->outcome, "switched") << id << " at cut of " << s.name;
      ++switched;
    }
  }
  EXPECT_EQ(fibre_scenarios, net.fibers().size());
  EXPECT_GT(switched, 0u);  // the cuts did hit the protected services
  // The fabric itself is untouched: nothing is cut, everything is up.
  EXPECT_TRUE(f.failed_fibers().empty());
  for (const Service* s : f.list("", "", 100)) EXPECT_EQ(s->state, ServiceState::kUp);
}

TEST(Survivability, ARestoredServiceGainsTheDifferenceOfItsRoutesLatencies) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  const Service* svc = book(f, "A", "C", 100, ServiceProtection::kRestore);
  ASSERT_TRUE(svc);
  ASSERT_EQ(svc->lightpaths.size(), 1u);
  const rsa::Lightpath before = svc->lightpaths[0].path;  // A–B–C, 30 km
  const SurvivabilityReport r = survivability(f);
  std::size_t checked = 0;
  for (const FailureScenario& s : r.scenarios) {
    if (s.kind != "fiber") continue;
    const ServiceImpact* v = impact_of(s, svc->id);
    if (!v) continue;
    ASSERT_EQ(v->outcome, "restored") << s.name;
    ASSERT_TRUE(v->added_latency);
    // The new route, as the same cut gives it on a copy of our own.
    Fabric copy = f;
    ASSERT_TRUE(copy.cut(s.name));
    const rsa::Lightpath after = copy.find(svc->id)->lightpaths[0].path;
    // Fibre propagation from the fibre table; the other parts (nodes, amplifiers, transceivers)
    // from the latency model's own breakdown of each route.
    const auto parts = [&](const rsa::Lightpath& lp) {
      return physics::route_latency(net, lp.nodes, lp.fibers, &net.catalogue().mode(lp.mode));
    };
    const physics::LatencyBreakdown old_parts = parts(before), new_parts = parts(after);
    EXPECT_NEAR(old_parts.fiber.value(), fibre_latency(net, before).value(), 1e-9);
    const double expected = (fibre_latency(net, after) - fibre_latency(net, before)).value() +
                            (new_parts.amplifiers - old_parts.amplifiers).value() +
                            (new_parts.nodes - old_parts.nodes).value() +
                            (new_parts.transceivers - old_parts.transceivers).value();
    EXPECT_NEAR(v->added_latency->value(), expected, 1e-9) << s.name;
    EXPECT_GT(v->added_latency->value(), 0.0);  // the shortest route was the one cut
    EXPECT_NEAR(s.max_added_latency.value(), expected, 1e-9);
    ++checked;
  }
  EXPECT_EQ(checked, 2u);  // AB and BC
}

TEST(Survivability, ASiteLossLosesTheServicesThatEndThere) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  std::vector<const Service*> services = {
      book(f, "D", "E", 100, ServiceProtection::kRestore),
      book(f, "A", "E", 100, ServiceProtection::kRestore),
      book(f, "A", "C", 100, ServiceProtection::kOnePlusOne),
      book(f, "B", "C", 100, ServiceProtection::kRestore),
      book(f, "A", "D", 100, ServiceProtection::kNone),
  };
  const SurvivabilityReport r = survivability(f);
  std::size_t sites = 0;
  for (const FailureScenario& s : r.scenarios) {
    if (s.kind != "site") continue;
    ++sites;
    EXPECT_EQ(s.fibers.size(), net.fibers_at(net.site(net.find_site(s.name)).node).size());
    for (const Service* svc : services) {
      if (svc->request.from != s.name && svc->request.to != s.name) continue;
      const ServiceImpact* v = impact_of(s, svc->id);
      ASSERT_TRUE(v) << svc->id << " at loss of " << s.name;
      EXPECT_EQ(v->outcome, "lost") << svc->id << " at loss of " << s.name;
    }
  }
  EXPECT_EQ(sites, net.sites().size());
}

TEST(Survivability, FailuresAreRankedByImpactAndCountTheSpectrumLeft) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  book(f, "D", "E", 400, ServiceProtection::kNone);
  book(f, "A", "C", 100, ServiceProtection::kRestore);
  book(f, "B", "D", 100, ServiceProtection::kNone);
  const SurvivabilityReport r = survivability(f);
  ASSERT_FALSE(r.scenarios.empty());
  for (std::size_t i = 1; i < r.scenarios.size(); ++i)
    EXPECT_GE(r.scenarios[i - 1].lost_gbps, r.scenarios[i].lost_gbps);
  const std::uint64_t per_fibre = f.planner().spectrum().grid().slot_count();
  EXPECT_EQ(r.slots, per_fibre * net.fibers().size());
  for (const FailureScenario& s : r.scenarios) {
    EXPECT_EQ(s.slots, per_fibre * (net.fibers().size() - s.fibers.size())) << s.name;
    EXPECT_LE(s.free_slots, s.slots);
    std::size_t lost = 0;
    double lost_gbps = 0;
    for (const ServiceImpact& v : s.services)
      if (v.outcome == "lost") ++lost, lost_gbps += v.bandwidth_gbps;
    EXPECT_EQ(s.lost, lost);
    EXPECT_DOUBLE_EQ(s.lost_gbps, lost_gbps);
  }
  // Losing E's only fibre (or E itself) loses the 400G service: the top of the ranking.
  EXPECT_GE(r.scenarios[0].lost_gbps, 400);
}

TEST(Survivability, DemandsAreBookedAsServices) {
  const Network net = ring();
  Fabric f = make_fabric(net);
  std::vector<Demand> demands(3);
  demands[0] = {.id = "d1", .from = "A", .to = "C", .bandwidth = Gbps{100}};
  demands[1] = {.id = "d2",
                .from = "A",
                .to = "C",
                .bandwidth = Gbps{100},
                .protection = Protection::kOnePlusOne};
  demands[2] = {.id = "d3", .from = "A", .to = "NOWHERE", .bandwidth = Gbps{100}};
  auto refused = book_demands(f, demands, ServiceProtection::kRestore);
  ASSERT_TRUE(refused);
  ASSERT_EQ(refused->size(), 1u);
  EXPECT_EQ((*refused)[0].rfind("d3: ", 0), 0u) << (*refused)[0];
  std::set<std::string> protections;
  for (const Service* s : f.list("", "", 10))
    protections.insert(protection_name(s->request.protection));
  EXPECT_EQ(protections, (std::set<std::string>{"restore", "1+1"}));
}

}  // namespace
}  // namespace lightmesh::fabric
