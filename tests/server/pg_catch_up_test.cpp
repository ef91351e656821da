// Catching up over PostgreSQL: two stores over one database, as two `lightmesh serve` processes
// are, take turns to write (creates with every protection, deletes, cuts, repairs, workloads).
// Before each write the writer catches up with the other's commits, and after it the other does;
// each time the caught-up fabric must equal one loaded whole from the store by a third store.
//
//   LIGHTMESH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres build/server_tests
//     --gtest_filter='PostgresCatchUp*'
#include <gtest/gtest.h>

#include <random>

#include "server/pg_test_server.h"
#include "server/server_test_support.h"
#include "store/postgres_store.h"
#include "store/service_json.h"

namespace lightmesh::server {
namespace {

using test_support::env;
using test_support::london;
using test_support::PgServer;

fabric::Fabric new_fabric() {
  return fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
}

// Everything a fabric holds, as text: services as stored plus each lightpath's up flag, failed
// fibres, workloads, free compute, booked slots and the event log.
std::string fingerprint(const fabric::Fabric& f) {
  std::string out;
  for (const fabric::Service* s : f.list("", "", SIZE_MAX)) {
    out += store::service_to_json(london(), *s) + " up:";
    for (const auto& lp : s->lightpaths) out += lp.up ? '1' : '0';
    out += '\n';
  }
  for (const auto& fiber : f.failed_fibers()) out += "failed " + fiber + "\n";
  for (const fabric::Workload* w : f.list_workloads("", "", SIZE_MAX)) {
    out += "workload " + w->id + " " + w->tenant + " services";
    for (const auto& s : w->services) out += " " + s;
    out += " owner " + (f.workload_of(w->services.front()) ? w->id : std::string("none")) + "\n";
  }
  for (const Compute& c : f.free_compute()) {
    out += "free";
    for (const GpuPool& p : c.gpus) out += " " + std::to_string(p.count);
    out += " " + std::to_string(c.cpu_cores) + " " + std::to_string(c.storage_tb) + "\n";
  }
  out += "slots " + std::to_string(f.planner().spectrum().used_slots()) + "\n";
  for (const auto& e : f.events())
    out += std::to_string(e.sequence) + " " + e.what + " " + e.service + " " + e.why + "\n";
  return out;
}

class PostgresCatchUp : public ::testing::Test {
 protected:
  void SetUp() override {
    PgServer& pg = PgServer::get();
    if (!pg.ok()) {
      if (env("LIGHTMESH_PG_REQUIRED") == "1") FAIL() << pg.why_not();
      GTEST_SKIP() << pg.why_not();
    }
    auto url = pg.fresh_database();
    ASSERT_TRUE(url) << url.error().to_string();
    db_ = *url;
  }
  std::unique_ptr<store::PostgresStore> open() {
    auto s = store::PostgresStore::open(db_);
    EXPECT_TRUE(s) << s.error().to_string();
    return s ? std::move(*s) : nullptr;
  }
  // What the controller does before a request, but with no fallback to a full load: catching up
  // must succeed on its own.
  static void catch_up(store::PostgresStore& s, fabric::Fabric& f, bool write) {
    auto stale = s.begin(write);
    ASSERT_TRUE(stale) << stale.error().to_string();
    if (!*stale) return;
    auto st = s.catch_up(f);
    ASSERT_TRUE(st) << st.error().to_string();
  }
  void expect_as_stored(const fabric::Fabric& f, const std::string& when) {
    auto fresh_store = open();
    ASSERT_TRUE(fresh_store);
    fabric::Fabric fresh = new_fabric();
    auto st = fresh_store->load_into(fresh);
    ASSERT_TRUE(st) << when << ": " << st.error().to_string();
    EXPECT_EQ(fingerprint(f), fingerprint(fresh)) << when;
  }

  std::string db_;
};

TEST_F(PostgresCatchUp, ACaughtUpFabricEqualsOneLoadedWhole) {
  std::unique_ptr<store::PostgresStore> stores[] = {open(), open()};
  ASSERT_TRUE(stores[0] && stores[1]);
  fabric::Fabric fabrics[] = {new_fabric(), new_fabric()};
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(stores[i]->load_into(fabrics[i]));
  std::vector<std::string> sites;
  for (const Site& s : london().sites()) sites.push_back(s.id);
  std::string gpu_site, gpu_model;
  for (const Site& s : london().sites()) {
    if (s.compute && !s.compute->gpus.empty() && gpu_site.empty()) {
      gpu_site = s.id;
      gpu_model = s.compute->gpus.front().model;
    }
  }
  ASSERT_FALSE(gpu_site.empty());
  std::mt19937_64 rng(424242);
  const fabric::ServiceProtection protections[] = {fabric::ServiceProtection::kNone,
                                                   fabric::ServiceProtection::kOnePlusOne,
                                                   fabric::ServiceProtection::kRestore};
  int cuts = 0, workloads = 0, deletes = 0;
  for (int step = 0; step < 60; ++step) {
    const int w = static_cast<int>(rng() % 2);
    store::PostgresStore& s = *stores[w];
    fabric::Fabric& f = fabrics[w];
    catch_up(s, f, true);
    if (HasFatalFailure()) return;
    expect_as_stored(f, "writer " + std::to_string(w) + " before step " + std::to_string(step));
    const auto dice = rng() % 10;
    const auto services = f.list("", "", SIZE_MAX);
    const auto failed = f.failed_fibers();
    if (dice < 2 && !services.empty()) {
      const fabric::Service* victim = services[rng() % services.size()];
      if (const fabric::Workload* owner = f.workload_of(victim->id)) {
        const std::string id = owner->id;  // a copy: removing frees the workload's own string
        ASSERT_TRUE(f.remove_workload(id));
      } else {
        ASSERT_TRUE(f.remove(victim->id));
      }
      ++deletes;
    } else if (dice == 2 && failed.size() < 2) {
      const Fiber& fib = london().fiber(rng() % london().fibers().size());
      if (f.cut(fib.id)) ++cuts;
    } else if (dice == 3 && !failed.empty()) {
      ASSERT_TRUE(f.repair(failed[rng() % failed.size()]));
    } else {
      fabric::ServiceRequest r;
      r.tenant = rng() % 2 ? "bank" : "tv";
      r.from = sites[rng() % sites.size()];
      do r.to = sites[rng() % sites.size()];
      while (r.to == r.from);
      r.bandwidth = Gbps{rng() % 2 ? 100.0 : 400.0};
      r.protection = protections[rng() % 3];
      if (rng() % 4 == 0) r.latency_group = "g" + std::to_string(rng() % 2);
      auto created = f.create(r);
      if (created && dice == 9) {
        fabric::Workload wl{.tenant = r.tenant, .kind = "training", .services = {(*created)->id}};
        wl.grants.push_back({.site = gpu_site, .gpu_model = gpu_model, .gpus = 1});
        if (f.add_workload(wl)) ++workloads;
      }
    }
    auto st = s.commit(f.take_changes(), london());
    ASSERT_TRUE(st) << st.error().to_string();
    // The other catches up, outside the writers' lock.
    catch_up(*stores[1 - w], fabrics[1 - w], false);
    if (HasFatalFailure()) return;
    stores[1 - w]->end();
    expect_as_stored(fabrics[1 - w], "reader after step " + std::to_string(step));
  }
  // The mix did what it is for.
  EXPECT_GT(cuts, 0);
  EXPECT_GT(workloads, 0);
  EXPECT_GT(deletes, 0);
  EXPECT_GT(fabrics[0].size(), 10u);
}

}  // namespace
}  // namespace lightmesh::server
