#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "base/diagnostic.h"
#include "base/xml_file.h"
#include "mediation/config/config_loader.h"
#include "sip/transport/transport.h"

/// The elements of the mediation's configuration file read on base's strict XML reader, in the
/// file's own words: a bad value is `name="value" is not valid: why`, reported where the value
/// is written; a missing value leaves the default. Used by the loader's parts only.
namespace sipconf::mediation {

class ConfigReader {
 public:
  ConfigReader(const base::XmlFile& file, base::Diagnostics& diags, std::filesystem::path base_dir,
               const ConfigLoadOptions& options);

  /// Starts reading `node`: attributes and child elements not listed, and stray text, are
  /// reported.
  base::ElementReader element(pugi::xml_node node, std::span<const std::string_view> attributes,
                              std::span<const std::string_view> children) const;
  base::ElementReader element(pugi::xml_node node,
                              std::initializer_list<std::string_view> attributes,
                              std::initializer_list<std::string_view> children = {}) const {
    return element(node, std::span(attributes.begin(), attributes.size()),
                   std::span(children.begin(), children.size()));
  }

  /// The line of `node`, which the model keeps for the cross-checks' messages.
  int line(pugi::xml_node node) const;
  /// Reports a problem of an element as a whole.
  void fail(pugi::xml_node node, std::string message) const;
  /// Reports a problem of `attribute`'s value, where the value is written.
  void fail(const base::ElementReader& element, std::string_view attribute,
            std::string message) const;
  /// `attribute="value" is not valid: why`, at the value.
  void invalid(const base::ElementReader& element, std::string_view attribute,
               std::string_view why) const;
  /// Problems reported so far.
  std::size_t problems() const { return diags_.size(); }

  std::string text(const base::ElementReader& e, std::string_view attribute,
                   std::string fallback = {}) const;
  /// A non-empty attribute that must be present.
  std::string required(const base::ElementReader& e, std::string_view attribute) const;
  bool boolean(const base::ElementReader& e, std::string_view attribute, bool fallback) const;
  std::uint16_t port(const base::ElementReader& e, std::string_view attribute,
                     std::uint16_t fallback) const;
  /// THE duration syntax (base/duration.h), in whole milliseconds.
  std::chrono::milliseconds duration(const base::ElementReader& e, std::string_view attribute,
                                     std::chrono::milliseconds fallback) const;
  std::int64_t integer(const base::ElementReader& e, std::string_view attribute,
                       std::int64_t fallback, std::int64_t min, std::int64_t max) const;
  /// An IP literal that names one host; empty when absent or not valid.
  std::string address(const base::ElementReader& e, std::string_view attribute) const;
  /// An ECMAScript regex that compiles; `fallback` when absent.
  std::string regex(const base::ElementReader& e, std::string_view attribute,
                    std::string fallback) const;
  sip::Transport transport(const base::ElementReader& e, std::string_view attribute,
                           sip::Transport fallback, bool udp_allowed) const;
  /// A file name, relative to the configuration's directory, that must be readable when the
  /// options say to check.
  std::string file(const base::ElementReader& e, std::string_view attribute) const;
  /// A file name relative to the configuration's directory, not checked.
  std::string path(const base::ElementReader& e, std::string_view attribute) const;

  const ConfigLoadOptions& options() const { return options_; }

 private:
  const base::XmlFile& file_;
  base::Diagnostics& diags_;
  std::filesystem::path base_dir_;
  const ConfigLoadOptions& options_;
};

}  // namespace sipconf::mediation
