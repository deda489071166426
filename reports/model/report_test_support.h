#pragma once

// Helpers shared by the reports tests and the report benchmark (header-only so the
// library itself does not carry them).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "reports/model/run_loader.h"

#include "base/build_paths.h"

namespace sipconf::reports::testing {

/// How many times `needle` occurs in `text`, overlaps included.
inline std::size_t count_occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

inline std::filesystem::path testdata(const std::string& name) {
  return base::source_dir() / "reports" / "testdata" / name;
}

/// Loads a fixture run, failing the test with the loader's diagnostic if it is bad.
inline Run load_fixture(const std::string& name) {
  Run run;
  std::string diagnostic;
  auto ec = load_run(testdata(name), run, diagnostic);
  EXPECT_FALSE(ec) << diagnostic;
  return run;
}

/// The attributes of every start tag that begins with `prefix`, in document order, for
/// markup the reports library generated (double-quoted values, `>` always escaped).
/// Plain scanning on purpose: std::regex recurses per character on large pages.
inline std::vector<std::map<std::string, std::string>> start_tags(const std::string& html,
                                                                  const std::string& prefix) {
  std::vector<std::map<std::string, std::string>> tags;
  for (auto at = html.find(prefix); at != std::string::npos; at = html.find(prefix, at + 1)) {
    std::string tag = html.substr(at, html.find('>', at) - at);
    std::map<std::string, std::string> attributes;
    for (auto eq = tag.find("=\""); eq != std::string::npos; eq = tag.find("=\"", eq + 1)) {
      auto name_start = tag.rfind(' ', eq) + 1;
      auto value_end = tag.find('"', eq + 2);
      attributes[tag.substr(name_start, eq - name_start)] = tag.substr(eq + 2, value_end - eq - 2);
      eq = value_end;
    }
    tags.push_back(std::move(attributes));
  }
  return tags;
}

/// The page's inline JSON data blocks (`<script type="application/json" id="case-N">`),
/// parsed, keyed by N.
inline std::map<std::string, nlohmann::json> data_blocks(const std::string& html) {
  std::map<std::string, nlohmann::json> blocks;
  const std::string open = "<script type=\"application/json\" id=\"case-";
  for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    auto id_end = html.find('"', at + open.size());
    auto body = html.find('>', id_end) + 1;
    auto close = html.find("</script>", body);
    blocks[html.substr(at + open.size(), id_end - at - open.size())] =
        nlohmann::json::parse(html.substr(body, close - body));
  }
  return blocks;
}

/// How often `needle` occurs in `text`.
inline std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

/// A fresh directory under the system temp dir, removed with its contents at scope end.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "sipconf-reports") {
    std::random_device seed;
    std::mt19937_64 random(
        seed() ^
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    path_ = std::filesystem::temp_directory_path() /
            (prefix + "-" + std::to_string(random() % 1000000000000ULL));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sipconf::reports::testing
