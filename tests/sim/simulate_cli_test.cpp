// `lightmesh simulate` through the built binary: bad input gives one clear line and a non-zero
// exit; the JSON has the contract's fields; the same seed gives byte-identical JSON whatever
// --threads.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/simulate_run.h"

namespace lightmesh::sim {
namespace {

const std::string kNet = "tests/sim/data/nsfnet_deeprmsa.json";

// `args` (ending in --threads) run with 1 and with 2 threads: both succeed with the same bytes,
// parsed here.
nlohmann::json same_whatever_the_threads(const std::string& args) {
  const CommandRun one = run_simulate(args + "1");
  const CommandRun two = run_simulate(args + "2");
  EXPECT_EQ(one.code, 0) << one.out;
  EXPECT_EQ(two.code, 0) << two.out;
  EXPECT_EQ(one.out, two.out);
  return nlohmann::json::parse(one.out, nullptr, /*allow_exceptions=*/false);
}

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(SimulateCli, BadInputIsOneClearErrorAndANonZeroExit) {
  struct Case {
    std::string args;
    std::string says;
  };
  const Case cases[] = {
      {kNet + " --load 0", "--load: 0 is out of range"},
      {kNet + " --load 100,-5", "--load: -5 is out of range"},
      {kNet + " --load 100 --replications 1", "--replications: 1 is out of range"},
      {kNet + " --load 100 --policy ksp-magic", "unknown policy \"ksp-magic\""},
      {kNet + " --load 100 --modulations tests/sim/data/no_usable_row.csv",
       "tests/sim/data/no_usable_row.csv: no usable row"},
      {kNet + " --load 100 --traffic tests/sim/data/unknown_site_traffic.csv",
       "tests/sim/data/unknown_site_traffic.csv: line 3: unknown site \"ATLANTIS\""},
      {kNet + " --load 100 --bitrate 100-25", "--bitrate: \"100-25\" is not a range"},
      {kNet + " --load 100 --path-order random", "--path-order: unknown order \"random\""},
      {"tests/sim/data/missing.json --load 100", "missing.json"},
      {kNet + " --load 100 --remove-fiber NO-SUCH",
       "--remove-fiber NO-SUCH: the network has no fibre"},
      {kNet + " --load 100 --add-fiber 1,ATLANTIS,50", "unknown site \"ATLANTIS\""},
      {kNet + " --load 100 --add-fiber 1,2,40001", "--add-fiber 1,2,40001: 40001 is out of range"},
      {kNet + " --load 100 --from-db tests/sim/data/missing.db", "no such database file"},
      {kNet + " --load 100 --compare", "--compare needs a what-if"},
      {kNet + " --load 100 --failures 0,12",
       "--failures: the MTBF per 1,000 km of fibre 0 is out of range"},
      {kNet + " --load 100 --failures 1000,-1", "--failures: the MTTR -1 is out of range"},
      {kNet + " --load 100 --failures 1000", "--failures: \"1000\" is not MTBF,MTTR"},
      {"tests/sim/data/triangle.json --load 10 --failures-file tests/sim/data/overlapping_cuts.csv",
       "tests/sim/data/overlapping_cuts.csv: line 3: fibre \"A-B\" is cut again"},
      {kNet + " --load 100 --protection 1:1", "--protection: \"1:1\" names an unknown class"},
      {kNet + " --load 100 --failures 1000,1 --time-unit-hours 0",
       "--time-unit-hours: 0 is out of range"},
  };
  for (const Case& c : cases) {
    const CommandRun r = run_simulate(c.args);
    EXPECT_NE(r.code, 0) << c.args;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << "\n" << r.out;
    EXPECT_LE(lines(r.out), 2) << c.args << "\n" << r.out;  // the line, and a usage hint at most
  }
}

TEST(SimulateCli, CompareGivesBothBlockingsAndTheirPairedDifference) {
  const CommandRun r =
      run_simulate(kNet +
                   " --directed --slots 100 --bitrate 25-100 --load 250 --requests 3000 "
                   "--replications 4 --seed 3 --add-fiber 1,14,900 --compare --format json "
                   "--no-timing");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["points"].size(), 1u);
  const auto& p = j["points"][0];
  const double today = p["today"]["service_blocking"]["mean"];
  const double what_if = p["what_if"]["service_blocking"]["mean"];
  EXPECT_NEAR(p["difference"]["service_blocking"]["mean"].get<double>(), what_if - today, 1e-12);
  EXPECT_EQ(j["config"]["what_if"]["add_fibers"][0]["km"], 900.0);
}

TEST(SimulateCli, JsonHasTheContractFieldsAndIsTheSameWhateverTheThreads) {
  const std::string args = kNet +
                           " --directed --slots 100 --guard 1 --bitrate 25-100 --holding-mean 20 "
                           "--truncate-holding --load 200,260 --requests 3000 --warmup 500 "
                           "--replications 3 --seed 9 --format json --no-timing --threads ";
  const auto j = same_whatever_the_threads(args);
  ASSERT_FALSE(j.is_discarded());
  ASSERT_TRUE(j.contains("config"));
  ASSERT_TRUE(j.contains("requests_per_second"));
  ASSERT_EQ(j["points"].size(), 2u);
  for (const char* k : {"load", "requests", "warmup", "replications"})
    EXPECT_TRUE(j["points"][0].contains(k)) << k;
  for (const char* k : {"service_blocking", "bandwidth_blocking", "utilisation", "fragmentation"}) {
    EXPECT_TRUE(j["points"][0][k].contains("mean")) << k;
    EXPECT_TRUE(j["points"][0][k].contains("ci95")) << k;
  }
  EXPECT_EQ(j["points"][1]["load"], 260);
  EXPECT_EQ(j["points"][0]["by_bitrate"].size(), 4u);  // 25–100 Gb/s: four bins
  EXPECT_EQ(j["config"]["links"], 44);
}

TEST(SimulateCli, AFailureRunHasAvailabilityAndRestorationAndIsTheSameWhateverTheThreads) {
  const std::string args =
      kNet +
      " --directed --slots 100 --bitrate 25-100 --holding-mean 24 --load 150,200 "
      "--requests 3000 --warmup 500 --replications 3 --seed 5 --failures 300,12 "
      "--protection none:0.5,restore:0.3,1+1:0.2 --format json --no-timing "
      "--threads ";
  const auto j = same_whatever_the_threads(args);
  ASSERT_FALSE(j.is_discarded());
  const auto& p = j["points"][0];
  for (const char* k : {"service_blocking", "bandwidth_blocking", "utilisation", "fragmentation"})
    EXPECT_TRUE(p[k].contains("ci95")) << k;
  for (const char* k : {"none", "restore", "1+1"}) {
    EXPECT_TRUE(p["availability"][k].contains("mean")) << k;
    EXPECT_TRUE(p["availability"][k].contains("ci95")) << k;
  }
  for (const char* k : {"attempts", "success_ratio", "added_latency_us"})
    EXPECT_TRUE(p["restoration"][k].contains("ci95")) << k << "\n" << p.dump();
  EXPECT_EQ(j["config"]["failures"]["mtbf_hours_per_1000km"], 300.0);
  EXPECT_EQ(j["config"]["failures"]["protection"], "none:0.5,restore:0.3,1+1:0.2");
  // With shared-risk groups, site failures and scripted cuts of each kind (a JSON failures file).
  const auto g = same_whatever_the_threads(
      kNet +
      " --directed --slots 100 --bitrate 25-100 --holding-mean 24 --load 150 --requests 3000 "
      "--warmup 500 --replications 3 --seed 5 --failures-file "
      "tests/sim/data/nsfnet_failures.json --protection none:1,restore:1,1+1:1 --format json "
      "--no-timing --threads ");
  ASSERT_FALSE(g.is_discarded());
  EXPECT_EQ(g["config"]["failures"]["shared_risk_groups"].size(), 3u);
  EXPECT_EQ(g["config"]["failures"]["sites"]["mtbf_hours"], 20000.0);
  EXPECT_TRUE(g["points"][0]["availability"]["1+1"].contains("mean"));
  // A run without failures has neither figure.
  const CommandRun plain =
      run_simulate(kNet + " --load 150 --requests 300 --format json --no-timing");
  ASSERT_EQ(plain.code, 0) << plain.out;
  const auto q = nlohmann::json::parse(plain.out)["points"][0];
  EXPECT_FALSE(q.contains("availability"));
  EXPECT_FALSE(q.contains("restoration"));
}

std::string read_file(const std::string& path) {
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), f)) text.append(buf.data(), n);
    std::fclose(f);
  }
  return text;
}

