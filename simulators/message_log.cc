#include "simulators/message_log.h"

#include <ctime>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sip/message/message_json.h"

namespace sipconf::simulators {
namespace {

std::string iso_time(std::chrono::system_clock::time_point at) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                     micros % 1'000'000);
}

/// The listener a message to `to` leaves from: the one on `local_address` if given, else the
/// first of that transport (what AsioTransport picks).
sip::Endpoint sending_listener(const sip::TransportLayer& transport, const sip::Endpoint& to,
                               const sip::SendOptions& options) {
  sip::Endpoint fallback{options.local_address, 0, to.transport};
  bool have_fallback = false;
  for (const sip::Endpoint& local : transport.local_endpoints()) {
    if (local.transport != to.transport) continue;
    if (options.local_address.empty() || local.address == options.local_address) return local;
    if (!have_fallback) {
      fallback = local;
      have_fallback = true;
    }
  }
  return fallback;
}

}  // namespace

std::string host_port(const sip::Endpoint& endpoint) {
  if (endpoint.address.find(':') != std::string::npos) {
    return fmt::format("[{}]:{}", endpoint.address, endpoint.port);
  }
  return fmt::format("{}:{}", endpoint.address, endpoint.port);
}

MessageLog::MessageLog(std::ostream& out, WallClock now) : out_(out), now_(std::move(now)) {}

void MessageLog::record(std::string_view direction, sip::Transport transport,
                        const sip::Endpoint& local, const sip::Endpoint& remote,
                        sip::ConnectionId connection, std::string_view raw) {
  const auto at = now_();
  nlohmann::json line = {
      {"time", iso_time(at)},
      {"epoch_us",
       std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count()},
      {"direction", direction},
      {"transport", sip::to_string(transport)},
      {"local", host_port(local)},
      {"remote", host_port(remote)},
      {"connection", connection},
      {"raw", sip::json_safe(raw)},
  };
  if (direction == "in" && connection != 0) connections_[connection] = Ends{local, remote};
  // One line per message, flushed: a killed simulator still leaves a usable log.
  out_ << line.dump() << '\n';
  out_.flush();
  ++lines_;
}

const MessageLog::Ends* MessageLog::connection_ends(sip::ConnectionId connection) const {
  const auto it = connections_.find(connection);
  return it == connections_.end() ? nullptr : &it->second;
}

sip::SendId LoggingTransport::send(const sip::Endpoint& to, std::string bytes,
                                   const sip::SendOptions& options, std::error_code& ec) {
  const MessageLog::Ends* known = options.connection != 0 && is_stream(to.transport)
                                      ? log_.connection_ends(options.connection)
                                      : nullptr;
  if (known != nullptr) {
    const MessageLog::Ends ends = *known;  // record() may touch the table
    log_.record("out", to.transport, ends.local, ends.remote, options.connection, bytes);
  } else {
    log_.record("out", to.transport, sending_listener(inner_, to, options), to, options.connection,
                bytes);
  }
  return inner_.send(to, std::move(bytes), options, ec);
}

void LoggingSink::on_message(sip::InboundMessage&& message) {
  log_.record("in", message.local.transport, message.local, message.remote, message.connection,
              message.bytes);
  inner_.on_message(std::move(message));
}

}  // namespace sipconf::simulators
