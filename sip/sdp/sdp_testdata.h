#pragma once

#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>

#include "sip/sdp/sdp.h"

#include "base/build_paths.h"

namespace sipconf::sip {

/// Readable gtest output for attribute comparisons.
inline void PrintTo(const SdpAttribute& a, std::ostream* os) {
  *os << "a=" << a.name;
  if (a.value) *os << ':' << *a.value;
}

inline void PrintTo(const SdpConnection& c, std::ostream* os) {
  *os << "c=" << c.net_type << ' ' << c.addr_type << ' ' << c.address;
}

}  // namespace sipconf::sip

/// Reads a file under sip/testdata/sdp/ byte for byte; empty if it cannot be read (the
/// calling test then fails on the content it expected).
namespace sipconf::sip::testing {

inline std::string read_sdp_testdata(std::string_view name) {
  std::string path = base::source_dir().string() + "/sip/testdata/sdp/";
  path.append(name);
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace sipconf::sip::testing
