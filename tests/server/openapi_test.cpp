// docs/api/openapi.yaml describes every route the controller answers, and each described route
// answers something other than "no such route".
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "server/controller.h"

namespace lightmesh::server {
namespace {

TEST(OpenApi, EveryRouteIsDescribed) {
  const YAML::Node doc =
      YAML::LoadFile(std::string(LIGHTMESH_SOURCE_DIR) + "/docs/api/openapi.yaml");
  std::set<std::string> described;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters") continue;
      std::transform(method.begin(), method.end(), method.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      described.insert(method + " " + path.first.as<std::string>());
    }
  }
  std::set<std::string> served(std::begin(kRoutes), std::end(kRoutes));
  EXPECT_EQ(described, served);
}

}  // namespace
}  // namespace lightmesh::server
