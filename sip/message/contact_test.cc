#include "sip/message/contact.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(Contact, Star) {
  auto r = parse_contact_list(" * ");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->star);
  EXPECT_TRUE(r->contacts.empty());
  EXPECT_EQ(r->to_string(), "*");
}

TEST(Contact, ListWithExpiresAndQ) {
  auto r = parse_contact_list(
      "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n      newvalue ;\r\n "
      " secondparam ; q = 0.33, <sip:gw@192.0.2.1:5060;transport=tcp>;expires=3600;+sip.instance="
      "\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->contacts.size(), 2u);
  const NameAddr& first = r->contacts[0];
  EXPECT_EQ(first.display_name(), "Quoted string \"\"");
  EXPECT_EQ(first.params().get("newparam"), "newvalue");
  EXPECT_TRUE(first.params().has("secondparam"));
  EXPECT_EQ(contact_q(first), 330);
  EXPECT_FALSE(contact_expires(first).has_value());
  const NameAddr& second = r->contacts[1];
  EXPECT_EQ(contact_expires(second), 3600u);
  EXPECT_EQ(second.uri().param("transport"), "tcp");
  EXPECT_EQ(second.params().get_unquoted("+sip.instance"),
            "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>");
}

TEST(Contact, ExpiresAboveTwoToThe32IsClamped) {
  auto r = parse_contact_list("<sip:user@host129.example.com>\r\n  ;expires=280297596632815");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(contact_expires(r->contacts[0]), 4294967295u);
}

TEST(Contact, QValues) {
  auto q = [](std::string_view v) {
    NameAddr n(Uri::sip("a", "b.example"));
    n.params().set("q", v);
    return contact_q(n);
  };
  EXPECT_EQ(q("1"), 1000);
  EXPECT_EQ(q("1.000"), 1000);
  EXPECT_EQ(q("0.5"), 500);
  EXPECT_EQ(q("0"), 0);
  EXPECT_FALSE(q("1.5").has_value());
  EXPECT_FALSE(q("2").has_value());
  EXPECT_FALSE(q("0.12345").has_value());
}

}  // namespace
}  // namespace sipconf::sip
