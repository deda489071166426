#include "sip/message/datagram.h"

#include <gtest/gtest.h>

#include "sip/message/rfc4475_corpus.h"

namespace sipconf::sip {
namespace {

TEST(Datagram, BodyIsContentLengthBytes) {
  std::string bytes = testing::rfc4475_message("dblreq");
  auto r = parse_datagram(bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message->method(), "REGISTER");
  EXPECT_EQ(r.message->body(), "");
  EXPECT_EQ(r.trailing_bytes, 450u);
  EXPECT_EQ(r.trailing_bytes, bytes.size() - (bytes.find("\r\n\r\n") + 4));
  ASSERT_FALSE(r.violations.empty());
  EXPECT_EQ(r.violations.back().code, ParseError::trailing_octets);
  EXPECT_EQ(r.violations.back().severity, Severity::accepted);
}

TEST(Datagram, BodyRunsToTheEndWithoutContentLength) {
  std::string bytes = testing::rfc4475_message("inv2543");
  auto r = parse_datagram(bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message->body().substr(0, 4), "v=0\r");
  EXPECT_EQ(r.message->body().size(), bytes.size() - bytes.find("\r\n\r\n") - 4);
}

TEST(Datagram, ContentLengthLargerThanTheDatagramIs400) {
  auto r = parse_datagram(testing::rfc4475_message("clerr"));
  EXPECT_EQ(r.error, ParseError::content_length_exceeds_message);
  EXPECT_EQ(r.suggested_response().status, 400);
  ASSERT_TRUE(r.message.has_value());  // enough to build the 400
  EXPECT_TRUE(r.message->has(HeaderId::via));
}

TEST(Datagram, StreamFramingOptionIsOverridden) {
  ParseOptions o;
  o.framing = Framing::stream;
  EXPECT_TRUE(parse_datagram(testing::rfc4475_message("inv2543"), o).ok());
}

TEST(Datagram, Keepalives) {
  EXPECT_TRUE(is_keepalive_datagram("\r\n\r\n"));
  EXPECT_TRUE(is_keepalive_datagram("\r\n"));
  EXPECT_FALSE(is_keepalive_datagram(""));
  EXPECT_FALSE(is_keepalive_datagram("\r\nx"));
}

}  // namespace
}  // namespace sipconf::sip
