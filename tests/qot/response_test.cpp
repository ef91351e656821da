// GNPy's response JSON: route objects in GNPy's order (hop, label, transponder after each
// transceiver), metrics rounded to 2 decimals, no-path with and without the explored path, and a
// read-back of what was written.
#include "qot/response.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "qot_fixture.h"

namespace lightmesh::qot {
namespace {

using ::testing::ElementsAre;

RequestResult served(const physics::ElementNetwork& net) {
  RequestResult r;
  r.request_id = "7 | 6";
  r.trx_type = "trx";
  r.mode = "m100";
  r.reference_power_w = 0.001;
  r.path_bandwidth_bps = 200e9;
  for (const char* uid :
       {"trx a", "roadm a", "booster a-b", "fiber a-b", "preamp a-b", "roadm b", "trx b"})
    r.path.push_back(*net.find(uid));
  QotFigures q;
  q.gsnr_bw_db = 24.83291;
  q.gsnr_01nm_db = 28.91534;
  q.osnr_ase_bw_db = 25.1;
  q.osnr_ase_01nm_db = 29.2;
  r.qot = q;
  r.n = {-284};
  r.m = {8};
  return r;
}

TEST(GnpyResponse, ServedRequestShape) {
  auto net = testing::ring();
  RunReport rep;
  rep.results.push_back(served(net));
  const std::string text = write_gnpy_response(rep, net);
  auto j = nlohmann::json::parse(text);
  const auto& e = j["response"][0];
  EXPECT_EQ(e["response-id"], "7 | 6");
  const auto& metrics = e["path-properties"]["path-metric"];
  ASSERT_EQ(metrics.size(), 6u);
  EXPECT_EQ(metrics[0]["metric-type"], "SNR-bandwidth");
  EXPECT_DOUBLE_EQ(metrics[0]["accumulative-value"].get<double>(), 24.83);
  EXPECT_DOUBLE_EQ(metrics[1]["accumulative-value"].get<double>(), 28.92);
  EXPECT_EQ(metrics[4]["metric-type"], "reference_power");
  EXPECT_EQ(metrics[5]["metric-type"], "path_bandwidth");
  const auto& pro = e["path-properties"]["path-route-objects"];
  // 7 hops + 7 labels + 2 transponders.
  ASSERT_EQ(pro.size(), 16u);
  EXPECT_EQ(pro[0]["path-route-object"]["num-unnum-hop"]["node-id"], "trx a");
  EXPECT_EQ(pro[1]["path-route-object"]["label-hop"][0]["N"], -284);
  EXPECT_EQ(pro[2]["path-route-object"]["transponder"]["transponder-mode"], "m100");
  EXPECT_EQ(pro[15]["path-route-object"]["index"], 15);
  EXPECT_TRUE(pro[15]["path-route-object"].contains("transponder"));

  auto back = read_gnpy_response(text, "out.json");
  ASSERT_TRUE(back) << back.error().to_string();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].hops.size(), 7u);
  EXPECT_THAT((*back)[0].n, ElementsAre(-284));
  EXPECT_THAT((*back)[0].m, ElementsAre(8));
  EXPECT_EQ((*back)[0].transponder_mode, "m100");
  EXPECT_EQ((*back)[0].snr_01nm_db, 28.92);
  EXPECT_FALSE((*back)[0].no_path);
}

TEST(GnpyResponse, BlockedRequests) {
  auto net = testing::ring();
  RunReport rep;
  RequestResult mode = served(net);
  mode.request_id = "m";
  mode.blocking_reason = "NO_FEASIBLE_MODE";
  mode.n.clear();
  mode.m.clear();
  RequestResult nopath;
  nopath.request_id = "p";
  nopath.blocking_reason = "NO_PATH";
  rep.results = {mode, nopath};
  const std::string text = write_gnpy_response(rep, net);
  auto j = nlohmann::json::parse(text);
  const auto& m = j["response"][0]["no-path"];
  EXPECT_EQ(m["no-path"], "NO_FEASIBLE_MODE");
  // The explored path is given without labels: 7 hops + 2 transponders.
  EXPECT_EQ(m["path-properties"]["path-route-objects"].size(), 9u);
  EXPECT_FALSE(j["response"][1]["no-path"].contains("path-properties"));
  auto back = read_gnpy_response(text, "out.json");
  ASSERT_TRUE(back);
  EXPECT_EQ((*back)[0].no_path, "NO_FEASIBLE_MODE");
  EXPECT_EQ((*back)[0].hops.size(), 7u);
  EXPECT_EQ((*back)[1].no_path, "NO_PATH");
}

}  // namespace
}  // namespace lightmesh::qot