// mpirun -n 2 shares the study's tasks over two ranks (here 9 tasks: one rank runs 5, the other
// 4), and rank 0 writes byte for byte what one process writes with the same seed.
TEST(SimulateCli, TwoMpiRanksWriteWhatOneProcessWrites) {
#ifndef LIGHTMESH_MPIEXEC
  GTEST_SKIP() << "this build has no MPI (the configure step says whether it found it)";
#else
  const std::string args = kNet +
                           " --directed --slots 100 --guard 1 --bitrate 25-100 --holding-mean 20 "
                           "--truncate-holding --load 200,230,260 --requests 2000 --warmup 300 "
                           "--replications 3 --seed 4 --format json --no-timing --threads 1";
  const std::string dir = ::testing::TempDir();
  // Open MPI runs as root only when told to; --oversubscribe lets two ranks share fewer cores.
  const std::string mpirun =
      std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 '") +
      LIGHTMESH_MPIEXEC + "' -n 2 --oversubscribe";
  // One process and two ranks write the same bytes, which hold `member`.
  const auto same_bytes = [&](const std::string& extra, const std::string& name,
                              const std::string& member) {
    const std::string one_file = dir + "mpi_" + name + "_one.json";
    const std::string two_file = dir + "mpi_" + name + "_two.json";
    const CommandRun one = run_simulate(args + extra + " -o '" + one_file + "'");
    ASSERT_EQ(one.code, 0) << one.out;
    const CommandRun two = run_simulate(args + extra + " -o '" + two_file + "'", mpirun);
    ASSERT_EQ(two.code, 0) << two.out;
    EXPECT_NE(two.out.find("shared over 2 MPI ranks"), std::string::npos) << two.out;
    const std::string a = read_file(one_file), b = read_file(two_file);
    ASSERT_NE(a.find("\"" + member + "\""), std::string::npos) << name;
    EXPECT_EQ(a, b) << name;
  };
  same_bytes("", "plain", "by_bitrate");
  // And with fibre cuts and protected services.
  same_bytes(" --failures 300,12 --protection none:1,restore:1,1+1:1", "fail", "availability");
  // And with shared-risk groups, site failures and scripted cuts of each kind.
  same_bytes(
      " --failures-file tests/sim/data/nsfnet_failures.json --protection none:1,restore:1,1+1:1",
      "srg", "shared_risk_groups");
#endif
}

