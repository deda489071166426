// OPTIONS keep-alive of the trunks (HF-01, decision 6.6) through the B2BUA on a fake
// transport and clock: what a probe carries, its schedule, down after the miss threshold,
// up after one answer, and routing around a trunk that is down.
#include "mediation/trunk_health.h"

#include <set>

#include <gtest/gtest.h>

#include "mediation/b2bua_test_support.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;
using std::chrono::milliseconds;
using testing::B2buaFixture;

/// gw1 (UDP) probed every second, down after 3 misses, re-probed every 5 s while down.
/// Timer F with the lab's T1 of 100 ms is 6.4 s.
constexpr char kFastHealth[] =
    R"(<health options-interval="1s" options-miss-threshold="3" options-down-reprobe="5s"/>)";
constexpr milliseconds kTimerF{6400};

class TrunkHealthTest : public B2buaFixture {
 protected:
  void SetUp() override { build(testing::lab_config(kFastHealth)); }

  /// New OPTIONS probes sent to `address` since the last call; retransmissions (UDP, Timer E)
  /// of a probe already seen are left out.
  std::vector<sip::Message> probes(const std::string& address) {
    std::vector<sip::Message> out;
    for (sip::Message& m : take(address)) {
      if (!m.is_request() || m.method() != "OPTIONS") continue;
      if (!seen_call_ids_.insert(std::string(*sip::call_id(m))).second) continue;
      out.push_back(std::move(m));
    }
    return out;
  }
  void answer_probe(const sip::Message& probe, int status) {
    deliver(gw1, answer(probe, status, "gw-probe", ""));
  }
  void advance(milliseconds by) { timers.advance(by); }
  bool gw1_up() const { return b2bua->health().up(0); }
  /// Runs the clock with gw1 silent until it is down; returns the probes sent meanwhile.
  std::size_t silence_until_down() {
    std::size_t sent = 0;
    for (int i = 0; i < 200 && gw1_up(); ++i) {
      advance(milliseconds(100));
      sent += probes("127.0.0.3").size();
    }
    return sent;
  }

  std::set<std::string> seen_call_ids_;
};

TEST_F(TrunkHealthTest, NothingIsProbedBeforeProbingStarts) {
  advance(milliseconds(3000));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  EXPECT_TRUE(probes("127.0.0.4").empty());
  EXPECT_TRUE(gw1_up());
}

TEST_F(TrunkHealthTest, AProbeIsAnOutOfDialogOptionsTowardThePeer) {
  b2bua->start_probing();
  advance(milliseconds(999));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  advance(milliseconds(1));
  auto sent = probes("127.0.0.3");
  ASSERT_EQ(sent.size(), 1u);
  const sip::Message& probe = sent.front();
  EXPECT_EQ(probe.method(), "OPTIONS");
  EXPECT_EQ(probe.request_uri_text(), "sip:127.0.0.3:5066;transport=udp");
  EXPECT_EQ(*sip::max_forwards(probe), 70u);
  EXPECT_EQ(sip::to(probe)->uri().to_string(), "sip:127.0.0.3:5066");
  EXPECT_FALSE(sip::to(probe)->tag());
  ASSERT_TRUE(sip::from(probe)->tag());
  EXPECT_EQ(sip::from(probe)->uri().host(), "127.0.0.1");
  EXPECT_EQ(sip::cseq(probe)->method, "OPTIONS");
  EXPECT_EQ(sip::contacts(probe)->contacts.front().uri().to_string(), "sip:127.0.0.1:5068");
  EXPECT_NE(probe.header(HeaderId::user_agent)->find("MediationServer"), std::string_view::npos);
  auto via = sip::vias(probe);
  ASSERT_EQ(via->size(), 1u);
  EXPECT_EQ(via->front().sent_by(), "127.0.0.1:5068");
  EXPECT_EQ(metrics.trunks["gw1"].probes_sent, 1u);
  // gw2 (TCP) is probed too, on its own listener, at its default interval of 30 s.
  advance(milliseconds(29000));
  auto other = probes("127.0.0.4");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other.front().request_uri_text(), "sip:127.0.0.4:5066;transport=tcp");
  EXPECT_NE(*sip::call_id(other.front()), *sip::call_id(probe));
  EXPECT_NE(sip::from(other.front())->tag(), sip::from(probe)->tag());
}

