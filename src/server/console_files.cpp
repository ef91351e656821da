#include "server/console_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace lightmesh::server {

namespace {

// The types the console's files have; anything else in the directory is not served, so a stray
// file (an editor's backup, a source map) never leaves the machine.
const char* content_type_of(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".json") return "application/json";
  if (ext == ".png") return "image/png";
  if (ext == ".woff2") return "font/woff2";
  return nullptr;
}

}  // namespace

ConsoleFiles ConsoleFiles::load(const std::string& dir) {
  ConsoleFiles out;
  out.dir_ = dir;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const char* type = content_type_of(entry.path());
    if (!type) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in && !in.eof()) continue;
    out.files_[entry.path().filename().string()] = {body.str(), type};
  }
  return out;
}

const ConsoleFile* ConsoleFiles::find(std::string_view name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace lightmesh::server
