#include "sip/message/uri.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

Uri parse_uri_ok(std::string_view text) {
  auto r = Uri::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.error().message();
  return r.ok() ? *r : Uri{};
}

TEST(Uri, SipWithAllComponents) {
  Uri u = parse_uri_ok("sips:alice:secret@[2001:db8::10]:5061;transport=tls;lr?Subject=hi&X=1");
  EXPECT_EQ(u.scheme(), UriScheme::sips);
  EXPECT_EQ(u.user(), "alice");
  EXPECT_EQ(u.password(), "secret");
  EXPECT_EQ(u.host(), "[2001:db8::10]");
  EXPECT_EQ(u.host_kind(), HostKind::ipv6);
  EXPECT_EQ(u.port(), 5061);
  EXPECT_EQ(u.param("TRANSPORT"), "tls");
  EXPECT_TRUE(u.has_param("lr"));
  ASSERT_EQ(u.headers().size(), 2u);
  EXPECT_EQ(u.headers()[0].name, "Subject");
  EXPECT_EQ(u.headers()[1].value, "1");
  EXPECT_EQ(u.to_string(), "sips:alice:secret@[2001:db8::10]:5061;transport=tls;lr?Subject=hi&X=1");
}

TEST(Uri, HostOnlyAndIpv4) {
  Uri u = parse_uri_ok("sip:192.0.2.1:5060");
  EXPECT_FALSE(u.has_user());
  EXPECT_EQ(u.host_kind(), HostKind::ipv4);
  EXPECT_EQ(u.port(), 5060);
  EXPECT_EQ(parse_uri_ok("SIP:Example.COM").scheme(), UriScheme::sip);
}

TEST(Uri, EscapesAreKeptAsWrittenAndDecodedOnRequest) {
  // RFC 4475 esc01 / escnull / semiuri.
  Uri esc = parse_uri_ok("sip:sips%3Auser%40example.com@example.net");
  EXPECT_EQ(esc.user(), "sips%3Auser%40example.com");
  EXPECT_EQ(esc.user_unescaped(), "sips:user@example.com");
  EXPECT_EQ(esc.host(), "example.net");

  Uri nul = parse_uri_ok("sip:null-%00-null@example.com");
  EXPECT_EQ(nul.user_unescaped(), std::string("null-\0-null", 11));
  EXPECT_EQ(nul.user_unescaped().size(), 11u);

  Uri semi = parse_uri_ok("sip:user;par=u%40example.net@example.com");
  EXPECT_EQ(semi.user(), "user;par=u%40example.net");
  EXPECT_TRUE(semi.params().empty());

  Uri params = parse_uri_ok("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");
  EXPECT_TRUE(params.has_param("lr"));
  EXPECT_EQ(params.param("name"), "value%41");
  EXPECT_EQ(params.params()[1].name, "n%61me");
}

