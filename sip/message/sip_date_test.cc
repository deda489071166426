#include "sip/message/sip_date.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

using namespace std::chrono;

TEST(SipDate, ParsesAndFormatsGmt) {
  auto r = parse_sip_date("Sat, 15 Oct 2005 04:44:56 GMT");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->time_since_epoch().count(), 1129351496);
  EXPECT_EQ(format_sip_date(*r), "Sat, 15 Oct 2005 04:44:56 GMT");
  EXPECT_EQ(format_sip_date(sys_seconds(seconds(0))), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(SipDate, OtherZonesAreConvertedOnlyLeniently) {
  std::string_view baddate = "Fri, 01 Jan 2010 16:00:00 EST";
  EXPECT_EQ(parse_sip_date(baddate).error(), ParseError::date_malformed);
  Diagnostics d(ParseMode::lenient);
  auto r = parse_sip_date(baddate, &d);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(format_sip_date(*r), "Fri, 01 Jan 2010 21:00:00 GMT");
  Diagnostics d2(ParseMode::lenient);
  auto plus = parse_sip_date("Fri, 01 Jan 2010 16:00:00 +0130", &d2);
  ASSERT_TRUE(plus.ok());
  EXPECT_EQ(format_sip_date(*plus), "Fri, 01 Jan 2010 14:30:00 GMT");
}

TEST(SipDate, Malformed) {
  for (std::string_view bad : {"", "Sat 15 Oct 2005 04:44:56 GMT", "Sat, 15 Okt 2005 04:44:56 GMT",
                               "Sat, 32 Oct 2005 04:44:56 GMT", "Sat, 15 Oct 2005 25:44:56 GMT",
                               "Sat, 15 Oct 2005 04:44:56 XYZ", "Sat, 15 Oct 05 04:44:56 GMT"}) {
    Diagnostics d(ParseMode::lenient);
    EXPECT_FALSE(parse_sip_date(bad, &d).ok()) << bad;
  }
}

}  // namespace
}  // namespace sipconf::sip
