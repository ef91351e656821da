// Small GNPy topology files written inline, for the import tests.
//
//   gnpy(element("x", "Transceiver") + ", " + element("f", "Fiber", R"("params": {…})"),
//        chain({"x", "f"}))
#pragma once

#include <string>
#include <vector>

namespace lightmesh::gnpy_text {

inline std::string gnpy(const std::string& elements, const std::string& connections) {
  return R"({"elements": [)" + elements + R"(], "connections": [)" + connections + "]}";
}
inline std::string element(const std::string& uid, const std::string& type,
                           const std::string& extra = "") {
  return R"({"uid": ")" + uid + R"(", "type": ")" + type + "\"" +
         (extra.empty() ? "" : ", " + extra) + "}";
}
inline std::string link(const std::string& from, const std::string& to) {
  return R"({"from_node": ")" + from + R"(", "to_node": ")" + to + "\"}";
}
// Connections x → y → … one way along `uids`.
inline std::string chain(const std::vector<std::string>& uids) {
  std::string out;
  for (std::size_t i = 0; i + 1 < uids.size(); ++i)
    out += (out.empty() ? "" : ", ") + link(uids[i], uids[i + 1]);
  return out;
}

}  // namespace lightmesh::gnpy_text
