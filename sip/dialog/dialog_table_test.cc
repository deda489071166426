#include "sip/dialog/dialog_table.h"

#include <string>

#include <gtest/gtest.h>

#include "sip/message/message_builders.h"
#include "sip/message/message_writer.h"
#include "sip/transaction/transaction_test_support.h"

namespace sipconf::sip {
namespace {

using transaction_testing::parse_or_die;

Message dialog_invite() {
  return parse_or_die(
      "INVITE sip:pstn@127.0.0.70 SIP/2.0\r\n"
      "Via: SIP/2.0/TCP 127.0.0.71:5068;branch=z9hG4bKfork\r\n"
      "From: <sip:lync@127.0.0.71>;tag=local\r\nTo: <sip:pstn@127.0.0.70>\r\n"
      "Call-ID: fork@127.0.0.71\r\nCSeq: 1 INVITE\r\nContact: <sip:lync@127.0.0.71:5068>\r\n"
      "Content-Length: 0\r\n\r\n");
}

/// A response from the fork at 127.0.0.8x with To tag `tag`.
Message fork_response(int status, const std::string& tag) {
  auto r = make_response(dialog_invite(), status, {}, tag);
  if (!tag.empty()) {
    r->append_header(HeaderId::contact, "<sip:gw@127.0.0.8" + tag.substr(tag.size() - 1) + ">");
  }
  return parse_or_die(serialize(*r));
}

TEST(DialogTable, ForkedProvisionalsMakeOneEarlyDialogEach) {
  DialogTable table;
  Dialog* a = table.on_uac_response(dialog_invite(), fork_response(180, "gw1"));
  Dialog* b = table.on_uac_response(dialog_invite(), fork_response(183, "gw2"));
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(a, b);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(table.on_uac_response(dialog_invite(), fork_response(180, "gw1")), a);  // same tag
  EXPECT_EQ(table.on_uac_response(dialog_invite(), fork_response(100, "")), nullptr);
  EXPECT_EQ(table.forks("fork@127.0.0.71", "local").size(), 2u);

  // gw2 answers: its dialog is confirmed; gw1 stays early until the transaction ends.
  EXPECT_EQ(table.on_uac_response(dialog_invite(), fork_response(200, "gw2")), b);
  EXPECT_TRUE(b->confirmed());
  EXPECT_TRUE(a->early());
  EXPECT_EQ(table.end_early_forks("fork@127.0.0.71", "local"), 1u);
  EXPECT_TRUE(a->terminated());
  EXPECT_EQ(table.erase_terminated(), 1u);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.forks("fork@127.0.0.71", "local").size(), 1u);
  EXPECT_EQ(table.match_response(fork_response(200, "gw2")), b);
}

TEST(DialogTable, A2xxFromAForkWithoutProvisionalCreatesAConfirmedDialog) {
  DialogTable table;
  table.on_uac_response(dialog_invite(), fork_response(180, "gw1"));
  Dialog* c = table.on_uac_response(dialog_invite(), fork_response(200, "gw3"));
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->confirmed());
  EXPECT_EQ(c->remote_target().host(), "127.0.0.83");
  EXPECT_EQ(table.size(), 2u);
}

TEST(DialogTable, FailureEndsEveryEarlyDialogOfTheRequest) {
  DialogTable table;
  Dialog* a = table.on_uac_response(dialog_invite(), fork_response(180, "gw1"));
  Dialog* b = table.on_uac_response(dialog_invite(), fork_response(180, "gw2"));
  EXPECT_EQ(table.on_uac_response(dialog_invite(), fork_response(486, "gw2")), nullptr);
  EXPECT_TRUE(a->terminated());
  EXPECT_TRUE(b->terminated());
}

TEST(DialogTable, IncomingRequestsMatchByCallIdAndSwappedTags) {
  DialogTable table;
  Dialog* d = table.on_uac_response(dialog_invite(), fork_response(200, "gw1"));
  d->user_data = 42;
  Message bye = parse_or_die(
      "BYE sip:lync@127.0.0.71:5068 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.81;branch=z9hG4bKbye\r\n"
      "From: <sip:pstn@127.0.0.70>;tag=gw1\r\nTo: <sip:lync@127.0.0.71>;tag=local\r\n"
      "Call-ID: fork@127.0.0.71\r\nCSeq: 5 BYE\r\nContent-Length: 0\r\n\r\n");
  Dialog* found = table.match_request(bye);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->user_data, 42u);
  bye.set_header(HeaderId::from, "<sip:pstn@127.0.0.70>;tag=gw9");
  EXPECT_EQ(table.match_request(bye), nullptr);
  EXPECT_TRUE(table.erase(d->id()));
  EXPECT_FALSE(table.erase(DialogId{"fork@127.0.0.71", "local", "gw1"}));
  EXPECT_EQ(table.size(), 0u);
}

TEST(DialogTable, AddKeepsTheExistingDialog) {
  DialogTable table;
  Message req = dialog_invite();
  auto ok = make_response(req, 200, {}, "uas-tag");
  Dialog& first = table.add(*Dialog::from_uas(req, *ok));
  first.user_data = 7;
  Dialog& again = table.add(*Dialog::from_uas(req, *ok));
  EXPECT_EQ(&first, &again);
  EXPECT_EQ(again.user_data, 7u);
  EXPECT_EQ(table.size(), 1u);
}

}  // namespace
}  // namespace sipconf::sip
