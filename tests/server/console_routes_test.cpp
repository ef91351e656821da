// The web console's routes (console_routes.cpp) and the network it draws (network_routes.cpp):
// files served without a token with the headers that keep the page to its own origin, nothing
// outside the console's directory, a clear 404 when the console was not built, and the sites with
// their positions from the London example's file. A service's latency parts sum to its one_way_us.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "server/console_files.h"
#include "server_test_support.h"

namespace lightmesh::server {
namespace {

using namespace test_support;
using nlohmann::json;

std::string header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(ConsoleRoutes, ServesTheBuiltFilesWithoutATokenAndWithTheirHeaders) {
  const auto dir = temp_dir("console");
  std::ofstream(dir / "index.html") << "<!doctype html><title>t</title>";
  std::ofstream(dir / "console.js") << "export {};";
  std::ofstream(dir / "notes.txt") << "not a console file type";
  auto c = make_sqlite_controller(dir / "state.db");
  c->attach_console(ConsoleFiles::load(dir.string()));

  const HttpResponse page = call(*c, "GET", "/", "");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.body, "<!doctype html><title>t</title>");
  EXPECT_NE(header(page, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(header(page, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header(page, "Access-Control-Allow-Origin"), "");

  const HttpResponse script = call(*c, "GET", "/console/console.js", "");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  // Only the console's own file types, and only names in its directory.
  EXPECT_EQ(call(*c, "GET", "/console/notes.txt", "").status, 404);
  EXPECT_EQ(call(*c, "GET", "/console/..%2Fstate.db", "").status, 404);
}

TEST(ConsoleRoutes, SaysSoWhenTheConsoleWasNotBuilt) {
  auto c = make_sqlite_controller(temp_dir("console-none-db") / "state.db");
  c->attach_console(ConsoleFiles::load((temp_dir("console-none") / "missing").string()));
  const HttpResponse r = call(*c, "GET", "/", "");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["error"], "console_not_built");
}

TEST(NetworkRoute, ListsSitesAndNodesWithTheirPositions) {
  auto c = make_sqlite_controller(temp_dir("network") / "state.db");
  EXPECT_EQ(call(*c, "GET", "/api/v1/network", "").status, 401);
  const HttpResponse r = call(*c, "GET", "/api/v1/network", "audit-token-1");
  ASSERT_EQ(r.status, 200);
  const json body = json::parse(r.body);
  // The truth is the example's own file.
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json");
  const json file = json::parse(in);
  ASSERT_EQ(body["sites"].size(), file["sites"].size());
  for (std::size_t i = 0; i < file["sites"].size(); ++i) {
    EXPECT_EQ(body["sites"][i]["id"], file["sites"][i]["id"]);
    EXPECT_EQ(body["sites"][i]["lat"], file["sites"][i]["lat"]);
    EXPECT_EQ(body["sites"][i]["lon"], file["sites"][i]["lon"]);
  }
  EXPECT_EQ(body["nodes"].size(), file["nodes"].size());
}

TEST(NetworkRoute, LatencyPartsSumToOneWay) {
  auto c = make_sqlite_controller(temp_dir("latency-parts") / "state.db");
  const HttpResponse r = call(*c, "POST", "/api/v1/services", "bank-token-1",
                              R"({"from":"LSE","to":"LD4","bandwidth_gbps":100})");
  ASSERT_EQ(r.status, 201) << r.body;
  for (const json& lp : json::parse(r.body)["lightpaths"]) {
    const json& parts = lp["latency_us"];
    const double sum = parts["fiber"].get<double>() + parts["amplifiers"].get<double>() +
                       parts["nodes"].get<double>() + parts["transceivers"].get<double>() +
                       parts["added_delay"].get<double>();
    // Each part and the total are rounded to 3 decimals: five roundings at most 0.0025 apart.
    EXPECT_NEAR(sum, lp["one_way_us"].get<double>(), 0.003);
    EXPECT_GT(parts["fiber"].get<double>(), 0);
  }
}

}  // namespace
}  // namespace lightmesh::server
