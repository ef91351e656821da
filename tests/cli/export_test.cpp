// `lightmesh export --to gnpy` end to end: plan a bundled example, export it with the plan, and
// check the files with lightmesh's own readers and its GNPy engine (qot/path_request_run.h), which
// matches GNPy v2.12 on GNPy's reference cases: every path request is the plan's lightpath, and
// run on the exported files it reports the plan's GSNR and finds its mode feasible. `make oracle`
// runs GNPy itself on the same files when it is beside the clone.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.h"
#include "io/gnpy_equipment.h"
#include "io/gnpy_topology.h"
#include "io/load.h"
#include "qot/path_request_run.h"
#include "qot/physics_hooks.h"
#include "qot/service.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

class TempDir {
 public:
  TempDir() {
    path_ =
        fs::temp_directory_path() /
        ("lightmesh-export-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

json read_json(const std::string& path) {
  std::ifstream f(path);
  return json::parse(f);
}

class ExportPlan : public ::testing::TestWithParam<std::string> {};

TEST_P(ExportPlan, GnpyEngineOnTheExportAgreesWithThePlan) {
  const TempDir dir;
  const std::string example = "examples/" + GetParam();
  CliRun plan = run_cli({"plan", example + "/network.json", "--demands", example + "/demands.json",
                         "--format", "json", "-o", dir / "plan.json"});
  ASSERT_EQ(plan.code, 0) << plan.err;
  CliRun out = run_cli({"export", example + "/network.json", "--to", "gnpy", "-o",
                        dir / "topology.json", "--equipment-out", dir / "eqpt_config.json",
                        "--plan", dir / "plan.json", "--services-out", dir / "services.json"});
  ASSERT_EQ(out.code, 0) << out.err;
  EXPECT_EQ(out.out, "");

  const json lightpaths = read_json(dir / "plan.json")["lightpaths"];
  ASSERT_FALSE(lightpaths.empty());
  const auto services = qot::read_gnpy_services_file(dir / "services.json");
  ASSERT_TRUE(services) << services.error().to_string();
  ASSERT_EQ(services->requests.size(), lightpaths.size());
  for (std::size_t i = 0; i < lightpaths.size(); ++i) {
    const json& lp = lightpaths[i];
    const qot::ServiceRequest& r = services->requests[i];
    SCOPED_TRACE(i);
    EXPECT_EQ(r.request_id, std::to_string(i));
    EXPECT_EQ(r.source, "trx " + lp["route"].front().get<std::string>());
    EXPECT_EQ(r.destination, "trx " + lp["route"].back().get<std::string>());
    EXPECT_EQ(r.trx_mode, lp["mode"].get<std::string>());
    ASSERT_EQ(r.effective_freq_slot.size(), 1u);
    EXPECT_EQ(r.effective_freq_slot[0].n, lp["n"].get<int>());
    EXPECT_EQ(r.effective_freq_slot[0].m, lp["m"].get<int>());
    // Each node of the route, and between two of them the fibre taken (its first span's uid
    // starts with the fibre's id).
    const json& route = lp["route"];
    const json& fibers = lp["fibers"];
    ASSERT_EQ(r.route.size(), route.size() + fibers.size());
    for (std::size_t h = 0; h < route.size(); ++h) {
      EXPECT_EQ(r.route[2 * h].node_id, route[h].get<std::string>());
      if (h < fibers.size()) {
        EXPECT_EQ(r.route[2 * h + 1].node_id.rfind(fibers[h].get<std::string>(), 0), 0u);
      }
    }
  }

  // lightmesh's GNPy engine on the exported files, as GNPy would run them.
  const auto eq = io::read_gnpy_equipment(dir / "eqpt_config.json");
  ASSERT_TRUE(eq) << eq.error().to_string();
  auto topo = io::read_gnpy_topology_file(dir / "topology.json", *eq);
  ASSERT_TRUE(topo) << topo.error().to_string();
  qot::PhysicsCache cache;
  qot::PathRequestRun run(std::move(*topo), *eq, qot::physics_hooks(*eq, &cache));
  const auto report = run.run(*services, qot::RunOptions{.threads = 1});
  ASSERT_TRUE(report) << report.error().to_string();
  std::vector<int> answered(lightpaths.size(), 0);
  for (const qot::RequestResult& res : report->results) {
    EXPECT_TRUE(res.feasible()) << res.request_id << ": " << res.blocking_reason.value_or("");
    ASSERT_TRUE(res.qot.has_value()) << res.request_id;
    std::stringstream ids(res.request_id);  // identical requests are aggregated: "3 | 2"
    for (std::string id; std::getline(ids, id, '|');) {
      const std::size_t i = std::stoul(id);
      ASSERT_LT(i, lightpaths.size());
      ++answered[i];
      // The plan prints figures to 0.01 dB.
      EXPECT_NEAR(res.qot->gsnr_01nm_db, lightpaths[i]["gsnr_mean_db"].get<double>(), 0.055)
          << res.request_id;
      EXPECT_NEAR(res.qot->min_gsnr_01nm_db, lightpaths[i]["gsnr_db"].get<double>(), 0.055)
          << res.request_id;
    }
  }
  for (std::size_t i = 0; i < answered.size(); ++i) EXPECT_EQ(answered[i], 1) << i;

  // And the import of the export is a network lightmesh loads, with the same sites.
  CliRun back =
      run_cli({"import", "--from", "gnpy", dir / "topology.json", "-o", dir / "back.json"});
  ASSERT_EQ(back.code, 0) << back.err;
  const auto again = io::load_network(dir / "back.json");
  ASSERT_TRUE(again) << again.error().to_string();
  const Network original =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/" + example + "/network.json").value();
  ASSERT_EQ(again->sites().size(), original.sites().size());
  for (const Site& s : original.sites()) EXPECT_NE(again->find_site(s.id), kNoIndex) << s.id;
}

INSTANTIATE_TEST_SUITE_P(Examples, ExportPlan, ::testing::Values("london", "tokyo", "nsfnet"));

TEST(Export, WithoutAPlanWritesTheTopologyToStdout) {
  CliRun r = run_cli({"export", "examples/tokyo/network.json", "--to", "gnpy"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json topo = json::parse(r.out);
  EXPECT_TRUE(topo.contains("elements"));
  EXPECT_TRUE(topo.contains("connections"));
}

TEST(Export, UsageAndInputErrorsNameWhatIsWrong) {
  const TempDir dir;
  CliRun alone = run_cli(
      {"export", "examples/london/network.json", "--to", "gnpy", "--plan", dir / "plan.json"});
  EXPECT_EQ(alone.code, 2);
  EXPECT_NE(alone.err.find("--services-out"), std::string::npos) << alone.err;

  CliRun format = run_cli({"export", "examples/london/network.json", "--to", "openroadm"});
  EXPECT_EQ(format.code, 2);

  {
    std::ofstream f(dir / "plan.json");
    f << R"({"lightpaths": [{"route": ["LSE", "NOWHERE"], "fibers": ["x"], "mode": "400ZR",
            "n": 0, "m": 6}]})";
  }
  CliRun bad =
      run_cli({"export", "examples/london/network.json", "--to", "gnpy", "-o", dir / "t.json",
               "--plan", dir / "plan.json", "--services-out", dir / "s.json"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find(dir / "plan.json"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("/lightpaths/0/route/1"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("NOWHERE"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace lightmesh
