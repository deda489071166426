#include "harness/capture/sip_flow_framer.h"

#include <charconv>

#include "harness/capture/sip_start_line.h"
#include "sip/message/header_names.h"

namespace sipconf::harness {
namespace {

/// Offset just past the empty line that ends the header section (CRLFCRLF or, from
/// sloppy stacks, LFLF), searching from `from`; npos when not there yet.
std::size_t header_section_end(std::string_view text, std::size_t from) {
  for (std::size_t i = text.find('\n', from); i != std::string_view::npos;
       i = text.find('\n', i + 1)) {
    if (i + 1 < text.size() && text[i + 1] == '\n') return i + 2;
    if (i + 2 < text.size() && text[i + 1] == '\r' && text[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

enum class LengthResult { kFound, kMissing, kInvalid };

/// Content-Length (or its compact form `l`) of a header section.
LengthResult content_length(std::string_view headers, std::size_t& length) {
  std::size_t line_start = headers.find('\n');
  while (line_start != std::string_view::npos && line_start + 1 < headers.size()) {
    ++line_start;
    const std::size_t line_end = headers.find('\n', line_start);
    std::string_view line =
        headers.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                      : line_end - line_start);
    line_start = line_end;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = trim(line.substr(0, colon));
    if (!sip::iequals(name, "Content-Length") && !sip::iequals(name, "l")) continue;
    const std::string_view value = trim(line.substr(colon + 1));
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec != std::errc() || end != value.data() + value.size()) return LengthResult::kInvalid;
    return LengthResult::kFound;
  }
  return LengthResult::kMissing;
}

}  // namespace

SipFlowFramer::SipFlowFramer(SipFlowFramerLimits limits) : limits_(limits) {}

void SipFlowFramer::feed(std::span<const uint8_t> bytes, uint64_t timestamp_ns, bool gap_before) {
  if (gap_before) {
    drop_pending();
    synced_ = false;
    lost_sync_ = true;
  }
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  buffer_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  timestamp_ns_ = timestamp_ns;
}

void SipFlowFramer::skip(std::size_t bytes) {
  start_ += bytes;
  header_scan_ = 0;
}

void SipFlowFramer::drop_pending() {
  const std::string_view rest = pending();
  if (!rest.empty() && !is_crlf_only(rest)) {
    if (synced_) ++stats_.truncated;
    stats_.skipped_bytes += rest.size();
  }
  buffer_.clear();
  start_ = 0;
  header_scan_ = 0;
}

bool SipFlowFramer::resynchronise() {
  std::string_view rest = pending();
  std::size_t pos = 0;
  while (pos < rest.size()) {
    const StartLineKind kind = classify_start_line(rest.substr(pos));
    if (kind == StartLineKind::kRequest || kind == StartLineKind::kResponse) {
      stats_.skipped_bytes += pos;
      skip(pos);
      synced_ = true;
      if (lost_sync_) ++stats_.resyncs;
      lost_sync_ = false;
      return true;
    }
    const std::size_t newline = rest.find('\n', pos);
    if (newline == std::string_view::npos) {
      // An incomplete line: keep it unless it is already too long to be a start line.
      if (rest.size() - pos > kMaxStartLineBytes) pos = rest.size();
      break;
    }
    pos = newline + 1;
  }
  stats_.skipped_bytes += pos;
  skip(pos);
  return false;
}

bool SipFlowFramer::next(FramedSipMessage& out) {
  for (;;) {
    if (!synced_ && !resynchronise()) return false;
    std::string_view rest = pending();
    // CRLFs between messages: keep-alives (RFC 5626) or stray line ends (RFC 3261 §7.5).
    std::size_t blank = 0;
    while (blank < rest.size() && (rest[blank] == '\r' || rest[blank] == '\n')) ++blank;
    if (blank > 0) {
      ++stats_.keepalives;
      skip(blank);
      rest = pending();
    }
    if (rest.empty()) return false;

    std::size_t line_length = 0;
    const StartLineKind kind = classify_start_line(rest, &line_length);
    if (kind != StartLineKind::kRequest && kind != StartLineKind::kResponse) {
      const bool line_complete = rest.find('\n') != std::string_view::npos;
      if (!line_complete && rest.size() <= kMaxStartLineBytes) return false;
      synced_ = false;
      lost_sync_ = true;
      continue;
    }

    const std::size_t header_end = header_section_end(rest, header_scan_);
    if (header_end == std::string_view::npos) {
      if (rest.size() > limits_.max_header_bytes) {
        // No end of headers in sight: not a message after all. Skip its first line.
        stats_.skipped_bytes += line_length;
        skip(line_length);
        synced_ = false;
        lost_sync_ = true;
        continue;
      }
      header_scan_ = rest.size() > 2 ? rest.size() - 2 : 0;
      return false;
    }

    std::size_t body_length = 0;
    const LengthResult length = content_length(rest.substr(0, header_end), body_length);
    if (length == LengthResult::kInvalid || body_length > limits_.max_body_bytes) {
      stats_.skipped_bytes += header_end;
      skip(header_end);
      synced_ = false;
      lost_sync_ = true;
      continue;
    }
    if (length == LengthResult::kMissing) body_length = 0;
    if (rest.size() - header_end < body_length) return false;

    out.bytes = rest.substr(0, header_end + body_length);
    out.timestamp_ns = timestamp_ns_;
    out.content_length_missing = length == LengthResult::kMissing;
    skip(out.bytes.size());
    ++stats_.messages;
    return true;
  }
}

void SipFlowFramer::finish() { drop_pending(); }

}  // namespace sipconf::harness
