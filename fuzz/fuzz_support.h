// What the whole-path fuzz targets (controller, plan, place) share: a reader that turns the
// fuzzer's bytes into choices, the example files, and the filter for the one known crash.
//
//   lightmesh::fuzz::Bytes in(data, size);
//   const std::uint8_t op = in.byte();          // 0 once the input is used up
//   const std::string body = in.text();         // up to the next NUL byte
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace lightmesh::fuzz {

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool empty() const { return pos_ >= size_; }
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  // A choice among n (n > 0).
  std::size_t pick(std::size_t n) { return byte() % n; }
  // The bytes up to the next NUL (consumed, not returned) or the end.
  std::string text() {
    std::string out;
    while (pos_ < size_ && data_[pos_] != 0) out += static_cast<char>(data_[pos_++]);
    if (pos_ < size_) ++pos_;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

// A file of the source tree (the examples), read once by the caller.
inline std::string source_file(const std::string& relative) {
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

[[noreturn]] inline void fail(const std::string& what, const std::string& detail = "") {
  std::fprintf(stderr, "invariant broken: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

}  // namespace lightmesh::fuzz
