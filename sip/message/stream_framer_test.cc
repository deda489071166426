#include "sip/message/stream_framer.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"
#include "sip/message/parse_error.h"
#include "sip/message/rfc4475_corpus.h"

namespace sipconf::sip {
namespace {

using testing::rfc4475_message;
using testing::rfc4475_messages;

/// What the framer produced: messages and keep-alives in order, then how it stopped.
struct Events {
  std::vector<std::string> frames;  // message bytes, or "<keepalive>"
  FrameStatus last = FrameStatus::need_more;
  std::error_code error;
  std::size_t buffered = 0;

  friend bool operator==(const Events&, const Events&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Events& e) {
    os << e.frames.size() << " frames, then "
       << (e.last == FrameStatus::error ? "error " + e.error.message() : "need_more") << ", "
       << e.buffered << " buffered";
    return os;
  }
};

void drain(StreamFramer& f, Events& e) {
  for (;;) {
    std::string out;
    std::error_code ec;
    FrameStatus s = f.next(out, ec);
    if (s == FrameStatus::message) {
      e.frames.push_back(out);
    } else if (s == FrameStatus::keepalive) {
      e.frames.push_back("<keepalive>");
    } else {
      e.last = s;
      e.error = ec;
      // After an error the framer stops buffering, so the count depends on the chunking.
      e.buffered = s == FrameStatus::error ? 0 : f.buffered();
      return;
    }
  }
}

Events feed_chunks(std::string_view bytes, const std::vector<std::size_t>& cuts,
                   FramerLimits limits = {}) {
  StreamFramer f(limits);
  Events e;
  std::size_t prev = 0;
  for (std::size_t cut : cuts) {
    f.feed(bytes.substr(prev, cut - prev));
    drain(f, e);
    prev = cut;
  }
  f.feed(bytes.substr(prev));
  drain(f, e);
  return e;
}

Events feed_whole(std::string_view bytes) { return feed_chunks(bytes, {}); }

TEST(StreamFramer, CorpusOutcomesOverAStream) {
  // Messages whose Content-Length frames exactly the file come out whole.
  int whole = 0;
  for (const auto& c : rfc4475_messages()) {
    Events e = feed_whole(c.bytes);
    if (e.frames.size() == 1 && e.frames[0] == c.bytes) ++whole;
  }
  EXPECT_EQ(whole, 44);
  // RFC 4475: bad Content-Length over a stream is an unrecoverable framing error.
  EXPECT_EQ(feed_whole(rfc4475_message("ncl")).error, ParseError::content_length_invalid);
  EXPECT_EQ(feed_whole(rfc4475_message("mcl01")).error, ParseError::content_length_conflict);
  EXPECT_EQ(feed_whole(rfc4475_message("inv2543")).error, ParseError::content_length_missing);
  for (auto name : {"ncl", "mcl01", "inv2543"}) {
    EXPECT_EQ(feed_whole(rfc4475_message(name)).last, FrameStatus::error) << name;
    EXPECT_TRUE(feed_whole(rfc4475_message(name)).frames.empty()) << name;
  }
  // clerr: wait for the 9999 bytes that never come (the transport times out).
  Events clerr = feed_whole(rfc4475_message("clerr"));
  EXPECT_EQ(clerr.last, FrameStatus::need_more);
  EXPECT_EQ(clerr.buffered, rfc4475_message("clerr").size());
  // baddn lacks the empty line: still waiting.
  EXPECT_EQ(feed_whole(rfc4475_message("baddn")).last, FrameStatus::need_more);
  // dblreq over a stream: the REGISTER, then (after an ignored CRLF) the INVITE.
  Events dbl = feed_whole(rfc4475_message("dblreq"));
  ASSERT_EQ(dbl.frames.size(), 2u);
  EXPECT_EQ(dbl.frames[0].substr(0, 8), "REGISTER");
  EXPECT_EQ(dbl.frames[1].substr(0, 6), "INVITE");
  EXPECT_EQ(dbl.frames[0].size(), 300u);
  EXPECT_EQ(dbl.frames[1].size(), 443u);
  // The INVITE's Content-Length (150) is 5 bytes short of its body; the rest is garbage
  // without a Content-Length, which ends the stream.
  EXPECT_EQ(dbl.error, ParseError::content_length_missing);
}

TEST(StreamFramer, EveryCorpusMessageSplitAtEveryByte) {
  for (const auto& c : rfc4475_messages()) {
    Events reference = feed_whole(c.bytes);
    for (std::size_t k = 1; k < c.bytes.size(); ++k) {
      Events split = feed_chunks(c.bytes, {k});
      ASSERT_EQ(split, reference) << c.name << " split at " << k;
    }
  }
}

TEST(StreamFramer, EveryCorpusMessageOneByteAtATime) {
  for (const auto& c : rfc4475_messages()) {
    std::vector<std::size_t> cuts;
    for (std::size_t k = 1; k < c.bytes.size(); ++k) cuts.push_back(k);
    EXPECT_EQ(feed_chunks(c.bytes, cuts), feed_whole(c.bytes)) << c.name;
  }
}

TEST(StreamFramer, AllMessagesConcatenatedWithKeepalives) {
  std::string stream;
  std::vector<std::string> expected;
  for (const auto& c : rfc4475_messages()) {
    Events e = feed_whole(c.bytes);
    if (e.frames.size() != 1 || e.frames[0] != c.bytes) continue;
    stream += c.bytes;
    expected.push_back(c.bytes);
    if (expected.size() % 7 == 0) {
      stream += "\r\n\r\n";
      expected.push_back("<keepalive>");
    } else if (expected.size() % 5 == 0) {
      stream += "\r\n";  // a lone CRLF between messages is ignored
    }
  }
  ASSERT_GE(expected.size(), 44u);
  for (std::size_t step : {1u, 3u, 17u, 100u, 1499u, 65536u}) {
    std::vector<std::size_t> cuts;
    for (std::size_t k = step; k < stream.size(); k += step) cuts.push_back(k);
    Events e = feed_chunks(stream, cuts);
    EXPECT_EQ(e.frames, expected) << "chunk size " << step;
    EXPECT_EQ(e.last, FrameStatus::need_more);
    EXPECT_EQ(e.buffered, 0u);
  }
}

TEST(StreamFramer, FramedMessagesParseWithStreamFraming) {
  ParseOptions o;
  o.framing = Framing::stream;
  for (const auto& c : rfc4475_messages()) {
    for (const std::string& frame : feed_whole(c.bytes).frames) {
      auto r = parse_message(frame, o);
      EXPECT_NE(r.error, ParseError::content_length_missing) << c.name;
      EXPECT_NE(r.error, ParseError::trailing_octets) << c.name;
      EXPECT_EQ(r.trailing_bytes, 0u) << c.name;
    }
  }
}

TEST(StreamFramer, KeepalivesAndStrayCrlf) {
  Events e = feed_whole("\r\n\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n\r\n\r\n");
  ASSERT_EQ(e.frames.size(), 3u);
  EXPECT_EQ(e.frames[0], "<keepalive>");
  EXPECT_EQ(e.frames[1], "OPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n");
  EXPECT_EQ(e.frames[2], "<keepalive>");
  // A lone CRLF could still become a ping: wait.
  Events pending = feed_whole("\r\n");
  EXPECT_TRUE(pending.frames.empty());
  EXPECT_EQ(pending.buffered, 2u);
  StreamFramer f;
  f.feed("\r\n\r\n");
  std::string out;
  std::error_code ec;
  EXPECT_EQ(f.next(out, ec), FrameStatus::keepalive);
  EXPECT_EQ(f.stats().keepalives, 1u);
  f.feed("\r\nOPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(f.next(out, ec), FrameStatus::message);
  EXPECT_EQ(f.stats().ignored_crlf, 1u);
  EXPECT_EQ(f.stats().messages, 1u);
}

TEST(StreamFramer, ContentLengthVariants) {
  // Compact form, odd case, folded value, body with CRLFs inside.
  Events e = feed_whole(
      "MESSAGE sip:a@b SIP/2.0\r\nX-L: l: 99\r\ncontent-LENGTH :\r\n 6\r\n\r\n\r\n\r\n\r\nMESSAGE "
      "sip:a@b SIP/2.0\r\nl:2\r\n\r\nhi");
  ASSERT_EQ(e.frames.size(), 2u);
  EXPECT_EQ(e.frames[0].substr(e.frames[0].size() - 6), "\r\n\r\n\r\n");
  EXPECT_EQ(e.frames[1].substr(e.frames[1].size() - 2), "hi");
  EXPECT_EQ(feed_whole("M sip:a SIP/2.0\r\nl: 5\r\nl: 5\r\n\r\nhello").frames.size(), 1u);
  for (std::string_view bad : {"l: 5x", "l: 0x5", "l:", "l: 99999999999999999999", "l: +5"}) {
    Events b = feed_whole("M sip:a SIP/2.0\r\n" + std::string(bad) + "\r\n\r\n");
    EXPECT_EQ(b.last, FrameStatus::error) << bad;
    EXPECT_EQ(b.error, ParseError::content_length_invalid) << bad;
  }
}

TEST(StreamFramer, LimitsAreFramingErrors) {
  FramerLimits small{64, 10};
  Events header = feed_chunks(std::string(100, 'A'), {50}, small);
  EXPECT_EQ(header.error, ParseError::header_section_too_large);
  Events body = feed_chunks("M sip:a SIP/2.0\r\nl: 11\r\n\r\n", {}, small);
  EXPECT_EQ(body.error, ParseError::body_too_large);
  Events fits = feed_chunks("M sip:a SIP/2.0\r\nl: 10\r\n\r\n0123456789", {}, small);
  EXPECT_EQ(fits.frames.size(), 1u);
}

TEST(StreamFramer, ErrorsAreSticky) {
  StreamFramer f;
  std::string_view bad = "M sip:a SIP/2.0\r\nl: -1\r\n\r\n";
  std::string_view good = "OPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n";
  f.feed(bad);
  std::string out;
  std::error_code ec;
  EXPECT_EQ(f.next(out, ec), FrameStatus::error);
  f.feed(good);
  EXPECT_EQ(f.next(out, ec), FrameStatus::error);
  EXPECT_EQ(ec, ParseError::content_length_invalid);
  EXPECT_EQ(f.stats().bytes_fed, bad.size() + good.size());
}

TEST(StreamFramer, BufferIsReclaimed) {
  StreamFramer f;
  std::string msg = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n";
  std::string out;
  std::error_code ec;
  for (int i = 0; i < 10000; ++i) {
    f.feed(msg);
    ASSERT_EQ(f.next(out, ec), FrameStatus::message);
    ASSERT_EQ(out, msg);
  }
  EXPECT_EQ(f.buffered(), 0u);
  EXPECT_EQ(f.next(out, ec), FrameStatus::need_more);
}

}  // namespace
}  // namespace sipconf::sip
