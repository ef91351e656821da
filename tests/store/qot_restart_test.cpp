// A store written under another line model (here: planning that accepted any GSNR) holds
// lightpaths the model now in force rejects. A restart keeps them, and reports each once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "io/load.h"
#include "store/sqlite_store.h"

namespace lightmesh::store {
namespace {

namespace fs = std::filesystem;

fabric::Fabric fabric_with_margin(const Network& net, double margin_db) {
  rsa::PlanOptions o;
  o.osnr_margin_db = margin_db;
  return fabric::Fabric::make(net, o, [] { return std::int64_t{7}; }).value();
}

std::size_t count_events(const fabric::Fabric& f, const std::string& what) {
  return static_cast<std::size_t>(std::count_if(f.events().begin(), f.events().end(),
                                                [&](const auto& e) { return e.what == what; }));
}

TEST(QotRestart, LightpathsBelowTheThresholdAreKeptAndReportedOnce) {
  const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json").value();
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-qot-restart-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "lightmesh.db").string();
  {
    // Written by a planner that took any mode whatever its GSNR (a margin of −30 dB): the
    // highest-rate mode on a four-hop metro route.
    fabric::Fabric old = fabric_with_margin(net, -30);
    fabric::ServiceRequest r;
    r.tenant = "bank";
    r.from = "LSE";
    r.to = "LD4";
    r.bandwidth = Gbps{800};
    ASSERT_TRUE(old.create(r));
    r.to = "LD8";
    r.bandwidth = Gbps{100};
    ASSERT_TRUE(old.create(r));
    auto store = SqliteStore::open(db);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->commit(old.take_changes(), net));
  }
  auto store = SqliteStore::open(db);
  ASSERT_TRUE(store);
  fabric::Fabric now = fabric_with_margin(net, 2);
  ASSERT_TRUE((*store)->load_into(now));
  ASSERT_EQ(now.size(), 2u);
  const fabric::Service* failing = now.find("svc-000001");
  ASSERT_NE(failing, nullptr);
  // Its GSNR was computed again under the model in force, and is below 800ZR's 28.1 + 2 dB.
  ASSERT_TRUE(failing->lightpaths[0].path.gsnr.has_value());
  EXPECT_LT(failing->lightpaths[0].path.gsnr->at_01nm_db, 28.1 + 2);
  EXPECT_TRUE(now.qot_failing(*failing));
  EXPECT_FALSE(now.qot_failing(*now.find("svc-000002")));

  EXPECT_EQ(now.report_qot_failing(), 1u);
  EXPECT_EQ(count_events(now, "qot-failing"), 1u);
  EXPECT_EQ(now.events().back().service, "svc-000001");
  EXPECT_EQ(now.size(), 2u);  // nothing dropped
  ASSERT_TRUE((*store)->commit(now.take_changes(), net));

  // A second start reports the same service again in its count, but logs nothing new.
  fabric::Fabric again = fabric_with_margin(net, 2);
  ASSERT_TRUE((*store)->load_into(again));
  EXPECT_EQ(again.report_qot_failing(), 1u);
  EXPECT_EQ(count_events(again, "qot-failing"), 1u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lightmesh::store
