// Workloads in the SQLite store: what was committed is what a reopen rebuilds (grants, their GPU
// pools, the free compute and the ownership of services), a version-2 database migrates with its
// services intact, and an inconsistent workload row is reported rather than repaired.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "../rsa/test_networks.h"
#include "store/migrations.h"
#include "store/service_json.h"
#include "store/sqlite_store.h"
#include "store/workload_json.h"

namespace lightmesh::store {
namespace {

namespace fs = std::filesystem;
using lightmesh::testing::fiber;
using lightmesh::testing::site;

GpuPool pool(std::string model, std::uint32_t count) {
  GpuPool p;
  p.model = std::move(model);
  p.count = count;
  return p;
}

// A ring A–B–C–D–A plus a spur D–E; A and B hold GPUs (A two H100 pools), E only CPUs and disks.
Network ring() {
  NetworkSpec spec;
  spec.modes = lightmesh::testing::test_modes();
  spec.sites = {site("A"), site("B"), site("C"), site("D"), site("E")};
  Compute a;
  a.gpus = {pool("H100", 16), pool("H100", 8)};
  a.cpu_cores = 256;
  a.storage_tb = 100.5;
  Compute b;
  b.gpus = {pool("A100", 32)};
  b.cpu_cores = 64;
  Compute e;
  e.cpu_cores = 512;
  e.storage_tb = 1000;
  spec.sites[0].compute = a;
  spec.sites[1].compute = b;
  spec.sites[4].compute = e;
  spec.fibers = {fiber("AB", "A", "B", 10), fiber("BC", "B", "C", 20), fiber("CD", "C", "D", 30),
                 fiber("DA", "D", "A", 40), fiber("DE", "D", "E", 5)};
  return build_network(std::move(spec)).value();
}

class TempDb {
 public:
  TempDb() {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-wlstore-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDb() { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "lightmesh.db").string(); }

 private:
  fs::path dir_;
};

fabric::Fabric new_fabric(const Network& net) {
  return fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{42}; }).value();
}

std::string create(fabric::Fabric& f, std::string from, std::string to) {
  fabric::ServiceRequest r;
  r.tenant = "lab";
  r.from = std::move(from);
  r.to = std::move(to);
  r.bandwidth = Gbps{400};
  auto s = f.create(r);
  EXPECT_TRUE(s) << s.error().to_string();
  return s ? (*s)->id : "";
}

fabric::Workload workload(std::vector<fabric::ComputeGrant> grants,
                          std::vector<std::string> services) {
  fabric::Workload w;
  w.tenant = "lab";
  w.name = "job";
  w.kind = "training";
  w.grants = std::move(grants);
  w.services = std::move(services);
  w.document = R"({"kind": "training",  "gpus": 20})";  // odd spacing must survive as it was
  w.answer = R"({"placement": {"sites": []}})";
  return w;
}

// The inventory minus the grants, summed by the test from the workloads' own records.
void expect_free_is_inventory_minus_grants(const Network& net, const fabric::Fabric& f) {
  std::vector<Compute> want;
  for (const Site& s : net.sites()) want.push_back(s.compute.value_or(Compute{}));
  for (const auto* w : f.list_workloads("", "", 1000)) {
    for (const auto& g : w->grants) {
      Compute& c = want[net.find_site(g.site)];
      for (const auto& p : g.pools) c.gpus[p.pool].count -= p.gpus;
      c.cpu_cores -= g.cpu_cores;
      c.storage_tb -= g.storage_tb;
    }
  }
  const std::vector<Compute> got = f.free_compute();
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].gpus.size(), want[i].gpus.size());
    for (std::size_t p = 0; p < got[i].gpus.size(); ++p)
      EXPECT_EQ(got[i].gpus[p].count, want[i].gpus[p].count) << "site " << i << " pool " << p;
    EXPECT_EQ(got[i].cpu_cores, want[i].cpu_cores);
    EXPECT_EQ(got[i].storage_tb, want[i].storage_tb);
  }
}

