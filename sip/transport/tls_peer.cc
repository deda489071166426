#include "sip/transport/tls_peer.h"

#include <algorithm>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "sip/message/header_names.h"

namespace sipconf::sip {
namespace {

std::string asn1_text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

/// Host part of sip:host[:port][;params] or sips:...; empty for other URIs.
std::string_view sip_uri_host(std::string_view uri) {
  for (std::string_view scheme : {"sip:", "sips:"}) {
    if (uri.size() > scheme.size() && iequals(uri.substr(0, scheme.size()), scheme)) {
      std::string_view rest = uri.substr(scheme.size());
      if (auto at = rest.find('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
      return rest.substr(0, rest.find_first_of(":;?>"));
    }
  }
  return {};
}

}  // namespace

TlsPeer tls_peer_from_certificate(X509* certificate) {
  TlsPeer peer;
  if (!certificate) return peer;
  if (X509_NAME* subject = X509_get_subject_name(certificate)) {
    int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index >= 0) {
      peer.common_name = asn1_text(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
    }
  }
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
      if (name->type == GEN_DNS) peer.dns_names.push_back(asn1_text(name->d.dNSName));
      if (name->type == GEN_URI) {
        peer.uri_names.push_back(asn1_text(name->d.uniformResourceIdentifier));
      }
    }
    GENERAL_NAMES_free(names);
  }
  return peer;
}

std::shared_ptr<const TlsPeer> tls_peer_from_session(SSL* session) {
  X509* certificate = SSL_get1_peer_certificate(session);
  if (!certificate) return nullptr;
  auto peer = std::make_shared<TlsPeer>(tls_peer_from_certificate(certificate));
  X509_free(certificate);
  peer->protocol = SSL_get_version(session);
  return peer;
}

bool tls_peer_matches(const TlsPeer& peer, std::string_view name) {
  if (name.empty()) return false;
  for (const std::string& dns : peer.dns_names) {
    if (iequals(dns, name)) return true;
  }
  for (const std::string& uri : peer.uri_names) {
    if (iequals(sip_uri_host(uri), name)) return true;
  }
  return iequals(peer.common_name, name);
}

}  // namespace sipconf::sip
