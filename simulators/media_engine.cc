#include "simulators/media_engine.h"

#include <algorithm>

#include "simulators/rtp_stream.h"

namespace sipconf::simulators {

MediaEngine::MediaEngine(sip::TimerService& timers, RtpSocketFactory& sockets,
                         MediaSettings settings, std::uint64_t seed)
    : timers_(timers), sockets_(sockets), settings_(settings), random_(seed), clock_(timers) {}

MediaEngine::~MediaEngine() = default;

std::unique_ptr<RtpStream> MediaEngine::open_stream(const std::string& address,
                                                    std::error_code& ec) {
  std::unique_ptr<RtpSocket> socket = sockets_.open(address, ec);
  if (!socket) return nullptr;
  return std::make_unique<RtpStream>(*this, std::move(socket));
}

std::shared_ptr<const ToneTable> MediaEngine::tone(G711Law law) {
  auto& slot = tones_[law];
  if (!slot) slot = std::make_shared<const ToneTable>(law, settings_.tone_hz);
  return slot;
}

void MediaEngine::add(RtpStream* stream) {
  streams_.push_back(stream);
  if (!clock_.running()) {
    clock_start_ = timers_.now();
    ticks_ = 0;
    clock_.start(std::chrono::milliseconds(settings_.ptime_ms), [this] { on_tick(); });
  }
}

void MediaEngine::remove(RtpStream* stream) {
  streams_.erase(std::remove(streams_.begin(), streams_.end(), stream), streams_.end());
  if (streams_.empty()) clock_.stop();
}

void MediaEngine::on_tick() {
  ++ticks_;
  // Streams never open or close from tick(), so the list is stable while it runs.
  for (RtpStream* stream : streams_) stream->tick();
  const auto period = std::chrono::milliseconds(settings_.ptime_ms);
  const sip::SteadyTime next = clock_start_ + period * static_cast<long long>(ticks_ + 1);
  auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(next - timers_.now());
  if (delay.count() < 0) {
    // Far behind (a stalled loop): skip the missed ticks instead of bursting them.
    const auto behind = timers_.now() - clock_start_;
    ticks_ = static_cast<std::uint64_t>(behind / period);
    delay = std::chrono::milliseconds(0);
  }
  if (!streams_.empty()) clock_.start(delay, [this] { on_tick(); });
}

}  // namespace sipconf::simulators
