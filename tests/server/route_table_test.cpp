// The route table: how a path and method find their route, and the rules it applies for every
// route in the order they were applied before routing was a table (token, then method, then the
// object the path names, then the role).
#include "server/route_table.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "server/call.h"
#include "server/routes.h"
#include "server_test_support.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::call;

HttpResponse ok(Call&) { return {}; }

TEST(RouteTable, MatchesLiteralsAndParameters) {
  const RouteTable table({{.method = "GET", .pattern = "/a/b", .handle = ok},
                          {.method = "GET", .pattern = "/a/{id}/c", .handle = ok},
                          {.method = "DELETE", .pattern = "/a/{id}/c", .handle = ok},
                          {.method = "GET", .pattern = "/x/item={uuid}", .handle = ok}});
  EXPECT_EQ(table.match("GET", "/a/b").route, &table.routes()[0]);
  // Empty segments are skipped, as the REST API always did.
  EXPECT_EQ(table.match("GET", "//a/b/").route, &table.routes()[0]);
  const RouteMatch m = table.match("DELETE", "/a/42/c");
  ASSERT_EQ(m.route, &table.routes()[2]);
  EXPECT_EQ(m.params[0], "42");
  const RouteMatch keyed = table.match("GET", "/x/item=U-1");
  ASSERT_EQ(keyed.route, &table.routes()[3]);
  EXPECT_EQ(keyed.params[0], "U-1");
  // A parameter is never empty, and a literal is the whole segment.
  EXPECT_EQ(table.match("GET", "/x/item=").route, nullptr);
  EXPECT_EQ(table.match("GET", "/a/bb").route, nullptr);
  EXPECT_EQ(table.match("GET", "/a/b/c/d/e/f/g/h/i/j").route, nullptr);
  // A path some route has, in another method: the table says so (405 under /restconf).
  const RouteMatch other = table.match("PUT", "/a/1/c");
  EXPECT_EQ(other.route, nullptr);
  EXPECT_TRUE(other.path_known);
  EXPECT_FALSE(table.match("PUT", "/nothing").path_known);
}

TEST(RouteTable, RefusesMalformedTables) {
  EXPECT_THROW(RouteTable({{.method = "GET", .pattern = "/a", .handle = ok},
                           {.method = "GET", .pattern = "/a", .handle = ok}}),
               std::invalid_argument);
  EXPECT_THROW(RouteTable({{.method = "GET", .pattern = "/a/{id}x", .handle = ok}}),
               std::invalid_argument);
  EXPECT_THROW(RouteTable({{.method = "GET", .pattern = "a", .handle = ok}}),
               std::invalid_argument);
  EXPECT_THROW(RouteTable(std::vector<Route>{{.method = "GET", .pattern = "/a"}}),
               std::invalid_argument);
}

TEST(RouteTable, LeastRoles) {
  EXPECT_TRUE(allows(Access::kReadOnly, Role::kReadOnly));
  EXPECT_FALSE(allows(Access::kTenant, Role::kReadOnly));
  EXPECT_TRUE(allows(Access::kTenant, Role::kTenant));
  EXPECT_TRUE(allows(Access::kTenant, Role::kAdmin));
  EXPECT_FALSE(allows(Access::kAdmin, Role::kTenant));
  // Every route that writes needs a token that may change things; no read-only route writes.
  for (const Route& r : controller_routes().routes()) {
    if (r.writes) {
      EXPECT_NE(r.access, Access::kReadOnly) << r.method << ' ' << r.pattern;
    }
    if (r.method == "GET") {
      EXPECT_FALSE(r.writes) << r.pattern;
    }
  }
}

// The order of the table's refusals over the controller, in both dialects.
TEST(RouteTable, RefusalsComeInTheirOrder) {
  auto c = test_support::make_sqlite_controller(test_support::temp_dir("routes") / "state.db");
  // Public: /healthz needs no token, also with HEAD; anything else asks for one first.
  EXPECT_EQ(call(*c, "GET", "/healthz", "").status, 200);
  EXPECT_EQ(call(*c, "HEAD", "/healthz", "").status, 200);
  EXPECT_EQ(call(*c, "GET", "/api/v1/nothing", "").status, 401);
  EXPECT_EQ(call(*c, "PUT", "/restconf/data/tapi-common:context", "").status, 401);
  // No route: 404 in the REST API (naming the method under /api/v1), 405 or 404 under /restconf.
  const HttpResponse none = call(*c, "GET", "/nothing", "audit-token-1");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(json::parse(none.body)["detail"], "no such route");
  const HttpResponse put = call(*c, "PUT", "/api/v1/services", "audit-token-1");
  EXPECT_EQ(put.status, 404);
  EXPECT_EQ(json::parse(put.body)["detail"], "no such route for PUT");
  EXPECT_EQ(json::parse(put.body)["where"], "/api/v1/services");
  EXPECT_EQ(call(*c, "PUT", "/restconf/data/tapi-common:context", "audit-token-1").status, 405);
  EXPECT_EQ(call(*c, "GET", "/restconf/data/nothing", "audit-token-1").status, 404);
  // The object before the role: a missing one is 404 even for a token that may not delete.
  const HttpResponse missing = call(*c, "DELETE", "/api/v1/services/svc-1", "audit-token-1");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body)["where"], "id");
  EXPECT_EQ(call(*c, "DELETE", "/api/v1/workloads/wl-1", "audit-token-1").status, 404);
  const std::string tapi_service =
      "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context/"
      "connectivity-service=00000000-0000-0000-0000-000000000000";
  const HttpResponse tapi_missing = call(*c, "DELETE", tapi_service, "audit-token-1");
  EXPECT_EQ(tapi_missing.status, 404);
  EXPECT_TRUE(json::parse(tapi_missing.body).contains("ietf-restconf:errors"));
  // The role, where no object is named: 403 in each dialect's form.
  const HttpResponse cut = call(*c, "POST", "/api/v1/failures", "bank-token-1", R"({"fiber":"x"})");
  EXPECT_EQ(cut.status, 403);
  EXPECT_EQ(json::parse(cut.body)["error"], "forbidden");
  const HttpResponse rpc =
      call(*c, "POST", "/restconf/operations/tapi-connectivity:create-connectivity-service",
           "audit-token-1", "{}");
  EXPECT_EQ(rpc.status, 403);
  EXPECT_TRUE(json::parse(rpc.body).contains("ietf-restconf:errors"));
  // A read RPC is open to read-only tokens.
  EXPECT_EQ(call(*c, "POST", "/restconf/operations/tapi-connectivity:get-connectivity-service-list",
                 "audit-token-1")
                .status,
            200);
}

}  // namespace
}  // namespace lightmesh::server
