#include "sip/message/media_type.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(MediaType, ParsesWithParams) {
  auto r = MediaType::parse("multipart/mixed;boundary=7a9cbec02ceef655");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type, "multipart");
  EXPECT_EQ(r->subtype, "mixed");
  EXPECT_EQ(r->params.get("boundary"), "7a9cbec02ceef655");
  EXPECT_EQ(r->to_string(), "multipart/mixed;boundary=7a9cbec02ceef655");
  EXPECT_TRUE(r->matches("MULTIPART", "Mixed"));
  EXPECT_FALSE(r->matches("application", "sdp"));
}

TEST(MediaType, AcceptRanges) {
  auto r = parse_media_range_list(
      "application/sdp, application/pkcs7-mime,\r\n        multipart/mixed, */*;q=0.1");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 4u);
  EXPECT_TRUE((*r)[3].matches("text", "plain"));
  EXPECT_FALSE((*r)[0].matches("text", "plain"));
  EXPECT_TRUE(parse_media_range_list("")->empty());
}

TEST(MediaType, Malformed) {
  for (std::string_view bad : {"", "application", "application/", "/sdp", "a/b c", "a/b;"}) {
    EXPECT_FALSE(MediaType::parse(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace sipconf::sip
