// --traffic from a TopoHub `graph.demands` block. Truths: the same matrix written as the CSV
// gives the same weights, and a simulation on it the same figures, byte for byte; a node's demand
// to itself is left out; every bad block is one error naming the JSON pointer.
#include "sim/traffic_matrix.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/network_source.h"
#include "sim/pair_sampler.h"
#include "sim/simulate_run.h"
#include "sim_fixture.h"

namespace lightmesh::sim {
namespace {

// The triangle A–B–C as TopoHub writes it: integer ids, the names are the sites.
std::string triangle_with(const std::string& demands) {
  return R"({"directed": false, "multigraph": false,
  "graph": {"name": "triangle", "demands": )" +
         demands + R"(},
  "nodes": [{"id": 0, "name": "A"}, {"id": 1, "name": "B"}, {"id": 2, "name": "C"}],
  "links": [{"source": 0, "target": 1, "distance": 100},
            {"source": 0, "target": 2, "distance": 300},
            {"source": 2, "target": 1, "distance": 300}]})";
}

std::string write(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

// The network of that file: sites A, B and C, whose node keys are 0, 1 and 2.
SimNetwork triangle() {
  return load_sim_network(write("triangle_nodes.json", triangle_with("{}"))).value();
}

TEST(TrafficMatrix, TopoHubDemandsGiveTheWeightsOfTheSameCsv) {
  const SimNetwork net = triangle();
  const auto hub = parse_topohub_demands(
      triangle_with(R"({"0": {"1": 3, "2": 1.5, "0": 7}, "1": {"0": 2}})"), "t.json", net);
  ASSERT_TRUE(hub) << hub.error().to_string();
  const auto csv = parse_traffic_csv("A,B,3\nA,C,1.5\nB,A,2\n", "t.csv", net.network);
  ASSERT_TRUE(csv) << csv.error().to_string();
  EXPECT_EQ(*hub, *csv);  // A's 7 to itself is left out
  const SiteIndex a = net.network.find_site("A"), b = net.network.find_site("B");
  EXPECT_EQ((*hub)[static_cast<std::size_t>(a) * 3 + b], 3.0);
}

TEST(TrafficMatrix, ASimulationOnTopoHubDemandsEqualsOneOnTheCsv) {
  const std::string hub =
      write("triangle_demands.json", triangle_with(R"({"0": {"1": 1}, "1": {"0": 1}})"));
  const std::string common =
      " --load 20 --slots 40 --k 2 --requests 3000 --warmup 100 --replications 3 --seed 7 "
      "--format json --no-timing --traffic ";
  const CommandRun from_hub = run_simulate("'" + hub + "'" + common + "'" + hub + "'");
  const CommandRun from_csv =
      run_simulate("'" + hub + "'" + common + "tests/sim/data/triangle_ab_traffic.csv");
  ASSERT_EQ(from_hub.code, 0) << from_hub.out;
  ASSERT_EQ(from_csv.code, 0) << from_csv.out;
  const auto h = nlohmann::json::parse(from_hub.out), c = nlohmann::json::parse(from_csv.out);
  ASSERT_FALSE(h["points"].empty());
  EXPECT_EQ(h["points"], c["points"]);
}

TEST(TrafficMatrix, EachBadBlockIsOneErrorAtItsPointer) {
  const SimNetwork net = triangle();
  const struct {
    std::string demands;
    std::string says;
  } cases[] = {
      {R"({"9": {"1": 1}})", "/graph/demands/9"},
      {R"({"0": {"9": 1}})", "/graph/demands/0/9"},
      {R"({"0": {"1": -1}})", "/graph/demands/0/1"},
      {R"({"0": {"1": "lots"}})", "/graph/demands/0/1"},
      {R"({"0": [1, 2]})", "/graph/demands/0"},
      {R"({"0": {"1": 0}})", "no positive weight"},
      {R"([])", "/graph/demands"},
  };
  for (const auto& c : cases) {
    const auto r = parse_topohub_demands(triangle_with(c.demands), "t.json", net);
    ASSERT_FALSE(r) << c.demands;
    EXPECT_NE(r.error().to_string().find(c.says), std::string::npos) << c.demands << "\n"
                                                                     << r.error().to_string();
    EXPECT_NE(r.error().to_string().find("t.json"), std::string::npos) << r.error().to_string();
  }
  const auto huge = parse_topohub_demands(triangle_with(R"({"0": {"1": 1e999}})"), "t.json", net);
  EXPECT_FALSE(huge);
}

}  // namespace
}  // namespace lightmesh::sim