TEST(Uri, UnusualButValidUserAndPassword) {
  // RFC 4475 intmeth.
  Uri u = parse_uri_ok(
      "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too."
      "(doesn't-it)@example.com");
  EXPECT_EQ(u.user(), "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  EXPECT_EQ(u.password(), "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  EXPECT_EQ(u.host(), "example.com");
}

TEST(Uri, TelUri) {
  Uri u = parse_uri_ok("tel:+1-201-555-0123;phone-context=example.com");
  EXPECT_EQ(u.scheme(), UriScheme::tel);
  EXPECT_EQ(u.telephone_number(), "+1-201-555-0123");
  EXPECT_EQ(u.param("phone-context"), "example.com");
  EXPECT_EQ(u.to_string(), "tel:+1-201-555-0123;phone-context=example.com");
  EXPECT_FALSE(Uri::parse("tel:").ok());
  EXPECT_FALSE(Uri::parse("tel:+1 555").ok());
  EXPECT_FALSE(Uri::parse("tel:12+3").ok());
}

TEST(Uri, UnknownSchemesAreOpaqueAbsoluteUris) {
  Uri a = parse_uri_ok("nobodyKnowsThisScheme:totallyopaquecontent");
  EXPECT_EQ(a.scheme(), UriScheme::other);
  EXPECT_EQ(a.scheme_name(), "nobodyKnowsThisScheme");
  EXPECT_EQ(a.opaque(), "totallyopaquecontent");
  Uri b = parse_uri_ok("soap.beep://192.0.2.103:3002");
  EXPECT_EQ(b.scheme_name(), "soap.beep");
  EXPECT_EQ(b.to_string(), "soap.beep://192.0.2.103:3002");
  EXPECT_EQ(parse_uri_ok("http://www.example.com").opaque(), "//www.example.com");
  EXPECT_EQ(parse_uri_ok("isbn:2983792873").scheme_name(), "isbn");
}

TEST(Uri, UserPhone) {
  EXPECT_TRUE(parse_uri_ok("sip:+13035551111@ift.client.example.net;user=phone").user_is_phone());
  EXPECT_FALSE(parse_uri_ok("sip:+13035551111@ift.client.example.net").user_is_phone());
}

TEST(Uri, Malformed) {
  for (std::string_view bad :
       {"", "sip:", "sip:user@", "sip:@example.com", "sip:user@exa mple.com", "sip:user@host:",
        "sip:user@host:99999", "sip:user@host:12a", "sip:us er@host", "sip:user@host;=x",
        "sip:user@host;x=", "sip:user@host?noequals", "sip:u%zzser@host", "<sip:user@host>",
        "sip:user@host>", "1sip:x", "noscheme", "foo:has space", "sip:user@[::1"}) {
    Diagnostics d(ParseMode::lenient, bad);
    auto r = Uri::parse(bad, &d);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error(), ParseError::uri_malformed) << bad;
    ASSERT_FALSE(d.violations().empty()) << bad;
    EXPECT_EQ(d.violations().back().severity, Severity::fatal);
  }
}

TEST(Uri, EmptyParameterIsToleratedOnlyLeniently) {
  EXPECT_FALSE(Uri::parse("sip:user@host;;lr").ok());
  Diagnostics d(ParseMode::lenient);
  auto r = Uri::parse("sip:user@host;;lr", &d);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to_string(), "sip:user@host;lr");
  EXPECT_TRUE(d.needs_rewrite());
}

TEST(Uri, BuildersEscapeAndBracket) {
  Uri u = Uri::sip("I have spaces", "example.net");
  EXPECT_EQ(u.to_string(), "sip:I%20have%20spaces@example.net");
  EXPECT_EQ(u.user_unescaped(), "I have spaces");
  Uri v6 = Uri::sip("", "2001:db8::1", 5060, true);
  EXPECT_EQ(v6.to_string(), "sips:[2001:db8::1]:5060");
  EXPECT_EQ(v6.host_kind(), HostKind::ipv6);
  Uri t = Uri::tel("+14255550100");
  EXPECT_EQ(t.to_string(), "tel:+14255550100");
  u.params().set("user", "phone");
  u.clear_user();
  EXPECT_EQ(u.to_string(), "sip:example.net;user=phone");
  // What we build parses back to the same structure.
  auto back = Uri::parse(Uri::sip("a b@c", "h.example", 5070).to_string());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->user_unescaped(), "a b@c");
  EXPECT_EQ(back->port(), 5070);
}

TEST(Uri, RoundTripsAsWritten) {
  for (std::string_view text :
       {"sip:user@example.com;unknownparam",
        "sip:services.example.com;lr;unknownwith=value;unknown-no-value",
        "sip:%75se%72@example.com", "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
        "sips:[::1]", "tel:911;phone-context=+1"}) {
    EXPECT_EQ(parse_uri_ok(text).to_string(), text);
  }
}

}  // namespace
}  // namespace sipconf::sip
