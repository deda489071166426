#pragma once

// Helpers shared by the reports tests and the report benchmark (header-only so the
// library itself does not carry them).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <random>
#include <string>

#include "reports/run_loader.h"

namespace sipconf::reports::testing {

inline std::filesystem::path testdata(const std::string& name) {
  return std::filesystem::path(SIPCONF_SOURCE_DIR) / "reports" / "testdata" / name;
}

/// Loads a fixture run, failing the test with the loader's diagnostic if it is bad.
inline Run load_fixture(const std::string& name) {
  Run run;
  std::string diagnostic;
  auto ec = load_run(testdata(name), run, diagnostic);
  EXPECT_FALSE(ec) << diagnostic;
  return run;
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
