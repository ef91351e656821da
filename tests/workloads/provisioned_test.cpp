// A placed workload reports the lightpaths it got, not the route the placer first thought of. On
// the London example with LSE-LD8 cut, the inference example's data lightpath THN↔RDG must take
// another route; its prediction and audit must state that lightpath's RTT, and that RTT must be
// the physics of docs/formats.md ("The latency of a route") over the fibres it crosses. The same
// holds when that fibre is not cut but full: the lightpath then takes a slower route than the
// placer's estimate, which knows nothing of spectrum.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "io/load.h"
#include "io/workload_reader.h"
#include "workloads/place.h"

namespace lightmesh::workloads {
namespace {

// docs/physics.md: SSMF's group index n_g = 1.468; docs/formats.md rounds n_g / c to the 4.90 µs/km
// every SSMF fibre is given, and states the equipment latencies below (the network file sets
// none of its own).
constexpr double kGroupIndex = 1.468;
constexpr double kLightKmPerUs = 299792.458 / 1e6;  // c, km per µs
constexpr double kSsmfUsPerKm = 4.90;
constexpr double kAmplifierUs = 0.15;
constexpr double kNodeUs = 0.5;
constexpr double kTransceiverPairUs = 15;

const Network& london() {
  static const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json").value();
  return net;
}

struct Outcome {
  Placed placed;
  const fabric::ServiceLightpath* lightpath = nullptr;  // the data lightpath
};

// Places examples/workloads/inference.json on a fresh London fabric with `cut` fibres cut first.
Outcome place_inference(fabric::Fabric& fabric, const std::vector<std::string>& cut) {
  for (const std::string& f : cut) EXPECT_TRUE(fabric.cut(f).has_value()) << f;
  const std::string path = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/workloads/inference.json";
  const WorkloadSpec spec = io::read_workload_file(path).value();
  Outcome out;
  out.placed = place(fabric, spec, "").value();
  EXPECT_FALSE(out.placed.choice.refusal.has_value());
  EXPECT_EQ(out.placed.services.size(), 1u);
  if (out.placed.services.empty()) return out;
  const fabric::Service* s = fabric.find(out.placed.services.front());
  EXPECT_NE(s, nullptr);
  EXPECT_EQ(s->carrying().size(), 1u);
  if (s && !s->carrying().empty()) out.lightpath = s->carrying().front();
  return out;
}

fabric::Fabric make_fabric() {
  return fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{1}; }).value();
}

TEST(Provisioned, DocumentedGroupDelayIsTheGroupIndexOverC) {
  EXPECT_NEAR(kSsmfUsPerKm, kGroupIndex / kLightKmPerUs, 0.005);
}

TEST(Provisioned, InferenceAfterACutReportsTheLightpathItGot) {
  const Network& net = london();
  const FiberIndex cut = net.find_fiber("LSE-LD8");
  ASSERT_NE(cut, kNoIndex);

  fabric::Fabric intact = make_fabric();
  const Outcome before = place_inference(intact, {});
  fabric::Fabric damaged = make_fabric();
  const Outcome after = place_inference(damaged, {"LSE-LD8"});
  ASSERT_NE(before.lightpath, nullptr);
  ASSERT_NE(after.lightpath, nullptr);

  // The cut fibre is on the best route, so the booked lightpath avoids it and is slower.
  const auto& uses = before.lightpath->path.fibers;
  ASSERT_NE(std::find(uses.begin(), uses.end(), cut), uses.end())
      << "LSE-LD8 should be on the intact route; the test would prove nothing";
  const auto& avoids = after.lightpath->path.fibers;
  EXPECT_EQ(std::find(avoids.begin(), avoids.end(), cut), avoids.end());

  // The RTT of each lightpath from the route's physics alone.
  auto physics_rtt = [&](const rsa::Lightpath& lp) {
    double one_way = kTransceiverPairUs + kNodeUs * static_cast<double>(lp.nodes.size());
    for (FiberIndex f : lp.fibers) {
      EXPECT_EQ(net.fiber(f).delay.value(), kSsmfUsPerKm) << net.fiber(f).id << " is not SSMF";
      one_way += net.fiber(f).length.value() * kSsmfUsPerKm +
                 kAmplifierUs * static_cast<double>(net.fiber(f).amplifiers);
    }
    return 2 * one_way;
  };
  const double rtt_before = physics_rtt(before.lightpath->path);
  const double rtt_after = physics_rtt(after.lightpath->path);
  EXPECT_GT(rtt_after, rtt_before + 1);

  for (const Outcome* o : {&before, &after}) {
    const double rtt = physics_rtt(o->lightpath->path);
    const double booked =
        2 * (o->lightpath->path.one_way.value() + o->lightpath->added_delay.value());
    EXPECT_NEAR(booked, rtt, 1e-6);
    const auto& prediction = o->placed.choice.prediction;
    EXPECT_NEAR(prediction.at("rtt_us").get<double>(), rtt, 1e-6);
    EXPECT_NEAR(prediction.at("one_way_us").get<double>(), rtt / 2, 1e-6);
    // The answer the CLI and the API print: the lightpath, the prediction and the audit agree.
    const auto& answer = o->placed.answer;
    ASSERT_EQ(answer.at("lightpaths").size(), 1u);
    EXPECT_NEAR(answer["lightpaths"][0].at("rtt_us").get<double>(), rtt, 1e-3);
    EXPECT_NEAR(answer.at("prediction").at("rtt_us").get<double>(), rtt, 1e-6);
    const std::string rule = answer.at("audit").at("rules").back().get<std::string>();
    EXPECT_NE(rule.find(fmt::format("RTT {:.1f} µs", rtt)), std::string::npos) << rule;
  }
}

TEST(Provisioned, InferenceOverAFullFibreReportsTheSlowerLightpathItGot) {
  const Network& net = london();
  const FiberIndex full = net.find_fiber("LSE-LD8");
  ASSERT_NE(full, kNoIndex);
  auto crosses = [&](const rsa::Lightpath& lp) {
    return std::find(lp.fibers.begin(), lp.fibers.end(), full) != lp.fibers.end();
  };
  fabric::Fabric f = make_fabric();
  const Outcome alone = place_inference(f, {});
  ASSERT_NE(alone.lightpath, nullptr);
  ASSERT_TRUE(crosses(alone.lightpath->path));
  ASSERT_TRUE(f.remove_workload(alone.placed.workload));

  // Another tenant's services LSE→LD8 fill that fibre until one has to go round it.
  for (int i = 0;; ++i) {
    fabric::ServiceRequest r{.tenant = "other", .from = "LSE", .to = "LD8", .bandwidth = Gbps{100}};
    auto created = f.create(std::move(r));
    ASSERT_TRUE(created.has_value()) << "service " << i << ": " << created.error().message();
    if (!crosses((*created)->lightpaths.front().path)) break;
  }
  const Outcome crowded = place_inference(f, {});
  ASSERT_NE(crowded.lightpath, nullptr);
  ASSERT_FALSE(crosses(crowded.lightpath->path));

  const double booked =
      2 * (crowded.lightpath->path.one_way.value() + crowded.lightpath->added_delay.value());
  EXPECT_GT(booked, 2 * alone.lightpath->path.one_way.value() + 1);
  EXPECT_NEAR(crowded.placed.choice.prediction.at("rtt_us").get<double>(), booked, 1e-9);
  const std::string rule = crowded.placed.answer.at("audit").at("rules").back().get<std::string>();
  EXPECT_NE(rule.find(fmt::format("RTT {:.1f} µs", booked)), std::string::npos) << rule;
}

}  // namespace
}  // namespace lightmesh::workloads
