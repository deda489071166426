#pragma once

#include <memory>
#include <string_view>

#include <openssl/types.h>

#include "sip/transport/transport.h"

/// Names in a peer's certificate, and the rule that matches them to a configured FQDN.
namespace sipconf::sip {

/// Names of `certificate`: subject CN, subjectAltName DNS and URI entries.
TlsPeer tls_peer_from_certificate(X509* certificate);

/// The verified peer of an established TLS session, or nullptr if it sent no certificate.
std::shared_ptr<const TlsPeer> tls_peer_from_session(SSL* session);

/// True if `name` (an FQDN) is one of the peer's names, compared case-insensitively: a SAN
/// dNSName, a SAN URI sip:/sips: with that host, or the subject CN. Wildcards are not honoured
/// (RFC 5922 §7.2). Lync's own rule for gateways (CN or SAN) is unconfirmed (SEC-02), so
/// both are accepted.
bool tls_peer_matches(const TlsPeer& peer, std::string_view name);

}  // namespace sipconf::sip
