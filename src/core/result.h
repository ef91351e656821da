// Result<T>: a value or an Error, shaped like std::expected (which clang 14 cannot compile).
//
//   Result<Km> parse_length(const Json& j);
//   auto r = parse_length(j);
//   if (!r) return r.error().at(file);   // propagate with context
//   Km length = *r;
//
// Not thread-safe to mutate; a const Result may be read from many threads.
#pragma once

#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

#include "core/error.h"

namespace lightmesh {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // Calling value() on an error is a programmer error and throws std::logic_error.
  T& value() & {
    check();
    return std::get<0>(data_);
  }
  const T& value() const& {
    check();
    return std::get<0>(data_);
  }
  T&& value() && {
    check();
    return std::get<0>(std::move(data_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    if (has_value()) throw std::logic_error("Result::error() called on a value");
    return std::get<1>(data_);
  }
  Error&& error() && {
    if (has_value()) throw std::logic_error("Result::error() called on a value");
    return std::get<1>(std::move(data_));
  }

 private:
  void check() const {
    if (!has_value())
      throw std::logic_error("Result::value() on error: " + std::get<1>(data_).to_string());
  }
  std::variant<T, Error> data_;
};

// Result<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status ok() { return {}; }

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const& {
    if (!error_) throw std::logic_error("Status::error() called on success");
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

}  // namespace lightmesh

// Propagates an error from an expression yielding Result<T> or Status.
#define LM_RETURN_IF_ERROR(expr)                \
  do {                                          \
    auto&& lm_status_ = (expr);                 \
    if (!lm_status_) return lm_status_.error(); \
  } while (0)

#define LM_CONCAT_INNER_(a, b) a##b
#define LM_CONCAT_(a, b) LM_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result<T> expression, or returns its error.
#define LM_ASSIGN_OR_RETURN(lhs, expr) \
  LM_ASSIGN_OR_RETURN_IMPL_(LM_CONCAT_(lm_result_, __LINE__), lhs, expr)
#define LM_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp) return std::move(tmp).error();        \
  lhs = std::move(tmp).value()
