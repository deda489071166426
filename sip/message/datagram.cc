#include "sip/message/datagram.h"

namespace sipconf::sip {

ParseResult parse_datagram(std::string_view datagram, ParseOptions options) {
  options.framing = Framing::datagram;
  return parse_message(datagram, options);
}

bool is_keepalive_datagram(std::string_view datagram) {
  if (datagram.empty()) return false;
  for (char c : datagram) {
    if (c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace sipconf::sip
