#include "sip/message/header_names.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(HeaderNames, LookupIsCaseInsensitive) {
  EXPECT_EQ(lookup_header("MaX-fOrWaRdS"), HeaderId::max_forwards);
  EXPECT_EQ(lookup_header("call-id"), HeaderId::call_id);
  EXPECT_EQ(lookup_header("CSEQ"), HeaderId::cseq);
  EXPECT_EQ(lookup_header("WWW-Authenticate"), HeaderId::www_authenticate);
}

TEST(HeaderNames, CompactForms) {
  struct Case {
    std::string_view name;
    HeaderId id;
  };
  for (auto c : {Case{"v", HeaderId::via}, Case{"f", HeaderId::from}, Case{"t", HeaderId::to},
                 Case{"i", HeaderId::call_id}, Case{"m", HeaderId::contact},
                 Case{"l", HeaderId::content_length}, Case{"c", HeaderId::content_type},
                 Case{"k", HeaderId::supported}, Case{"s", HeaderId::subject},
                 Case{"e", HeaderId::content_encoding}, Case{"o", HeaderId::event},
                 Case{"r", HeaderId::refer_to}, Case{"b", HeaderId::referred_by},
                 Case{"x", HeaderId::session_expires}, Case{"u", HeaderId::allow_events},
                 Case{"a", HeaderId::accept_contact}, Case{"V", HeaderId::via},
                 Case{"I", HeaderId::call_id}}) {
    EXPECT_EQ(lookup_header(c.name), c.id) << c.name;
  }
  EXPECT_EQ(lookup_header("z"), HeaderId::unknown);
  EXPECT_EQ(lookup_header("q"), HeaderId::unknown);
}

TEST(HeaderNames, UnknownNamesStayUnknown) {
  EXPECT_EQ(lookup_header("C%6Fntact"), HeaderId::unknown);  // RFC 4475 esc02
  EXPECT_EQ(lookup_header("NewFangledHeader"), HeaderId::unknown);
  EXPECT_EQ(lookup_header(""), HeaderId::unknown);
  EXPECT_EQ(lookup_header("Via2"), HeaderId::unknown);
  EXPECT_EQ(lookup_header("-Via"), HeaderId::unknown);
}

TEST(HeaderNames, EveryIdRoundTripsThroughItsCanonicalName) {
  for (std::size_t i = 1; i < kHeaderIdCount; ++i) {
    auto id = static_cast<HeaderId>(i);
    const HeaderInfo& info = header_info(id);
    EXPECT_EQ(info.id, id);
    EXPECT_EQ(lookup_header(info.name), id) << info.name;
    if (info.compact != '\0') {
      EXPECT_EQ(lookup_header(std::string(1, info.compact)), id);
    }
  }
  EXPECT_EQ(canonical_name(HeaderId::cseq), "CSeq");
  EXPECT_EQ(canonical_name(HeaderId::unknown), "");
}

TEST(HeaderNames, ShapesDriveSingleValueChecks) {
  EXPECT_TRUE(header_info(HeaderId::call_id).single);
  EXPECT_TRUE(header_info(HeaderId::max_forwards).single);
  EXPECT_FALSE(header_info(HeaderId::via).single);
  EXPECT_TRUE(header_info(HeaderId::via).comma_list);
  EXPECT_TRUE(header_info(HeaderId::contact).comma_list);
  EXPECT_FALSE(header_info(HeaderId::www_authenticate).comma_list);
}

TEST(HeaderNames, Iequals) {
  EXPECT_TRUE(iequals("Content-Length", "content-LENGTH"));
  EXPECT_FALSE(iequals("Content-Length", "Content-Lengt"));
  EXPECT_FALSE(iequals("a", "b"));
}

}  // namespace
}  // namespace sipconf::sip
