#include "sip/message/params.h"

#include <gtest/gtest.h>

#include "sip/message/param_parser.h"

namespace sipconf::sip {
namespace {

TEST(ParamList, SetGetRemoveAreCaseInsensitiveAndKeepOrder) {
  ParamList p;
  p.set("tag", "abc");
  p.set("lr");
  p.set("Expires", "60");
  EXPECT_EQ(p.get("TAG"), "abc");
  ASSERT_TRUE(p.get("lr").has_value());
  EXPECT_EQ(*p.get("lr"), "");
  EXPECT_FALSE(p.get("nope").has_value());
  p.set("EXPIRES", "30");  // replaced in place
  std::string out;
  p.append_to(out);
  EXPECT_EQ(out, ";tag=abc;lr;Expires=30");
  EXPECT_EQ(p.remove("LR"), 1u);
  EXPECT_EQ(p.remove("lr"), 0u);
  EXPECT_EQ(p.size(), 2u);
}

TEST(ParamList, ParsedListHoldsRoomForItsParametersOnly) {
  // A tag is the usual single parameter of a From or To kept for a dialog's lifetime.
  std::string_view s = ";tag=8a2f1c";
  std::size_t pos = 0;
  ParamList one;
  ASSERT_FALSE(parse_generic_params(s, pos, one, nullptr));
  EXPECT_EQ(one.size(), 1u);
  EXPECT_EQ(one.capacity(), 1u);

  s = ";lr;transport=udp";
  pos = 0;
  ParamList two;
  ASSERT_FALSE(parse_generic_params(s, pos, two, nullptr));
  EXPECT_EQ(two.capacity(), 2u);
}

TEST(ParamList, UnquotedValue) {
  ParamList p;
  p.set("text", R"("Normal \"call\" clearing")");
  EXPECT_EQ(p.get_unquoted("text"), R"(Normal "call" clearing)");
}

TEST(ParamParser, ParsesGenericParamsWithLws) {
  std::string_view s = " ;   tag    = 1918181833n ; branch=\r\n z9hG4bK30239 ; lr ,next";
  std::size_t pos = 0;
  ParamList p;
  ASSERT_FALSE(parse_generic_params(s, pos, p, nullptr));
  EXPECT_EQ(p.get("tag"), "1918181833n");
  EXPECT_EQ(p.get("branch"), "z9hG4bK30239");
  EXPECT_TRUE(p.has("lr"));
  EXPECT_EQ(s.substr(pos), " ,next");
}

TEST(ParamParser, QuotedAndIpv6Values) {
  std::string_view s = R"(;text="a;b,c";received=[2001:db8::1];maddr=2001:db8::2)";
  std::size_t pos = 0;
  ParamList p;
  ASSERT_FALSE(parse_generic_params(s, pos, p, nullptr));
  EXPECT_EQ(p.get("text"), R"("a;b,c")");
  EXPECT_EQ(p.get("received"), "[2001:db8::1]");
  EXPECT_EQ(p.get("maddr"), "2001:db8::2");
  EXPECT_EQ(pos, s.size());
}

TEST(ParamParser, EmptyParametersAreRejectedStrictlyAndSkippedLeniently) {
  std::string_view s = ";;;;";
  std::size_t pos = 0;
  ParamList p;
  Diagnostics strict(ParseMode::strict, s);
  EXPECT_EQ(parse_generic_params(s, pos, p, &strict), ParseError::empty_parameter);
  ASSERT_EQ(strict.violations().size(), 1u);
  EXPECT_EQ(strict.violations()[0].code, ParseError::empty_parameter);

  pos = 0;
  Diagnostics lenient(ParseMode::lenient, s);
  EXPECT_FALSE(parse_generic_params(s, pos, p, &lenient));
  EXPECT_EQ(lenient.violations().size(), 4u);
  EXPECT_TRUE(lenient.needs_rewrite());
  EXPECT_TRUE(p.empty());
}

TEST(ParamParser, NameWithoutValueAfterEqualsIsAnError) {
  std::string_view s = ";tag=";
  std::size_t pos = 0;
  ParamList p;
  Diagnostics d(ParseMode::lenient, s);
  EXPECT_EQ(parse_generic_params(s, pos, p, &d), ParseError::parameter_malformed);
  EXPECT_EQ(d.violations().at(0).code, ParseError::parameter_malformed);
}

}  // namespace
}  // namespace sipconf::sip
