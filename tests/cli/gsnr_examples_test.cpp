// Every bundled example network plans with a GSNR on every lightpath: the native physics defaults
// give each of them a line model, and the built-in catalogue states every mode's required OSNR.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/load.h"
#include "qot/path_request_run.h"
#include "qot/physics_hooks.h"
#include "qot/service.h"
#include "rsa/lightpath_json.h"
#include "rsa/plan.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;

fs::path example(const std::string& name) {
  return fs::path(LIGHTMESH_SOURCE_DIR) / "examples" / name;
}

// The example's own demands, or one 100 Gb/s demand between every pair of sites when it has none.
std::vector<Demand> demands_for(const Network& net, const std::string& name) {
  const fs::path file = example(name) / "demands.json";
  if (fs::exists(file)) return io::load_demands(file.string(), &net).value();
  std::vector<Demand> out;
  for (std::size_t a = 0; a < net.sites().size(); ++a) {
    for (std::size_t b = a + 1; b < net.sites().size(); ++b) {
      Demand d;
      d.id = net.sites()[a].id + "-" + net.sites()[b].id;
      d.from = net.sites()[a].id;
      d.to = net.sites()[b].id;
      d.bandwidth = Gbps{100};
      out.push_back(d);
    }
  }
  return out;
}

class ExampleGsnr : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleGsnr, EveryLightpathHasAGsnrAboveItsThreshold) {
  const Network net = io::load_network((example(GetParam()) / "network.json").string()).value();
  const auto demands = demands_for(net, GetParam());
  const rsa::PlanOptions options;
  const auto r = rsa::plan(net, demands, options).value();
  ASSERT_FALSE(r.lightpaths.empty());
  for (const auto& lp : r.lightpaths) {
    ASSERT_TRUE(lp.gsnr.has_value());
    const TransceiverMode& mode = net.catalogue().mode(lp.mode);
    EXPECT_GE(lp.gsnr->at_01nm_db, mode.required_osnr->value() + options.osnr_margin_db);
    EXPECT_NEAR(lp.gsnr->at_01nm_db - lp.gsnr->bw_db,
                10 * std::log10(mode.baud_rate.value() / 12.5), 1e-9);
    const auto j = rsa::lightpath_json(net, r.grid, lp, demands[lp.demand].id);
    ASSERT_TRUE(j.contains("gsnr_db"));
    ASSERT_TRUE(j.contains("gsnr_bw_db"));
    EXPECT_EQ(j["required_osnr_db"].get<double>(), mode.required_osnr->value());
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleGsnr,
                         ::testing::Values("london", "tokyo", "nsfnet", "sovereign"));

}  // namespace
}  // namespace lightmesh

namespace lightmesh {
namespace {

// One truth: for every lightpath plan serves on a bundled example, GNPy's path computation run on
// the served network (the controller's POST /api/v1/path-computation with a service alone), along
// the same route with the same mode, reports an SNR-0.1nm within 0.05 dB of the lightpath's
// gsnr_mean_db, and finds the mode feasible.
TEST_P(ExampleGsnr, PathComputationOnTheServedNetworkAgreesWithPlan) {
  const Network net = io::load_network((example(GetParam()) / "network.json").string()).value();
  const auto demands = demands_for(net, GetParam());
  const rsa::Planner planner = rsa::Planner::create(net, rsa::PlanOptions{}).value();
  rsa::Planner booking = planner.fresh();
  const auto r = rsa::plan(booking, demands);
  ASSERT_FALSE(r.lightpaths.empty());
  const physics::LineModel& model = planner.qot();
  const physics::ElementNetwork& designed = model.view().elements;

  qot::ServiceDocument services;
  for (std::size_t i = 0; i < r.lightpaths.size(); ++i) {
    const rsa::Lightpath& lp = r.lightpaths[i];
    const TransceiverMode& mode = net.catalogue().mode(lp.mode);
    qot::ServiceRequest q;
    q.request_id = std::to_string(i);
    q.source = physics::transceiver_uid(net.node(lp.nodes.front()));
    q.destination = physics::transceiver_uid(net.node(lp.nodes.back()));
    q.src_tp_id = q.source;
    q.dst_tp_id = q.destination;
    q.trx_type = mode.transceiver;
    q.trx_mode = mode.name;
    q.spacing_hz = mode.channel_width.value() * 1e9;
    q.path_bandwidth_bps = mode.bit_rate.value() * 1e9;
    // The route, hop by hop: each ROADM and the first element after it (the fibre's booster),
    // which tells parallel fibres apart.
    const auto path = model.element_path(lp.nodes, lp.fibers);
    std::uint32_t index = 0;
    for (std::size_t k = 1; k + 1 < path.size(); ++k) {
      const physics::Element& e = designed.at(path[k]);
      const bool after_roadm = designed.at(path[k - 1]).kind() == physics::ElementKind::kRoadm;
      if (e.kind() == physics::ElementKind::kRoadm || after_roadm)
        q.route.push_back({index++, e.uid, qot::HopType::kStrict});
    }
    services.requests.push_back(std::move(q));
  }
  const physics::GnpyView view = physics::gnpy_view_of(net).value();
  qot::PhysicsCache cache;
  qot::PathRequestRun run(view.elements, view.equipment,
                          qot::physics_hooks(view.equipment, &cache));
  const auto report = run.run(services, qot::RunOptions{.threads = 1});
  ASSERT_TRUE(report) << report.error().to_string();
  // GNPy aggregates identical requests (same ends, route and mode) into one: "3 | 2".
  std::vector<int> answered(r.lightpaths.size(), 0);
  for (const qot::RequestResult& res : report->results) {
    ASSERT_TRUE(res.qot.has_value()) << res.request_id;
    EXPECT_TRUE(res.feasible()) << res.request_id << ": " << res.blocking_reason.value_or("");
    std::stringstream ids(res.request_id);
    for (std::string id; std::getline(ids, id, '|');) {
      const std::size_t i = std::stoul(id);  // stoul skips the blanks around the bar
      ASSERT_LT(i, r.lightpaths.size());
      ++answered[i];
      const rsa::Lightpath& lp = r.lightpaths[i];
      EXPECT_NEAR(res.qot->gsnr_01nm_db, lp.gsnr->mean_01nm_db, 0.05) << res.request_id;
      EXPECT_NEAR(res.qot->min_gsnr_01nm_db, lp.gsnr->at_01nm_db, 0.05) << res.request_id;
    }
  }
  for (std::size_t i = 0; i < answered.size(); ++i) EXPECT_EQ(answered[i], 1) << i;
}

}  // namespace
}  // namespace lightmesh
