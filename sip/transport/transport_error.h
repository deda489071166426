#pragma once

#include <system_error>

namespace sipconf::sip {

/// Transport failures of our own; socket errors keep their system category
/// (std::errc::connection_refused, ...).
enum class TransportError {
  ok = 0,
  invalid_address,       ///< not an IP literal
  no_listener,           ///< no socket of that transport to send from
  tls_not_configured,    ///< TLS send or listener without certificates
  tls_config,            ///< CA, certificate or key could not be loaded
  connect_timeout,       ///< connect (and TLS handshake) not done in time
  tls_handshake_failed,  ///< peer refused us or we refused the peer
  peer_name_mismatch,    ///< TLS peer certificate matches none of the allowed names
  connection_limit,      ///< total connection limit reached
  send_queue_full,       ///< too many bytes waiting on one connection
  message_too_large,     ///< over the UDP datagram maximum
  connection_closed,     ///< closed with the message still queued
  framing_error,         ///< stream framing failed (the connection was closed)
  idle_timeout,          ///< closed for inactivity
  stopped,               ///< the transport was stopped
};

const std::error_category& transport_category() noexcept;

std::error_code make_error_code(TransportError e) noexcept;

}  // namespace sipconf::sip

template <>
struct std::is_error_code_enum<sipconf::sip::TransportError> : std::true_type {};
