#pragma once

#include <string_view>

#include "sip/message/uri.h"

namespace sipconf::sip {

/// Classifies `host` by the RFC 3261 grammar: hostname (labels of alphanumerics and inner
/// hyphens, the last one starting with a letter, optional trailing dot), IPv4address, or
/// IPv6reference (`[...]`). HostKind::none if it is none of them.
HostKind classify_host(std::string_view host);

bool is_ipv4_address(std::string_view text);
/// An IPv6 address without brackets (RFC 4291 text forms, IPv4 tail allowed).
bool is_ipv6_address(std::string_view text);

}  // namespace sipconf::sip
