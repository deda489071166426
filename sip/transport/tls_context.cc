#include "sip/transport/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "sip/transport/transport_error.h"

namespace sipconf::sip {
namespace {

namespace ssl = boost::asio::ssl;

std::string openssl_reason(const boost::system::error_code& ec) {
  unsigned long err = ERR_get_error();
  ERR_clear_error();
  if (err == 0) return ec.message();
  char buffer[256];
  ERR_error_string_n(err, buffer, sizeof buffer);
  return buffer;
}

}  // namespace

int openssl_version(TlsVersion version) {
  switch (version) {
    case TlsVersion::tls1_0:
      return TLS1_VERSION;
    case TlsVersion::tls1_1:
      return TLS1_1_VERSION;
    case TlsVersion::tls1_2:
      return TLS1_2_VERSION;
    case TlsVersion::tls1_3:
      break;
  }
  return TLS1_3_VERSION;
}

std::unique_ptr<ssl::context> make_tls_context(const TlsConfig& config, TlsRole role,
                                               std::error_code& ec, std::string& detail) {
  ec.clear();
  detail.clear();
  auto fail = [&](std::string what) {
    ec = TransportError::tls_config;
    detail = std::move(what);
    return nullptr;
  };
  auto ctx = std::make_unique<ssl::context>(role == TlsRole::server ? ssl::context::tls_server
                                                                    : ssl::context::tls_client);
  SSL_CTX* native = ctx->native_handle();
  // SSL 3.0 and older are never offered (SEC-03); the floor is configurable, 1.2 by default.
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(native, openssl_version(config.min_version)) != 1) {
    return fail("tls: unsupported minimum version");
  }
  if (config.max_version &&
      SSL_CTX_set_max_proto_version(native, openssl_version(*config.max_version)) != 1) {
    return fail("tls: unsupported maximum version");
  }
  boost::system::error_code bec;
  if (!config.ca_file.empty()) {
    ctx->load_verify_file(config.ca_file, bec);
    if (bec) return fail("tls: cannot load CA file " + config.ca_file + ": " + openssl_reason(bec));
  }
  if (!config.certificate_file.empty()) {
    ctx->use_certificate_chain_file(config.certificate_file, bec);
    if (bec) {
      return fail("tls: cannot load certificate " + config.certificate_file + ": " +
                  openssl_reason(bec));
    }
    ctx->use_private_key_file(config.private_key_file, ssl::context::pem, bec);
    if (bec) {
      return fail("tls: cannot load private key " + config.private_key_file + ": " +
                  openssl_reason(bec));
    }
  } else if (role == TlsRole::server) {
    return fail("tls: a TLS listener needs certificate_file and private_key_file");
  }
  if (config.require_peer_certificate) {
    if (config.ca_file.empty()) return fail("tls: require_peer_certificate needs ca_file");
    ssl::verify_mode mode = ssl::verify_peer;
    if (role == TlsRole::server) mode |= ssl::verify_fail_if_no_peer_cert;
    ctx->set_verify_mode(mode);
  } else {
    ctx->set_verify_mode(ssl::verify_none);
  }
  return ctx;
}

}  // namespace sipconf::sip
