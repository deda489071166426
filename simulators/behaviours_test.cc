#include "simulators/behaviours.h"

#include <set>

#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;

TEST(BehavioursTest, EveryKindOfValueIsParsed) {
  Behaviours b;
  EXPECT_EQ(set_behaviour(b, "ring", "183"), "");
  EXPECT_EQ(b.ring, RingMode::progress);
  EXPECT_EQ(set_behaviour(b, "answer_after_ms", "1500"), "");
  EXPECT_EQ(b.answer_after, milliseconds(1500));
  EXPECT_EQ(set_behaviour(b, "strip_plus", "yes"), "");
  EXPECT_TRUE(b.strip_plus);
  EXPECT_EQ(set_behaviour(b, "rate", "12.5"), "");
  EXPECT_DOUBLE_EQ(b.rate, 12.5);
  EXPECT_EQ(set_behaviour(b, "codecs", "PCMA, PCMU"), "");
  EXPECT_EQ(b.codecs, (std::vector<std::string>{"PCMA", "PCMU"}));
  EXPECT_EQ(set_behaviour(b, "options", "503@1s"), "");
  EXPECT_EQ(b.options.at(milliseconds(1000)).status, 503);
  EXPECT_EQ(set_behaviour(b, "refer", "603"), "");
  EXPECT_EQ(b.refer, ReferPolicy::reject_603);
  EXPECT_EQ(set_behaviour(b, "expect_refer", "rejected"), "");
  EXPECT_FALSE(b.expect_refer_accepted);
  EXPECT_EQ(set_behaviour(b, "dtmf", "1*#D"), "");
  EXPECT_EQ(b.dtmf, "1*#D");
}

TEST(BehavioursTest, BadValuesAndKeysSayWhatIsWrong) {
  Behaviours b;
  EXPECT_EQ(set_behaviour(b, "ring", "181"), "ring: expected none|180|183, got `181`");
  EXPECT_EQ(set_behaviour(b, "final", "99"), "final: 99 is out of range 200..699");
  EXPECT_EQ(set_behaviour(b, "early_dialogs", "three"),
            "early_dialogs: expected an integer, got `three`");
  EXPECT_EQ(set_behaviour(b, "rnig", "180"), "unknown behaviour key `rnig` (see sipsim --help)");
  EXPECT_EQ(set_behaviour(b, "codecs", "G729"),
            "codecs: codec `G729` is not one sipsim sends (PCMU, PCMA)");
  EXPECT_EQ(set_behaviour(b, "telephone_event", "8"),
            "telephone_event: 8 is not a dynamic payload type (96..127)");
  EXPECT_EQ(set_behaviour(b, "dtmf", "12x"), "dtmf: `x` is not a DTMF digit");
  EXPECT_EQ(b.ring, RingMode::ringing) << "a rejected value leaves the old one";
}

TEST(BehavioursTest, EveryDocumentedKeyCanBeSet) {
  std::set<std::string_view> names;
  for (const BehaviourKey& key : behaviour_keys()) {
    EXPECT_TRUE(names.insert(key.name).second) << "duplicate key " << key.name;
    EXPECT_FALSE(key.doc.empty()) << key.name;
    Behaviours b;
    const std::string error = set_behaviour(b, key.name, "");
    EXPECT_EQ(error.find("unknown behaviour key"), std::string::npos) << key.name;
  }
  EXPECT_GE(names.size(), 45u);
}

TEST(BehavioursTest, AssignmentsSplitWithListValuesContinuing) {
  std::vector<KeyValue> pairs;
  std::string error;
  ASSERT_TRUE(split_assignments("ring=183,codecs=PCMU,PCMA,options=200@0s,silent@5s,final=486",
                                pairs, error));
  ASSERT_EQ(pairs.size(), 4u);
  EXPECT_EQ(pairs[1].key, "codecs");
  EXPECT_EQ(pairs[1].value, "PCMU,PCMA");
  EXPECT_EQ(pairs[2].value, "200@0s,silent@5s");
  EXPECT_EQ(pairs[3].value, "486");
  pairs.clear();
  EXPECT_FALSE(split_assignments("ring", pairs, error));
  EXPECT_EQ(error, "`ring` is not key=value");
  EXPECT_FALSE(split_assignments("=5", pairs, error));
}

TEST(BehavioursTest, RelationsBetweenKeysAreChecked) {
  Behaviours b;
  EXPECT_EQ(check_behaviours(b), "");
  b.early_dialogs = 2;
  b.answer_dialog = 3;
  EXPECT_EQ(check_behaviours(b), "answer_dialog=3 but only early_dialogs=2 forks ring");
  b.answer_dialog = 1;
  b.ring = RingMode::none;
  EXPECT_NE(check_behaviours(b), "");
  b = Behaviours{};
  b.dtmf = "1";
  b.telephone_event = 0;
  EXPECT_EQ(check_behaviours(b), "dtmf needs telephone_event (a payload type for RFC 4733 events)");
  b = Behaviours{};
  b.resume_after = milliseconds(10);
  EXPECT_EQ(check_behaviours(b), "resume_after_ms needs hold_after_ms");
}

}  // namespace
}  // namespace sipconf::simulators
