#pragma once

#include <memory>
#include <string>
#include <system_error>

#include <boost/asio/ssl/context.hpp>

#include "sip/transport/transport_config.h"

/// Builds OpenSSL contexts from TlsConfig: TLS 1.2 minimum unless configured otherwise,
/// mutual authentication on demand (SEC-01, SEC-02, SEC-03).
namespace sipconf::sip {

enum class TlsRole { server, client };

/// A ready context, or nullptr with `ec` = TransportError::tls_config and `detail` saying
/// which file failed and OpenSSL's reason.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const TlsConfig& config, TlsRole role,
                                                            std::error_code& ec,
                                                            std::string& detail);

/// OpenSSL's protocol version constant for `version` (TLS1_2_VERSION, ...).
int openssl_version(TlsVersion version);

}  // namespace sipconf::sip
