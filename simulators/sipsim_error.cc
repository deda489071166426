#include "simulators/sipsim_error.h"

namespace sipconf::simulators {
namespace {

class SipsimCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sipsim"; }

  std::string message(int value) const override {
    switch (static_cast<SipsimErrc>(value)) {
      case SipsimErrc::kNoAudioStream:
        return "no audio stream";
      case SipsimErrc::kNotPlainRtp:
        return "audio stream is not plain RTP/AVP";
      case SipsimErrc::kNoCommonCodec:
        return "no G.711 codec in common";
      case SipsimErrc::kNoConnectionAddress:
        return "audio stream without connection address";
      case SipsimErrc::kBadOptionsSchedule:
        return "malformed OPTIONS schedule";
      case SipsimErrc::kBadBehaviour:
        return "bad profile or behaviour value";
    }
    return "unknown sipsim error";
  }
};

}  // namespace

const std::error_category& sipsim_category() {
  static const SipsimCategory category;
  return category;
}

}  // namespace sipconf::simulators
