#pragma once

#include <optional>
#include <utility>

namespace sipconf::sip {

/// A value parsed from a message's text and kept beside it, so that the code a message
/// passes through parses it once. It moves with its message; a copy starts empty and
/// parses again when asked, so that copying a message costs what it did. Filling it from
/// a const message is not thread-safe: a message is read by one thread at a time.
template <class T>
class ParseCache {
 public:
  ParseCache() = default;
  ParseCache(const ParseCache& /*other*/) {}
  ParseCache& operator=(const ParseCache& other) {
    if (this != &other) value_.reset();
    return *this;
  }
  ParseCache(ParseCache&& other) noexcept : value_(std::move(other.value_)) {
    other.value_.reset();
  }
  ParseCache& operator=(ParseCache&& other) noexcept {
    value_ = std::move(other.value_);
    other.value_.reset();
    return *this;
  }

  /// The kept value, or what `parse()` returns, kept from now on.
  template <class Parse>
  const T& get(Parse parse) const {
    if (!value_) value_.emplace(parse());
    return *value_;
  }
  bool filled() const { return value_.has_value(); }
  /// Forgets the value: the text it came from changed.
  void reset() { value_.reset(); }

 private:
  mutable std::optional<T> value_;
};

}  // namespace sipconf::sip
