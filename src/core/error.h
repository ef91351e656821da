// Error: what went wrong with an input or an operation, and where.
//
//   Error e = Error::invalid("-3 is not a positive length").at("network.json",
//   "/fibers/12/length_km"); std::string line = e.to_string();  // "network.json:
//   /fibers/12/length_km: -3 is not a positive length"
//
// Values of this type are immutable once built and safe to share between threads.
#pragma once

#include <string>

namespace lightmesh {

// Canonical error codes, few enough to map one-to-one onto CLI exit codes and HTTP statuses.
enum class ErrorCode {
  kInvalidInput,  // the input is well-formed but says something impossible (negative length, bad
                  // id)
  kParse,         // the input is not well-formed JSON / YAML / text
  kNotFound,      // a file or an entity that was named does not exist
  kIo,            // reading or writing failed
  kUnsupported,   // valid input that this version does not handle
  kInternal,      // a bug: never caused by user input
};

const char* error_code_name(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Error invalid(std::string message) {
    return {ErrorCode::kInvalidInput, std::move(message)};
  }
  static Error parse(std::string message) { return {ErrorCode::kParse, std::move(message)}; }
  static Error not_found(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error io(std::string message) { return {ErrorCode::kIo, std::move(message)}; }
  static Error unsupported(std::string message) {
    return {ErrorCode::kUnsupported, std::move(message)};
  }
  static Error internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }

  // Sets the location: a file name plus a JSON pointer ("/fibers/3/a") or a "line N" text.
  // An empty argument keeps the value already set, so inner code can set the pointer and
  // outer code the file.
  Error at(std::string file, std::string place = {}) const&;
  Error at(std::string file, std::string place = {}) &&;
  // Sets only the place (JSON pointer or line) and keeps the file.
  Error at_place(std::string place) const;

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& file() const { return file_; }
  const std::string& place() const { return place_; }

  // One line: "file: place: message", omitting empty parts.
  std::string to_string() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::string file_;
  std::string place_;
};

}  // namespace lightmesh
