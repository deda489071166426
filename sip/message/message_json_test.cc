#include "sip/message/message_json.h"

#include <gtest/gtest.h>

#include "sip/message/rfc4475_corpus.h"

namespace sipconf::sip {
namespace {

TEST(MessageJson, JsonSafeEscapesOnlyInvalidUtf8) {
  EXPECT_EQ(json_safe("plain"), "plain");
  EXPECT_EQ(json_safe("\xD0\xBD\xD0\xBE"), "\xD0\xBD\xD0\xBE");  // valid Cyrillic
  EXPECT_EQ(json_safe("a\xFF"
                      "b"),
            "a\\xFFb");
  EXPECT_EQ(json_safe("\xC0\x80"), "\\xC0\\x80");           // overlong NUL
  EXPECT_EQ(json_safe("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // surrogate
  EXPECT_EQ(json_safe(std::string("\0", 1)), std::string("\0", 1));
  // Always serializable.
  EXPECT_NO_THROW(nlohmann::json(json_safe("\x80\x81\xfe")).dump());
}

TEST(MessageJson, MessageStructure) {
  ParseOptions o;
  auto r = parse_message(testing::rfc4475_message("wsinv"), o);
  nlohmann::json j = to_json(r);
  EXPECT_EQ(j["valid"], true);
  EXPECT_TRUE(j["error"].is_null());
  const auto& m = j["message"];
  EXPECT_EQ(m["kind"], "request");
  EXPECT_EQ(m["method"], "INVITE");
  EXPECT_EQ(m["request_uri_parsed"]["host"], "chair-dnrc.example.com");
  EXPECT_EQ(m["headers"][0]["name"], "TO");
  EXPECT_EQ(m["headers"][0]["canonical"], "To");
  EXPECT_EQ(m["headers"][0]["parsed"]["params"][0]["value"], "1918181833n");
  const auto& via = m["headers"][6];
  EXPECT_EQ(via["canonical"], "Via");
  EXPECT_EQ(via["parsed"][0]["transport"], "UDP");
  EXPECT_EQ(m["body"]["length"], 150);
  EXPECT_NO_THROW(j.dump());
}

TEST(MessageJson, ErrorsAndViolations) {
  auto r = parse_message(testing::rfc4475_message("badvers"));
  nlohmann::json j = to_json(r);
  EXPECT_EQ(j["valid"], false);
  EXPECT_EQ(j["error"], "version_not_supported");
  EXPECT_EQ(j["suggested_response"]["status"], 505);
  EXPECT_EQ(j["violations"][0]["line"], 1);
  auto resp = to_json(parse_message(testing::rfc4475_message("bigcode")));
  EXPECT_EQ(resp["suggested_response"], "drop");
}

TEST(MessageJson, BinaryBodiesStaySerializable) {
  auto r = parse_message(testing::rfc4475_message("mpart01"));
  ASSERT_TRUE(r.ok());
  nlohmann::json j = to_json(*r.message);
  EXPECT_EQ(j["body"]["length"], 553);
  EXPECT_NO_THROW(j.dump());
  EXPECT_NE(j["body"]["text"].get<std::string>().find("\\x"), std::string::npos);
}

}  // namespace
}  // namespace sipconf::sip
