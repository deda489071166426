#include "sip/message/message_parser.h"

#include <gtest/gtest.h>

#include "sip/message/message_writer.h"

namespace sipconf::sip {
namespace {

constexpr std::string_view kParserInvite =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
    "Max-Forwards: 70\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
    "CSeq: 314159 INVITE\r\n"
    "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "v=0\n";

ParseResult parse(std::string_view bytes, ParseMode mode = ParseMode::strict,
                  Framing framing = Framing::datagram) {
  ParseOptions o;
  o.mode = mode;
  o.framing = framing;
  return parse_message(bytes, o);
}

TEST(MessageParser, ParsesARequest) {
  ParseResult r = parse(kParserInvite);
  ASSERT_TRUE(r.ok()) << r.error.message();
  EXPECT_TRUE(r.violations.empty());
  const Message& m = *r.message;
  EXPECT_TRUE(m.is_request());
  EXPECT_EQ(m.method(), "INVITE");
  EXPECT_EQ(m.request_uri_text(), "sip:bob@biloxi.example.com");
  EXPECT_EQ(m.version(), "SIP/2.0");
  EXPECT_EQ(m.header_count(), 9u);
  EXPECT_EQ(m.header(HeaderId::call_id), "a84b4c76e66710@pc33.atlanta.example.com");
  EXPECT_EQ(m.body(), "v=0\n");
  EXPECT_EQ(serialize(m), kParserInvite);
}

TEST(MessageParser, ParsesResponsesIncludingEmptyReason) {
  auto r = parse("SIP/2.0 100 \r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.message->is_response());
  EXPECT_EQ(r.message->status_code(), 100);
  EXPECT_EQ(r.message->reason_phrase(), "");
  auto ok = parse("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.message->reason_phrase(), "OK");
  EXPECT_FALSE(ok.request);
}

TEST(MessageParser, FoldedValuesAndSpaceBeforeColon) {
  auto r = parse(
      "OPTIONS sip:a@b.example SIP/2.0\r\nTO :\r\n sip:a@b.example ;   tag    = 1\r\n"
      "NewFangledHeader:   newfangled value\r\n continued newfangled value\r\nl: 0\r\n\r\n");
  ASSERT_TRUE(r.ok()) << r.error.message();
  EXPECT_EQ(r.message->header(HeaderId::to), "sip:a@b.example ;   tag    = 1");
  EXPECT_EQ(r.message->header("newfangledheader"),
            "newfangled value\r\n continued newfangled value");
  EXPECT_EQ(r.message->header_at(0).name, "TO");
}

TEST(MessageParser, LeadingCrlfIsIgnored) {
  auto r = parse("\r\n\r\nOPTIONS sip:a@b.example SIP/2.0\r\nl: 0\r\n\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message->method(), "OPTIONS");
}

TEST(MessageParser, EmptyInputIsDroppedWithoutAMessage) {
  for (std::string_view empty : {"", "\r\n\r\n", "   \r\n"}) {
    auto r = parse(empty);
    EXPECT_EQ(r.error, ParseError::empty_message);
    EXPECT_FALSE(r.message.has_value());
    EXPECT_TRUE(r.suggested_response().drop());
  }
}

TEST(MessageParser, StartLineErrors) {
  struct Case {
    std::string_view line;
    ParseError error;
    int status;
  };
  for (auto c : {Case{"INVITE sip:a@b.example", ParseError::start_line_malformed, 400},
                 Case{"INVITE", ParseError::start_line_malformed, 400},
                 Case{"INV@ITE sip:a@b.example SIP/2.0", ParseError::method_invalid, 400},
                 Case{"INVITE sip:a@b.example SIP/7.0", ParseError::version_not_supported, 505},
                 Case{"INVITE sip:a@b.example HTTP/1.1", ParseError::version_malformed, 400},
                 Case{"INVITE sip:a@@b SIP/2.0", ParseError::request_uri_malformed, 400},
                 Case{"SIP/2.0 4294967301 better not break", ParseError::status_code_invalid, 0},
                 Case{"SIP/2.0 99 Low", ParseError::status_code_invalid, 0},
                 Case{"SIP/2.0 700 High", ParseError::status_code_invalid, 0},
                 Case{"SIP/2.0 20x OK", ParseError::status_code_invalid, 0},
                 Case{"SIP/2.0", ParseError::status_line_malformed, 0},
                 Case{"SIP/3.0 200 OK", ParseError::version_not_supported, 0}}) {
    std::string bytes = std::string(c.line) + "\r\nContent-Length: 0\r\n\r\n";
    for (auto mode : {ParseMode::strict, ParseMode::lenient}) {
      auto r = parse(bytes, mode);
      EXPECT_EQ(r.error, c.error) << c.line;
      EXPECT_EQ(r.suggested_response().status, c.status) << c.line;
    }
  }
}

TEST(MessageParser, LenientStartLineRepairsAreNeverForwarded) {
  struct Case {
    std::string_view line;
    ParseError error;
    std::string_view repaired;
  };
  for (auto c : {Case{"INVITE  sip:a@b.example  SIP/2.0", ParseError::request_line_extra_whitespace,
                      "INVITE sip:a@b.example SIP/2.0"},
                 Case{"OPTIONS sip:a@b.example SIP/2.0  ",
                      ParseError::request_line_extra_whitespace, "OPTIONS sip:a@b.example SIP/2.0"},
                 Case{"INVITE <sip:a@b.example> SIP/2.0", ParseError::request_uri_bracketed,
                      "INVITE sip:a@b.example SIP/2.0"},
                 Case{"INVITE sip:a@b.example; lr SIP/2.0", ParseError::request_uri_has_lws,
                      "INVITE sip:a@b.example;lr SIP/2.0"},
                 Case{"INVITE sip:a@b.example?Route=%3Csip:x%3E SIP/2.0",
                      ParseError::request_uri_has_headers, "INVITE sip:a@b.example SIP/2.0"},
                 Case{"SIP/2.0  200 OK", ParseError::status_line_malformed, "SIP/2.0 200 OK"},
                 Case{"SIP/2.0 200", ParseError::status_line_malformed, "SIP/2.0 200 "}}) {
    std::string bytes = std::string(c.line) + "\r\nContent-Length: 0\r\n\r\n";
    auto strict = parse(bytes);
    EXPECT_EQ(strict.error, c.error) << c.line;
    auto lenient = parse(bytes, ParseMode::lenient);
    EXPECT_TRUE(lenient.ok()) << c.line;
    ASSERT_FALSE(lenient.violations.empty());
    EXPECT_EQ(lenient.violations[0].code, c.error);
    EXPECT_EQ(lenient.violations[0].line, 1u);
    EXPECT_GE(lenient.violations[0].column, 1u);
    EXPECT_EQ(serialize(*lenient.message),
              std::string(c.repaired) + "\r\nContent-Length: 0\r\n\r\n");
  }
}

TEST(MessageParser, HeaderLineErrorsAreReportedWithLine) {
  std::string_view bytes =
      "OPTIONS sip:a@b.example SIP/2.0\r\nGood: 1\r\nFoobar roobar\r\nBad Name: 2\r\nl: 0\r\n\r\n";
  auto strict = parse(bytes);
  EXPECT_EQ(strict.error, ParseError::header_line_malformed);
  auto lenient = parse(bytes, ParseMode::lenient);
  EXPECT_TRUE(lenient.ok());
  ASSERT_EQ(lenient.violations.size(), 2u);
  EXPECT_EQ(lenient.violations[0].line, 3u);
  EXPECT_EQ(lenient.violations[0].column, 1u);
  EXPECT_EQ(lenient.violations[0].offset, 42u);
  EXPECT_EQ(lenient.violations[1].code, ParseError::header_name_invalid);
  EXPECT_EQ(lenient.violations[1].line, 4u);
  // Lines that are not headers are dropped, the rest kept.
  EXPECT_EQ(lenient.message->header_count(), 2u);
  EXPECT_EQ(serialize(*lenient.message),
            "OPTIONS sip:a@b.example SIP/2.0\r\nGood: 1\r\nl: 0\r\n\r\n");
}

TEST(MessageParser, BareLineFeedsAreToleratedLeniently) {
  std::string_view bytes =
      "OPTIONS sip:a@b.example SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nl: 0\n\n";
  EXPECT_EQ(parse(bytes).error, ParseError::bare_line_feed);
  auto lenient = parse(bytes, ParseMode::lenient);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient.message->header(HeaderId::via), "SIP/2.0/UDP h;branch=z9hG4bK1");
}

TEST(MessageParser, UnterminatedHeaderSection) {
  // Cut inside a line: truncated, fatal everywhere.
  auto cut = parse("OPTIONS sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP h", ParseMode::lenient);
  EXPECT_EQ(cut.error, ParseError::header_section_unterminated);
  // Ends after a complete line (RFC 4475 baddn): only the empty line is missing.
  auto missing = parse("OPTIONS sip:a@b.example SIP/2.0\r\nl: 0\r\n", ParseMode::lenient);
  EXPECT_TRUE(missing.ok());
  EXPECT_EQ(parse("OPTIONS sip:a@b.example SIP/2.0\r\nl: 0\r\n").error,
            ParseError::header_section_unterminated);
}

TEST(MessageParser, ContentLengthFraming) {
  std::string head = "MESSAGE sip:a@b.example SIP/2.0\r\n";
  auto trailing = parse(head + "l: 2\r\n\r\nhi there");
  ASSERT_TRUE(trailing.ok());
  EXPECT_EQ(trailing.message->body(), "hi");
  EXPECT_EQ(trailing.trailing_bytes, 6u);
  EXPECT_EQ(parse(head + "l: 2\r\n\r\nhi there", ParseMode::strict, Framing::stream).error,
            ParseError::trailing_octets);
  auto missing = parse(head + "\r\nbody to the end");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing.message->body(), "body to the end");
  EXPECT_EQ(parse(head + "\r\nx", ParseMode::strict, Framing::stream).error,
            ParseError::content_length_missing);
  EXPECT_EQ(parse(head + "l: 9999\r\n\r\nshort").error, ParseError::content_length_exceeds_message);
  EXPECT_EQ(parse(head + "l: -999\r\n\r\nx").error, ParseError::content_length_invalid);
  EXPECT_EQ(parse(head + "Content-Length: 13\r\nl: 5\r\n\r\nhello").error,
            ParseError::content_length_conflict);
  auto duplicated = parse(head + "Content-Length: 5\r\nl: 5\r\n\r\nhello", ParseMode::lenient);
  ASSERT_TRUE(duplicated.ok());
  EXPECT_EQ(duplicated.message->count(HeaderId::content_length), 1u);
  EXPECT_EQ(parse(head + "Content-Length: 5\r\nl: 5\r\n\r\nhello").error,
            ParseError::content_length_duplicated);
}

TEST(MessageParser, CseqMethodMustMatch) {
  std::string tail = "\r\nCSeq: 8 INVITE\r\nl: 0\r\n\r\n";
  EXPECT_EQ(parse("OPTIONS sip:a@b.example SIP/2.0" + tail).error,
            ParseError::cseq_method_mismatch);
  auto unknown = parse("NEWMETHOD sip:a@b.example SIP/2.0" + tail);
  EXPECT_EQ(unknown.error, ParseError::unknown_method_cseq_mismatch);
  EXPECT_EQ(unknown.suggested_response().status, 501);
  ParseOptions o;
  o.check_cseq_method = false;
  EXPECT_TRUE(parse_message("OPTIONS sip:a@b.example SIP/2.0" + tail, o).ok());
}

TEST(MessageParser, TypedValidationCanBeDeferred) {
  std::string_view bytes = "OPTIONS sip:a@b.example SIP/2.0\r\nVia: garbage\r\nl: 0\r\n\r\n";
  EXPECT_EQ(parse(bytes).error, ParseError::via_malformed);
  ParseOptions fast;
  fast.validate_headers = false;
  auto r = parse_message(bytes, fast);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.message->header(HeaderId::via), "garbage");
}

TEST(MessageParser, ErrorIsTheFirstRejectedViolationInMessageOrder) {
  auto r = parse(
      "OPTIONS sip:a@b.example SIP/2.0\r\nFrom: Bell, A <sip:a@b.example>\r\nCSeq: "
      "99999999999 OPTIONS\r\nl: 0\r\n",
      ParseMode::strict);
  EXPECT_EQ(r.error, ParseError::display_name_invalid);
  ASSERT_EQ(r.violations.size(), 3u);
  EXPECT_EQ(r.violations[0].header, "From");
  EXPECT_EQ(r.violations[0].line, 2u);
  EXPECT_EQ(r.violations[0].column, 7u);  // "From: " then the display name
  EXPECT_EQ(r.violations[1].header, "CSeq");
  EXPECT_EQ(r.violations[2].code, ParseError::header_section_unterminated);
}

TEST(MessageParser, SizeAndViolationLimits) {
  ParseOptions o;
  o.max_message_bytes = 16;
  auto big = parse_message(kParserInvite, o);
  EXPECT_EQ(big.error, ParseError::message_too_large);
  EXPECT_EQ(big.suggested_response().status, 513);
  EXPECT_FALSE(big.message.has_value());

  std::string many = "OPTIONS sip:a@b.example SIP/2.0\r\n";
  for (int i = 0; i < 100; ++i) many += "no colon here\r\n";
  many += "l: 0\r\n\r\n";
  ParseOptions lenient;
  lenient.mode = ParseMode::lenient;
  lenient.max_violations = 10;
  auto r = parse_message(many, lenient);
  EXPECT_EQ(r.violations.size(), 10u);
  EXPECT_EQ(r.violations_dropped, 90u);
}

TEST(MessageParser, ControlCharactersInUnknownHeaders) {
  std::string bytes("OPTIONS sip:a@b.example SIP/2.0\r\nX-Ctl: a\x01z\r\nl: 0\r\n\r\n");
  EXPECT_EQ(parse(bytes).error, ParseError::header_value_invalid);
  auto lenient = parse(bytes, ParseMode::lenient);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient.message->header("X-Ctl"), "a z");
}

TEST(MessageParser, OwnsItsBufferWhenMovedIn) {
  std::string bytes(kParserInvite);
  const char* data = bytes.data();
  auto r = parse_message(std::move(bytes));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message->method().data(), data);  // no copy was made
}

}  // namespace
}  // namespace sipconf::sip
