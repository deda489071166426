#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sip/sdp/sdp_error.h"

/// The SDP model (RFC 4566) shared by the B2BUA, the simulators and the analyser: typed
/// fields for the lines they act on, attributes kept verbatim and in order so that a
/// description in canonical order serializes back byte for byte.
namespace sipconf::sip {

/// An a= line. `value` is absent for property attributes (a=sendonly) and present, maybe
/// empty, for value attributes (a=fmtp:...), so both shapes survive a round trip.
struct SdpAttribute {
  std::string name;
  std::optional<std::string> value;

  bool operator==(const SdpAttribute&) const = default;
};

/// c= (and the address part of o=). `address` is verbatim, including any /ttl/count suffix.
struct SdpConnection {
  std::string net_type = "IN";
  std::string addr_type = "IP4";
  std::string address;

  bool operator==(const SdpConnection&) const = default;
};

/// o=. Session id and version stay strings: some stacks use values beyond 64 bits.
struct SdpOrigin {
  std::string username = "-";
  std::string session_id = "0";
  std::string session_version = "0";
  SdpConnection address;

  bool operator==(const SdpOrigin&) const = default;
};

/// b=<type>:<kbps or bps per type>, e.g. AS, CT, TIAS.
struct SdpBandwidth {
  std::string type;
  std::uint64_t value = 0;

  bool operator==(const SdpBandwidth&) const = default;
};

/// t= with its r= lines (kept verbatim).
struct SdpTiming {
  std::uint64_t start = 0;
  std::uint64_t stop = 0;
  std::vector<std::string> repeats;

  bool operator==(const SdpTiming&) const = default;
};

/// A line with no typed model here (i=, u=, e=, p=, z=, k= or an unknown type letter);
/// serialized at its RFC 4566 position, unknown letters just before the attributes.
struct SdpLine {
  char type = 'i';
  std::string value;

  bool operator==(const SdpLine&) const = default;
};

/// One m= section with the lines that follow it.
struct SdpMedia {
  std::string media = "audio";
  std::uint16_t port = 0;
  std::optional<std::uint32_t> port_count;  ///< m=audio 49170/2 ...
  std::string proto = "RTP/AVP";
  std::vector<std::string> formats;  ///< payload types for RTP, verbatim tokens otherwise
  std::vector<SdpConnection> connections;
  std::vector<SdpBandwidth> bandwidths;
  std::vector<SdpLine> other_lines;
  std::vector<SdpAttribute> attributes;

  bool operator==(const SdpMedia&) const = default;
};

struct SessionDescription {
  SdpOrigin origin;
  std::optional<std::string> session_name = std::string("-");  ///< absent if s= was missing
  std::optional<SdpConnection> connection;
  std::vector<SdpBandwidth> bandwidths;
  std::vector<SdpTiming> times{SdpTiming{}};
  std::vector<SdpLine> other_lines;
  std::vector<SdpAttribute> attributes;
  std::vector<SdpMedia> media;

  bool operator==(const SessionDescription&) const = default;
};

/// Bounds on untrusted input; real offers are a few kilobytes.
struct SdpLimits {
  std::size_t max_bytes = 64 * 1024;
  std::size_t max_lines = 2000;
};

/// Departures from RFC 4566 that the parser accepted, so an analyser can report them.
struct SdpLeniency {
  bool bare_lf = false;            ///< a line ended in LF without CR
  bool missing_final_eol = false;  ///< the last line has no line ending
  bool empty_lines = false;        ///< blank lines were skipped
  bool missing_session_name = false;
  bool missing_timing = false;
  bool non_canonical_order = false;  ///< lines out of RFC 4566 order (serializing reorders them)
  bool unknown_line_types = false;
  bool extra_whitespace = false;  ///< field separators other than one SP in v/o/c/t/m lines
  bool spaces_in_origin_username = false;

  bool any() const;
};

/// What parse_sdp tells besides the result: the line an error refers to and what it forgave.
struct SdpParseInfo {
  std::size_t error_line = 0;  ///< 1-based physical line of the error; 0 if none
  SdpLeniency leniency;
};

/// Parses an SDP body. Accepts bare LF line endings and other common sloppiness (see
/// SdpLeniency); never throws. On failure returns nullopt and sets `ec` (SdpError).
std::optional<SessionDescription> parse_sdp(std::string_view text, std::error_code& ec,
                                            SdpParseInfo* info = nullptr,
                                            const SdpLimits& limits = {});

/// Serializes with CRLF line endings in RFC 4566 order.
std::string serialize_sdp(const SessionDescription& sdp);

/// First attribute called `name` (case-sensitive, as RFC 4566 defines), or nullptr.
const SdpAttribute* find_attribute(const std::vector<SdpAttribute>& attributes,
                                   std::string_view name);

/// Values of every attribute called `name`, in order; property attributes give "".
std::vector<std::string_view> attribute_values(const std::vector<SdpAttribute>& attributes,
                                               std::string_view name);

/// Removes every attribute called `name`; returns how many were removed.
std::size_t remove_attributes(std::vector<SdpAttribute>& attributes, std::string_view name);

}  // namespace sipconf::sip
