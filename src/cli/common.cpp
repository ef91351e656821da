#include "cli/common.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "io/load.h"

namespace lightmesh::cli {

void report(const Error& e, std::ostream& err) { err << "lightmesh: " << e.to_string() << "\n"; }

std::optional<Network> load_network_or_report(const std::string& path, std::ostream& err) {
  auto net = io::load_network(path);
  if (!net) {
    report(net.error(), err);
    return std::nullopt;
  }
  for (const auto& w : net->warnings()) err << "warning: " << w << "\n";
  return std::move(net).value();
}

bool write_output(const std::string& path, const std::string& text, std::ostream& out,
                  std::ostream& err) {
  if (path.empty() || path == "-") {
    out << text;
    return true;
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (f) f << text;
  if (!f) {
    report(Error::io(std::string("cannot write file: ") + std::strerror(errno)).at(path), err);
    return false;
  }
  return true;
}

}  // namespace lightmesh::cli
