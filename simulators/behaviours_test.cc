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
  EXPECT_EQ(set_behaviour(b, "answer_after_ms", "1.5s"), "");
  EXPECT_EQ(b.answer_after, milliseconds(1500));
  EXPECT_EQ(set_behaviour(b, "session_expires", "30min"), "");
  EXPECT_EQ(b.session_expires, 1800u);
  EXPECT_EQ(set_behaviour(b, "ptime", "30ms"), "");
  EXPECT_EQ(b.ptime, 30u);
  EXPECT_EQ(set_behaviour(b, "strip_plus", "True"), "");
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

// Durations take THE syntax of base/duration.h; the bare numbers they read before (ms, or
// seconds for the session timer's keys) are refused with the spelling of what they meant.
TEST(BehavioursTest, DurationsNeedTheirUnitAndFormerSpellingsNameTheNewOne) {
  Behaviours b;
  EXPECT_EQ(set_behaviour(b, "bye_after_ms", "2000"),
            "bye_after_ms: `2000` has no unit (a bare number no longer means ms): write 2000ms");
  EXPECT_EQ(set_behaviour(b, "session_expires", "1800"),
            "session_expires: `1800` has no unit (a bare number no longer means s): write 1800s");
  EXPECT_EQ(set_behaviour(b, "ptime", "20"),
            "ptime: `20` has no unit (a bare number no longer means ms): write 20ms");
  EXPECT_EQ(set_behaviour(b, "session_expires", "1.5s"),
            "session_expires: `1.5s` is not a whole number of 1s, the step this counts in");
  EXPECT_EQ(set_behaviour(b, "session_expires", "60s"),
            "session_expires: `60s` is shorter than 90s");
  EXPECT_EQ(set_behaviour(b, "dtmf_duration_ms", "6s"), "dtmf_duration_ms: `6s` is longer than 5s");
  EXPECT_EQ(set_behaviour(b, "stop_after_ms", "10 s"), "stop_after_ms: `10 s`: write 10s");
  EXPECT_EQ(set_behaviour(b, "strip_plus", "yes"), "strip_plus: `yes`: write true");
  EXPECT_EQ(set_behaviour(b, "bye_after_ms", "0s"), "");
  EXPECT_EQ(set_behaviour(b, "hold_after_ms", "2min"), "");
  EXPECT_EQ(b.hold_after, std::chrono::minutes(2));
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
