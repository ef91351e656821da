// Workloads in PostgreSQL: two stores over one database, as two `lightmesh serve` processes are.
// What one commits (compute grants with their services) the other sees when it finds itself
// stale; a delete through either releases everything for both; ids are never reused across them;
// and a version-2 database migrates with its services intact.
//
//   LIGHTMESH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres build/server_tests
//     --gtest_filter='PostgresWorkloads*'
//
// Where the server comes from, and when these tests skip: pg_test_server.h, docs/testing.md.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "server/pg_test_server.h"
#include "server/server_test_support.h"
#include "store/migrations.h"
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

// The first London site with at least `gpus` GPUs in one pool, and that pool's model.
std::pair<std::string, std::string> gpu_site(std::uint32_t gpus) {
  for (const Site& s : london().sites()) {
    if (!s.compute) continue;
    for (const GpuPool& p : s.compute->gpus)
      if (p.count >= gpus) return {s.id, p.model};
  }
  return {};
}

std::string create(fabric::Fabric& f, const std::string& from, const std::string& to) {
  fabric::ServiceRequest r;
  r.tenant = "bank";
  r.from = from;
  r.to = to;
  r.bandwidth = Gbps{400};
  auto s = f.create(r);
  EXPECT_TRUE(s) << s.error().to_string();
  return s ? (*s)->id : "";
}

void expect_same_free_compute(const fabric::Fabric& a, const fabric::Fabric& b) {
  const auto fa = a.free_compute(), fb = b.free_compute();
  ASSERT_EQ(fa.size(), fb.size());
  for (std::size_t i = 0; i < fa.size(); ++i) {
    ASSERT_EQ(fa[i].gpus.size(), fb[i].gpus.size());
    for (std::size_t p = 0; p < fa[i].gpus.size(); ++p)
      EXPECT_EQ(fa[i].gpus[p].count, fb[i].gpus[p].count) << london().site(i).id;
    EXPECT_EQ(fa[i].cpu_cores, fb[i].cpu_cores) << london().site(i).id;
    EXPECT_EQ(fa[i].storage_tb, fb[i].storage_tb) << london().site(i).id;
  }
}

void expect_inventory_whole(const fabric::Fabric& f) {
  const auto free = f.free_compute();
  for (SiteIndex i = 0; i < free.size(); ++i) {
    const Compute inv = london().site(i).compute.value_or(Compute{});
    ASSERT_EQ(free[i].gpus.size(), inv.gpus.size());
    for (std::size_t p = 0; p < inv.gpus.size(); ++p)
      EXPECT_EQ(free[i].gpus[p].count, inv.gpus[p].count) << london().site(i).id;
    EXPECT_EQ(free[i].cpu_cores, inv.cpu_cores) << london().site(i).id;
    EXPECT_EQ(free[i].storage_tb, inv.storage_tb) << london().site(i).id;
  }
}

class PostgresWorkloads : public ::testing::Test {
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
  // What a server does before a request: lock (for a write) and rebuild if another committed.
  static void sync(store::PostgresStore& s, fabric::Fabric& f, bool write) {
    auto stale = s.begin(write);
    ASSERT_TRUE(stale) << stale.error().to_string();
    if (!*stale) return;
    fabric::Fabric fresh = f.empty_like();
    auto st = s.load_into(fresh);
    ASSERT_TRUE(st) << st.error().to_string();
    f = std::move(fresh);
  }

  std::string db_;
};

