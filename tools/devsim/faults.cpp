#include "faults.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace lightmesh::devsim {

void Faults::poll(const std::string& file) {
  if (file.empty()) return;
  std::ifstream in(file);
  if (!in) return;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string cmd;
    words >> cmd;
    if (cmd.empty()) continue;
    if (cmd == "refuse-commit") {
      refuse_commit = true;
    } else if (cmd == "refuse-edit") {
      refuse_edit = true;
    } else if (cmd == "drop-session") {
      drop_session = true;
    } else if (cmd == "restart-empty") {
      restart_empty = true;
    } else if (cmd == "delay-ms") {
      words >> delay_ms;
    } else {
      std::fprintf(stderr, "lightmesh-devsim: %s: unknown command \"%s\"\n", file.c_str(),
                   cmd.c_str());
    }
  }
  in.close();
  std::remove(file.c_str());
}

}  // namespace lightmesh::devsim
