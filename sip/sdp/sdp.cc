#include "sip/sdp/sdp.h"

#include <algorithm>

#include "sip/sdp/sdp_text.h"

namespace sipconf::sip {
namespace {

using sdp_text::parse_number;
using sdp_text::split_fields;
using sdp_text::trim;

/// RFC 4566 §5 order of session-level lines; 12 is where unknown letters go.
int session_rank(char type) {
  switch (type) {
    case 'v':
      return 0;
    case 'o':
      return 1;
    case 's':
      return 2;
    case 'i':
      return 3;
    case 'u':
      return 4;
    case 'e':
      return 5;
    case 'p':
      return 6;
    case 'c':
      return 7;
    case 'b':
      return 8;
    case 't':
    case 'r':
      return 9;
    case 'z':
      return 10;
    case 'k':
      return 11;
    case 'a':
      return 13;
    case 'm':
      return 14;
    default:
      return 12;
  }
}

/// Order of media-level lines; 5 is where unknown letters go, -1 marks session-only letters.
int media_rank(char type) {
  switch (type) {
    case 'm':
      return 0;
    case 'i':
      return 1;
    case 'c':
      return 2;
    case 'b':
      return 3;
    case 'k':
      return 4;
    case 'a':
      return 6;
    case 'v':
    case 'o':
    case 's':
    case 'u':
    case 'e':
    case 'p':
    case 't':
    case 'r':
    case 'z':
      return -1;
    default:
      return 5;
  }
}

constexpr int kSessionConnectionRank = 7;
constexpr int kMediaConnectionRank = 2;

class Parser {
 public:
  Parser(SdpParseInfo& info, const SdpLimits& limits) : info_(info), limits_(limits) {}

  std::error_code run(std::string_view text) {
    if (text.size() > limits_.max_bytes) return SdpError::too_large;
    sdp_.times.clear();
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t eol = text.find('\n', pos);
      std::string_view line;
      if (eol == std::string_view::npos) {
        line = text.substr(pos);
        pos = text.size();
        info_.leniency.missing_final_eol = true;
      } else {
        line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.empty() || line.back() != '\r') info_.leniency.bare_lf = true;
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_number_;
      if (line_number_ > limits_.max_lines) return fail(SdpError::too_large);
      if (trim(line).empty()) {
        info_.leniency.empty_lines = true;
        continue;
      }
      if (auto ec = take_line(line)) return fail(ec);
    }
    if (!seen_version_) return line_number_ == 0 ? SdpError::empty : SdpError::missing_version;
    if (!seen_origin_) return SdpError::missing_origin;
    if (!seen_session_name_) {
      sdp_.session_name.reset();
      info_.leniency.missing_session_name = true;
    }
    if (sdp_.times.empty()) info_.leniency.missing_timing = true;
    normalize_order();
    return {};
  }

  SessionDescription take() { return std::move(sdp_); }

 private:
  std::error_code fail(std::error_code ec) {
    info_.error_line = line_number_;
    return ec;
  }

  std::error_code take_line(std::string_view line) {
    if (line.size() < 2 || line[1] != '=') return SdpError::bad_line;
    char type = line[0];
    bool letter = (type >= 'a' && type <= 'z') || (type >= 'A' && type <= 'Z');
    if (!letter) return SdpError::bad_line;
    std::string_view value = line.substr(2);
    if (!seen_version_) {
      if (type != 'v') return SdpError::missing_version;
      seen_version_ = true;
      if (trim(value) != value) info_.leniency.extra_whitespace = true;
      return trim(value) == "0" ? std::error_code() : SdpError::bad_version;
    }
    if (type == 'm') return take_media(value);
    return sdp_.media.empty() ? take_session_line(type, value) : take_media_line(type, value);
  }

  void note_rank(int rank) {
    if (rank < last_rank_) info_.leniency.non_canonical_order = true;
    last_rank_ = rank;
  }

  std::error_code take_session_line(char type, std::string_view value) {
    note_rank(session_rank(type));
    switch (type) {
      case 'v':
        return SdpError::duplicate_line;
      case 'o':
        if (seen_origin_) return SdpError::duplicate_line;
        seen_origin_ = true;
        return parse_origin(value);
      case 's':
        if (seen_session_name_) return SdpError::duplicate_line;
        seen_session_name_ = true;
        sdp_.session_name = std::string(value);
        return {};
      case 'c':
        if (sdp_.connection) return SdpError::duplicate_line;
        sdp_.connection.emplace();
        return parse_connection(value, *sdp_.connection);
      case 'b':
        return parse_bandwidth(value, sdp_.bandwidths.emplace_back());
      case 't':
        return parse_timing(value, sdp_.times.emplace_back());
      case 'r':
        if (sdp_.times.empty()) return SdpError::misplaced_line;
        sdp_.times.back().repeats.emplace_back(value);
        return {};
      case 'a':
        return parse_attribute(value, sdp_.attributes);
      default:
        if (session_rank(type) == 12) info_.leniency.unknown_line_types = true;
        sdp_.other_lines.push_back({type, std::string(value)});
        return {};
    }
  }

