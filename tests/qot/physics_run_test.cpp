// The engine with lightmesh's physics (auto-design and propagation) on a small hand-written GNPy
// topology and equipment library (tests/qot/fixtures): every request is served with plausible
// figures, repeated loads come from the cache, and one transmission resolves endpoints as GNPy
// does and reports every element.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/gnpy_equipment.h"
#include "io/gnpy_topology.h"
#include "qot/path_request_run.h"
#include "qot/physics_hooks.h"
#include "qot/response.h"
#include "qot/service.h"
#include "qot/transmission.h"

namespace lightmesh::qot {
namespace {

using ::testing::ElementsAre;

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/qot/fixtures/" + name;
}

struct Inputs {
  Equipment eq;
  physics::ElementNetwork net;
  ServiceDocument services;
};

Inputs load() {
  auto eq = io::read_gnpy_equipment(fixture("eqpt_config.json"));
  EXPECT_TRUE(eq) << eq.error().to_string();
  auto net = io::read_gnpy_topology_file(fixture("topology.json"), *eq);
  EXPECT_TRUE(net) << net.error().to_string();
  auto svc = read_gnpy_services_file(fixture("services_run.json"));
  EXPECT_TRUE(svc) << svc.error().to_string();
  return {std::move(*eq), std::move(*net), std::move(*svc)};
}

TEST(PhysicsRun, DesignsPropagatesAndBooksEveryRequest) {
  Inputs in = load();
  PhysicsCache cache;
  PathRequestRun run(std::move(in.net), in.eq, physics_hooks(in.eq, &cache));
  auto rep = run.run(in.services, {});
  ASSERT_TRUE(rep) << rep.error().to_string();
  ASSERT_EQ(rep->results.size(), 5u);  // "4 | 3" aggregated
  for (const RequestResult& r : rep->results) {
    EXPECT_TRUE(r.feasible()) << r.request_id << " " << r.blocking_reason.value_or("");
    ASSERT_TRUE(r.qot) << r.request_id;
    // A few spans of SSMF: GSNR well above the modes' thresholds, below the 40 dB tx OSNR.
    EXPECT_GT(r.qot->gsnr_01nm_db, 18) << r.request_id;
    EXPECT_LT(r.qot->gsnr_01nm_db, 38) << r.request_id;
    // GNPy's 0.1 nm figure is the bandwidth figure re-referred: + 10·log10(baud / 12.5 GHz).
    EXPECT_NEAR(r.qot->gsnr_01nm_db - r.qot->gsnr_bw_db, 10 * std::log10(r.baud_rate_baud / 12.5e9),
                1e-9);
    EXPECT_FALSE(r.n.empty());
  }
  EXPECT_EQ(rep->results[1].mode, "m200");   // automatic: the 64 GBd mode passes at 75 GHz
  EXPECT_TRUE(rep->results[0].reverse_qot);  // bidirectional
  // Auto-design inserted amplifiers: the served paths cross them.
  bool has_amp = false;
  for (auto e : rep->results[0].path)
    has_amp = has_amp || run.network().at(e).kind() == physics::ElementKind::kEdfa;
  EXPECT_TRUE(has_amp);
  EXPECT_GT(cache.misses, 0u);
  // The response lists each request.
  auto back = read_gnpy_response(write_gnpy_response(*rep, run.network()), "r.json");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->size(), 5u);
}

TEST(PhysicsRun, RepeatedLoadsComeFromTheCache) {
  Inputs in = load();
  ServiceDocument twice = in.services;
  twice.synchronizations.clear();
  ServiceRequest again = twice.requests[4];
  again.request_id = "again";
  again.trx_mode.reset();  // automatic mode is never aggregated, and picks "5"'s mode and load
  twice.requests.push_back(again);
  PhysicsCache cache;
  PathRequestRun run(std::move(in.net), in.eq, physics_hooks(in.eq, &cache));
  auto rep = run.run(twice, {});
  ASSERT_TRUE(rep) << rep.error().to_string();
  EXPECT_GT(cache.hits, 0u);
}

TEST(PhysicsRun, OneTransmission) {
  Inputs in = load();
  auto hooks = physics_hooks(in.eq, nullptr);
  ASSERT_TRUE(hooks.design(
      in.net, {.power_dbm = 0, .nb_channels = 76, .spacing_hz = 50e9, .baud_rate_baud = 32e9}, true,
      {}));
  auto from = resolve_endpoint(in.net, "A");  // part of a uid, case-insensitively
  ASSERT_TRUE(from);
  EXPECT_EQ(in.net.at(*from).uid, "trx a");
  EXPECT_FALSE(resolve_endpoint(in.net, "nowhere"));
  auto to = resolve_endpoint(in.net, "trx c");
  ASSERT_TRUE(to);
  auto d = in.net.find("roadm d");
  auto t = run_transmission(in.net, in.eq, {.from = *from, .to = *to, .via = {*d}});
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(in.net.at(t->path.front()).uid, "trx a");
  EXPECT_NE(std::find(t->path.begin(), t->path.end(), *d), t->path.end());
  EXPECT_EQ(t->trace.elements.size(), t->path.size());
  EXPECT_EQ(t->nb_channels, 76u);  // the SI block: ⌊(195.1 − 191.3) THz / 50 GHz⌋
  EXPECT_GT(t->trace.receiver.summary.gsnr_01nm_db, 18);
}

}  // namespace
}  // namespace lightmesh::qot
