// The web console's routes (console_routes.cpp) and the network it draws (network_routes.cpp):
// files served without a token with the headers that keep the page to its own origin, nothing
// outside the console's directory, a clear 404 when the console was not built, and the sites with
// their positions from the London example's file. A service's latency parts sum to its one_way_us.
// A fibre's spans and latency agree with the file and the documented per-km and per-amplifier
// figures, and its spectrum is shown per direction with each lightpath at its N/M.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
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

json london_file() {
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json");
  return json::parse(in);
}

TEST(FiberRoute, SpansAndLatencyAgreeWithTheFileAndTheDocumentedFigures) {
  auto c = make_sqlite_controller(temp_dir("fiber-spans") / "state.db");
  const HttpResponse r = call(*c, "GET", "/api/v1/fibers", "audit-token-1");
  ASSERT_EQ(r.status, 200);
  const json items = json::parse(r.body)["items"];
  const json file = london_file();
  ASSERT_EQ(items.size(), file["fibers"].size());
  // docs/formats.md: SSMF 4.90 µs/km, 0.15 µs per in-line amplifier, spans of at most 80 km when
  // the file states neither spans nor amplifiers. London states no latency or physics block.
  ASSERT_FALSE(file.contains("latency"));
  ASSERT_FALSE(file.contains("physics"));
  bool saw_stated_spans = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& fib = items[i];
    const json& stated = file["fibers"][i];
    SCOPED_TRACE(stated["id"].get<std::string>());
    EXPECT_EQ(fib["id"], stated["id"]);
    const double length = fib["length_km"].get<double>();
    EXPECT_DOUBLE_EQ(fib["us_per_km"].get<double>(), 4.90);
    EXPECT_DOUBLE_EQ(fib["amplifier_us"].get<double>(), 0.15);
    const auto amplifiers = stated.value(
        "amplifiers", stated.contains("spans") ? stated["spans"].size() - 1 : std::size_t{0});
    EXPECT_EQ(fib["amplifiers"].get<std::size_t>(), amplifiers);
    // Both figures are rounded to 3 decimals: the length's 0.0005 km is 0.00245 µs of glass.
    EXPECT_NEAR(fib["latency_us"].get<double>(), length * 4.90 + 0.15 * amplifiers, 0.003);
    const json& spans = fib["spans"];
    double sum = 0;
    for (const json& s : spans) sum += s["length_km"].get<double>();
    EXPECT_NEAR(sum, length, 0.002 * spans.size());
    if (stated.contains("spans")) {
      saw_stated_spans = true;
      ASSERT_EQ(spans.size(), stated["spans"].size());
      for (std::size_t k = 0; k < spans.size(); ++k)
        EXPECT_DOUBLE_EQ(spans[k]["length_km"].get<double>(),
                         stated["spans"][k]["length_km"].get<double>());
    } else if (stated.contains("amplifiers")) {
      EXPECT_EQ(spans.size(), stated["amplifiers"].get<std::size_t>() + 1);
    } else {
      EXPECT_EQ(spans.size(), std::max(1.0, std::ceil(length / 80.0 - 1e-9)));
    }
  }
  EXPECT_TRUE(saw_stated_spans);
}

