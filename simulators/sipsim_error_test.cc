#include "simulators/sipsim_error.h"

#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

TEST(SipsimError, IsAnErrorCodeEnumWithItsOwnCategory) {
  const std::error_code ec = SipsimErrc::kNoCommonCodec;
  EXPECT_EQ(ec.category().name(), std::string("sipsim"));
  EXPECT_EQ(ec.message(), "no G.711 codec in common");
  EXPECT_EQ(std::error_code(SipsimErrc::kNotPlainRtp).message(),
            "audio stream is not plain RTP/AVP");
}

TEST(SipsimError, EveryCodeHasAMessage) {
  for (int v = static_cast<int>(SipsimErrc::kNoAudioStream);
       v <= static_cast<int>(SipsimErrc::kBadBehaviour); ++v) {
    const std::error_code ec(v, sipsim_category());
    EXPECT_NE(ec.message(), "unknown sipsim error") << v;
  }
  EXPECT_EQ(std::error_code(0, sipsim_category()).message(), "unknown sipsim error");
}

}  // namespace
}  // namespace sipconf::simulators
