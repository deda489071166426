#include "sip/transaction/transaction_ids.h"

#include <set>

#include <gtest/gtest.h>

#include "sip/base/lexer.h"
#include "sip/message/via.h"

namespace sipconf::sip {
namespace {

TEST(IdGenerator, BranchesCarryTheMagicCookieAndDoNotRepeat) {
  IdGenerator ids(42);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string b = ids.branch();
    EXPECT_EQ(b.substr(0, 7), "z9hG4bK");
    EXPECT_EQ(b.size(), 23u);
    EXPECT_TRUE(lex::is_token(b));
    seen.insert(b);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(IdGenerator, SameSeedSameSequence) {
  IdGenerator a(7), b(7), c(8);
  EXPECT_EQ(a.tag(), b.tag());
  EXPECT_EQ(a.call_id("h"), b.call_id("h"));
  EXPECT_NE(IdGenerator(7).tag(), c.tag());
}

TEST(IdGenerator, CallIdAndTagShapes) {
  IdGenerator ids(1);
  std::string id = ids.call_id("127.0.0.5");
  EXPECT_EQ(id.size(), 24u + 1 + 9);
  EXPECT_EQ(id.substr(24), "@127.0.0.5");
  EXPECT_EQ(ids.call_id().find('@'), std::string::npos);
  EXPECT_EQ(ids.tag().size(), 12u);
}

TEST(IdGenerator, InitialCSeqBelow2To31AndBoundedDraws) {
  IdGenerator ids(3);
  for (int i = 0; i < 1000; ++i) {
    std::uint32_t n = ids.initial_cseq();
    EXPECT_GE(n, 1u);
    EXPECT_LT(n, 1u << 31);
    EXPECT_LT(ids.below(10), 10u);
  }
  EXPECT_EQ(ids.below(0), 0u);
  EXPECT_EQ(ids.below(1), 0u);
}

}  // namespace
}  // namespace sipconf::sip