TEST_F(TrunkHealthTest, AnsweredProbesFollowTheIntervalFromTheStart) {
  b2bua->start_probing();
  advance(milliseconds(999));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  advance(milliseconds(1));
  for (int second = 0; second < 5; ++second) {
    auto sent = probes("127.0.0.3");
    ASSERT_EQ(sent.size(), 1u) << "second " << second;
    answer_probe(sent.front(), 200);
    advance(milliseconds(999));
    EXPECT_TRUE(probes("127.0.0.3").empty()) << "early probe in second " << second;
    advance(milliseconds(1));
  }
  EXPECT_EQ(metrics.trunks["gw1"].probes_sent, 6u);
  EXPECT_EQ(metrics.trunks["gw1"].probes_answered, 5u);
  EXPECT_EQ(metrics.trunks["gw1"].probes_missed, 0u);
  EXPECT_TRUE(gw1_up());
  // gw2 keeps the default interval of 30 s.
  EXPECT_TRUE(probes("127.0.0.4").empty());
}

TEST_F(TrunkHealthTest, TheTrunkGoesDownAtTheMissThreshold) {
  b2bua->start_probing();
  // Probes at 1, 2, 3 s go unanswered: their Timer F fire at 7.4, 8.4 and 9.4 s.
  advance(kTimerF + milliseconds(3000) - milliseconds(1));
  EXPECT_TRUE(gw1_up());
  EXPECT_EQ(metrics.trunks["gw1"].probes_missed, 2u);
  advance(milliseconds(1));
  EXPECT_FALSE(gw1_up());
  EXPECT_EQ(metrics.trunks["gw1"].probes_missed, 3u);
  EXPECT_EQ(metrics.trunks["gw1"].probes_answered, 0u);
  EXPECT_TRUE(b2bua->health().up(1)) << "gw2 has its own state";
}

TEST_F(TrunkHealthTest, AnAnswerResetsTheMissCount) {
  b2bua->start_probing();
  advance(milliseconds(999));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  advance(milliseconds(1));
  std::vector<sip::Message> sent;
  for (int i = 0; i < 3; ++i) {
    for (auto& p : probes("127.0.0.3")) sent.push_back(std::move(p));
    advance(milliseconds(1000));
  }
  ASSERT_EQ(sent.size(), 3u);
  advance(milliseconds(4900));  // t = 8.9 s: the probes of 1 and 2 s have missed
  EXPECT_EQ(metrics.trunks["gw1"].probes_missed, 2u);
  answer_probe(sent[2], 200);
  // The probes of 4, 5 and 6 s miss at 10.4, 11.4 and 12.4 s: three in a row only then.
  advance(milliseconds(3000));
  EXPECT_EQ(metrics.trunks["gw1"].probes_missed, 4u);
  EXPECT_TRUE(gw1_up());
  advance(milliseconds(500));
  EXPECT_FALSE(gw1_up());
}

TEST_F(TrunkHealthTest, ADownTrunkIsReprobedAtTheReprobeIntervalAndOneAnswerBringsItUp) {
  b2bua->start_probing();
  silence_until_down();
  ASSERT_FALSE(gw1_up());
  probes("127.0.0.3");  // what was sent up to now
  // Probes already scheduled at the interval stop; the next ones come every 5 s.
  advance(milliseconds(4900));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  advance(milliseconds(100));
  auto reprobe = probes("127.0.0.3");
  ASSERT_EQ(reprobe.size(), 1u);
  advance(milliseconds(5000));
  auto next = probes("127.0.0.3");
  ASSERT_EQ(next.size(), 1u);
  answer_probe(next.front(), 200);
  EXPECT_TRUE(gw1_up());
  // Back at the keep-alive interval.
  advance(milliseconds(1000));
  EXPECT_EQ(probes("127.0.0.3").size(), 1u);
}

TEST_F(TrunkHealthTest, A503IsAMissAnd404IsAnAnswer) {
  EXPECT_TRUE(probe_answered(200));
  EXPECT_TRUE(probe_answered(404));
  EXPECT_TRUE(probe_answered(486));
  EXPECT_TRUE(probe_answered(500));
  EXPECT_FALSE(probe_answered(503));
  EXPECT_FALSE(probe_answered(100));
  b2bua->start_probing();
  advance(milliseconds(999));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  advance(milliseconds(1));
  for (int i = 0; i < 3; ++i) {
    auto sent = probes("127.0.0.3");
    ASSERT_EQ(sent.size(), 1u);
    answer_probe(sent.front(), 503);
    advance(milliseconds(1000));
  }
  EXPECT_FALSE(gw1_up());
  EXPECT_EQ(metrics.trunks["gw1"].probes_missed, 3u);
  advance(milliseconds(4000));
  auto reprobe = probes("127.0.0.3");
  ASSERT_EQ(reprobe.size(), 1u);
  answer_probe(reprobe.front(), 404);
  EXPECT_TRUE(gw1_up());
}

TEST_F(TrunkHealthTest, CallsSkipADownTrunkForTheNextOfTheRoute) {
  b2bua->start_probing();
  silence_until_down();
  ASSERT_FALSE(gw1_up());
  deliver(fe, fe_invite("+14255550100"));  // route "us": gw1, then gw2
  auto invites = take("127.0.0.4");
  ASSERT_FALSE(invites.empty());
  EXPECT_EQ(invites.back().method(), "INVITE");
  for (const sip::Message& m : take("127.0.0.3")) EXPECT_NE(m.method(), "INVITE");
  EXPECT_EQ(metrics.trunks["gw2"].calls_out, 1u);
  EXPECT_EQ(metrics.trunks["gw1"].calls_out, 0u);
}