TEST(SqliteWorkloads, AReopenRebuildsGrantsPoolsAndOwnership) {
  const Network net = ring();
  TempDb db;
  fabric::Fabric f = new_fabric(net);
  std::string kept_service;
  {
    auto store = SqliteStore::open(db.path());
    ASSERT_TRUE(store) << store.error().to_string();
    auto step = [&] { ASSERT_TRUE((*store)->commit(f.take_changes(), net)); };
    const std::string s1 = create(f, "A", "B"), s2 = create(f, "A", "E");
    kept_service = s1;
    fabric::ComputeGrant h100{.site = "A", .gpu_model = "H100", .gpus = 20, .cpu_cores = 100};
    fabric::ComputeGrant disks{
        .site = "E", .cpu_cores = 8, .storage_tb = 250.75, .role = "storage"};
    ASSERT_TRUE(f.add_workload(workload({h100, disks}, {s1, s2})));
    step();
    // Named pools out of pool order: a reload must book these, not the first free ones.
    fabric::ComputeGrant second_pool{.site = "A", .gpu_model = "H100", .gpus = 3};
    second_pool.pools = {{1, 3}};
    ASSERT_TRUE(f.add_workload(workload({second_pool}, {})));
    step();
    const std::string s3 = create(f, "B", "C");
    ASSERT_TRUE(f.add_workload(
        workload({{.site = "B", .gpu_model = "A100", .gpus = 32, .cpu_cores = 64}}, {s3})));
    step();
    ASSERT_TRUE(f.remove_workload("wl-000003"));  // the newest: only the log remembers its id
    step();
  }
  ASSERT_EQ(f.workload_count(), 2u);
  auto store = SqliteStore::open(db.path());
  ASSERT_TRUE(store);
  fabric::Fabric g = new_fabric(net);
  ASSERT_TRUE((*store)->load_into(g));
  ASSERT_EQ(g.workload_count(), f.workload_count());
  for (const auto* w : f.list_workloads("", "", 100)) {
    const auto* back = g.find_workload(w->id);
    ASSERT_NE(back, nullptr) << w->id;
    EXPECT_EQ(*back, *w);
  }
  EXPECT_EQ(g.find_workload("wl-000002")->grants[0].pools,
            (std::vector<fabric::PoolShare>{{1, 3}}));
  expect_free_is_inventory_minus_grants(net, g);
  EXPECT_EQ(g.free_compute()[0].gpus[0].count, f.free_compute()[0].gpus[0].count);
  EXPECT_EQ(g.free_compute()[0].gpus[1].count, f.free_compute()[0].gpus[1].count);
  EXPECT_EQ(g.planner().spectrum().used_slots(), f.planner().spectrum().used_slots());
  // Ownership came back with the rows: the service still cannot go alone.
  EXPECT_EQ(g.remove(kept_service).error().code(), ErrorCode::kInvalidInput);
  // Ids continue after the deleted wl-000003.
  auto next = g.add_workload(workload({{.site = "E", .cpu_cores = 1}}, {}));
  ASSERT_TRUE(next);
  EXPECT_EQ((*next)->id, "wl-000004");

  // Deleting everything through the reloaded fabric leaves the inventory whole after another
  // reopen.
  for (const auto* w : g.list_workloads("", "", 100)) {
    const std::string id = w->id;
    ASSERT_TRUE(g.remove_workload(id));
  }
  ASSERT_TRUE((*store)->commit(g.take_changes(), net));
  auto again = SqliteStore::open(db.path());
  ASSERT_TRUE(again);
  fabric::Fabric h = new_fabric(net);
  ASSERT_TRUE((*again)->load_into(h));
  EXPECT_EQ(h.workload_count(), 0u);
  EXPECT_EQ(h.size(), 0u);
  expect_free_is_inventory_minus_grants(net, h);
  EXPECT_EQ(h.free_compute()[0].gpus[0].count, 16u);
  EXPECT_EQ(h.planner().spectrum().used_slots(), 0u);
}

TEST(SqliteWorkloads, AGroupCommitAppliesWorkloadsAfterServices) {
  const Network net = ring();
  TempDb db;
  auto store = SqliteStore::open(db.path());
  ASSERT_TRUE(store);
  fabric::Fabric f = new_fabric(net);
  // Two requests' changes merged into one commit: the second deletes what the first created.
  const std::string s = create(f, "A", "B");
  ASSERT_TRUE(f.add_workload(workload({{.site = "B", .gpu_model = "A100", .gpus = 4}}, {s})));
  store::CommitGroup merged;
  merged.add(f.take_changes(), net);
  ASSERT_TRUE(f.add_workload(workload({{.site = "A", .gpu_model = "H100", .gpus = 1}}, {})));
  ASSERT_TRUE(f.remove_workload("wl-000001"));
  merged.add(f.take_changes(), net);
  ASSERT_TRUE((*store)->commit_group(merged, net));
  fabric::Fabric g = new_fabric(net);
  ASSERT_TRUE((*store)->load_into(g));
  EXPECT_EQ(g.size(), 0u);
  ASSERT_EQ(g.workload_count(), 1u);
  EXPECT_EQ(*g.find_workload("wl-000002"), *f.find_workload("wl-000002"));
}

