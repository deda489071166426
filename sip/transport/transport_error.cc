#include "sip/transport/transport_error.h"

#include <string>

namespace sipconf::sip {
namespace {

class TransportCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sipconf.transport"; }

  std::string message(int value) const override {
    switch (static_cast<TransportError>(value)) {
      case TransportError::ok:
        return "no error";
      case TransportError::invalid_address:
        return "destination is not an IP address";
      case TransportError::no_listener:
        return "no listener for this transport to send from";
      case TransportError::tls_not_configured:
        return "TLS used without a certificate configuration";
      case TransportError::tls_config:
        return "TLS CA, certificate or private key could not be loaded";
      case TransportError::connect_timeout:
        return "connection not established in time";
      case TransportError::tls_handshake_failed:
        return "TLS handshake failed";
      case TransportError::peer_name_mismatch:
        return "TLS peer certificate names none of the allowed peers";
      case TransportError::connection_limit:
        return "connection limit reached";
      case TransportError::send_queue_full:
        return "send queue of the connection is full";
      case TransportError::message_too_large:
        return "message too large for a UDP datagram";
      case TransportError::connection_closed:
        return "connection closed before the message was sent";
      case TransportError::framing_error:
        return "stream framing error";
      case TransportError::idle_timeout:
        return "connection closed after being idle";
      case TransportError::stopped:
        return "transport stopped";
    }
    return "unknown transport error";
  }
};

}  // namespace

const std::error_category& transport_category() noexcept {
  static const TransportCategory category;
  return category;
}

std::error_code make_error_code(TransportError e) noexcept {
  return {static_cast<int>(e), transport_category()};
}

}  // namespace sipconf::sip
