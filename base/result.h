#pragma once

#include <cassert>
#include <system_error>
#include <utility>
#include <variant>

namespace sipconf::base {

/// The outcome of parsing untrusted text: a value or an error code, never an exception.
/// A small stand-in for C++23 std::expected, used by every parser from the files users write
/// (base/) to the typed headers of the message layer (sip/base/result.h).
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}    // NOLINT(google-explicit-constructor)
  Result(std::error_code error) : state_(error) {  // NOLINT(google-explicit-constructor)
    assert(error && "a Result error must be a real error");
  }
  /// Constructs the value in place (parsers fill it without a move).
  template <class... Args>
  explicit Result(std::in_place_t, Args&&... args)
      : state_(std::in_place_index<0>, std::forward<Args>(args)...) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  /// The error; a default (false) error_code when ok().
  std::error_code error() const {
    return ok() ? std::error_code{} : std::get<std::error_code>(state_);
  }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  /// The value, or `fallback` when this holds an error.
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, std::error_code> state_;
};

}  // namespace sipconf::base
