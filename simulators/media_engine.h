#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "simulators/rtp_sender.h"
#include "simulators/rtp_socket.h"
#include "sip/base/timer.h"
#include "sip/transaction/transaction_ids.h"

namespace sipconf::simulators {

class RtpStream;

struct MediaSettings {
  std::uint32_t ptime_ms = 20;
  std::uint32_t tone_hz = 440;
};

/// Opens media streams and paces them: one clock for every stream, ticking each packet time
/// and scheduled against the start time so that pacing does not drift with timer latency.
/// One timer for all streams keeps a thousand calls to a thousand sends per tick rather than
/// a thousand timers.
class MediaEngine {
 public:
  MediaEngine(sip::TimerService& timers, RtpSocketFactory& sockets, MediaSettings settings,
              std::uint64_t seed = 0);
  ~MediaEngine();
  MediaEngine(const MediaEngine&) = delete;
  MediaEngine& operator=(const MediaEngine&) = delete;

  /// A stream on a fresh port of `address`; nullptr with `ec` if none could be bound.
  std::unique_ptr<RtpStream> open_stream(const std::string& address, std::error_code& ec);

  const MediaSettings& settings() const { return settings_; }
  sip::TimerService& timers() { return timers_; }
  sip::IdGenerator& random() { return random_; }
  std::size_t active_streams() const { return streams_.size(); }
  /// The tone for a codec, built once and shared by every sender.
  std::shared_ptr<const ToneTable> tone(G711Law law);

 private:
  friend class RtpStream;
  void add(RtpStream* stream);
  void remove(RtpStream* stream);
  void on_tick();

  sip::TimerService& timers_;
  RtpSocketFactory& sockets_;
  MediaSettings settings_;
  sip::IdGenerator random_;
  sip::Timer clock_;
  sip::SteadyTime clock_start_{};
  std::uint64_t ticks_ = 0;
  std::vector<RtpStream*> streams_;
  std::map<G711Law, std::shared_ptr<const ToneTable>> tones_;
};

}  // namespace sipconf::simulators
