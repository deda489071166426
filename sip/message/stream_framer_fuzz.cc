// libFuzzer target: the stream framer under arbitrary bytes and chunkings. The first byte
// picks the chunk size. Invariants:
//  - the framer never returns more bytes than it was fed, and accounts for every byte
//    (frames + keep-alives + ignored CRLFs + still buffered == fed, unless it failed);
//  - chunking does not matter: the same frames, in order, as when fed in one piece;
//  - every frame holds a complete header section and exactly Content-Length body bytes,
//    so it parses with stream framing without missing or trailing bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sip/message/message_parser.h"
#include "sip/message/stream_framer.h"

namespace {

using namespace sipconf::sip;

void check(bool ok) {
  if (!ok) std::abort();
}

struct Run {
  std::vector<std::string> frames;
  bool failed = false;
  std::error_code error;
};

Run run(std::string_view bytes, std::size_t chunk, const FramerLimits& limits) {
  StreamFramer f(limits);
  Run r;
  std::size_t fed = 0;
  std::size_t returned = 0;
  auto drain = [&] {
    for (;;) {
      std::string out;
      std::error_code ec;
      FrameStatus s = f.next(out, ec);
      if (s == FrameStatus::message) {
        returned += out.size();
        r.frames.push_back(std::move(out));
      } else if (s == FrameStatus::keepalive) {
        returned += 4;
        r.frames.emplace_back("<keepalive>");
      } else {
        if (s == FrameStatus::error) {
          r.failed = true;
          r.error = ec;
        }
        return;
      }
    }
  };
  for (std::size_t pos = 0; pos < bytes.size() && !r.failed; pos += chunk) {
    std::string_view piece = bytes.substr(pos, chunk);
    f.feed(piece);
    fed += piece.size();
    drain();
    check(returned <= fed);
    if (!r.failed) {
      auto ignored = static_cast<std::size_t>(f.stats().ignored_crlf);
      check(returned + f.buffered() <= fed);
      check(returned + f.buffered() + 2 * ignored >= fed);
    }
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t chunk = 1 + data[0] % 64;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  FramerLimits limits{4096, 8192};
  Run whole = run(input, input.size() + 1, limits);
  Run chunked = run(input, chunk, limits);
  check(whole.failed == chunked.failed);
  check(whole.error == chunked.error);
  check(whole.frames == chunked.frames);
  ParseOptions o;
  o.framing = Framing::stream;
  o.mode = ParseMode::lenient;
  for (const auto& frame : whole.frames) {
    if (frame == "<keepalive>") continue;
    check(frame.size() <= limits.max_header_bytes + limits.max_body_bytes);
    ParseResult r = parse_message(frame, o);
    check(r.trailing_bytes == 0);
    check(r.error != ParseError::content_length_missing);
    check(r.error != ParseError::content_length_exceeds_message);
  }
  return 0;
}
