#include "reports/render/html_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sipconf::reports {
namespace {

TEST(HtmlText, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(html("plain text"), "plain text");
}

TEST(HtmlText, ShowsControlCharactersAsPictures) {
  // NUL and ESC become U+2400 and U+241B; tab and newline stay.
  EXPECT_EQ(html(std::string("a\0b\x1b\tc\n", 7)),
            "a\xE2\x90\x80"
            "b\xE2\x90\x9B\tc\n");
  EXPECT_EQ(html("\r"), "\xE2\x90\x8D");
}

TEST(HtmlText, ScriptJsonCannotCloseTheScriptElement) {
  nlohmann::json value = {{"raw", "</script><script>x()</script> <!-- \xE2\x80\xA8 \xE2\x80\xA9"}};
  std::string text = script_json(value);
  EXPECT_EQ(text.find("</"), std::string::npos);
  EXPECT_EQ(text.find("<!--"), std::string::npos);
  EXPECT_EQ(text.find("\xE2\x80\xA8"), std::string::npos);
  EXPECT_EQ(text.find("\xE2\x80\xA9"), std::string::npos);
  EXPECT_NE(text.find("\\u2028"), std::string::npos);
  // The escapes are JSON-equivalent: the value survives a round trip.
  EXPECT_EQ(nlohmann::json::parse(text), value);
}

TEST(HtmlText, ScriptJsonReplacesInvalidUtf8) {
  nlohmann::json value = std::string("ok\xFF");
  EXPECT_EQ(script_json(value), "\"ok\xEF\xBF\xBD\"");
}

TEST(HtmlText, TruncatesOnCodePointBoundaries) {
  EXPECT_EQ(truncate_text("abcdef", 10), "abcdef");
  EXPECT_EQ(truncate_text("abcdef", 4), "abc\xE2\x80\xA6");
  // "µµµµ" is four two-byte code points; cutting keeps whole ones.
  EXPECT_EQ(truncate_text("\xC2\xB5\xC2\xB5\xC2\xB5\xC2\xB5", 3), "\xC2\xB5\xC2\xB5\xE2\x80\xA6");
  EXPECT_EQ(text_width("\xC2\xB5x"), 2u);
}

TEST(HtmlText, UriComponentEncodesLikeJavaScript) {
  EXPECT_EQ(uri_component("starter/basic-out"), "starter%2Fbasic-out");
  EXPECT_EQ(uri_component("a b&c=d#e<f>"), "a%20b%26c%3Dd%23e%3Cf%3E");
  EXPECT_EQ(uri_component("A-Z_a.z~0"), "A-Z_a.z~0");
}

}  // namespace
}  // namespace sipconf::reports
