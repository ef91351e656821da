// `lightmesh place`: the JSON contract on every bundled workload example, refusals (exit 4, the
// rule named), and bad documents (exit 1, the field named).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/cli_run.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// A workload document in a fresh temporary file; returns its absolute path.
std::string write_doc(const std::string& name, const std::string& text) {
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-place-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

void expect_contract(const json& j, const std::string& what) {
  ASSERT_TRUE(j.contains("kind")) << what;
  if (j.contains("refused")) {
    for (const char* k : {"reason", "rule", "detail"})
      EXPECT_TRUE(j["refused"].contains(k)) << what;
    return;
  }
  ASSERT_TRUE(j["placement"]["sites"].is_array()) << what;
  EXPECT_FALSE(j["placement"]["sites"].empty()) << what;
  for (const auto& s : j["placement"]["sites"]) EXPECT_TRUE(s["site"].is_string()) << what;
  ASSERT_TRUE(j["lightpaths"].is_array()) << what;
  for (const auto& lp : j["lightpaths"]) {
    for (const char* k : {"route", "length_km", "one_way_us", "rtt_us", "mode", "n", "m", "role"})
      EXPECT_TRUE(lp.contains(k)) << what << " lightpath lacks " << k;
  }
  EXPECT_TRUE(j["prediction"].is_object()) << what;
  EXPECT_TRUE(j["alternatives"].is_array()) << what;
  if (j["kind"] == "training") {
    for (const char* k : {"step_s", "single_site_step_s", "slowdown"})
      EXPECT_TRUE(j["prediction"][k].is_number()) << what << " prediction lacks " << k;
    EXPECT_NEAR(j["prediction"]["slowdown"].get<double>(),
                j["prediction"]["step_s"].get<double>() /
                    j["prediction"]["single_site_step_s"].get<double>(),
                1e-3)
        << what;
  }
}

// Every example document places (or is refused by a named rule) on the network its README names.
TEST(Place, EveryExampleKeepsTheJsonContract) {
  const fs::path dir = fs::path(LIGHTMESH_SOURCE_DIR) / "examples/workloads";
  int placed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (file == "README.md") continue;
    for (const char* net : {"examples/tokyo/network.json", "examples/london/network.json",
                            "examples/sovereign/network.json"}) {
      CliRun r =
          run_cli({"place", net, "--workload", "examples/workloads/" + file, "--format", "json"});
      if (r.code == 1) continue;  // written for the other network (an unknown site)
      ASSERT_TRUE(r.code == 0 || r.code == 4) << file << " on " << net << ": " << r.err;
      const json j = json::parse(r.out);
      expect_contract(j, file + " on " + net);
      EXPECT_EQ(r.code == 4, j.contains("refused")) << file;
      if (r.code == 0) ++placed;
      // The table form and --explain work on the same input.
      CliRun t = run_cli({"place", net, "--workload", "examples/workloads/" + file, "--explain"});
      EXPECT_EQ(t.code, r.code) << t.err;
      EXPECT_NE(t.out.find(r.code == 0 ? "placed" : "refused"), std::string::npos) << t.out;
    }
  }
  EXPECT_GE(placed, 5);
}

TEST(Place, ResidencyRefusalNamesTheRule) {
  const std::string doc = write_doc("residency.json", R"({"kind": "inference",
    "data_site": "LD8", "allowed_jurisdictions": ["FR"], "confidential": true, "diskless": true,
    "gpus": 8, "bandwidth_gbps": 100, "max_rtt_us": 2000})");
  CliRun r =
      run_cli({"place", "examples/london/network.json", "--workload", doc, "--format", "json"});
  EXPECT_EQ(r.code, cli::kExitRefused) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["refused"]["rule"], "residency");
  EXPECT_NE(r.err.find("residency"), std::string::npos) << r.err;
}

// A job larger than the network's inventory reads as every other refusal in JSON: the field as the
// rule, the inventory in the detail. It stays exit 1: no later moment could place it.
TEST(Place, BeyondTheInventoryIsARefusalInJson) {
  const std::string doc = write_doc("huge.json", R"({"kind": "training", "gpus": 1000000,
    "gpu_model": "H100", "params_b": 7, "layers": 32, "hidden": 4096, "seq": 4096,
    "micro_batch": 1, "tp": 8, "pp": 1, "dp": 125000, "step_compute_s": 1, "sync": "dp"})");
  CliRun r =
      run_cli({"place", "examples/london/network.json", "--workload", doc, "--format", "json"});
  EXPECT_EQ(r.code, cli::kExitInputError) << r.err;
  const json j = json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.out;
  expect_contract(j, "huge.json");
  EXPECT_EQ(j["refused"]["reason"], "INVALID_FOR_NETWORK");
  EXPECT_EQ(j["refused"]["rule"], "/gpus");
  EXPECT_NE(j["refused"]["detail"].get<std::string>().find("1000000 GPUs"), std::string::npos);
  EXPECT_NE(r.err.find(doc), std::string::npos) << r.err;
}

TEST(Place, BadDocumentsNameTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"kind": "inference", "data_site": "NOWHERE", "allowed_jurisdictions": ["GB"],
           "gpus": 8, "bandwidth_gbps": 10, "max_rtt_us": 1000})",
       "/data_site"},
      {R"({"kind": "training", "gpus": 96, "gpu_model": "H100", "params_b": 7, "layers": 32,
           "hidden": 4096, "seq": 4096, "micro_batch": 1, "tp": 8, "pp": 2, "dp": 4,
           "step_compute_s": 1, "sync": "dp"})",
       "/gpus"},
      {R"({"kind": "training", "gpus": 64, "gpu_model": "B300", "params_b": 7, "layers": 32,
           "hidden": 4096, "seq": 4096, "micro_batch": 1, "tp": 8, "pp": 1, "dp": 8,
           "step_compute_s": 1, "sync": "dp"})",
       "/gpu_model"},
      {R"({"kind": "production", "venue": "LD8", "gallery": "LD4", "cameras": 30,
           "format": "1080i25", "redundancy": "2022-7", "max_one_way_us": 1000})",
       "/format"},
  };
  int i = 0;
  for (const auto& [text, where] : cases) {
    const std::string doc = write_doc("bad" + std::to_string(i++) + ".json", text);
    CliRun r = run_cli({"place", "examples/london/network.json", "--workload", doc});
    EXPECT_EQ(r.code, cli::kExitInputError) << text;
    EXPECT_NE(r.err.find(where), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(doc), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace lightmesh
