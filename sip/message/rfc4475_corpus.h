#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "base/build_paths.h"

namespace sipconf::sip::testing {

/// The RFC 4475 torture messages checked in under sip/testdata/rfc4475 (byte-exact), for
/// tests, fuzz seeds and benchmarks. Header-only so the library does not carry test paths.
inline std::filesystem::path rfc4475_dir() {
  return base::source_dir() / "sip" / "testdata" / "rfc4475";
}

inline std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct CorpusMessage {
  std::string name;  ///< file name without .dat
  std::string bytes;
};

/// All corpus messages, sorted by name.
inline std::vector<CorpusMessage> rfc4475_messages() {
  std::vector<CorpusMessage> out;
  for (const auto& entry : std::filesystem::directory_iterator(rfc4475_dir())) {
    if (entry.path().extension() != ".dat") continue;
    out.push_back({entry.path().stem().string(), read_file_bytes(entry.path())});
  }
  std::sort(out.begin(), out.end(),
            [](const CorpusMessage& a, const CorpusMessage& b) { return a.name < b.name; });
  return out;
}

inline std::string rfc4475_message(const std::string& name) {
  return read_file_bytes(rfc4475_dir() / (name + ".dat"));
}

}  // namespace sipconf::sip::testing