  std::error_code take_media_line(char type, std::string_view value) {
    int rank = media_rank(type);
    if (rank < 0) return SdpError::misplaced_line;
    note_rank(rank);
    SdpMedia& media = sdp_.media.back();
    switch (type) {
      case 'c':
        return parse_connection(value, media.connections.emplace_back());
      case 'b':
        return parse_bandwidth(value, media.bandwidths.emplace_back());
      case 'a':
        return parse_attribute(value, media.attributes);
      default:
        if (rank == 5) info_.leniency.unknown_line_types = true;
        media.other_lines.push_back({type, std::string(value)});
        return {};
    }
  }

  std::error_code take_media(std::string_view value) {
    last_rank_ = 0;
    SdpMedia& media = sdp_.media.emplace_back();
    auto fields = split_fields(value, &info_.leniency.extra_whitespace);
    if (fields.size() < 3) return SdpError::bad_media;
    media.media = std::string(fields[0]);
    std::string_view port = fields[1];
    if (auto slash = port.find('/'); slash != std::string_view::npos) {
      std::uint32_t count = 0;
      if (!parse_number(port.substr(slash + 1), count) || count == 0) return SdpError::bad_port;
      media.port_count = count;
      port = port.substr(0, slash);
    }
    if (!parse_number(port, media.port)) return SdpError::bad_port;
    media.proto = std::string(fields[2]);
    for (std::size_t i = 3; i < fields.size(); ++i) media.formats.emplace_back(fields[i]);
    return {};
  }

  std::error_code parse_origin(std::string_view value) {
    auto fields = split_fields(value, &info_.leniency.extra_whitespace);
    if (fields.size() < 6) return SdpError::bad_origin;
    // Some stacks put spaces in the username; the last five fields are unambiguous.
    std::size_t extra = fields.size() - 6;
    SdpOrigin& o = sdp_.origin;
    o.username.clear();
    for (std::size_t i = 0; i <= extra; ++i) {
      if (i != 0) o.username += ' ';
      o.username += fields[i];
    }
    if (extra != 0) info_.leniency.spaces_in_origin_username = true;
    o.session_id = std::string(fields[extra + 1]);
    o.session_version = std::string(fields[extra + 2]);
    o.address.net_type = std::string(fields[extra + 3]);
    o.address.addr_type = std::string(fields[extra + 4]);
    o.address.address = std::string(fields[extra + 5]);
    return {};
  }

  std::error_code parse_connection(std::string_view value, SdpConnection& out) {
    auto fields = split_fields(value, &info_.leniency.extra_whitespace);
    if (fields.size() != 3) return SdpError::bad_connection;
    out.net_type = std::string(fields[0]);
    out.addr_type = std::string(fields[1]);
    out.address = std::string(fields[2]);
    return {};
  }

  std::error_code parse_bandwidth(std::string_view value, SdpBandwidth& out) {
    auto colon = value.find(':');
    if (colon == std::string_view::npos || colon == 0) return SdpError::bad_bandwidth;
    std::string_view number = value.substr(colon + 1);
    if (trim(number) != number) info_.leniency.extra_whitespace = true;
    if (!parse_number(trim(number), out.value)) return SdpError::bad_bandwidth;
    out.type = std::string(value.substr(0, colon));
    return {};
  }

  std::error_code parse_timing(std::string_view value, SdpTiming& out) {
    auto fields = split_fields(value, &info_.leniency.extra_whitespace);
    if (fields.size() != 2 || !parse_number(fields[0], out.start) ||
        !parse_number(fields[1], out.stop)) {
      return SdpError::bad_timing;
    }
    return {};
  }

  static std::error_code parse_attribute(std::string_view value,
                                         std::vector<SdpAttribute>& attributes) {
    auto colon = value.find(':');
    std::string_view name = value.substr(0, colon);
    if (name.empty()) return SdpError::bad_attribute;
    SdpAttribute& a = attributes.emplace_back();
    a.name = std::string(name);
    if (colon != std::string_view::npos) a.value = std::string(value.substr(colon + 1));
    return {};
  }

  /// Puts the untyped lines in RFC 4566 order so that serializing, then parsing again,
  /// gives the same description.
  void normalize_order() {
    std::stable_sort(sdp_.other_lines.begin(), sdp_.other_lines.end(),
                     [](const SdpLine& a, const SdpLine& b) {
                       return session_rank(a.type) < session_rank(b.type);
                     });
    for (SdpMedia& m : sdp_.media) {
      std::stable_sort(m.other_lines.begin(), m.other_lines.end(),
                       [](const SdpLine& a, const SdpLine& b) {
                         return media_rank(a.type) < media_rank(b.type);
                       });
    }
  }

