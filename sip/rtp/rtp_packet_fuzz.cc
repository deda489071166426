// libFuzzer target: the RTP, telephone-event and RTCP codec on arbitrary bytes, as the
// capture analysis meets them (every UDP datagram of a capture goes through it). Invariants
// checked beyond "no crash":
//  - an accepted packet's payload lies inside the input, and writing its header with that
//    payload gives bytes that parse to the same header and payload;
//  - a telephone-event block written back parses to the same event (volume is six bits);
//  - a DTMF event code maps to a digit and back;
//  - RTP and RTCP never both claim a datagram, and the walk over a compound packet that
//    is_rtcp_compound accepts stays inside it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "sip/base/byte_order.h"
#include "sip/rtp/rtcp_packet.h"
#include "sip/rtp/rtp_packet.h"
#include "sip/rtp/telephone_event.h"

namespace {

using namespace sipconf::sip;

void check(bool ok) {
  if (!ok) std::abort();
}

void check_rtp(std::span<const std::uint8_t> input) {
  const auto packet = parse_rtp(input);
  if (!packet) return;
  check(!has_rtcp_packet_type(input));
  check(packet->payload.data() >= input.data() &&
        packet->payload.data() + packet->payload.size() <= input.data() + input.size());
  std::string written;
  write_rtp(packet->header, packet->payload, written);
  const auto again = parse_rtp(byte_view(written));
  check(again.ok() && again->header == packet->header &&
        again->payload.size() == packet->payload.size() &&
        std::equal(again->payload.begin(), again->payload.end(), packet->payload.begin()));

  if (const auto event = parse_telephone_event(packet->payload)) {
    std::string block;
    write_telephone_event(*event, block);
    check(block.size() == 4 && parse_telephone_event(byte_view(block)).value() == *event);
    (void)telephone_event_name(event->event);
    if (const auto digit = dtmf_digit(event->event)) check(dtmf_event_code(*digit) == event->event);
  }
}

void check_rtcp(std::span<const std::uint8_t> input) {
  if (!is_rtcp_compound(input)) return;
  check(!parse_rtp(input).ok());
  RtcpCompoundReader reader(input);
  std::size_t walked = 0;
  while (const auto packet = reader.next()) {
    walked += 4 + packet->body.size();
    (void)rtcp_sender_ssrc(*packet);
    (void)rtcp_sender_info(*packet);
    for (int i = 0; rtcp_report_block(*packet, i); ++i) {
    }
  }
  check(walked <= input.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  check_rtp(input);
  check_rtcp(input);
  return 0;
}
