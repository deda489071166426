#include "mediation/metrics.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

TEST(Metrics, ResultOfStatus) {
  EXPECT_EQ(result_of_status(200), CallResult::answered);
  EXPECT_EQ(result_of_status(486), CallResult::busy);
  EXPECT_EQ(result_of_status(600), CallResult::busy);
  EXPECT_EQ(result_of_status(487), CallResult::cancelled);
  EXPECT_EQ(result_of_status(408), CallResult::no_answer);
  EXPECT_EQ(result_of_status(480), CallResult::no_answer);
  EXPECT_EQ(result_of_status(503), CallResult::failed);
  EXPECT_EQ(result_of_status(404), CallResult::rejected);
  EXPECT_EQ(result_of_status(603), CallResult::rejected);
}

TEST(Metrics, PrometheusTextHasTypesLabelsAndValues) {
  Metrics m;
  m.calls[static_cast<int>(CallResult::answered)] = 3;
  m.calls[static_cast<int>(CallResult::busy)] = 1;
  m.rejected_requests[403] = 2;
  m.trunks["gw \"one\""].calls_out = 4;
  m.trunks["gw \"one\""].failures = 1;
  sip::TransactionCounters tx;
  tx.created[static_cast<int>(sip::TransactionKind::server_invite)] = 5;
  tx.retransmissions_sent = 7;
  tx.parse_errors = 2;
  tx.malformed_dropped = 1;
  tx.stray_responses = 1;
  sip::TransportCounters transport;
  transport.udp.messages_in = 11;
  const std::string text = render_prometheus(MetricsSnapshot{m, 2, 4, 6, 1, true, tx, transport});
  for (const char* line :
       {"# TYPE sipconf_mediation_active_calls gauge\nsipconf_mediation_active_calls 2\n",
        "sipconf_mediation_active_dialogs 4\n", "sipconf_mediation_active_transactions 6\n",
        "sipconf_mediation_draining 1\n", "# TYPE sipconf_mediation_calls_total counter\n",
        "sipconf_mediation_calls_total{result=\"answered\"} 3\n",
        "sipconf_mediation_calls_total{result=\"busy\"} 1\n",
        "sipconf_mediation_calls_total{result=\"cancelled\"} 0\n",
        "sipconf_mediation_rejected_requests_total{status=\"403\"} 2\n",
        "sipconf_mediation_trunk_calls_total{trunk=\"gw \\\"one\\\"\",direction=\"out\"} 4\n",
        "sipconf_mediation_trunk_failures_total{trunk=\"gw \\\"one\\\"\"} 1\n",
        "sipconf_mediation_transactions_total{kind=\"server_invite\"} 5\n",
        "sipconf_mediation_retransmissions_total 7\n", "sipconf_mediation_parse_errors_total 2\n",
        "sipconf_mediation_dropped_messages_total 1\n",
        "sipconf_mediation_dropped_responses_total 1\n",
        "sipconf_mediation_messages_total{transport=\"UDP\",direction=\"in\"} 11\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace sipconf::mediation
