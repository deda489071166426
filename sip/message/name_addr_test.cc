#include "sip/message/name_addr.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

using namespace std::string_literals;

NameAddr parse_ok(std::string_view text, ParseMode mode = ParseMode::strict) {
  Diagnostics d(mode, text);
  auto r = NameAddr::parse(text, &d);
  EXPECT_TRUE(r.ok()) << text << ": " << r.error().message();
  return r.ok() ? *r : NameAddr{};
}

TEST(NameAddr, QuotedDisplayNameWithQuotedPairs) {
  NameAddr n = parse_ok(R"("J Rosenberg \\\""       <sip:jdrosen@example.com>
  ;
  tag = 98asjd8)");
  EXPECT_EQ(n.display_name(), R"(J Rosenberg \")");
  EXPECT_EQ(n.uri().user(), "jdrosen");
  EXPECT_EQ(n.tag(), "98asjd8");
  EXPECT_EQ(n.to_string(), R"("J Rosenberg \\\"" <sip:jdrosen@example.com>;tag=98asjd8)");
}

TEST(NameAddr, TokenDisplayNameIsCollapsed) {
  NameAddr n = parse_ok("token1~` token2'+_   token3*%!.- <sip:mundane@example.com>;tag=x");
  EXPECT_EQ(n.display_name(), "token1~` token2'+_ token3*%!.-");
  EXPECT_EQ(n.to_string(), "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;tag=x");
}

TEST(NameAddr, AddrSpecParamsBelongToTheHeader) {
  // RFC 4475 cparam01 vs cparam02.
  NameAddr a = parse_ok("sip:+19725552222@gw1.example.net;unknownparam");
  EXPECT_TRUE(a.params().has("unknownparam"));
  EXPECT_TRUE(a.uri().params().empty());
  NameAddr b = parse_ok("<sip:+19725552222@gw1.example.net;unknownparam>");
  EXPECT_TRUE(b.uri().params().has("unknownparam"));
  EXPECT_TRUE(b.params().empty());
}

TEST(NameAddr, ControlCharactersInQuotedPairsSurvive) {
  std::string text = "\"BEL:\\\x07 NUL:\\\0 DEL:\\\x7F\" <sip:x@example.com>"s;
  NameAddr n = parse_ok(text);
  EXPECT_EQ(n.display_name(), std::string("BEL:\x07 NUL:\0 DEL:\x7F", 17));
  auto again = NameAddr::parse(n.to_string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->display_name(), n.display_name());
}

TEST(NameAddr, UnspacedDisplayNameIsAcceptedAndRewritten) {
  // RFC 4475 lwsdisp: accepted even strictly, serialized well-formed.
  Diagnostics d(ParseMode::strict);
  auto r = NameAddr::parse("caller<sip:caller@example.com>;tag=323", &d);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(d.violations().size(), 1u);
  EXPECT_EQ(d.violations()[0].code, ParseError::display_name_unspaced);
  EXPECT_EQ(d.violations()[0].severity, Severity::accepted);
  EXPECT_TRUE(d.needs_rewrite());
  EXPECT_EQ(r->to_string(), "caller <sip:caller@example.com>;tag=323");
}

struct RepairCase {
  std::string_view input;
  ParseError code;
  std::string_view repaired;
};

class NameAddrRepair : public ::testing::TestWithParam<RepairCase> {};

TEST_P(NameAddrRepair, StrictRejectsLenientRepairs) {
  const RepairCase& c = GetParam();
  Diagnostics strict(ParseMode::strict, c.input);
  auto s = NameAddr::parse(c.input, &strict);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.error(), c.code);
  Diagnostics lenient(ParseMode::lenient, c.input);
  auto l = NameAddr::parse(c.input, &lenient);
  ASSERT_TRUE(l.ok()) << c.input;
  EXPECT_EQ(lenient.violations().at(0).code, c.code);
  EXPECT_EQ(l->to_string(), c.repaired);
  EXPECT_TRUE(NameAddr::parse(l->to_string()).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Rfc4475, NameAddrRepair,
    ::testing::Values(RepairCase{R"("Mr. J. User <sip:j.user@example.com>)",
                                 ParseError::quoted_string_unterminated,
                                 "Mr. J. User <sip:j.user@example.com>"},
                      RepairCase{"Bell, Alexander <sip:a.g.bell@example.com>;tag=43",
                                 ParseError::display_name_invalid,
                                 R"("Bell, Alexander" <sip:a.g.bell@example.com>;tag=43)"},
                      RepairCase{R"("Watson, Thomas" < sip:t.watson@example.org >)",
                                 ParseError::addr_spec_has_whitespace,
                                 R"("Watson, Thomas" <sip:t.watson@example.org>)"},
                      RepairCase{"sip:user@example.com?Route=%3Csip:sip.example.com%3E",
                                 ParseError::addr_spec_needs_brackets,
                                 "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>"},
                      RepairCase{R"("Joe" <sip:joe@example.org>;;;;)", ParseError::empty_parameter,
                                 "Joe <sip:joe@example.org>"}));

TEST(NameAddr, FatalErrors) {
  for (std::string_view bad : {"", "<sip:a@b", "\"x\" sip:a@b", "<sip:a@b> junk", "<bad uri>",
                               "sip:a@b;tag=", "\"unterminated"}) {
    Diagnostics d(ParseMode::lenient, bad);
    EXPECT_FALSE(NameAddr::parse(bad, &d).ok()) << bad;
  }
}

TEST(NameAddr, TagAccessors) {
  NameAddr n(Uri::sip("bob", "biloxi.example.com"), "Bob");
  EXPECT_FALSE(n.tag().has_value());
  n.set_tag("a6c85cf");
  EXPECT_EQ(n.to_string(), "Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
  n.remove_tag();
  n.set_display_name("Bob \"the\" Builder");
  EXPECT_EQ(n.to_string(), R"("Bob \"the\" Builder" <sip:bob@biloxi.example.com>)");
}

TEST(NameAddr, Lists) {
  auto r = parse_name_addr_list(
      "<sip:p1.example.com;lr>, \"Proxy, Two\" <sip:p2.example.com;lr>,<sip:p3.example.com>");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].display_name(), "Proxy, Two");
  EXPECT_TRUE((*r)[0].uri().has_param("lr"));
  EXPECT_FALSE(parse_name_addr_list("<sip:a@b>,,<sip:c@d>").ok());
  Diagnostics d(ParseMode::lenient);
  auto lenient = parse_name_addr_list("<sip:a@b>,,<sip:c@d>", &d);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->size(), 2u);
  EXPECT_FALSE(parse_name_addr_list("").ok());
}

TEST(NameAddr, QuoteString) {
  EXPECT_EQ(quote_string("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(quote_string("line\r\nbreak"), R"("linebreak")");
  std::string out;
  append_display_name(out, "Alice Smith");
  EXPECT_EQ(out, "Alice Smith");
  out.clear();
  append_display_name(out, "Smith, Alice");
  EXPECT_EQ(out, R"("Smith, Alice")");
}

}  // namespace
}  // namespace sipconf::sip
