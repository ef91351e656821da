// Golden outputs of the `lightmesh` command on the bundled examples. The CLI runs in-process from
// the source tree. To accept a deliberate change of output: LIGHTMESH_UPDATE_GOLDEN=1
// ./build/cli_tests then review the diff of tests/cli/golden/ like any other change.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.h"
#include "cli/cli_run.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

void expect_golden(const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(LIGHTMESH_SOURCE_DIR) / "tests/cli/golden" / name;
  if (std::getenv("LIGHTMESH_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << "missing golden file " << path
                                << " (set LIGHTMESH_UPDATE_GOLDEN=1)";
  EXPECT_EQ(read_file(path), actual) << "output differs from " << path;
}

struct GoldenCase {
  std::string name;
  std::vector<std::string> args;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, OutputMatches) {
  const auto& c = GetParam();
  CliRun r = run_cli(c.args);
  EXPECT_EQ(r.code, 0) << r.err;
  expect_golden(c.name, r.out);
}

INSTANTIATE_TEST_SUITE_P(
    Examples, Golden,
    ::testing::Values(
        GoldenCase{
            "plan_london.txt",
            {"plan", "examples/london/network.json", "--demands", "examples/london/demands.json"}},
        GoldenCase{"plan_london.json",
                   {"plan", "examples/london/network.json", "--demands",
                    "examples/london/demands.json", "--format", "json"}},
        GoldenCase{"plan_tokyo.json",
                   {"plan", "examples/tokyo/network.json", "--demands",
                    "examples/tokyo/demands.json", "--format", "json"}},
        GoldenCase{
            "plan_nsfnet_bestfit.txt",
            {"plan", "examples/nsfnet/network.json", "--demands", "examples/nsfnet/demands.json",
             "--k", "3", "--policy", "best-fit", "--osnr-margin", "3"}},
        GoldenCase{
            "latency_london.txt",
            {"latency", "examples/london/network.json", "--from", "LSE", "--max-rtt-us", "1000"}},
        GoldenCase{
            "latency_tokyo.json",
            {"latency", "examples/tokyo/network.json", "--from", "OTEMACHI", "--format", "json"}},
        GoldenCase{"validate_london.txt", {"validate", "examples/london/network.json"}},
        GoldenCase{"import_topohub.json",
                   {"import", "--from", "topohub", "tests/io/fixtures/topohub_small.json",
                    "--route-factor", "1.3"}},
        // XLRON's `distance` is a stated fibre length: the route factor must leave it alone.
        GoldenCase{"import_xlron.json",
                   {"import", "--from", "topohub", "tests/io/fixtures/xlron_directed.json",
                    "--route-factor", "1.2"}},
        GoldenCase{"import_gnpy.json",
                   {"import", "--from", "gnpy", "tests/io/fixtures/gnpy_small.json"}}),
    [](const ::testing::TestParamInfo<GoldenCase>& info) {
      std::string n = info.param.name;
      for (char& ch : n) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return n;
    });

// Bad input: a non-zero exit and exactly one line on stderr that names the file and the place.
struct BadCase {
  std::string name;
  std::vector<std::string> args;
  int code;
  std::string err;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, OneLineAndNonZeroExit) {
  const auto& c = GetParam();
  CliRun r = run_cli(c.args);
  EXPECT_EQ(r.code, c.code);
  EXPECT_EQ(r.err, c.err);
  EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Cli, BadInput,
    ::testing::Values(BadCase{"missing_network",
                              {"validate", "tests/cli/fixtures/does-not-exist.json"},
                              1,
                              "lightmesh: tests/cli/fixtures/does-not-exist.json: cannot open "
                              "file: No such file or directory\n"},
                      BadCase{"unknown_policy",
                              {"plan", "examples/london/network.json", "--demands",
                               "examples/london/demands.json", "--policy", "worst-fit"},
                              2,
                              "lightmesh: --policy: unknown policy \"worst-fit\" (expected "
                              "first-fit, last-fit, best-fit or "
                              "random-fit)\n"},
                      BadCase{"unknown_anchor",
                              {"latency", "examples/london/network.json", "--from", "NOPE"},
                              1,
                              "lightmesh: examples/london/network.json: unknown site \"NOPE\" "
                              "(--from expects a site id of the "
                              "network)\n"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

TEST(Cli, UnknownSiteInDemandsIsReportedAndFailsTheExitStatus) {
  CliRun r = run_cli({"plan", "examples/london/network.json", "--demands",
                      "tests/cli/fixtures/unknown_site_demands.json", "--format", "json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "lightmesh: tests/cli/fixtures/unknown_site_demands.json: /demands/1: \"to\" names an "
            "unknown "
            "site \"LD9\"\n");
  // The plan is still printed, with the demand unserved for UNKNOWN_ENDPOINT.
  EXPECT_NE(r.out.find("\"reason\": \"UNKNOWN_ENDPOINT\""), std::string::npos);
  EXPECT_NE(r.out.find("\"demand\": \"ok\""), std::string::npos);
}

TEST(Cli, HelpListsEveryCommandWithExamples) {
  CliRun r = run_cli({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* cmd : {"plan", "latency", "validate", "import", "Examples:"}) {
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
  }
  CliRun p = run_cli({"plan", "--help"});
  EXPECT_EQ(p.code, 0);
  EXPECT_NE(p.out.find("--policy"), std::string::npos);
  CliRun none = run_cli({});
  EXPECT_EQ(none.code, 2);
}

TEST(Cli, ServeTellsPostgresqlFromSqliteAndHidesThePassword) {
  CliRun help = run_cli({"serve", "--help"});
  EXPECT_NE(help.out.find("postgresql://"), std::string::npos);
  // A key=value conninfo would otherwise become a SQLite file of that name.
  CliRun kv = run_cli({"serve", "--db", "host=db dbname=lightmesh"});
  EXPECT_EQ(kv.code, 2);
  EXPECT_NE(kv.err.find("postgresql:// URL"), std::string::npos) << kv.err;
  EXPECT_FALSE(fs::exists(fs::path(LIGHTMESH_SOURCE_DIR) / "host=db dbname=lightmesh"));
  // No server behind this socket directory: the error names the database, not the password.
  CliRun down = run_cli({"serve", "--db", "postgresql://lm:s3cret@%2Fnonexistent-lightmesh/x"});
  EXPECT_EQ(down.code, 1);
  EXPECT_NE(down.err.find("postgresql://lm@%2Fnonexistent-lightmesh/x: cannot connect"),
            std::string::npos)
      << down.err;
  EXPECT_EQ(down.err.find("s3cret"), std::string::npos) << down.err;
}

}  // namespace
}  // namespace lightmesh
