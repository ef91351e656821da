// The line model's O(hops) sum against full propagation along the designed elements: on every
// candidate route planning considers (Yen's five best by latency, between every ordered pair of
// nodes) of every bundled example, for every full load of the catalogue, the worst channel and the
// dB mean agree to 0.01 dB (docs/physics.md, "QoT inside lightmesh"). So does the sum of the
// per-element parts `plan --explain` prints.
#include "physics/line_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "io/load.h"
#include "physics/latency.h"
#include "physics/line_propagation.h"
#include "routing/graph.h"
#include "routing/yen.h"

namespace lightmesh::physics {
namespace {

struct Propagated {
  double worst_01nm_db = 0;
  double mean_01nm_db = 0;
};

// What path computation computes for a request of this mode along this route: the full load
// propagated element by element (qot/physics_hooks.cpp does the same).
Propagated propagate(const LineModel& model, const Network& net,
                     const std::vector<NodeIndex>& nodes, const std::vector<FiberIndex>& fibers,
                     ModeIndex m) {
  const LineModel::Load& load = model.load_of(m);
  const TransceiverMode& mode = net.catalogue().mode(m);
  TransceiverType trx;
  trx.type_variety = "test";
  trx.f_min_hz = load.f_min_hz;
  trx.f_max_hz = load.f_min_hz + load.spacing_hz * load.nb_channels;
  TransceiverTypeMode tm;
  tm.format = mode.name;
  tm.baud_rate_baud = load.baud_rate_hz;
  tm.roll_off = load.roll_off;
  tm.tx_osnr_db = mode.tx_osnr.value();
  physics::SpectralInfo s =
      physics::request_spectrum(trx, tm, load.spacing_hz, static_cast<int>(load.nb_channels),
                                load.power_dbm, load.power_dbm)
          .value();
  const auto path = model.element_path(nodes, fibers);
  const Equipment& eq = model.view().equipment;
  EXPECT_TRUE(physics::drop_channels_outside_amplifier_bands(model.view().elements, path, eq, s));
  const auto trace = physics::propagate_path(model.view().elements, path, eq, s,
                                             {.reference_pch_dbm = load.power_dbm,
                                              .reference_baud_rate_hz = load.baud_rate_hz,
                                              .reference_slot_width_hz = load.spacing_hz,
                                              .power_mode = eq.span.power_mode});
  EXPECT_TRUE(trace) << trace.error().message();
  return {trace->receiver.summary.min_gsnr_01nm_db, trace->receiver.summary.gsnr_01nm_db};
}

class LineModelExamples : public testing::TestWithParam<std::string> {};

TEST_P(LineModelExamples, SumMatchesFullPropagationOnEveryCandidateRoute) {
  const Network net = io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/" +
                                       GetParam() + "/network.json")
                          .value();
  const auto model = LineModel::build(net);
  ASSERT_TRUE(model) << model.error().message();
  // One mode per full load: modes that share a load differ only in their transmitter's OSNR.
  std::vector<ModeIndex> modes;
  for (ModeIndex m = 0; m < net.catalogue().modes().size(); ++m) {
    if (!model->judged_by_gsnr(m)) continue;
    bool seen = false;
    for (ModeIndex o : modes) {
      const auto& a = model->load_of(o);
      const auto& b = model->load_of(m);
      seen |= a.spacing_hz == b.spacing_hz && a.baud_rate_hz == b.baud_rate_hz;
    }
    if (!seen) modes.push_back(m);
  }
  ASSERT_GE(modes.size(), 3u);  // the built-in catalogue's 150, 75 (two baud rates) and 50 GHz

