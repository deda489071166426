#pragma once

// Drives Debian's chromium in headless mode as a real subprocess, for the browser test
// of the report and the report load-time benchmark. Header-only: the reports library
// itself never starts a browser.

#include <boost/process.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace sipconf::reports::testing {

struct BrowserResult {
  bool ok = false;
  std::string output;  ///< stdout (the DOM for --dump-dom).
  std::string log;     ///< stderr, including the page's console and uncaught errors.
  std::string error;   ///< Why it failed, for the test log.
};

class HeadlessChromium {
 public:
  /// Finds chromium on PATH; `executable()` is empty when it is not installed.
  HeadlessChromium() {
    for (const char* name : {"chromium", "chromium-browser"}) {
      auto found = boost::process::search_path(name);
      if (!found.empty()) {
        executable_ = found.string();
        break;
      }
    }
  }

  const std::string& executable() const { return executable_; }
  static constexpr const char* kInstallHint = "chromium not found: apt-get install chromium";

  /// Loads `url` and returns the DOM after the page's scripts ran.
  BrowserResult dump_dom(const std::string& url, const std::filesystem::path& scratch,
                         int width = 1400, int height = 1000) const {
    return run({"--dump-dom", url}, scratch, width, height);
  }

  /// Loads `url` in a window of the given size and writes a PNG screenshot.
  BrowserResult screenshot(const std::string& url, const std::filesystem::path& png,
                           const std::filesystem::path& scratch, int width, int height) const {
    return run({"--screenshot=" + png.string(), "--hide-scrollbars", url}, scratch, width, height);
  }

 private:
  BrowserResult run(std::vector<std::string> extra, const std::filesystem::path& scratch, int width,
                    int height) const {
    namespace bp = boost::process;
    BrowserResult result;
    if (executable_.empty()) {
      result.error = kInstallHint;
      return result;
    }
    std::filesystem::path dir = scratch / ("chromium-" + std::to_string(++runs_));
    std::filesystem::create_directories(dir / "profile");
    std::vector<std::string> args = {
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + (dir / "profile").string(),
        "--window-size=" + std::to_string(width) + "," + std::to_string(height)};
    args.insert(args.end(), extra.begin(), extra.end());
    std::filesystem::path out = dir / "stdout.txt";
    std::filesystem::path err = dir / "stderr.txt";
    std::error_code ec;
    bp::child child(executable_, bp::args(args), bp::std_out > out.string(),
                    bp::std_err > err.string(), bp::std_in < bp::null, ec);
    if (ec) {
      result.error = "cannot start " + executable_ + ": " + ec.message();
      return result;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (child.running(ec) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (child.running(ec)) {
      child.terminate(ec);
      result.error = "chromium did not finish within 90 s";
      return result;
    }
    child.wait(ec);
    result.output = read(out);
    result.log = read(err);
    if (child.exit_code() != 0) {
      result.error = "chromium exited with " + std::to_string(child.exit_code()) + ": " +
                     result.log.substr(0, 2000);
      return result;
    }
    result.ok = true;
    return result;
  }

  static std::string read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::string executable_;
  mutable int runs_ = 0;  ///< Numbers the per-run profile directories.
};

}  // namespace sipconf::reports::testing