TEST(SqliteWorkloads, AVersion2DatabaseMigratesAndKeepsItsServices) {
  const Network net = ring();
  TempDb db;
  // A database as lightmesh left it before workloads: migrations 1 and 2 and one service.
  fabric::Fabric old = new_fabric(net);
  const std::string sid = create(old, "A", "C");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.path().c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE schema_version (version INTEGER NOT NULL);", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    for (const Migration& m : migrations()) {
      if (m.version > 2) break;
      ASSERT_EQ(sqlite3_exec(raw, m.sql, nullptr, nullptr, nullptr), SQLITE_OK) << m.version;
      const std::string v =
          "INSERT INTO schema_version (version) VALUES (" + std::to_string(m.version) + ");";
      ASSERT_EQ(sqlite3_exec(raw, v.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    }
    sqlite3_stmt* ins = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "INSERT INTO services (id, tenant, body) VALUES (?, ?, ?);",
                                 -1, &ins, nullptr),
              SQLITE_OK);
    const std::string body = service_to_json(net, *old.find(sid));
    sqlite3_bind_text(ins, 1, sid.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, "lab", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, body.c_str(), -1, SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(ins), SQLITE_DONE);
    sqlite3_finalize(ins);
    sqlite3_close(raw);
  }
  {
    auto store = SqliteStore::open(db.path());
    ASSERT_TRUE(store) << store.error().to_string();
    EXPECT_EQ((*store)->schema_version(), migrations().back().version);
    EXPECT_GE((*store)->schema_version(), 3);
    // Migration 7 dropped the tenant indexes that migrations 1 and 3 made.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.path().c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(raw, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_tenant';",
                           -1, &q, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    fabric::Fabric f = new_fabric(net);
    ASSERT_TRUE((*store)->load_into(f));
    ASSERT_NE(f.find(sid), nullptr);
    EXPECT_EQ(f.workload_count(), 0u);
    // The migrated database takes a workload over the service it already had.
    ASSERT_TRUE(f.add_workload(workload({{.site = "A", .gpu_model = "H100", .gpus = 8}}, {sid})));
    ASSERT_TRUE((*store)->commit(f.take_changes(), net));
  }
  auto store = SqliteStore::open(db.path());
  ASSERT_TRUE(store);
  fabric::Fabric f = new_fabric(net);
  ASSERT_TRUE((*store)->load_into(f));
  ASSERT_EQ(f.workload_count(), 1u);
  EXPECT_EQ(f.workload_of(sid), f.find_workload("wl-000001"));
  EXPECT_EQ(f.free_compute()[0].gpus[0].count, 8u);
}

TEST(SqliteWorkloads, AWorkloadMissingItsServiceIsReportedNotRepaired) {
  const Network net = ring();
  TempDb db;
  {
    auto store = SqliteStore::open(db.path());
    ASSERT_TRUE(store);
    fabric::Fabric f = new_fabric(net);
    const std::string s = create(f, "A", "B");
    ASSERT_TRUE(f.add_workload(workload({{.site = "A", .gpu_model = "H100", .gpus = 2}}, {s})));
    ASSERT_TRUE((*store)->commit(f.take_changes(), net));
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.path().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "DELETE FROM services;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto store = SqliteStore::open(db.path());
  ASSERT_TRUE(store);
  fabric::Fabric g = new_fabric(net);
  auto st = (*store)->load_into(g);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().to_string().find("workload wl-000001: service svc-000001 does not exist"),
            std::string::npos)
      << st.error().to_string();
}

TEST(WorkloadJson, EveryFieldRoundTripsAndBadRowsAreReported) {
  fabric::Workload w = workload({{.site = "A",
                                  .gpu_model = "H100",
                                  .gpus = 12,
                                  .cpu_cores = 7,
                                  .storage_tb = 0.1,
                                  .role = "gpu",
                                  .pools = {{1, 5}, {0, 7}}},
                                 {.site = "E", .storage_tb = 3e-7}},
                                {"svc-000003", "svc-000009"});
  w.id = "wl-000017";
  auto back = workload_from_json(workload_to_json(w));
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(*back, w);
  for (const std::string bad : {"", "{", "[]", R"({"id": "wl-000001"})",
                                R"({"id":"x","tenant":"t","name":"","kind":"","grants":[{}],)"
                                R"("services":[],"document":"","answer":""})"}) {
    auto r = workload_from_json(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().message().find("stored workload"), std::string::npos);
  }
}

}  // namespace
}  // namespace lightmesh::store
