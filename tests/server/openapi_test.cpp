// docs/api/openapi.yaml describes every route in the controller's route table, and the table
// answers every operation the document describes: the two are compared in both directions.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "server/routes.h"

namespace lightmesh::server {
namespace {

// "METHOD /path/{param}" for every operation the document describes.
std::set<std::string> described() {
  const YAML::Node doc =
      YAML::LoadFile(std::string(LIGHTMESH_SOURCE_DIR) + "/docs/api/openapi.yaml");
  std::set<std::string> out;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters") continue;
      std::transform(method.begin(), method.end(), method.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      out.insert(method + " " + path.first.as<std::string>());
    }
  }
  return out;
}

std::set<std::string> served() {
  std::set<std::string> out;
  for (const Route& r : controller_routes().routes())
    out.insert(std::string(r.method) + " " + std::string(r.pattern));
  return out;
}

TEST(OpenApi, EveryRouteIsDescribed) {
  const std::set<std::string> doc = described();
  for (const std::string& route : served()) EXPECT_TRUE(doc.count(route)) << route;
}

TEST(OpenApi, EveryDescribedOperationIsARoute) {
  const std::set<std::string> table = served();
  for (const std::string& op : described()) EXPECT_TRUE(table.count(op)) << op;
}

// The document's own word on who may call each operation (x-lightmesh-role) is the table's.
TEST(OpenApi, RolesAreTheTables) {
  const YAML::Node doc =
      YAML::LoadFile(std::string(LIGHTMESH_SOURCE_DIR) + "/docs/api/openapi.yaml");
  for (const Route& r : controller_routes().routes()) {
    std::string method(r.method);
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const YAML::Node op = doc["paths"][std::string(r.pattern)][method];
    ASSERT_TRUE(op) << r.method << ' ' << r.pattern;
    ASSERT_TRUE(op["x-lightmesh-role"]) << r.method << ' ' << r.pattern;
    EXPECT_EQ(op["x-lightmesh-role"].as<std::string>(), access_name(r.access))
        << r.method << ' ' << r.pattern;
  }
}

}  // namespace
}  // namespace lightmesh::server
