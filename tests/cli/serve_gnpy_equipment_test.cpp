// serve --gnpy-equipment: the GNPy library for path computations that bring a topology but no
// library (TransportPCE's). Its use is tested over HTTP in tests/server/transportpce_client_test;
// here, that a library serve cannot read stops it before it listens.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "cli_run.h"

namespace lightmesh {
namespace {

TEST(ServeGnpyEquipment, ALibraryThatCannotBeReadStopsServeAtStart) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-serve-gnpy-equipment-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const CliRun r = run_cli({"serve", "examples/london/network.json", "--db",
                            (dir / "state.db").string(), "--listen", "127.0.0.1:0",
                            "--gnpy-equipment", "tests/no_such_dir/eqpt_config.json"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("tests/no_such_dir/eqpt_config.json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "state.db")) << "the store was opened before the library was read";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lightmesh
