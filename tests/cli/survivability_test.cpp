// `lightmesh survivability`: the JSON has a scenario for every fibre and every site, ranked, and
// bad input is one clear error with a non-zero exit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <tuple>

#include "cli/app.h"
#include "cli_run.h"
#include "fabric/fabric.h"
#include "io/load.h"
#include "store/sqlite_store.h"

namespace lightmesh {
namespace {

const std::string kNet = "examples/london/network.json";
const std::string kDemands = "examples/london/demands.json";

TEST(SurvivabilityCli, JsonHasEveryFailureRankedByImpact) {
  const CliRun r =
      run_cli({"survivability", kNet, "--demands", kDemands, "--restore", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["services_from"]["demands"], kDemands);
  EXPECT_GT(j["services"].get<int>(), 0);
  const auto& s = j["scenarios"];
  std::size_t fibres = 0, sites = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    EXPECT_EQ(s[i]["rank"], i + 1);
    (s[i]["kind"] == "fiber" ? fibres : sites) += 1;
    if (i > 0) {
      EXPECT_GE(s[i - 1]["lost_gbps"].get<double>(), s[i]["lost_gbps"].get<double>());
    }
    for (const auto& v : s[i]["services"]) {
      const std::string outcome = v["outcome"];
      EXPECT_TRUE(outcome == "switched" || outcome == "restored" || outcome == "lost") << outcome;
      EXPECT_EQ(v["added_latency_us"].is_null(), outcome != "restored");
    }
  }
  EXPECT_EQ(fibres, j["fibers"].get<std::size_t>());
  EXPECT_EQ(sites, j["sites"].get<std::size_t>());
  // The table names the worst failure first.
  const CliRun t = run_cli({"survivability", kNet, "--demands", kDemands, "--restore"});
  ASSERT_EQ(t.code, 0) << t.err;
  const std::string first = s[0]["kind"].get<std::string>() + " " + s[0]["name"].get<std::string>();
  EXPECT_NE(t.out.find("   1  " + first), std::string::npos) << t.out;
}

TEST(SurvivabilityCli, FromDbStudiesTheServicesTheControllerStored) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-survivability-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "controller.db").string();
  std::size_t booked = 0;
  {
    auto net = io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/" + kNet);
    ASSERT_TRUE(net);
    auto fabric = fabric::Fabric::make(*net, {}, [] { return std::int64_t{1}; });
    ASSERT_TRUE(fabric);
    auto store = store::SqliteStore::open(db);
    ASSERT_TRUE(store);
    for (auto [a, b, p] : {std::tuple{"LSE", "LD4", fabric::ServiceProtection::kOnePlusOne},
                           std::tuple{"LSE", "LD8", fabric::ServiceProtection::kRestore},
                           std::tuple{"LD8", "THN", fabric::ServiceProtection::kNone}}) {
      fabric::ServiceRequest r{.tenant = "acme", .from = a, .to = b, .bandwidth = Gbps{100}};
      r.protection = p;
      ASSERT_TRUE(fabric->create(r)) << a << "–" << b;
      ASSERT_TRUE((*store)->commit(fabric->take_changes(), *net));
      ++booked;
    }
  }
  const CliRun r = run_cli({"survivability", kNet, "--from-db", "sqlite:" + db, "-f", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["services"], booked);
  EXPECT_EQ(j["services_from"]["from_db"], "sqlite:" + db);
  // The 1+1 service is never lost to a single fibre cut.
  for (const auto& s : j["scenarios"])
    if (s["kind"] == "fiber")
      for (const auto& v : s["services"])
        if (v["id"] == "svc-000001") {
          EXPECT_EQ(v["outcome"], "switched") << s["name"];
        }
  // The same store read against another network is refused in one line.
  const CliRun other =
      run_cli({"survivability", "examples/tokyo/network.json", "--from-db", "sqlite:" + db});
  EXPECT_EQ(other.code, cli::kExitInputError);
  EXPECT_NE(other.err.find("does not fit"), std::string::npos) << other.err;
  EXPECT_EQ(std::count(other.err.begin(), other.err.end(), '\n'), 1) << other.err;
  fs::remove_all(dir);
}

TEST(SurvivabilityCli, BadInputIsOneClearErrorAndANonZeroExit) {
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string says;
  };
  const Case cases[] = {
      {{"survivability", kNet}, cli::kExitUsage, "--from-db DB"},
      {{"survivability", kNet, "--from-db", "tests/sim/data/missing.db"},
       cli::kExitInputError,
       "no such database"},
      {{"survivability", kNet, "--demands", "tests/sim/data/missing.json"},
       cli::kExitInputError,
       "missing.json"},
      {{"survivability", "tests/sim/data/missing.json", "--demands", kDemands},
       cli::kExitInputError,
       "missing.json"},
  };
  for (const Case& c : cases) {
    const CliRun r = run_cli(c.args);
    EXPECT_EQ(r.code, c.code) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

}  // namespace
}  // namespace lightmesh
