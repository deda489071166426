#include "harness/capture/sip_flow_framer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

std::span<const uint8_t> span_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

const std::string kInvite =
    "INVITE sip:bob@b.test SIP/2.0\r\nVia: SIP/2.0/TCP a.test;branch=z9hG4bK1\r\n"
    "Call-ID: 1@a\r\nCSeq: 1 INVITE\r\nContent-Length: 4\r\n\r\nv=0\n";
const std::string kTrying =
    "SIP/2.0 100 Trying\r\nVia: SIP/2.0/TCP a.test;branch=z9hG4bK1\r\nCall-ID: 1@a\r\n"
    "CSeq: 1 INVITE\r\nl: 0\r\n\r\n";

struct Framed {
  std::string bytes;
  uint64_t timestamp_ns;
  bool missing_length;
};

std::vector<Framed> drain(SipFlowFramer& framer) {
  std::vector<Framed> out;
  FramedSipMessage m;
  while (framer.next(m))
    out.push_back({std::string(m.bytes), m.timestamp_ns, m.content_length_missing});
  return out;
}

TEST(SipFlowFramer, SplitsSeveralMessagesInOneChunk) {
  SipFlowFramer framer;
  const std::string stream = kInvite + "\r\n\r\n" + kTrying;
  framer.feed(span_of(stream), 7, false);
  const auto messages = drain(framer);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].bytes, kInvite);
  EXPECT_EQ(messages[1].bytes, kTrying);
  EXPECT_EQ(messages[1].timestamp_ns, 7u);
  EXPECT_EQ(framer.stats().messages, 2u);
  EXPECT_EQ(framer.stats().keepalives, 1u);
  EXPECT_EQ(framer.stats().skipped_bytes, 0u);
  EXPECT_EQ(framer.buffered(), 0u);
}

// Every split point of a two-message stream yields the same two messages, each stamped
// with the time of the chunk that completed it.
TEST(SipFlowFramer, EverySplitPointGivesTheSameMessages) {
  const std::string stream = kInvite + kTrying;
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    SipFlowFramer framer;
    framer.feed(span_of(std::string_view(stream).substr(0, cut)), 1, false);
    auto first = drain(framer);
    framer.feed(span_of(std::string_view(stream).substr(cut)), 2, false);
    auto second = drain(framer);
    first.insert(first.end(), second.begin(), second.end());
    ASSERT_EQ(first.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(first[0].bytes, kInvite) << "cut at " << cut;
    EXPECT_EQ(first[1].bytes, kTrying) << "cut at " << cut;
    EXPECT_EQ(first[0].timestamp_ns, cut >= kInvite.size() ? 1u : 2u) << "cut at " << cut;
  }
}

TEST(SipFlowFramer, ResynchronisesAfterAGap) {
  SipFlowFramer framer;
  // The first half of the INVITE, then a gap: the rest of it is lost.
  framer.feed(span_of(std::string_view(kInvite).substr(0, 40)), 1, false);
  EXPECT_TRUE(drain(framer).empty());
  const std::string after_gap = kInvite.substr(60) + kTrying;
  framer.feed(span_of(after_gap), 2, true);
  const auto messages = drain(framer);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].bytes, kTrying);
  EXPECT_EQ(framer.stats().truncated, 1u);
  EXPECT_EQ(framer.stats().resyncs, 1u);
  EXPECT_EQ(framer.stats().skipped_bytes, 40u + kInvite.size() - 60);
}

TEST(SipFlowFramer, StartsInTheMiddleOfAStream) {
  SipFlowFramer framer;
  // A capture that began mid-message: the first bytes are the tail of something else.
  const std::string stream = "ength: 0\r\n\r\nbody bytes\r\n" + kTrying;
  framer.feed(span_of(stream), 1, true);
  const auto messages = drain(framer);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].bytes, kTrying);
}

TEST(SipFlowFramer, SkipsGarbageBetweenMessages) {
  SipFlowFramer framer;
  const std::string stream = kInvite + "GARBAGE LINE\r\nmore\r\n" + kTrying;
  framer.feed(span_of(stream), 1, false);
  const auto messages = drain(framer);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].bytes, kTrying);
  EXPECT_EQ(framer.stats().resyncs, 1u);
  EXPECT_EQ(framer.stats().skipped_bytes, 20u);
}

TEST(SipFlowFramer, WithoutContentLengthCutsAtTheHeaderEnd) {
  SipFlowFramer framer;
  const std::string bare = "SIP/2.0 200 OK\r\nCall-ID: 1@a\r\nCSeq: 1 BYE\r\n\r\n";
  framer.feed(span_of(bare + kTrying), 1, false);
  const auto messages = drain(framer);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].bytes, bare);
  EXPECT_TRUE(messages[0].missing_length);
  EXPECT_FALSE(messages[1].missing_length);
}

TEST(SipFlowFramer, InvalidContentLengthIsSkipped) {
  SipFlowFramer framer;
  const std::string bad = "SIP/2.0 200 OK\r\nContent-Length: -5\r\n\r\n";
  framer.feed(span_of(bad + kTrying), 1, false);
  const auto messages = drain(framer);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].bytes, kTrying);
  EXPECT_EQ(framer.stats().skipped_bytes, bad.size());
}

TEST(SipFlowFramer, WaitsForTheBodyAndCountsATruncatedEnd) {
  SipFlowFramer framer;
  framer.feed(span_of(std::string_view(kInvite).substr(0, kInvite.size() - 2)), 1, false);
  EXPECT_TRUE(drain(framer).empty());
  EXPECT_EQ(framer.buffered(), kInvite.size() - 2);
  framer.finish();
  EXPECT_EQ(framer.stats().truncated, 1u);
  EXPECT_EQ(framer.stats().messages, 0u);
}

TEST(SipFlowFramer, NonSipStreamsBufferOnlyAPartialLine) {
  SipFlowFramer framer;
  std::string binary(100000, '\x01');
  binary[5000] = '\n';
  framer.feed(span_of(binary), 1, false);
  EXPECT_TRUE(drain(framer).empty());
  // Everything up to the last line end is gone; the tail beyond the start-line limit too.
  EXPECT_EQ(framer.buffered(), 0u);
  EXPECT_EQ(framer.stats().skipped_bytes, binary.size());
  EXPECT_EQ(framer.stats().messages, 0u);
}

}  // namespace
}  // namespace sipconf::harness
