#include "core/error.h"

namespace lightmesh {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "invalid_input";
    case ErrorCode::kParse:
      return "parse_error";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kIo:
      return "io_error";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Error Error::at(std::string file, std::string place) const& {
  Error copy = *this;
  return std::move(copy).at(std::move(file), std::move(place));
}

Error Error::at(std::string file, std::string place) && {
  if (!file.empty()) file_ = std::move(file);
  if (!place.empty()) place_ = std::move(place);
  return std::move(*this);
}

Error Error::at_place(std::string place) const { return at({}, std::move(place)); }

std::string Error::to_string() const {
  std::string out;
  if (!file_.empty()) out += file_ + ": ";
  if (!place_.empty()) out += place_ + ": ";
  out += message_;
  return out;
}

}  // namespace lightmesh
