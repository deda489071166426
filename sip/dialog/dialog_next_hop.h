#pragma once

#include "sip/base/result.h"
#include "sip/message/uri.h"
#include "sip/transport/transport.h"

namespace sipconf::sip {

/// Where a request whose next hop is `uri` goes (RFC 3263 without DNS: every party of a lab
/// has an IP address, so a host name is an error): `maddr` or the host as IP literal; the
/// port from the URI or the transport's default; the transport from `transport=`, TLS for a
/// sips URI, else UDP. Use Dialog::next_hop() for requests in a dialog.
Result<Endpoint> next_hop_endpoint(const Uri& uri);

}  // namespace sipconf::sip
