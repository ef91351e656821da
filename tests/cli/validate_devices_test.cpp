// `lightmesh validate NETWORK --devices INVENTORY`, run as the built binary on inventories of the
// London example: a valid one is "ok" (a password variable that is not set is a warning naming
// the variable, never its value), and every mistake of a broken one is its own line naming the
// file and JSON pointer, with exit 1.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace lightmesh {
namespace {

namespace fs = std::filesystem;

const std::string kNetwork = "examples/london/network.json";
const std::string kValid = "tests/cli/fixtures/london_devices.json";
const std::string kMistakes = "tests/cli/fixtures/london_devices_mistakes.json";

struct ValidateRun {
  int code = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Runs the binary from the source tree (so paths print as given) with the password variable set
// to `password`, or unset when it is empty.
ValidateRun validate(const std::vector<std::string>& args, const std::string& password) {
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-validate-devices-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string cmd =
      "cd '" + std::string(LIGHTMESH_SOURCE_DIR) + "' && env -u LIGHTMESH_DEVICE_PASSWORD ";
  if (!password.empty()) cmd += "LIGHTMESH_DEVICE_PASSWORD='" + password + "' ";
  cmd += "'" + std::string(LIGHTMESH_BINARY) + "' validate";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " >'" + (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
  const int status = std::system(cmd.c_str());
  ValidateRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  fs::remove_all(dir);
  return r;
}

TEST(ValidateDevices, ValidInventoryIsOkAndNeverPrintsThePassword) {
  const ValidateRun r = validate({kNetwork, "--devices", kValid}, "value-that-must-not-appear");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;
  EXPECT_EQ(out[1], kValid + ": ok: 18 devices");
  EXPECT_EQ((r.out + r.err).find("value-that-must-not-appear"), std::string::npos);
}

TEST(ValidateDevices, UnsetPasswordVariableIsAWarningPerDevice) {
  const ValidateRun r = validate({kNetwork, "--devices", kValid}, "");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto err = lines(r.err);
  ASSERT_EQ(err.size(), 18u) << r.err;
  EXPECT_EQ(err[0], "warning: " + kValid +
                        ": /devices/0/password_env: environment variable "
                        "LIGHTMESH_DEVICE_PASSWORD (the device's password) is not set");
  EXPECT_NE(r.out.find(kValid + ": ok: 18 devices, 18 warnings"), std::string::npos) << r.out;
}

TEST(ValidateDevices, EveryMistakeIsOneLineNamingFileAndPointer) {
  const ValidateRun r = validate({kNetwork, "--devices", kMistakes}, "pw");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  const std::string at = "lightmesh: " + kMistakes + ": ";
  EXPECT_EQ(lines(r.err),
            (std::vector<std::string>{
                at + "/devices/5/model: model \"gnmi\" is not supported (expected "
                     "\"openroadm-2.2.1\" or \"openconfig\")",
                at + "/devices/8/address: \"not an address\" is not an IPv4 or IPv6 address or a "
                     "host name",
                at + "/devices/0/node: \"R-NOWHERE\" is not an optical node of the network",
                at + "/devices/3/degrees/1/fiber: \"NO-SUCH-FIBRE\" is not a fibre ending at "
                     "node \"PRK\"",
                at + "/devices/3/degrees: fibre \"PRK-R-HAYES\" ends at node \"PRK\" but has no "
                     "degree",
                at + "/devices/7/port: 127.0.0.1:17836 is already device 6's address and port",
                at + "/devices/11/srg/add_drops/1/srg_port: port \"SRG1/PP1\" is already used at "
                     "/devices/11/srg/add_drops/0/srg_port",
                at + "/devices: node \"LSE\" has no device"}))
      << r.err;
}

TEST(ValidateDevices, MissingFileAndJsonOutput) {
  ValidateRun r =
      validate({kNetwork, "--devices", "tests/cli/fixtures/no-such-inventory.json"}, "pw");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "lightmesh: tests/cli/fixtures/no-such-inventory.json: cannot read the inventory\n");
  r = validate({kNetwork, "--devices", kValid, "--format", "json"}, "");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["devices"]["file"], kValid);
  EXPECT_EQ(j["devices"]["devices"], 18);
  EXPECT_EQ(j["devices"]["warnings"].size(), 18u);
}

}  // namespace
}  // namespace lightmesh
