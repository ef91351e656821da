// The web console's built files (web/, bundled into index.html, console.js, console.css, …), read
// into memory once when `serve` starts so that serving one costs no disk access and a rebuild of
// the console while the server runs cannot hand a browser half a file.
//
//   controller.attach_console(server::ConsoleFiles::load(dir));   // serve_command.cpp, at start
//   const ConsoleFile* f = call.console().find("console.js");      // console_routes.cpp
//
// The controller holds them: attached once, before the server answers, and only read after, so
// reads are thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace lightmesh::server {

struct ConsoleFile {
  std::string body;
  std::string content_type;
};

class ConsoleFiles {
 public:
  // Every regular file directly in `dir` whose type the console uses (.html, .js, .css, .svg,
  // .json, .png, .woff2); none when `dir` does not exist (a build without node): `/` then says so.
  static ConsoleFiles load(const std::string& dir);

  const ConsoleFile* find(std::string_view name) const;
  bool empty() const { return files_.empty(); }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::map<std::string, ConsoleFile, std::less<>> files_;
};

}  // namespace lightmesh::server
