// `lightmesh simulate A --compare B` (two network files on common random numbers), the failure
// figures in --compare, blocking by bit-rate class in the JSON, and the unavailability panel of
// --plot, through the built binary. Truths: a network compared with itself differs by exactly 0;
// a second file that is NSFNET plus one fibre gives exactly what the what-if --add-fiber gives;
// with the only alternative route removed no restoration succeeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "sim/simulate_run.h"

namespace lightmesh::sim {
namespace {

nlohmann::json json_of(const CommandRun& r) {
  EXPECT_EQ(r.code, 0) << r.out;
  return nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A copy of a node-link fixture, changed by `edit`, in the test's temporary directory.
std::string edited_copy(const std::string& fixture, const std::string& name,
                        const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json j = nlohmann::json::parse(
      slurp(std::string(LIGHTMESH_SOURCE_DIR) + "/tests/sim/data/" + fixture));
  edit(j);
  const std::string path = std::string(::testing::TempDir()) + name;
  std::ofstream(path) << j.dump(1);
  return path;
}

const std::string kNet = "tests/sim/data/nsfnet_deeprmsa.json";
const std::string kStudy =
    " --directed --slots 100 --bitrate 25-100 --load 230,260 --requests 3000 --warmup 500 "
    "--replications 4 --seed 3 --format json --no-timing";

TEST(SimulateCompareFiles, ANetworkComparedWithItselfDiffersByExactlyNothing) {
  const auto j = json_of(run_simulate(kNet + " --compare " + kNet + kStudy));
  ASSERT_EQ(j["points"].size(), 2u);
  for (const auto& p : j["points"]) {
    for (const char* k : {"service_blocking", "bandwidth_blocking"}) {
      EXPECT_EQ(p["difference"][k]["mean"], 0.0) << k;
      EXPECT_EQ(p["difference"][k]["ci95"], 0.0) << k;
      EXPECT_EQ(p["today"][k], p["what_if"][k]) << k;
    }
    EXPECT_GT(p["today"]["service_blocking"]["mean"].get<double>(), 0);
  }
  EXPECT_EQ(j["today"]["network"], kNet);
  EXPECT_EQ(j["config"]["network"], kNet);
}

TEST(SimulateCompareFiles, NsfnetPlusAFibreFileIsTheWhatIfAddFiber) {
  const std::string plus =
      edited_copy("nsfnet_deeprmsa.json", "nsfnet_plus_1_14.json", [](nlohmann::json& j) {
        j["links"].push_back({{"source", 1}, {"target", 14}, {"distance", 900}});
      });
  const auto files = json_of(run_simulate(kNet + " --compare '" + plus + "'" + kStudy));
  const auto what_if = json_of(run_simulate(kNet + " --add-fiber 1,14,900 --compare" + kStudy));
  ASSERT_EQ(files["points"].size(), 2u);
  EXPECT_EQ(files["points"], what_if["points"]);
  // A fibre more lowers blocking, beyond the paired interval.
  for (const auto& p : files["points"])
    EXPECT_LT(p["difference"]["service_blocking"]["mean"].get<double>() +
                  p["difference"]["service_blocking"]["ci95"].get<double>(),
              0)
        << p.dump();
  EXPECT_EQ(files["config"]["links"].get<int>(), files["today"]["links"].get<int>() + 2);
  EXPECT_FALSE(files["config"].contains("what_if"));
  // The flag alone still needs a what-if, and the table names both networks.
  const CommandRun table =
      run_simulate(kNet + " --compare '" + plus + "' --load 230 --requests 500");
  ASSERT_EQ(table.code, 0) << table.out;
  EXPECT_NE(table.out.find("compared with today, " + kNet), std::string::npos) << table.out;
}

// Blocking by bit-rate class is paired class by class. Common random numbers draw the same
// requests of each class on both sides, and with every replication drawing every class the paired
// mean is the difference of the two sides' means.
TEST(SimulateCompareFiles, BlockingByBitRateIsPairedClassByClass) {
  const auto same = json_of(run_simulate(kNet + " --compare " + kNet + kStudy));
  for (const auto& p : same["points"]) {
    ASSERT_EQ(p["difference"]["by_bitrate"].size(), 4u) << p.dump();  // 25–100: four bins
    for (const auto& c : p["difference"]["by_bitrate"]) {
      EXPECT_EQ(c["service_blocking"]["mean"], 0.0) << c.dump();
      EXPECT_EQ(c["service_blocking"]["ci95"], 0.0) << c.dump();
      EXPECT_EQ(c["bandwidth_blocking"]["mean"], 0.0) << c.dump();
    }
  }
  const std::string plus =
      edited_copy("nsfnet_deeprmsa.json", "nsfnet_plus_1_14_classes.json", [](nlohmann::json& j) {
        j["links"].push_back({{"source", 1}, {"target", 14}, {"distance", 900}});
      });
  const auto j = json_of(run_simulate(kNet + " --compare '" + plus + "'" + kStudy));
  double largest_class_difference = 0;
  for (const auto& p : j["points"]) {
    const auto& today = p["today"]["by_bitrate"];
    const auto& what_if = p["what_if"]["by_bitrate"];
    const auto& d = p["difference"]["by_bitrate"];
    ASSERT_EQ(d.size(), 4u);
    ASSERT_EQ(today.size(), 4u);
    ASSERT_EQ(what_if.size(), 4u);
    for (std::size_t c = 0; c < d.size(); ++c) {
      EXPECT_EQ(today[c]["requests"], what_if[c]["requests"]) << c;
      EXPECT_EQ(d[c]["gbps_min"], today[c]["gbps_min"]) << c;
      EXPECT_EQ(d[c]["gbps_max"], today[c]["gbps_max"]) << c;
      for (const char* k : {"service_blocking", "bandwidth_blocking"}) {
        EXPECT_NEAR(d[c][k]["mean"].get<double>(),
                    what_if[c][k]["mean"].get<double>() - today[c][k]["mean"].get<double>(), 1e-12)
            << c << " " << k;
      }
      largest_class_difference = std::max(largest_class_difference,
                                          std::abs(d[c]["service_blocking"]["mean"].get<double>()));
    }
  }
  EXPECT_GT(largest_class_difference, 0);
  const CommandRun table =
      run_simulate(kNet + " --compare '" + plus + "' --bitrate 25-100 --load 230 --requests 500");
  ASSERT_EQ(table.code, 0) << table.out;
  EXPECT_NE(table.out.find("service blocking by bit rate, what-if − today (paired by replication)"),
            std::string::npos)
      << table.out;
}

TEST(SimulateCompareFiles, BadInputIsOneClearErrorAndANonZeroExit) {
  const std::string renamed =
      edited_copy("nsfnet_deeprmsa.json", "nsfnet_renamed.json",
                  [](nlohmann::json& j) { j["nodes"][2]["name"] = "ATLANTIS"; });
  const std::string fewer =
      edited_copy("triangle.json", "triangle_two_sites.json", [](nlohmann::json& j) {
        j["nodes"].erase(2);
        j["links"] = nlohmann::json::array({{{"source", "A"}, {"target", "B"}, {"distance", 100}}});
      });
  struct Case {
    std::string args;
    std::string says;
  };
  const Case cases[] = {
      {kNet + " --compare tests/sim/data/missing.json --load 100", "missing.json"},
      {kNet + " --compare '" + renamed + "' --load 100", "site 3 is \"ATLANTIS\" where " + kNet},
      {"tests/sim/data/triangle.json --compare '" + fewer + "' --load 10",
       "2 sites where tests/sim/data/triangle.json has 3"},
      {kNet + " --compare " + kNet + " --add-fiber 1,14,900 --load 100",
       "it does not combine with --add-fiber"},
      {"--compare " + kNet + " --load 100", "network is required"},
  };
  for (const Case& c : cases) {
    const CommandRun r = run_simulate(c.args);
    EXPECT_NE(r.code, 0) << c.args;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << "\n" << r.out;
  }
}

// Traffic A–B only on the triangle; A–B is cut from 50 h for 100 h; every service restores.
const std::string kTriangle =
    "tests/sim/data/triangle.json --traffic tests/sim/data/triangle_ab_traffic.csv "
    "--failures-file tests/sim/data/triangle_cut.csv --protection restore --load 20 --slots 100 "
    "--k 2 --holding-mean 10 --requests 2000 --warmup 50 --replications 4 --format json "
    "--no-timing";

TEST(SimulateCompareFailures, IdenticalNetworksDifferByNothingInAvailability) {
  const auto j = json_of(run_simulate(kTriangle + " --compare tests/sim/data/triangle.json"));
  const auto& d = j["points"][0]["difference"];
  EXPECT_EQ(d["availability"]["restore"]["mean"], 0.0) << d.dump();
  EXPECT_EQ(d["availability"]["restore"]["ci95"], 0.0);
  EXPECT_EQ(d["restoration"]["success_ratio"]["mean"], 0.0);
  EXPECT_TRUE(j["points"][0]["today"].contains("availability"));
  EXPECT_TRUE(j["points"][0]["what_if"].contains("restoration"));
}

TEST(SimulateCompareFailures, RemovingTheOnlyAlternativeRouteLowersAvailability) {
  const auto j = json_of(run_simulate(kTriangle + " --remove-fiber A-C --compare"));
  const auto& p = j["points"][0];
  // Today the detour A–C–B takes every service of the cut A–B: nothing is lost.
  EXPECT_EQ(p["today"]["availability"]["restore"]["mean"], 1.0) << p.dump();
  EXPECT_EQ(p["today"]["restoration"]["success_ratio"]["mean"], 1.0);
  // Without A–C no restoration can succeed, and services wait for the repair.
  EXPECT_EQ(p["what_if"]["restoration"]["success_ratio"]["mean"], 0.0);
  EXPECT_EQ(p["difference"]["restoration"]["success_ratio"]["mean"], -1.0);
  const double a = p["difference"]["availability"]["restore"]["mean"];
  const double ci = p["difference"]["availability"]["restore"]["ci95"];
  EXPECT_LT(a + ci, 0) << p.dump();
  EXPECT_NEAR(a, p["what_if"]["availability"]["restore"]["mean"].get<double>() - 1.0, 1e-12);
}

TEST(SimulateJson, ByBitrateHasOneEntryPerClassAndSumsToTheRequests) {
  const auto j = json_of(run_simulate(kNet + kStudy + " --threads 2"));
  for (const auto& p : j["points"]) {
    ASSERT_EQ(p["by_bitrate"].size(), 4u) << p.dump();  // 25–100: four bins of 19 rates
    std::uint64_t requests = 0;
    double gbps_min = 25;
    for (const auto& c : p["by_bitrate"]) {
      EXPECT_EQ(c["gbps_min"].get<double>(), gbps_min);
      EXPECT_EQ(c["gbps_max"].get<double>(), gbps_min + 18);
      gbps_min += 19;
      requests += c["requests"].get<std::uint64_t>();
      for (const char* k : {"service_blocking", "bandwidth_blocking"}) {
        EXPECT_TRUE(c[k].contains("mean")) << k;
        EXPECT_TRUE(c[k].contains("ci95")) << k;
      }
    }
    EXPECT_EQ(requests,
              p["requests"].get<std::uint64_t>() * p["replications"].get<std::uint64_t>());
  }
  // One thread writes the same bytes.
  const CommandRun one = run_simulate(kNet + kStudy + " --threads 1");
  EXPECT_EQ(nlohmann::json::parse(one.out), j);
  // A discrete distribution gives one class per rate, named by it.
  const auto d =
      json_of(run_simulate(kNet + " --load 200 --requests 500 --replications 2 --format json "
                                  "--bitrate-dist tests/sim/data/rates_100_400.csv"));
  ASSERT_EQ(d["points"][0]["by_bitrate"].size(), 2u);
  EXPECT_EQ(d["points"][0]["by_bitrate"][1]["gbps"], 400.0);
}

// The SVG's series carry their values (data-series, data-value): read them back without pixels.
std::vector<double> series_values(const std::string& svg, const std::string& series) {
  std::vector<double> out;
  const std::regex point("<circle [^>]*data-series=\"" + series +
                         "\" data-load=\"[^\"]*\" data-value=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), point); it != std::sregex_iterator();
       ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

TEST(SimulatePlot, AFailureRunDrawsUnavailabilityBelowBlocking) {
  const std::string svg_path = std::string(::testing::TempDir()) + "failures_plot.svg";
  const auto j =
      json_of(run_simulate(kNet +
                           " --directed --slots 100 --bitrate 25-100 --holding-mean 24 "
                           "--load 150,200 --requests 3000 --warmup 500 --replications 3 "
                           "--seed 5 --failures 300,12 --protection none:0.5,restore:0.5 "
                           "--format json --no-timing --plot '" +
                           svg_path + "'"));
  const std::string svg = slurp(svg_path);
  ASSERT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("<svg y=\"420\""), std::string::npos);  // the second panel
  for (const char* s :
       {"service blocking", "bandwidth blocking", "unavailability none", "unavailability restore"})
    EXPECT_NE(svg.find("data-series=\"" + std::string(s) + "\"/>"), std::string::npos) << s;
  EXPECT_EQ(svg.find("unavailability 1+1"), std::string::npos);  // not in the mix
  const auto blocking = series_values(svg, "service blocking");
  const auto none = series_values(svg, "unavailability none");
  const auto restore = series_values(svg, "unavailability restore");
  ASSERT_EQ(blocking.size(), 2u);
  ASSERT_EQ(none.size(), 2u);
  ASSERT_EQ(restore.size(), 2u);
  for (std::size_t p = 0; p < 2; ++p) {
    const auto& pt = j["points"][p];
    EXPECT_EQ(blocking[p], pt["service_blocking"]["mean"].get<double>());
    EXPECT_NEAR(none[p], 1 - pt["availability"]["none"]["mean"].get<double>(), 1e-15);
    EXPECT_NEAR(restore[p], 1 - pt["availability"]["restore"]["mean"].get<double>(), 1e-15);
    // Unprotected services are down for every cut on their route; restored ones mostly not.
    EXPECT_GT(none[p], restore[p]);
  }
  // Without failures the plot is the blocking panel alone.
  const std::string plain_path = std::string(::testing::TempDir()) + "plain_plot.svg";
  ASSERT_EQ(
      run_simulate(kNet + " --load 300 --requests 500 --replications 2 --plot '" + plain_path + "'")
          .code,
      0);
  const std::string plain = slurp(plain_path);
  EXPECT_EQ(plain.find("unavailability"), std::string::npos);
  EXPECT_EQ(series_values(plain, "bandwidth blocking").size(), 1u);
}

// With several bit-rate classes a panel below the blocking one draws each class's service
// blocking, the values of the JSON's by_bitrate; with one class there is no such panel.
TEST(SimulatePlot, SeveralBitRateClassesDrawTheirBlockingBelow) {
  const std::string svg_path = std::string(::testing::TempDir()) + "bitrate_plot.svg";
  const auto j = json_of(run_simulate(kNet + kStudy + " --plot '" + svg_path + "'"));
  const std::string svg = slurp(svg_path);
  ASSERT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("<svg y=\"420\""), std::string::npos);  // the second panel
  const auto& classes = j["points"][0]["by_bitrate"];
  ASSERT_EQ(classes.size(), 4u);
  for (std::size_t c = 0; c < classes.size(); ++c) {
    const std::string name = "service blocking " +
                             std::to_string(classes[c]["gbps_min"].get<int>()) + "–" +
                             std::to_string(classes[c]["gbps_max"].get<int>()) + " Gb/s";
    const auto values = series_values(svg, name);
    ASSERT_EQ(values.size(), j["points"].size()) << name;
    for (std::size_t p = 0; p < values.size(); ++p)
      EXPECT_EQ(values[p],
                j["points"][p]["by_bitrate"][c]["service_blocking"]["mean"].get<double>())
          << name << " at point " << p;
  }
  const std::string one_path = std::string(::testing::TempDir()) + "one_class_plot.svg";
  ASSERT_EQ(run_simulate(kNet +
                         " --load 300 --bitrate 100 --requests 500 --replications 2 "
                         "--plot '" +
                         one_path + "'")
                .code,
            0);
  const std::string one = slurp(one_path);
  EXPECT_EQ(one.find("by bit rate"), std::string::npos);
  EXPECT_EQ(one.find("<svg y="), std::string::npos);
}

}  // namespace
}  // namespace lightmesh::sim
