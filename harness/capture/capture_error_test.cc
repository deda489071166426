#include "harness/capture/capture_error.h"

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

TEST(CaptureError, IsAnErrorCodeEnumWithItsOwnCategory) {
  const std::error_code ec = CaptureErrc::kTruncatedFile;
  EXPECT_EQ(ec.category().name(), std::string("capture"));
  EXPECT_EQ(ec.message(), "capture file ends in the middle of a packet");
  EXPECT_EQ(std::error_code(CaptureErrc::kUnsupportedFileFormat).message(),
            "unsupported capture file format (pcap and pcapng are supported)");
}

TEST(CaptureError, EveryCodeHasAMessage) {
  for (int v = static_cast<int>(CaptureErrc::kCannotOpenFile);
       v <= static_cast<int>(CaptureErrc::kNotStarted); ++v) {
    const std::error_code ec(v, capture_category());
    EXPECT_NE(ec.message(), "unknown capture error") << v;
  }
  EXPECT_EQ(std::error_code(0, capture_category()).message(), "unknown capture error");
}

}  // namespace
}  // namespace sipconf::harness