  SdpParseInfo& info_;
  const SdpLimits& limits_;
  SessionDescription sdp_;
  std::size_t line_number_ = 0;
  int last_rank_ = 0;
  bool seen_version_ = false;
  bool seen_origin_ = false;
  bool seen_session_name_ = false;
};

void append_line(std::string& out, char type, std::string_view value) {
  out += type;
  out += '=';
  out += value;
  out += "\r\n";
}

void append_connection(std::string& out, const SdpConnection& c) {
  out += "c=";
  out += c.net_type;
  out += ' ';
  out += c.addr_type;
  out += ' ';
  out += c.address;
  out += "\r\n";
}

void append_bandwidth(std::string& out, const SdpBandwidth& b) {
  out += "b=";
  out += b.type;
  out += ':';
  out += std::to_string(b.value);
  out += "\r\n";
}

void append_attributes(std::string& out, const std::vector<SdpAttribute>& attributes) {
  for (const SdpAttribute& a : attributes) {
    out += "a=";
    out += a.name;
    if (a.value) {
      out += ':';
      out += *a.value;
    }
    out += "\r\n";
  }
}

void append_media(std::string& out, const SdpMedia& m) {
  out += "m=";
  out += m.media;
  out += ' ';
  out += std::to_string(m.port);
  if (m.port_count) {
    out += '/';
    out += std::to_string(*m.port_count);
  }
  out += ' ';
  out += m.proto;
  for (const std::string& f : m.formats) {
    out += ' ';
    out += f;
  }
  out += "\r\n";
  for (const SdpLine& l : m.other_lines) {
    if (media_rank(l.type) < kMediaConnectionRank) append_line(out, l.type, l.value);
  }
  for (const SdpConnection& c : m.connections) append_connection(out, c);
  for (const SdpBandwidth& b : m.bandwidths) append_bandwidth(out, b);
  for (const SdpLine& l : m.other_lines) {
    if (media_rank(l.type) >= kMediaConnectionRank) append_line(out, l.type, l.value);
  }
  append_attributes(out, m.attributes);
}

}  // namespace

bool SdpLeniency::any() const {
  return bare_lf || missing_final_eol || empty_lines || missing_session_name || missing_timing ||
         non_canonical_order || unknown_line_types || extra_whitespace || spaces_in_origin_username;
}

std::optional<SessionDescription> parse_sdp(std::string_view text, std::error_code& ec,
                                            SdpParseInfo* info, const SdpLimits& limits) {
  SdpParseInfo local;
  SdpParseInfo& out_info = info ? *info : local;
  out_info = {};
  Parser parser(out_info, limits);
  ec = parser.run(text);
  if (ec) return std::nullopt;
  return parser.take();
}

std::string serialize_sdp(const SessionDescription& sdp) {
  std::string out;
  out.reserve(512);
  out += "v=0\r\n";
  const SdpOrigin& o = sdp.origin;
  out += "o=";
  for (const std::string* field : {&o.username, &o.session_id, &o.session_version,
                                   &o.address.net_type, &o.address.addr_type}) {
    out += *field;
    out += ' ';
  }
  out += o.address.address;
  out += "\r\n";
  if (sdp.session_name) append_line(out, 's', *sdp.session_name);
  for (const SdpLine& l : sdp.other_lines) {
    if (session_rank(l.type) < kSessionConnectionRank) append_line(out, l.type, l.value);
  }
  if (sdp.connection) append_connection(out, *sdp.connection);
  for (const SdpBandwidth& b : sdp.bandwidths) append_bandwidth(out, b);
  for (const SdpTiming& t : sdp.times) {
    append_line(out, 't', std::to_string(t.start) + ' ' + std::to_string(t.stop));
    for (const std::string& r : t.repeats) append_line(out, 'r', r);
  }
  for (const SdpLine& l : sdp.other_lines) {
    if (session_rank(l.type) >= kSessionConnectionRank) append_line(out, l.type, l.value);
  }
  append_attributes(out, sdp.attributes);
  for (const SdpMedia& m : sdp.media) append_media(out, m);
  return out;
}

const SdpAttribute* find_attribute(const std::vector<SdpAttribute>& attributes,
                                   std::string_view name) {
  auto it = std::find_if(attributes.begin(), attributes.end(),
                         [&](const SdpAttribute& a) { return a.name == name; });
  return it == attributes.end() ? nullptr : &*it;
}

std::vector<std::string_view> attribute_values(const std::vector<SdpAttribute>& attributes,
                                               std::string_view name) {
  std::vector<std::string_view> values;
  for (const SdpAttribute& a : attributes) {
    if (a.name == name) values.push_back(a.value ? std::string_view(*a.value) : "");
  }
  return values;
}

std::size_t remove_attributes(std::vector<SdpAttribute>& attributes, std::string_view name) {
  return std::erase_if(attributes, [&](const SdpAttribute& a) { return a.name == name; });
}

}  // namespace sipconf::sip
