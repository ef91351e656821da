// `lightmesh serve --devices` over a database several servers may share: the device intent is
// each server's own, so serve warns before it starts. Each run stops at a usage error found after
// the warning (--tls-cert without --tls-key), so no server starts and no database is touched.
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_run.h"

namespace lightmesh {
namespace {

constexpr const char* kWarning =
    "lightmesh: warning: --devices with a database several servers may share";

CliRun serve_with_devices(const std::string& db) {
  return run_cli({"serve", "examples/london/network.json", "--db", db, "--devices",
                  "tests/cli/fixtures/london_devices.json", "--tls-cert", "cert.pem"});
}

TEST(ServeDevices, APostgresDatabaseWithDevicesIsWarnedAbout) {
  const CliRun r = serve_with_devices("postgresql://lm@127.0.0.1:1/lightmesh");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(r.err.find(kWarning), 0u) << r.err;
  EXPECT_NE(r.err.find("run one server when driving devices"), std::string::npos) << r.err;
}

TEST(ServeDevices, ASqliteFileIsOneServersAndNotWarnedAbout) {
  const CliRun r = serve_with_devices("lightmesh-serve-devices-test.db");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--tls-key"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lightmesh