TEST_F(PostgresWorkloads, ASecondStoreSeesTheFirstOnesWorkloadsAndTheirRelease) {
  const auto [gpu_site_id, model] = gpu_site(16);
  ASSERT_FALSE(gpu_site_id.empty()) << "the London example has no site with 16 GPUs in a pool";
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  fabric::Fabric fa = new_fabric(), fb = new_fabric();
  ASSERT_TRUE(a->load_into(fa));
  ASSERT_TRUE(b->load_into(fb));

  // Through A: two services and the workload that owns them.
  sync(*a, fa, true);
  const std::string s1 = create(fa, "LSE", "LD4"), s2 = create(fa, "LSE", gpu_site_id);
  fabric::Workload w{.tenant = "bank", .kind = "training", .services = {s1, s2}};
  w.grants.push_back({.site = gpu_site_id, .gpu_model = model, .gpus = 16, .role = "gpu"});
  auto placed = fa.add_workload(w);
  ASSERT_TRUE(placed) << placed.error().to_string();
  const std::string wid = (*placed)->id;
  ASSERT_TRUE(a->commit(fa.take_changes(), london()));

  // B is stale; its rebuild brings the workload, its pools, its services and their ownership.
  sync(*b, fb, false);
  b->end();
  ASSERT_EQ(fb.workload_count(), 1u);
  ASSERT_NE(fb.find_workload(wid), nullptr);
  EXPECT_EQ(*fb.find_workload(wid), *fa.find_workload(wid));
  expect_same_free_compute(fa, fb);
  EXPECT_EQ(fb.planner().spectrum().used_slots(), fa.planner().spectrum().used_slots());
  EXPECT_EQ(fb.workload_of(s2), fb.find_workload(wid));
  EXPECT_EQ(fb.remove(s1).error().code(), ErrorCode::kInvalidInput);

  // Through B: the delete. A, rebuilding under the writers' lock, finds everything released.
  sync(*b, fb, true);
  ASSERT_TRUE(fb.remove_workload(wid));
  ASSERT_TRUE(b->commit(fb.take_changes(), london()));
  sync(*a, fa, true);
  EXPECT_EQ(fa.workload_count(), 0u);
  EXPECT_EQ(fa.size(), 0u);
  EXPECT_EQ(fa.planner().spectrum().used_slots(), 0u);
  expect_inventory_whole(fa);
  // The deleted id stays taken: A's next workload gets a new one, and B sees it.
  auto next = fa.add_workload(
      {.tenant = "bank", .grants = {{.site = gpu_site_id, .gpu_model = model, .gpus = 1}}});
  ASSERT_TRUE(next) << next.error().to_string();
  EXPECT_NE((*next)->id, wid);
  EXPECT_GT((*next)->id, wid);
  const std::string next_id = (*next)->id;
  ASSERT_TRUE(a->commit(fa.take_changes(), london()));
  sync(*b, fb, false);
  b->end();
  ASSERT_NE(fb.find_workload(next_id), nullptr);
  expect_same_free_compute(fa, fb);
  // And a third process starting now loads the same.
  auto c = open();
  ASSERT_TRUE(c);
  fabric::Fabric fc = new_fabric();
  ASSERT_TRUE(c->load_into(fc));
  EXPECT_EQ(fc.workload_count(), 1u);
  expect_same_free_compute(fa, fc);
}

