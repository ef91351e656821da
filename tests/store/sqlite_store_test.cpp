// The SQLite store: what was committed is what a restart rebuilds, migrations are versioned, and
// corruption is reported rather than repaired.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "../rsa/test_networks.h"
#include "store/migrations.h"

namespace lightmesh::store {
namespace {

namespace fs = std::filesystem;
using lightmesh::testing::fiber;
using lightmesh::testing::site;

Network ring() {
  NetworkSpec spec;
  spec.modes = lightmesh::testing::test_modes();
  spec.sites = {site("A"), site("B"), site("C"), site("D"), site("E")};
  spec.fibers = {fiber("AB", "A", "B", 10), fiber("BC", "B", "C", 20), fiber("CD", "C", "D", 30),
                 fiber("DA", "D", "A", 40), fiber("DE", "D", "E", 5)};
  return build_network(std::move(spec)).value();
}

// A fresh database file per test, removed afterwards.
class TempDb {
 public:
  TempDb() {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDb() { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "lightmesh.db").string(); }

 private:
  fs::path dir_;
};

fabric::ServiceRequest request(std::string from, std::string to, fabric::ServiceProtection p,
                               std::string group = "") {
  fabric::ServiceRequest r;
  r.tenant = "bank";
  r.from = std::move(from);
  r.to = std::move(to);
  r.bandwidth = Gbps{200};
  r.protection = p;
  r.latency_group = std::move(group);
  return r;
}

fabric::Fabric new_fabric(const Network& net) {
  return fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{42}; }).value();
}

TEST(SqliteStore, ARestartRebuildsWhatWasCommitted) {
  const Network net = ring();
  TempDb db;
  fabric::Fabric f = new_fabric(net);
  {
    auto store = SqliteStore::open(db.path());
    ASSERT_TRUE(store) << store.error().to_string();
    EXPECT_EQ((*store)->schema_version(), migrations().back().version);
    auto step = [&] { ASSERT_TRUE((*store)->commit(f.take_changes(), net)); };
    ASSERT_TRUE(f.create(request("A", "C", fabric::ServiceProtection::kOnePlusOne)));
    step();
    ASSERT_TRUE(f.create(request("A", "C", fabric::ServiceProtection::kRestore, "g")));
    step();
    ASSERT_TRUE(f.create(request("D", "E", fabric::ServiceProtection::kNone, "g")));
    step();
    auto named = request("B", "D", fabric::ServiceProtection::kNone);
    named.name = "payroll";
    ASSERT_TRUE(f.create(named));
    step();
    ASSERT_TRUE(f.remove("svc-000004"));
    step();
    ASSERT_TRUE(f.cut("AB"));
    step();
  }
  auto store = SqliteStore::open(db.path());
  ASSERT_TRUE(store);
  fabric::Fabric g = new_fabric(net);
  ASSERT_TRUE((*store)->load_into(g));
  ASSERT_EQ(g.size(), f.size());
  EXPECT_EQ(g.planner().spectrum().used_slots(), f.planner().spectrum().used_slots());
  EXPECT_EQ(g.failed_fibers(), std::vector<std::string>{"AB"});
  for (const auto* s : f.list("", "", 100)) {
    const auto* t = g.find(s->id);
    ASSERT_NE(t, nullptr) << s->id;
    EXPECT_EQ(t->state, s->state);
    EXPECT_EQ(t->on_protect, s->on_protect);
    ASSERT_EQ(t->lightpaths.size(), s->lightpaths.size());
    for (std::size_t i = 0; i < s->lightpaths.size(); ++i) {
      EXPECT_EQ(t->lightpaths[i].path.fibers, s->lightpaths[i].path.fibers);
      EXPECT_EQ(t->lightpaths[i].path.slots, s->lightpaths[i].path.slots);
      EXPECT_DOUBLE_EQ(t->lightpaths[i].path.one_way.value(),
                       s->lightpaths[i].path.one_way.value());
      EXPECT_DOUBLE_EQ(t->lightpaths[i].added_delay.value(), s->lightpaths[i].added_delay.value());
      EXPECT_EQ(t->lightpaths[i].up, s->lightpaths[i].up);
    }
  }
  ASSERT_EQ(g.events().size(), f.events().size());
  for (std::size_t i = 0; i < f.events().size(); ++i) {
    EXPECT_EQ(g.events()[i].what, f.events()[i].what);
    EXPECT_EQ(g.events()[i].subject_name, f.events()[i].subject_name);
  }
  // A deleted service's event still names it, and a cut names its fibre.
  auto event = [&](const std::string& what) {
    for (const auto& e : g.events()) {
      if (e.what == what) return e;
    }
    return fabric::Event{};
  };
  EXPECT_EQ(event("deleted").subject_name, "payroll");
  EXPECT_EQ(event("fiber-cut").subject_name, "AB");
  // New ids continue after the stored ones.
  auto next = g.create(request("B", "C", fabric::ServiceProtection::kNone));
  ASSERT_TRUE(next);
  EXPECT_EQ((*next)->id, "svc-000005");
}

