#include "sip/message/message_writer.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"
#include "sip/message/rfc4475_corpus.h"

namespace sipconf::sip {
namespace {

using testing::rfc4475_messages;

ParseResult lenient(std::string_view bytes) {
  ParseOptions o;
  o.mode = ParseMode::lenient;
  return parse_message(bytes, o);
}

TEST(MessageWriter, ValidCorpusMessagesRoundTripByteForByte) {
  // Every message that parses strictly with nothing to repair, no trailing octets and a
  // Content-Length comes back exactly as received.
  int checked = 0;
  for (const auto& c : rfc4475_messages()) {
    ParseResult r = parse_message(c.bytes);
    if (!r.ok() || r.trailing_bytes != 0 || !r.message->has(HeaderId::content_length)) continue;
    bool repaired = false;
    for (const auto& v : r.violations) repaired = repaired || v.severity == Severity::accepted;
    if (repaired) continue;
    std::string out = serialize(*r.message);
    std::size_t leading = c.bytes.find_first_not_of("\r\n");
    EXPECT_EQ(out, c.bytes.substr(leading)) << c.name;
    ++checked;
  }
  EXPECT_GE(checked, 25);
}

TEST(MessageWriter, SerializingIsStable) {
  // parse(serialize(parse(x))) == parse(x) for everything the lenient parser accepts.
  for (const auto& c : rfc4475_messages()) {
    ParseResult first = lenient(c.bytes);
    if (!first.ok()) continue;
    std::string once = serialize(*first.message);
    ParseResult second = parse_message(once);
    ASSERT_TRUE(second.ok()) << c.name << ": " << second.error.message() << "\n" << once;
    for (const auto& v : second.violations) {
      EXPECT_NE(v.severity, Severity::tolerated) << c.name << " re-parse: " << v.detail;
    }
    EXPECT_EQ(serialize(*second.message), once) << c.name;
    std::size_t added = first.message->has(HeaderId::content_length) ? 0 : 1;
    EXPECT_EQ(second.message->header_count(), first.message->header_count() + added) << c.name;
  }
}

TEST(MessageWriter, DatagramTrailingOctetsAreNeverForwarded) {
  // RFC 4475 dblreq: a REGISTER followed by what looks like an INVITE.
  std::string bytes = testing::rfc4475_message("dblreq");
  ParseResult r = parse_message(bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_GT(r.trailing_bytes, 0u);
  std::string out = serialize(*r.message);
  EXPECT_EQ(out.find("INVITE"), std::string::npos);
  EXPECT_EQ(out.size(), bytes.size() - r.trailing_bytes);
}

TEST(MessageWriter, ContentLengthIsRecomputed) {
  ParseResult r = parse_message(std::string_view(
      "MESSAGE sip:a@b.example SIP/2.0\r\nl: 5\r\nContent-Type: text/plain\r\n\r\nhello"));
  ASSERT_TRUE(r.ok());
  Message m = std::move(*r.message);
  m.set_body("hello, world");
  EXPECT_EQ(serialize(m),
            "MESSAGE sip:a@b.example SIP/2.0\r\nl: 12\r\nContent-Type: text/plain\r\n\r\n"
            "hello, world");
  WriteOptions keep;
  keep.fix_content_length = false;
  EXPECT_EQ(serialize(m, keep),
            "MESSAGE sip:a@b.example SIP/2.0\r\nl: 5\r\nContent-Type: text/plain\r\n\r\n"
            "hello, world");
  // A message without Content-Length (RFC 2543 style) gets one.
  ParseResult old = parse_message(testing::rfc4475_message("inv2543"));
  ASSERT_TRUE(old.ok());
  std::string out = serialize(*old.message);
  EXPECT_NE(out.find("Content-Length: " + std::to_string(old.message->body().size()) + "\r\n"),
            std::string::npos);
}

TEST(MessageWriter, StartLineSummary) {
  EXPECT_EQ(start_line(Message::response(180)), "SIP/2.0 180 Ringing");
  EXPECT_EQ(start_line(Message::request("BYE", Uri::sip("bob", "example.com"))),
            "BYE sip:bob@example.com SIP/2.0");
  ParseResult r = parse_message(testing::rfc4475_message("noreason"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(start_line(*r.message), "SIP/2.0 100 ");
}

TEST(MessageWriter, RepairedHeadersAreWrittenWellFormed) {
  ParseResult r = lenient(testing::rfc4475_message("badinv01"));
  ASSERT_TRUE(r.ok());
  std::string out = serialize(*r.message);
  EXPECT_NE(out.find("\r\nVia: SIP/2.0/UDP 192.0.2.15\r\n"), std::string::npos);
  EXPECT_NE(out.find("\r\nContact: Joe <sip:joe@example.org>\r\n"), std::string::npos);
  EXPECT_EQ(out.find(";;"), std::string::npos);
}

}  // namespace
}  // namespace sipconf::sip