  std::vector<routing::EdgeSpec> edges;
  for (FiberIndex f = 0; f < net.fibers().size(); ++f)
    edges.push_back({net.fiber(f).a, net.fiber(f).b, f, physics::latency_edge_weight(net, f)});
  const auto nodes_count = static_cast<std::uint32_t>(net.nodes().size());
  const routing::Graph g(nodes_count, edges);
  std::size_t routes = 0, multi_hop = 0;
  double worst_gap = 0, worst_asymmetry = 0, probe_gap = 0;
  for (NodeIndex a = 0; a < nodes_count; ++a) {
    for (NodeIndex b = 0; b < nodes_count; ++b) {
      if (a == b) continue;
      for (const routing::Path& p : routing::k_shortest_paths(g, a, b, 5)) {
        ++routes;
        multi_hop += p.fibers.size() > 1;
        LineModel::RouteCache cache;  // shared by the route's modes, as planning shares it
        for (ModeIndex m : modes) {
          const RouteGsnr sum = model->route(p.nodes, p.fibers, m, std::nullopt);
          const Propagated full = propagate(*model, net, p.nodes, p.fibers, m);
          const double gap = std::max(std::abs(sum.worst_01nm_db - full.worst_01nm_db),
                                      std::abs(sum.mean_01nm_db - full.mean_01nm_db));
          worst_gap = std::max(worst_gap, gap);
          ASSERT_LE(gap, 0.01) << GetParam() << " " << net.node(a).id << " → " << net.node(b).id
                               << " over " << p.fibers.size() << " fibres, mode "
                               << net.catalogue().mode(m).name << ": sum " << sum.worst_01nm_db
                               << " / " << sum.mean_01nm_db << ", propagated " << full.worst_01nm_db
                               << " / " << full.mean_01nm_db;
          EXPECT_NEAR(model->worst_01nm_db(p.nodes, p.fibers, m), sum.worst_01nm_db, 1e-12);
          EXPECT_EQ(model->worst_01nm_db(p.nodes, p.fibers, m, &cache),
                    model->worst_01nm_db(p.nodes, p.fibers, m));
          // `plan --explain`: the elements' parts add up to the noise the propagation finds, and
          // there is one part for the ends, one per fibre and one per express ROADM.
          const NoiseBreakdown parts = model->breakdown(p.nodes, p.fibers, m);
          ASSERT_EQ(parts.items.size(), 2 * p.fibers.size());
          double noise = 0, shares = 0;
          for (const NoiseContribution& c : parts.items) {
            noise += c.ase + c.nli;
            shares += c.share;
            EXPECT_GE(c.gsnr_cost_db, 0);
          }
          EXPECT_NEAR(shares, 1.0, 1e-9);
          EXPECT_NEAR(parts.worst_01nm_db, sum.worst_01nm_db, 1e-9);
          const double to_01nm = sum.worst_01nm_db - sum.worst_bw_db;
          EXPECT_NEAR(-10 * std::log10(noise) + to_01nm, full.worst_01nm_db, 0.01);
          // The O(hops) bound planning tries first never promises more than the exact figure.
          EXPECT_LE(model->worst_01nm_db_at_least(p.nodes, p.fibers, m), sum.worst_01nm_db + 1e-12);
          // Its one-channel probe never promises less: a refusal on the probe is a refusal.
          EXPECT_GE(model->worst_01nm_db_at_most(p.nodes, p.fibers, m), sum.worst_01nm_db - 1e-12);
          // The reverse way is the reversed route's forward way (which the pair (b, a) propagates
          // in full), with or without the route's cache, and its bound holds too.
          using Way = LineModel::Way;
          const std::vector<NodeIndex> back_nodes(p.nodes.rbegin(), p.nodes.rend());
          const std::vector<FiberIndex> back_fibers(p.fibers.rbegin(), p.fibers.rend());
          const double back = model->worst_01nm_db(back_nodes, back_fibers, m);
          EXPECT_NEAR(model->worst_01nm_db(p.nodes, p.fibers, m, nullptr, Way::kReverse), back,
                      1e-12);
          EXPECT_NEAR(model->route(p.nodes, p.fibers, m, std::nullopt, Way::kReverse).mean_01nm_db,
                      model->route(back_nodes, back_fibers, m, std::nullopt).mean_01nm_db, 1e-12);
          EXPECT_NEAR(model->worst_01nm_db(p.nodes, p.fibers, m, &cache, Way::kReverse), back,
                      1e-12);
          EXPECT_LE(model->worst_01nm_db_at_least(p.nodes, p.fibers, m, Way::kReverse),
                    back + 1e-12);
          EXPECT_GE(model->worst_01nm_db_at_most(p.nodes, p.fibers, m, Way::kReverse),
                    back - 1e-12);
          probe_gap = std::max(
              probe_gap, model->worst_01nm_db_at_most(p.nodes, p.fibers, m) - sum.worst_01nm_db);
          worst_asymmetry = std::max(worst_asymmetry, std::abs(back - sum.worst_01nm_db));
        }
      }
    }
  }
  EXPECT_GT(multi_hop, 0u);
  // The probe is the worst channel or within 0.011 dB of it on every route here (measured), so the
  // upper bound refuses almost as sharply as the sum over the band.
  EXPECT_LT(probe_gap, 0.05);
  // The two ways do differ (by up to about 0.05 dB here), so judging both is not a formality.
  if (GetParam() == "london" || GetParam() == "tokyo") {
    EXPECT_GT(worst_asymmetry, 0.01);
  }
  RecordProperty("largest_asymmetry_mdb", static_cast<int>(std::lround(worst_asymmetry * 1000)));
  RecordProperty("routes", static_cast<int>(routes));
  RecordProperty("largest_gap_mdb", static_cast<int>(std::lround(worst_gap * 1000)));
}

INSTANTIATE_TEST_SUITE_P(Bundled, LineModelExamples,
                         testing::Values("london", "tokyo", "nsfnet", "sovereign"));

}  // namespace
}  // namespace lightmesh::physics