TEST(FiberRoute, SpectrumPerDirectionHoldsEachLightpathAtItsNm) {
  auto c = make_sqlite_controller(temp_dir("fiber-directions") / "state.db");
  const HttpResponse created = call(*c, "POST", "/api/v1/services", "bank-token-1",
                                    R"({"from":"LSE","to":"MAN","bandwidth_gbps":100})");
  ASSERT_EQ(created.status, 201) << created.body;
  const json service = json::parse(created.body);
  const json file = london_file();
  std::map<std::string, json> stated;
  for (const json& f : file["fibers"]) stated[f["id"].get<std::string>()] = f;
  for (const json& lp : service["lightpaths"]) {
    const json& route = lp["route"];
    ASSERT_EQ(route.size(), lp["fibers"].size() + 1);
    for (std::size_t i = 0; i < lp["fibers"].size(); ++i) {
      const std::string fiber = lp["fibers"][i];
      SCOPED_TRACE(fiber);
      const HttpResponse r =
          call(*c, "GET", "/api/v1/fibers/" + fiber + "/spectrum", "admin-token-1");
      ASSERT_EQ(r.status, 200);
      const json body = json::parse(r.body);
      EXPECT_EQ(body["a"], stated[fiber]["a"]);
      EXPECT_EQ(body["b"], stated[fiber]["b"]);
      const json& dirs = body["directions"];
      ASSERT_EQ(dirs.size(), 2u);
      EXPECT_EQ(dirs[0]["from"], stated[fiber]["a"]);
      EXPECT_EQ(dirs[0]["to"], stated[fiber]["b"]);
      EXPECT_EQ(dirs[1]["from"], stated[fiber]["b"]);
      EXPECT_EQ(dirs[1]["to"], stated[fiber]["a"]);
      for (const json& dir : dirs) {
        // The only service: its slots are all that is used, in each direction.
        std::uint64_t used = 0;
        bool found = false;
        for (const json& ch : dir["channels"]) {
          used += ch["slot_count"].get<std::uint64_t>();
          if (ch["service"] != service["id"]) continue;
          found = true;
          EXPECT_EQ(ch["n"], lp["n"]);
          EXPECT_EQ(ch["m"], lp["m"]);
          EXPECT_EQ(ch["first_slot"], lp["first_slot"]);
          // The route runs route[i] → route[i + 1] over this fibre.
          const bool with_route = dir["from"] == route[i] && dir["to"] == route[i + 1];
          EXPECT_EQ(ch["heading"], with_route ? "forward" : "return");
        }
        EXPECT_TRUE(found);
        EXPECT_EQ(dir["slots_used"].get<std::uint64_t>(), used);
      }
    }
  }
}

TEST(FiberRoute, ATenantSeesOnlyItsOwnChannelsInEachDirection) {
  auto c = make_sqlite_controller(temp_dir("fiber-directions-tenant") / "state.db");
  const char* body = R"({"from":"LSE","to":"LD4","bandwidth_gbps":100})";
  const json bank = json::parse(call(*c, "POST", "/api/v1/services", "bank-token-1", body).body);
  const json tv = json::parse(call(*c, "POST", "/api/v1/services", "tv-token-123", body).body);
  ASSERT_TRUE(bank.contains("lightpaths") && tv.contains("lightpaths"));
  // A fibre both routes cross.
  std::string shared;
  for (const json& f : bank["lightpaths"][0]["fibers"])
    for (const json& g : tv["lightpaths"][0]["fibers"])
      if (f == g) shared = f.get<std::string>();
  ASSERT_FALSE(shared.empty());
  const std::string path = "/api/v1/fibers/" + shared + "/spectrum";
  const json seen = json::parse(call(*c, "GET", path, "tv-token-123").body);
  for (const json& dir : seen["directions"]) {
    ASSERT_EQ(dir["channels"].size(), 1u);
    EXPECT_EQ(dir["channels"][0]["service"], tv["id"]);
    EXPECT_EQ(dir["slots_used"], tv["lightpaths"][0]["slot_count"]);
  }
  // An admin sees both, in both directions.
  const json all = json::parse(call(*c, "GET", path, "admin-token-1").body);
  for (const json& dir : all["directions"]) {
    EXPECT_EQ(dir["channels"].size(), 2u);
    EXPECT_EQ(dir["slots_used"].get<std::uint64_t>(),
              bank["lightpaths"][0]["slot_count"].get<std::uint64_t>() +
                  tv["lightpaths"][0]["slot_count"].get<std::uint64_t>());
  }
}

}  // namespace
}  // namespace lightmesh::server
