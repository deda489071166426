#include "sip/message/message.h"

#include <gtest/gtest.h>

#include "sip/base/lexer.h"
#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/parse_error.h"
#include "sip/message/rfc4475_corpus.h"

namespace sipconf::sip {
namespace {

TEST(Message, BuildRequestFromScratch) {
  Message m = Message::request("INVITE", Uri::sip("+14255550100", "gw.example.com", 5068));
  m.append_header(HeaderId::via, "SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bK1");
  m.append_header(HeaderId::max_forwards, "70");
  m.append_header("X-Custom", "kept");
  m.set_body("v=0\r\n", "application/sdp");
  EXPECT_TRUE(m.is_request());
  EXPECT_EQ(m.method(), "INVITE");
  EXPECT_EQ(m.request_uri_text(), "sip:+14255550100@gw.example.com:5068");
  EXPECT_EQ(m.version(), "SIP/2.0");
  EXPECT_EQ(m.header("x-custom"), "kept");
  EXPECT_EQ(m.header(HeaderId::content_type), "application/sdp");
  EXPECT_EQ(serialize(m),
            "INVITE sip:+14255550100@gw.example.com:5068 SIP/2.0\r\n"
            "Via: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bK1\r\n"
            "Max-Forwards: 70\r\n"
            "X-Custom: kept\r\n"
            "Content-Type: application/sdp\r\n"
            "Content-Length: 5\r\n"
            "\r\n"
            "v=0\r\n");
}

TEST(Message, ResponseDefaultsReasonPhrase) {
  Message r = Message::response(486);
  EXPECT_TRUE(r.is_response());
  EXPECT_EQ(r.status_code(), 486);
  EXPECT_EQ(r.reason_phrase(), "Busy Here");
  EXPECT_EQ(Message::response(299).reason_phrase(), "Success");
  EXPECT_EQ(Message::response(200, "Fine").reason_phrase(), "Fine");
  EXPECT_EQ(serialize(r), "SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n");
}

TEST(Message, HeaderLookupByIdNameAndCompactForm) {
  auto r = parse_message(
      std::string_view("OPTIONS sip:a@b.example SIP/2.0\r\nv: SIP/2.0/UDP h1;branch=z9hG4bK1\r\n"
                       "Via: SIP/2.0/UDP h2;branch=z9hG4bK2\r\nX-A: 1\r\nx-a: 2\r\nl: 0\r\n\r\n"));
  ASSERT_TRUE(r.ok()) << r.error.message();
  const Message& m = *r.message;
  EXPECT_EQ(m.count(HeaderId::via), 2u);
  EXPECT_EQ(m.count("VIA"), 2u);
  EXPECT_EQ(m.count("v"), 2u);
  EXPECT_EQ(m.header("Via"), "SIP/2.0/UDP h1;branch=z9hG4bK1");
  EXPECT_EQ(m.header_at(0).name, "v");
  EXPECT_EQ(m.header_values("X-A"), (std::vector<std::string_view>{"1", "2"}));
  EXPECT_EQ(m.find(HeaderId::via, 1), 1u);
  EXPECT_EQ(m.find(HeaderId::route), m.header_count());
  EXPECT_FALSE(m.header("Route").has_value());
}

TEST(Message, MutationsKeepOrderAndNames) {
  auto r = parse_message(std::string_view(
      "INVITE sip:a@b.example SIP/2.0\r\nv: SIP/2.0/UDP h1;branch=z9hG4bK1\r\nMax-Forwards: "
      "70\r\nX-Drop: 1\r\nx-drop: 2\r\nl: 0\r\n\r\n"));
  ASSERT_TRUE(r.ok());
  Message m = std::move(*r.message);
  m.prepend_header(HeaderId::via, "SIP/2.0/UDP me;branch=z9hG4bKme");
  m.prepend_header(HeaderId::record_route, "<sip:me;lr>");
  m.set_header(HeaderId::max_forwards, "69");
  EXPECT_EQ(m.remove_headers("X-Drop"), 2u);
  m.set_request_uri(Uri::sip("bob", "next.example"));
  EXPECT_EQ(serialize(m),
            "INVITE sip:bob@next.example SIP/2.0\r\n"
            "Record-Route: <sip:me;lr>\r\n"
            "Via: SIP/2.0/UDP me;branch=z9hG4bKme\r\n"
            "v: SIP/2.0/UDP h1;branch=z9hG4bK1\r\n"
            "Max-Forwards: 69\r\n"
            "l: 0\r\n\r\n");
}

TEST(Message, SetHeaderCollapsesDuplicatesAndAppendsWhenAbsent) {
  Message m = Message::response(200);
  m.append_header("Supported", "timer");
  m.append_header("k", "100rel");
  m.set_header(HeaderId::supported, "timer, 100rel");
  EXPECT_EQ(m.count(HeaderId::supported), 1u);
  EXPECT_EQ(m.header(HeaderId::supported), "timer, 100rel");
  m.set_header("X-New", "yes");
  EXPECT_EQ(m.header_at(m.header_count() - 1).name, "X-New");
}

TEST(Message, ValuesCannotInjectHeaders) {
  Message m = Message::response(200);
  m.append_header("X-Evil", "a\r\nVia: forged");
  m.append_header("X-Folded", "a,\r\n b");
  EXPECT_EQ(m.count(HeaderId::via), 0u);
  EXPECT_EQ(m.header("X-Evil"), "a  Via: forged");
  EXPECT_EQ(m.header("X-Folded"), "a,\r\n b");
  auto back = parse_message(serialize(m));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.message->count(HeaderId::via), 0u);
}

TEST(Message, SettingAValueFromItsOwnViewIsSafe) {
  Message m = Message::response(200);
  m.append_header("X-A", std::string(100, 'a'));
  for (int i = 0; i < 50; ++i) {
    // The view points into the buffer that the store may reallocate.
    m.append_header("X-B", *m.header("X-A"));
  }
  EXPECT_EQ(m.header_values("X-B").back(), std::string(100, 'a'));
  // Names taken from the message itself, while the buffer grows and compacts.
  for (int i = 0; i < 40; ++i) m.set_header(m.header_at(0).name, std::string(200, 'b'));
  EXPECT_EQ(m.header("X-A"), std::string(200, 'b'));
  EXPECT_EQ(m.remove_headers(m.header_at(1).name), 50u);
  EXPECT_EQ(m.header_count(), 1u);
}

TEST(Message, CompactionKeepsContentAndReleasesSpace) {
  auto r = parse_message(
      std::string_view("MESSAGE sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP h1;branch=z9hG4bK1\r\n"
                       "X-Keep: as received\r\nContent-Length: 5\r\n\r\nhello"));
  ASSERT_TRUE(r.ok());
  Message m = std::move(*r.message);
  std::string big(3000, 'x');
  for (int i = 0; i < 10; ++i) m.set_header("X-Big", big + std::to_string(i));
  EXPECT_LT(m.unused_bytes(), 3000u * 3);
  m.compact();
  EXPECT_EQ(m.unused_bytes(), 0u);
  EXPECT_EQ(m.header("X-Keep"), "as received");
  EXPECT_EQ(m.header("X-Big"), big + "9");
  EXPECT_EQ(m.body(), "hello");
  EXPECT_EQ(m.method(), "MESSAGE");
  EXPECT_EQ(m.raw_header_at(1), "X-Keep: as received\r\n");
  EXPECT_EQ(serialize(m),
            "MESSAGE sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP h1;branch=z9hG4bK1\r\n"
            "X-Keep: as received\r\nContent-Length: 5\r\nX-Big: " +
                big + "9\r\n\r\nhello");
}

TEST(Message, CopiesAreIndependent) {
  Message a = Message::request("OPTIONS", Uri::sip("a", "b.example"));
  a.append_header("X-A", "1");
  Message b = a;
  b.set_header("X-A", "2");
  EXPECT_EQ(a.header("X-A"), "1");
  EXPECT_EQ(b.header("X-A"), "2");
}

TEST(Message, BodyReplacementAndContentTypeRemoval) {
  Message m = Message::request("INFO", Uri::sip("a", "b.example"));
  m.set_body("x", "text/plain");
  m.set_body("", "text/plain");
  EXPECT_FALSE(m.has(HeaderId::content_type));
  EXPECT_EQ(m.body(), "");
  m.set_status(200);
  EXPECT_TRUE(m.is_response());
  EXPECT_EQ(m.method(), "");
}

/// What top_via() returned before the message kept it: the first line's first value, parsed.
Result<Via> top_via_parsed_afresh(const Message& m) {
  const std::optional<std::string_view> line = m.header(HeaderId::via);
  if (!line) return make_error_code(ParseError::header_missing);
  return Via::parse(lex::CommaList(*line).front());
}

Message request_with_vias(std::string_view vias) {
  return *parse_message(std::string("OPTIONS sip:b@h SIP/2.0\r\n") + std::string(vias) +
                        "From: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\n"
                        "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
              .message;
}

TEST(MessageTopVia, IsTheFirstValueOfTheFirstLineParsedOnce) {
  const Message m = request_with_vias(
      "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b;branch=z9hG4bK2\r\n"
      "Via: SIP/2.0/UDP c;branch=z9hG4bK3\r\n");
  const Result<Via>& first = m.top_via();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->host(), "a.example.com");
  EXPECT_EQ(first->branch(), "z9hG4bK1");
  EXPECT_EQ(&m.top_via(), &first);
  EXPECT_EQ(*m.top_via(), *top_via_parsed_afresh(m));
}

TEST(MessageTopVia, FollowsEveryChangeOfTheViaLines) {
  Message m = request_with_vias("Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\n");
  ASSERT_EQ(m.top_via()->host(), "a");

  m.prepend_header(HeaderId::via, "SIP/2.0/TCP pushed;branch=z9hG4bK2");
  EXPECT_EQ(m.top_via()->host(), "pushed");
  m.set_header_value_at(m.find(HeaderId::via), "SIP/2.0/UDP rewritten;branch=z9hG4bK3");
  EXPECT_EQ(m.top_via()->host(), "rewritten");
  m.remove_header_at(m.find(HeaderId::via));
  EXPECT_EQ(m.top_via()->host(), "a");
  m.insert_header_at(0, "v", "SIP/2.0/UDP compact;branch=z9hG4bK4");
  EXPECT_EQ(m.top_via()->host(), "compact");
  m.set_header(HeaderId::via, "SIP/2.0/UDP only;branch=z9hG4bK5");
  EXPECT_EQ(m.top_via()->host(), "only");
  m.set_header("VIA", "bad via");
  EXPECT_FALSE(m.top_via());
  EXPECT_EQ(m.top_via().error(), top_via_parsed_afresh(m).error());
  m.remove_headers(HeaderId::via);
  EXPECT_EQ(m.top_via().error(), ParseError::header_missing);
  m.append_header("Via", "SIP/2.0/UDP appended;branch=z9hG4bK6");
  EXPECT_EQ(m.top_via()->host(), "appended");
  m.remove_headers("v");
  EXPECT_EQ(m.top_via().error(), ParseError::header_missing);
}

TEST(MessageTopVia, OtherChangesKeepItAndCopiesParseTheirOwn) {
  Message m = request_with_vias("Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\n");
  ASSERT_EQ(m.top_via()->host(), "a");
  m.append_header(HeaderId::record_route, "<sip:rr;lr>");
  m.set_header(HeaderId::max_forwards, "69");
  m.set_body("v=0\r\n", "application/sdp");
  m.compact();
  EXPECT_EQ(m.top_via()->host(), "a");

  Message copy = m;
  copy.prepend_header(HeaderId::via, "SIP/2.0/UDP copy;branch=z9hG4bK2");
  EXPECT_EQ(copy.top_via()->host(), "copy");
  EXPECT_EQ(m.top_via()->host(), "a");
  copy = m;
  EXPECT_EQ(copy.top_via()->host(), "a");
  Message moved = std::move(copy);
  EXPECT_EQ(moved.top_via()->host(), "a");
}

TEST(MessageTopVia, SameAsParsingAfreshForEveryTortureMessage) {
  for (const testing::CorpusMessage& corpus : testing::rfc4475_messages()) {
    ParseOptions options;
    options.mode = ParseMode::lenient;
    ParseResult parsed = parse_message(corpus.bytes, options);
    if (!parsed.message) continue;
    const Result<Via> afresh = top_via_parsed_afresh(*parsed.message);
    const Result<Via>& kept = parsed.message->top_via();
    EXPECT_EQ(kept.ok(), afresh.ok()) << corpus.name;
    if (kept && afresh) {
      EXPECT_EQ(*kept, *afresh) << corpus.name;
    } else {
      EXPECT_EQ(kept.error(), afresh.error()) << corpus.name;
    }
  }
}

TEST(MessageKeptHeaders, FromToAndCSeqAreParsedOnceAndFollowTheirLines) {
  Message m = request_with_vias("Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\n");
  const Result<NameAddr>& from = m.from();
  ASSERT_TRUE(from);
  EXPECT_EQ(from->tag(), "1");
  EXPECT_EQ(&m.from(), &from);
  EXPECT_EQ(&m.to(), &m.to());
  EXPECT_EQ(&m.cseq(), &m.cseq());
  EXPECT_EQ(m.cseq()->number, 1U);

  m.set_header(HeaderId::from, "<sip:new@h>;tag=2");
  EXPECT_EQ(m.from()->tag(), "2");
  m.set_header_value_at(m.find(HeaderId::to), "<sip:b@h>;tag=9");
  EXPECT_EQ(m.to()->tag(), "9");
  m.set_header("CSeq", "7 OPTIONS");
  EXPECT_EQ(m.cseq()->number, 7U);
  m.remove_headers(HeaderId::cseq);
  EXPECT_EQ(m.cseq().error(), ParseError::header_missing);
  m.insert_header_at(0, "t", "garbage <<");
  EXPECT_FALSE(m.to());
  m.remove_header_at(0);
  EXPECT_EQ(m.to()->tag(), "9");
  m.set_header(HeaderId::via, "SIP/2.0/UDP z;branch=z9hG4bK2");
  EXPECT_EQ(m.from()->tag(), "2");

  Message copy = m;
  copy.set_header(HeaderId::from, "<sip:copy@h>;tag=3");
  EXPECT_EQ(copy.from()->tag(), "3");
  EXPECT_EQ(m.from()->tag(), "2");
}

TEST(MessageKeptHeaders, SameAsParsingAfreshForEveryTortureMessage) {
  for (const testing::CorpusMessage& corpus : testing::rfc4475_messages()) {
    ParseOptions options;
    options.mode = ParseMode::lenient;
    ParseResult parsed = parse_message(corpus.bytes, options);
    if (!parsed.message) continue;
    const Message& m = *parsed.message;
    auto afresh = [&m](HeaderId id, auto parse) -> decltype(parse(std::string_view())) {
      const std::optional<std::string_view> line = m.header(id);
      if (!line) return make_error_code(ParseError::header_missing);
      return parse(*line);
    };
    const Result<NameAddr> from = afresh(HeaderId::from, [](auto v) { return NameAddr::parse(v); });
    const Result<NameAddr> to = afresh(HeaderId::to, [](auto v) { return NameAddr::parse(v); });
    const Result<CSeq> cseq = afresh(HeaderId::cseq, [](auto v) { return CSeq::parse(v); });
    EXPECT_EQ(m.from().ok(), from.ok()) << corpus.name;
    EXPECT_EQ(m.to().ok(), to.ok()) << corpus.name;
    EXPECT_EQ(m.cseq().ok(), cseq.ok()) << corpus.name;
    if (from && m.from()) {
      EXPECT_EQ(*m.from(), *from) << corpus.name;
    }
    if (to && m.to()) {
      EXPECT_EQ(*m.to(), *to) << corpus.name;
    }
    if (cseq && m.cseq()) {
      EXPECT_EQ(*m.cseq(), *cseq) << corpus.name;
    }
  }
}

}  // namespace
}  // namespace sipconf::sip
