// GET /api/v1/services?qot=failing lists what a store written under another line model holds
// below threshold: here the store is written by a controller whose planning accepted any GSNR.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_test_support.h"

namespace lightmesh::server {
namespace {

using nlohmann::json;
using test_support::call;

TEST(QotFailing, TheListShowsOnlyServicesBelowThresholdAndRefusesOtherValues) {
  const auto db = test_support::temp_dir("qot-failing") / "state.db";
  {
    rsa::PlanOptions anything;
    anything.osnr_margin_db = -30;
    auto fabric = fabric::Fabric::make(test_support::london(), anything, [] {
                    return std::int64_t{7};
                  }).value();
    auto store = store::SqliteStore::open(db.string()).value();
    Controller c(test_support::london(), std::move(fabric), std::move(store),
                 Tokens::parse(test_support::kTokens, "tokens.json").value());
    // 800ZR over four hops: taken at a margin of −30 dB, far below 28.1 + 2 dB.
    auto r = call(c, "POST", "/api/v1/services", "bank-token-1",
                  R"({"from":"LSE","to":"LD4","bandwidth_gbps":800})");
    ASSERT_EQ(r.status, 201) << r.body;
    r = call(c, "POST", "/api/v1/services", "bank-token-1",
             R"({"from":"LSE","to":"LD8","bandwidth_gbps":100})");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // Restarted with the default 2 dB margin: both services are kept.
  auto c = test_support::make_sqlite_controller(db);
  auto all = call(*c, "GET", "/api/v1/services", "bank-token-1");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(json::parse(all.body)["items"].size(), 2u);
  auto failing = call(*c, "GET", "/api/v1/services?qot=failing", "bank-token-1");
  ASSERT_EQ(failing.status, 200) << failing.body;
  const json items = json::parse(failing.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["to"], "LD4");
  for (const auto& lp : items[0]["lightpaths"])
    EXPECT_LT(lp["margin_db"].get<double>(), 2.0) << lp.dump();
  // Another tenant sees none of them.
  auto other = call(*c, "GET", "/api/v1/services?qot=failing", "tv-token-123");
  EXPECT_EQ(json::parse(other.body)["items"].size(), 0u);
  auto bad = call(*c, "GET", "/api/v1/services?qot=maybe", "bank-token-1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("qot"), std::string::npos) << bad.body;
}

}  // namespace
}  // namespace lightmesh::server
