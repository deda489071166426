#include "harness/capture/sip_start_line.h"

#include <string>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

TEST(SipStartLine, RecognisesRequestsWithAnyTokenMethod) {
  std::size_t length = 0;
  EXPECT_EQ(classify_start_line("INVITE sip:bob@b.test SIP/2.0\r\nVia: x\r\n", &length),
            StartLineKind::kRequest);
  EXPECT_EQ(length, 31u);
  // Unknown and lower-case methods are still tokens (PROTOS c07 sends `aaaa...`).
  EXPECT_EQ(classify_start_line("aaaaaaaaa sip:tori@localhost SIP/2.0\r\n"),
            StartLineKind::kRequest);
  EXPECT_EQ(classify_start_line("OPTIONS sip:x SIP/2.0\n"), StartLineKind::kRequest);
  // The version is case-insensitive.
  EXPECT_EQ(classify_start_line("BYE sip:x sip/2.0\r\n"), StartLineKind::kRequest);
}

TEST(SipStartLine, RecognisesResponses) {
  std::size_t length = 0;
  EXPECT_EQ(classify_start_line("SIP/2.0 200 OK\r\n", &length), StartLineKind::kResponse);
  EXPECT_EQ(length, 16u);
  EXPECT_EQ(classify_start_line("SIP/2.0 180\r\n"), StartLineKind::kResponse);
  EXPECT_EQ(classify_start_line("SIP/2.0 2000 OK\r\n"), StartLineKind::kNone);
  EXPECT_EQ(classify_start_line("SIP/2.0 20 OK\r\n"), StartLineKind::kNone);
}

TEST(SipStartLine, RequestShapedGarbageIsMalformedNotSip) {
  // An empty method and high-bit bytes where the method belongs.
  EXPECT_EQ(classify_start_line(" sip:tori@localhost SIP/2.0\r\n"),
            StartLineKind::kMalformedRequest);
  EXPECT_EQ(classify_start_line("\xe5\xe4\xf6 sip:tori@localhost SIP/2.0\r\n"),
            StartLineKind::kMalformedRequest);
}

TEST(SipStartLine, RejectsOtherProtocolsAndIncompleteLines) {
  EXPECT_EQ(classify_start_line("GET / HTTP/1.1\r\n"), StartLineKind::kNone);
  EXPECT_EQ(classify_start_line("INVITE sip:bob@b.test SIP/2.0"), StartLineKind::kNone);
  EXPECT_EQ(classify_start_line("SIP/2.0\r\n"), StartLineKind::kNone);
  EXPECT_EQ(classify_start_line("INVITE SIP/2.0\r\n"), StartLineKind::kNone);
  EXPECT_EQ(classify_start_line(""), StartLineKind::kNone);
  // RTP (version 2) and a DNS header.
  EXPECT_EQ(classify_start_line(std::string("\x80\x00\x01\x02 SIP/2.0\r\n", 14)),
            StartLineKind::kNone);
  EXPECT_EQ(classify_start_line(std::string("\x12\x34\x01\x00\x00\x01", 6)), StartLineKind::kNone);
  // 16,000 bytes of `a` without a line end (PROTOS c07), and a line over the limit.
  EXPECT_EQ(classify_start_line(std::string(16000, 'a')), StartLineKind::kNone);
  EXPECT_EQ(classify_start_line(std::string(20000, 'a') + " sip:x SIP/2.0\r\n"),
            StartLineKind::kNone);
}

TEST(SipStartLine, CrlfOnly) {
  EXPECT_TRUE(is_crlf_only("\r\n\r\n"));
  EXPECT_TRUE(is_crlf_only("\n"));
  EXPECT_FALSE(is_crlf_only(""));
  EXPECT_FALSE(is_crlf_only("\r\nx"));
}

}  // namespace
}  // namespace sipconf::harness
