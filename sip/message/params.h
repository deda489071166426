#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipconf::sip {

/// One `;name[=value]` parameter, kept as written (escapes and quotes included), so that
/// serializing reproduces it exactly.
struct Param {
  std::string name;
  std::optional<std::string> value;  ///< nullopt for a flag such as `lr` or `rport`

  friend bool operator==(const Param&, const Param&) = default;
};

/// An ordered list of parameters with case-insensitive names, as found after a URI, a
/// name-addr, a Via or a media type. Order is preserved; set() replaces in place.
class ParamList {
 public:
  ParamList() = default;

  bool empty() const { return params_.empty(); }
  std::size_t size() const { return params_.size(); }
  /// Parameters the list has room for without allocating: what it costs in memory.
  std::size_t capacity() const { return params_.capacity(); }
  auto begin() const { return params_.begin(); }
  auto end() const { return params_.end(); }
  const Param& operator[](std::size_t i) const { return params_[i]; }

  /// True if a parameter with this name exists (with or without value).
  bool has(std::string_view name) const { return find(name) != nullptr; }
  /// The value as written; an empty view for a flag, nullopt if absent.
  std::optional<std::string_view> get(std::string_view name) const;
  /// The value with surrounding quotes and quoted-pairs removed (for quoted-string values).
  std::optional<std::string> get_unquoted(std::string_view name) const;
  const Param* find(std::string_view name) const;

  /// Sets (replacing the first match in place) or appends. `value` is written verbatim.
  void set(std::string_view name, std::optional<std::string_view> value = std::nullopt);
  /// Removes every parameter with this name; returns how many were removed.
  std::size_t remove(std::string_view name);
  void append(Param p) { add(p.name) = std::move(p); }
  /// Appends a parameter named `name` (no value yet) and returns it to fill in. No capacity
  /// is reserved ahead: lists live as long as the dialogs holding them, and most hold one.
  Param& add(std::string_view name) {
    Param& p = params_.emplace_back();
    p.name = name;
    return p;
  }
  void clear() { params_.clear(); }

  /// Appends `;name=value` for each parameter.
  void append_to(std::string& out) const;

  friend bool operator==(const ParamList&, const ParamList&) = default;

 private:
  std::vector<Param> params_;
};

}  // namespace sipconf::sip