TEST_F(PostgresWorkloads, AStaleWriterCannotGrantWhatAnotherAlreadyTook) {
  const auto [site, model] = gpu_site(16);
  ASSERT_FALSE(site.empty());
  std::uint32_t pool_total = 0;
  for (const GpuPool& p : london().site(london().find_site(site)).compute->gpus)
    pool_total += p.model == model ? p.count : 0;
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  fabric::Fabric fa = new_fabric(), fb = new_fabric();
  ASSERT_TRUE(a->load_into(fa));
  ASSERT_TRUE(b->load_into(fb));
  // A takes every GPU of the model there; B, which loaded before, must see that once it locks.
  sync(*a, fa, true);
  ASSERT_TRUE(fa.add_workload(
      {.tenant = "bank", .grants = {{.site = site, .gpu_model = model, .gpus = pool_total}}}));
  ASSERT_TRUE(a->commit(fa.take_changes(), london()));
  sync(*b, fb, true);
  auto refused =
      fb.add_workload({.tenant = "tv", .grants = {{.site = site, .gpu_model = model, .gpus = 1}}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);
  ASSERT_TRUE(b->commit(fb.take_changes(), london()));  // nothing to write: releases the lock
  EXPECT_EQ(fb.workload_count(), 1u);
}

TEST_F(PostgresWorkloads, AVersion2DatabaseMigratesAndKeepsItsServices) {
  // A schema as lightmesh left it before workloads: PostgreSQL migrations 1 and 2, one service.
  fabric::Fabric old = new_fabric();
  const std::string sid = create(old, "LSE", "LD4");
  {
    PGconn* conn = PQconnectdb(db_.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    auto run = [&](const std::string& sql) {
      PGresult* r = PQexec(conn, sql.c_str());
      const ExecStatusType st = PQresultStatus(r);
      EXPECT_TRUE(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
          << sql << ": " << PQresultErrorMessage(r);
      PQclear(r);
    };
    run("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    for (const store::Migration& m : store::postgres_migrations()) {
      if (m.version > 2) break;
      run(m.sql);
      run("INSERT INTO schema_version (version) VALUES (" + std::to_string(m.version) + ")");
    }
    const std::string body = store::service_to_json(london(), *old.find(sid));
    const char* params[] = {sid.c_str(), "bank", body.c_str()};
    PGresult* r = PQexecParams(conn, "INSERT INTO services (id, tenant, body) VALUES ($1, $2, $3)",
                               3, nullptr, params, nullptr, nullptr, 0);
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(conn);
  }
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->schema_version(), store::postgres_migrations().back().version);
  EXPECT_GE(s->schema_version(), 3);
  fabric::Fabric f = new_fabric();
  ASSERT_TRUE(s->load_into(f));
  ASSERT_NE(f.find(sid), nullptr);
  const auto [site, model] = gpu_site(8);
  sync(*s, f, true);
  ASSERT_TRUE(f.add_workload({.tenant = "bank",
                              .grants = {{.site = site, .gpu_model = model, .gpus = 8}},
                              .services = {sid}}));
  ASSERT_TRUE(s->commit(f.take_changes(), london()));
  auto again = open();
  ASSERT_TRUE(again);
  fabric::Fabric g = new_fabric();
  ASSERT_TRUE(again->load_into(g));
  ASSERT_EQ(g.workload_count(), 1u);
  EXPECT_NE(g.workload_of(sid), nullptr);
  expect_same_free_compute(f, g);
}

}  // namespace
}  // namespace lightmesh::server

namespace lightmesh::server {
namespace {

// Two controllers over one PostgreSQL database, as two `serve` processes would be: placing the
// same inference workload through either in turn never grants RDG's 512 confidential, diskless
// GPUs twice (eight 64-GPU placements, then refusals), and a delete through one frees them for
// the other.
TEST_F(PostgresWorkloads, TwoControllersNeverGrantTheSameGpusTwice) {
  auto make = [&] {
    auto fabric =
        fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
    auto store = open();
    EXPECT_TRUE(store && store->load_into(fabric));
    return std::make_unique<Controller>(london(), std::move(fabric), std::move(store),
                                        Tokens::parse(test_support::kTokens, "t.json").value());
  };
  auto a = make();
  auto b = make();
  const std::string doc = R"({"kind": "inference", "data_site": "LD8",
    "allowed_jurisdictions": ["GB"], "confidential": true, "diskless": true, "gpus": 64,
    "bandwidth_gbps": 10, "max_rtt_us": 2000})";
  int placed = 0;
  std::string first;
  for (int i = 0; i < 10; ++i) {
    Controller& c = i % 2 == 0 ? *a : *b;
    auto r = test_support::call(c, "POST", "/api/v1/workloads", "bank-token-1", doc);
    if (r.status == 201) {
      ++placed;
      if (first.empty()) first = nlohmann::json::parse(r.body)["id"];
    } else {
      EXPECT_EQ(r.status, 409) << r.body;
    }
  }
  EXPECT_EQ(placed, 8);
  ASSERT_EQ(test_support::call(*b, "DELETE", "/api/v1/workloads/" + first, "bank-token-1").status,
            204);
  EXPECT_EQ(test_support::call(*a, "POST", "/api/v1/workloads", "bank-token-1", doc).status, 201);
  const auto list = nlohmann::json::parse(
      test_support::call(*b, "GET", "/api/v1/workloads", "bank-token-1").body);
  EXPECT_EQ(list["items"].size(), 8u);
}

}  // namespace
}  // namespace lightmesh::server