TEST(SqliteStore, ASlotBookedTwiceIsReportedNotRepaired) {
  const Network net = ring();
  TempDb db;
  fabric::Fabric f = new_fabric(net);
  auto store = SqliteStore::open(db.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(f.create(request("A", "B", fabric::ServiceProtection::kNone)));
  ASSERT_TRUE(f.create(request("A", "B", fabric::ServiceProtection::kNone)));
  ASSERT_TRUE((*store)->commit(f.take_changes(), net));
  store->reset();
  // Tamper: move the second service onto the first one's slots.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.path().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(
                raw,
                "UPDATE services SET body = replace(body, '\"first_slot\":8', '\"first_slot\":0') "
                "WHERE id = 'svc-000002';",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_changes(raw), 1);
  sqlite3_close(raw);
  auto reopened = SqliteStore::open(db.path());
  ASSERT_TRUE(reopened);
  fabric::Fabric g = new_fabric(net);
  auto st = (*reopened)->load_into(g);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().to_string().find(
                "service svc-000002: slots 0–7 are already booked by another service"),
            std::string::npos)
      << st.error().to_string();
}

// The write-ahead log is extended with zeros when the store opens, so commits overwrite it rather
// than grow it. A copy of the files taken while the store is open is what a power cut leaves: the
// copy must recover every commit from the log, zeros and frames of earlier rounds after them
// included, whether or not a checkpoint has reset the log since.
TEST(SqliteStore, ALogExtendedWithZerosRecoversEveryCommitAfterACrash) {
  const Network net = ring();
  TempDb db;
  fabric::Fabric f = new_fabric(net);
  auto store = SqliteStore::open(db.path());
  ASSERT_TRUE(store);
  const std::string log = db.path() + "-wal";
  // SQLite's default: a checkpoint every 1,000 pages of 4,096 bytes, each with a 24-byte header.
  const auto presized = fs::file_size(log);
  EXPECT_GE(presized, 1000u * (4096 + 24));
  auto image_recovers = [&](const std::string& name) {
    const fs::path copy = fs::path(db.path()).parent_path() / name;
    fs::create_directories(copy);
    fs::copy_file(db.path(), copy / "lightmesh.db");
    fs::copy_file(log, copy / "lightmesh.db-wal");
    auto reopened = SqliteStore::open((copy / "lightmesh.db").string());
    ASSERT_TRUE(reopened) << reopened.error().to_string();
    fabric::Fabric g = new_fabric(net);
    ASSERT_TRUE((*reopened)->load_into(g));
    EXPECT_EQ(g.size(), f.size()) << name;
    EXPECT_EQ(g.events().size(), f.events().size()) << name;
    EXPECT_EQ(g.planner().spectrum().used_slots(), f.planner().spectrum().used_slots()) << name;
  };
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(f.create(request("A", "C", fabric::ServiceProtection::kNone)));
    ASSERT_TRUE((*store)->commit(f.take_changes(), net));
  }
  image_recovers("first-round");
  // Enough commits to pass the checkpoint's threshold, so the log is written again from its start.
  for (int i = 0; i < 400; ++i) {
    auto made = f.create(request("B", "D", fabric::ServiceProtection::kNone));
    ASSERT_TRUE(made);
    const std::string id = (*made)->id;
    ASSERT_TRUE((*store)->commit(f.take_changes(), net));
    ASSERT_TRUE(f.remove(id));
    ASSERT_TRUE((*store)->commit(f.take_changes(), net));
  }
  // The log was written again from its start, not grown: commits overwrite blocks it has.
  EXPECT_EQ(fs::file_size(log), presized);
  image_recovers("later-round");
}

TEST(SqliteStore, ANewerSchemaIsRefused) {
  TempDb db;
  { ASSERT_TRUE(SqliteStore::open(db.path())); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.path().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "INSERT INTO schema_version (version) VALUES (99);", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto again = SqliteStore::open(db.path());
  ASSERT_FALSE(again);
  const std::string expected =
      "the database schema is version 99, newer than this lightmesh knows (" +
      std::to_string(migrations().back().version) + ")";
  EXPECT_NE(again.error().to_string().find(expected), std::string::npos)
      << again.error().to_string();
}

}  // namespace
}  // namespace lightmesh::store
