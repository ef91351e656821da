// Reads every device of an inventory back with ncclient (tests/southbound/readback.py), a NETCONF
// client lightmesh did not write: what each holds, by node id, as
// {"interfaces": {name: {leaf: text}}, "connections": {name: {leaf: text}}}.
//
//   std::map<std::string, nlohmann::json> held = read_back(inventory);
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace lightmesh::southbound_test {

inline std::map<std::string, nlohmann::json> read_back(const nlohmann::json& inventory) {
  std::string cmd = std::string(LIGHTMESH_PYTHON3) + " " + LIGHTMESH_SOURCE_DIR +
                    "/tests/southbound/readback.py 127.0.0.1";
  for (const nlohmann::json& d : inventory["devices"])
    cmd += " " + std::to_string(d["port"].get<int>());
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[65536];
  for (std::size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  EXPECT_EQ(p ? ::pclose(p) : -1, 0) << cmd;
  const nlohmann::json all = nlohmann::json::parse(out, nullptr, false);
  std::map<std::string, nlohmann::json> by_node;
  if (all.is_discarded()) {
    ADD_FAILURE() << "readback.py printed no JSON: " << out;
    return by_node;
  }
  for (const nlohmann::json& d : inventory["devices"])
    by_node[d["node"]] = all[std::to_string(d["port"].get<int>())];
  return by_node;
}

}  // namespace lightmesh::southbound_test