// Started as one of several ranks by a launcher this build cannot talk to, each process would run
// the whole study and print it: it says so instead. (The launcher's environment is faked here.)
TEST(SimulateCli, SeveralRanksWithoutMpiIsAClearError) {
#ifdef LIGHTMESH_MPIEXEC
  GTEST_SKIP() << "this build has MPI";
#else
  const CommandRun r = run_simulate(kNet + " --load 100 --requests 300", "OMPI_COMM_WORLD_SIZE=2");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("built without MPI"), std::string::npos) << r.out;
#endif
}

TEST(SimulateCli, PlotIsAnSvgWithBars) {
  const std::string svg = std::string(::testing::TempDir()) + "simulate_plot.svg";
  const CommandRun r =
      run_simulate(kNet + " --load 300,400 --requests 2000 --warmup 200 --replications 2 " +
                   "--plot '" + svg + "'");
  ASSERT_EQ(r.code, 0) << r.out;
  FILE* f = std::fopen(svg.c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string text(1 << 16, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), f));
  std::fclose(f);
  EXPECT_EQ(text.rfind("<svg", 0), 0u);
  EXPECT_NE(text.find("<polyline"), std::string::npos);
  EXPECT_NE(text.find("</svg>"), std::string::npos);
}

TEST(SimulateCli, NumericOptionsAtTheExtremesGiveAClearErrorNeverASignal) {
  // The values of tests/cli/numeric_limits_test.cpp: zeros, negatives, the smallest double, and
  // numbers past every range and integer type. Accepted values must still finish quickly.
  const char* values[] = {"0",
                          "-0",
                          "-1",
                          "5e-324",
                          "1e15",
                          "1e19",
                          "1e308",
                          "9223372036854775807",
                          "18446744073709551616"};
  const std::string options[] = {"--load",  "--requests", "--warmup",       "--replications",
                                 "--seed",  "--k",        "--slots",        "--slot-ghz",
                                 "--guard", "--threads",  "--holding-mean", "--time-unit-hours"};
  for (const std::string& option : options) {
    std::string base = kNet + " --bitrate 25-100";
    if (option != "--load") base += " --load 50";
    if (option != "--requests") base += " --requests 300";
    if (option != "--warmup") base += " --warmup 0";
    if (option != "--replications") base += " --replications 2";
    for (const char* value : values) {
      const CommandRun r = run_simulate(base + " '" + option + "=" + value + "'");
      EXPECT_TRUE(r.code == 0 || r.code == 1 || r.code == 2)
          << option << "=" << value << " exit " << r.code << "\n"
          << r.out;
      if (r.code != 0) {
        EXPECT_NE(r.out.find(option), std::string::npos) << option << "=" << value << "\n" << r.out;
      }
    }
  }
}

}  // namespace
}  // namespace lightmesh::sim