TEST_F(TrunkHealthTest, NoTrunkLeftIs503With12000) {
  build(testing::lab_config(kFastHealth, R"(<pstn-usage name="Local">
    <route name="us" pattern="^\+1425"><trunk name="gw1"/></route></pstn-usage>)"));
  b2bua->start_probing();
  silence_until_down();
  ASSERT_FALSE(gw1_up());
  take("127.0.0.2");
  deliver(fe, fe_invite("+14255550100"));
  auto answers = take("127.0.0.2");
  ASSERT_FALSE(answers.empty());
  const sip::Message& final_response = answers.back();
  EXPECT_EQ(final_response.status_code(), 503);
  auto diagnostics = final_response.header("ms-diagnostics");
  ASSERT_TRUE(diagnostics.has_value());
  EXPECT_EQ(diagnostics->substr(0, 6), "12000;");
  EXPECT_EQ(b2bua->active_calls(), 0u);
  for (const sip::Message& m : take("127.0.0.3")) EXPECT_NE(m.method(), "INVITE");
}

TEST_F(TrunkHealthTest, ReloadRestartsProbingWithTheNewSettings) {
  b2bua->start_probing();
  advance(milliseconds(999));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  advance(milliseconds(1));
  auto first = probes("127.0.0.3");
  ASSERT_EQ(first.size(), 1u);
  answer_probe(first.front(), 200);
  advance(milliseconds(500));
  b2bua->set_config(testing::runtime(testing::lab_config(
      R"(<health options-interval="2s" options-miss-threshold="1" options-down-reprobe="3s"/>)")));
  advance(milliseconds(1999));
  EXPECT_TRUE(probes("127.0.0.3").empty()) << "the old interval of 1 s is gone";
  advance(milliseconds(1));
  auto restarted = probes("127.0.0.3");
  ASSERT_EQ(restarted.size(), 1u) << "probing restarts with the new interval";
  answer_probe(restarted.front(), 200);
  advance(milliseconds(1999));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  advance(milliseconds(1));
  ASSERT_EQ(probes("127.0.0.3").size(), 1u) << "the new interval";
  advance(kTimerF - milliseconds(1));
  EXPECT_TRUE(gw1_up());
  advance(milliseconds(1));
  EXPECT_FALSE(gw1_up()) << "the new threshold: one miss";
}

TEST_F(TrunkHealthTest, ReloadKeepsADownTrunkDown) {
  b2bua->start_probing();
  silence_until_down();
  ASSERT_FALSE(gw1_up());
  b2bua->set_config(testing::runtime(testing::lab_config(kFastHealth)));
  EXPECT_FALSE(gw1_up());
  EXPECT_TRUE(b2bua->health().up(1));
}

TEST_F(TrunkHealthTest, StoppingEndsProbingAndLeavesNoTransactions) {
  b2bua->start_probing();
  advance(milliseconds(3500));
  EXPECT_EQ(probes("127.0.0.3").size(), 3u);
  b2bua->stop_probing();
  advance(milliseconds(60000));
  EXPECT_TRUE(probes("127.0.0.3").empty());
  EXPECT_TRUE(probes("127.0.0.4").empty());
  EXPECT_EQ(transactions(), 0u);
  EXPECT_TRUE(gw1_up()) << "no health state once stopped";
  EXPECT_EQ(metrics.trunks["gw1"].probes_missed, 0u) << "probes in flight no longer count";
}

TEST_F(TrunkHealthTest, MetricsShowTheStateAndTheProbeCounters) {
  b2bua->start_probing();
  silence_until_down();
  const std::string text =
      render_prometheus(MetricsSnapshot{metrics, 0, 0, 0, 0, false, layer->counters(),
                                        transport->counters(), b2bua->health().states()});
  EXPECT_NE(text.find("sipconf_mediation_trunk_up{trunk=\"gw1\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("sipconf_mediation_trunk_up{trunk=\"gw2\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("sipconf_mediation_trunk_probes_total{trunk=\"gw1\",outcome=\"missed\"} 3\n"),
            std::string::npos);
  const std::string sent =
      fmt::format("sipconf_mediation_trunk_probes_total{{trunk=\"gw1\",outcome=\"sent\"}} {}\n",
                  metrics.trunks["gw1"].probes_sent);
  EXPECT_NE(text.find(sent), std::string::npos);
  EXPECT_GE(metrics.trunks["gw1"].probes_sent, 9u);
}

}  // namespace
}  // namespace sipconf::mediation
