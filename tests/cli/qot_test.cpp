// `lightmesh qot` end to end on the qot fixtures: the table and GNPy's response for path
// requests, one transmission in JSON, and usage and input errors with their exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli_run.h"

namespace lightmesh::cli {
namespace {

using ::testing::HasSubstr;

const std::string kDir = std::string(LIGHTMESH_SOURCE_DIR) + "/tests/qot/fixtures/";

TEST(QotCommand, PathRequestsTableAndResponse) {
  CliRun r = run_cli({"qot", kDir + "topology.json", "-e", kDir + "eqpt_config.json", "--requests",
                      kDir + "services_run.json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("4 | 3"));
  EXPECT_THAT(r.out, HasSubstr("m200"));
  CliRun j = run_cli({"qot", kDir + "topology.json", "-e", kDir + "eqpt_config.json", "--requests",
                      kDir + "services_run.json", "-o", "-"});
  ASSERT_EQ(j.code, kExitOk) << j.err;
  auto doc = nlohmann::json::parse(j.out);
  ASSERT_EQ(doc["response"].size(), 5u);
  EXPECT_EQ(doc["response"][0]["path-properties"]["path-metric"][0]["metric-type"],
            "SNR-bandwidth");
}

TEST(QotCommand, OneTransmissionJson) {
  CliRun r = run_cli({"qot", kDir + "topology.json", "-e", kDir + "eqpt_config.json", "--from", "a",
                      "--to", "C", "--via", "roadm d", "--power", "1", "-f", "json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["from"], "trx a");
  EXPECT_EQ(j["to"], "trx c");
  for (const char* key : {"path", "gsnr_bw_db", "gsnr_01nm_db", "osnr_ase_01nm_db", "cd_ps_nm",
                          "pmd_ps", "latency_ms", "elements"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_GT(j["gsnr_01nm_db"].get<double>(), 15);
  CliRun table = run_cli(
      {"qot", kDir + "topology.json", "-e", kDir + "eqpt_config.json", "--from", "a", "--to", "c"});
  ASSERT_EQ(table.code, kExitOk) << table.err;
  EXPECT_THAT(table.out, HasSubstr("GSNR (0.1 nm)"));
}

TEST(QotCommand, Errors) {
  CliRun neither = run_cli({"qot", kDir + "topology.json", "-e", kDir + "eqpt_config.json"});
  EXPECT_EQ(neither.code, kExitUsage);
  CliRun unknown = run_cli({"qot", kDir + "topology.json", "-e", kDir + "eqpt_config.json",
                            "--from", "nowhere", "--to", "c"});
  EXPECT_EQ(unknown.code, kExitInputError);
  EXPECT_THAT(unknown.err, HasSubstr("nowhere"));
  CliRun conflict = run_cli({"qot", kDir + "topology.json", "-e", kDir + "eqpt_config.json",
                             "--requests", kDir + "services.json"});
  EXPECT_EQ(conflict.code, kExitInputError);
  EXPECT_THAT(conflict.err, HasSubstr("disjoint"));
  CliRun missing = run_cli({"qot", kDir + "nope.json", "-e", kDir + "eqpt_config.json",
                            "--requests", kDir + "services_run.json"});
  EXPECT_EQ(missing.code, kExitInputError);
  EXPECT_THAT(missing.err, HasSubstr("nope.json"));
}

}  // namespace
}  // namespace lightmesh::cli
