#include "sip/rtp/rtp_error.h"

#include <string>

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(RtpError, IsAnErrorCodeEnumWithItsOwnCategory) {
  const std::error_code ec = RtpError::bad_padding;
  EXPECT_EQ(ec.category().name(), std::string("sipconf.rtp"));
  EXPECT_EQ(ec.message(), "padding count is 0 or longer than the payload");
  EXPECT_EQ(ec, RtpError::bad_padding);
}

TEST(RtpError, EveryCodeHasAMessage) {
  for (int v = static_cast<int>(RtpError::ok); v <= static_cast<int>(RtpError::bad_padding); ++v) {
    EXPECT_NE(std::error_code(v, rtp_category()).message(), "unknown RTP error") << v;
  }
  EXPECT_EQ(std::error_code(99, rtp_category()).message(), "unknown RTP error");
}

}  // namespace
}  // namespace sipconf::sip
