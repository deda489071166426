// The RFC 4475 torture messages: expected verdicts per message, and a golden JSON dump of
// each (sip/testdata/rfc4475/golden/). Regenerate the dumps after an intended change with
//   SIPCONF_REGENERATE_GOLDEN=1 build/sip/sip_tests --gtest_filter='Rfc4475*'
// and review the diff; never edit them by hand.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "sip/message/message_json.h"
#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/request_checks.h"
#include "sip/message/rfc4475_corpus.h"
#include "sip/message/stream_framer.h"

namespace sipconf::sip {
namespace {

using nlohmann::json;
using testing::rfc4475_messages;

struct Expectation {
  const char* strict;   // error name in strict mode ("ok" if accepted)
  int response;         // suggested response to the strict verdict (0 = accepted or drop)
  const char* lenient;  // error name in lenient mode
  int user_agent;       // check_request_semantics as a UAS (0 = fine, -1 = not a request)
  int proxy;            // ... as a proxy
};

// From the RFC's recommended handling (see sip/testdata/rfc4475/README.md).
const std::map<std::string, Expectation>& expectations() {
  static const std::map<std::string, Expectation> table = {
      {"badaspec", {"addr_spec_has_whitespace", 400, "ok", 0, 0}},
      {"badbranch", {"ok", 0, "ok", 400, 400}},
      {"baddate", {"date_malformed", 400, "ok", 0, 0}},
      {"baddn", {"display_name_invalid", 400, "ok", 0, 0}},
      {"badinv01", {"empty_parameter", 400, "ok", 0, 0}},
      {"badvers", {"version_not_supported", 505, "version_not_supported", -1, -1}},
      {"bcast", {"ok", 0, "ok", -1, -1}},
      {"bext01", {"ok", 0, "ok", 420, 420}},
      {"bigcode", {"status_code_invalid", 0, "status_code_invalid", -1, -1}},
      {"clerr", {"content_length_exceeds_message", 400, "content_length_exceeds_message", -1, -1}},
      {"cparam01", {"ok", 0, "ok", 0, 0}},
      {"cparam02", {"ok", 0, "ok", 0, 0}},
      {"dblreq", {"ok", 0, "ok", 0, 0}},
      {"esc01", {"ok", 0, "ok", 0, 0}},
      {"esc02", {"ok", 0, "ok", 501, 0}},
      {"escnull", {"ok", 0, "ok", 0, 0}},
      {"escruri", {"request_uri_has_headers", 400, "ok", 0, 0}},
      {"insuf", {"ok", 0, "ok", 400, 400}},
      {"intmeth", {"ok", 0, "ok", 501, 0}},
      {"inv2543", {"ok", 0, "ok", 0, 0}},
      {"invut", {"ok", 0, "ok", 415, 0}},
      {"longreq", {"ok", 0, "ok", 0, 0}},
      {"ltgtruri", {"request_uri_bracketed", 400, "ok", 0, 0}},
      {"lwsdisp", {"ok", 0, "ok", 0, 0}},
      {"lwsruri", {"request_uri_has_lws", 400, "ok", 0, 0}},
      {"lwsstart", {"request_line_extra_whitespace", 400, "ok", 0, 0}},
      {"mcl01", {"content_length_conflict", 400, "content_length_conflict", -1, -1}},
      {"mismatch01", {"cseq_method_mismatch", 400, "cseq_method_mismatch", -1, -1}},
      {"mismatch02", {"unknown_method_cseq_mismatch", 501, "unknown_method_cseq_mismatch", -1, -1}},
      {"mpart01", {"ok", 0, "ok", 0, 0}},
      {"multi01", {"ok", 0, "ok", 400, 400}},
      {"ncl", {"content_length_invalid", 400, "content_length_invalid", -1, -1}},
      {"noreason", {"ok", 0, "ok", -1, -1}},
      {"novelsc", {"ok", 0, "ok", 416, 416}},
      {"quotbal", {"quoted_string_unterminated", 400, "ok", 0, 0}},
      {"regaut01", {"ok", 0, "ok", 0, 0}},
      {"regbadct", {"addr_spec_needs_brackets", 400, "ok", 0, 0}},
      {"regescrt", {"ok", 0, "ok", 0, 0}},
      {"scalar02", {"cseq_number_too_large", 400, "cseq_number_too_large", -1, -1}},
      {"scalarlg", {"cseq_number_too_large", 0, "cseq_number_too_large", -1, -1}},
      {"sdp01", {"ok", 0, "ok", 406, 0}},
      {"semiuri", {"ok", 0, "ok", 0, 0}},
      {"test", {"start_line_malformed", 400, "start_line_malformed", -1, -1}},
      {"transports", {"ok", 0, "ok", 0, 0}},
      {"trws", {"request_line_extra_whitespace", 400, "ok", 0, 0}},
      {"unkscm", {"ok", 0, "ok", 416, 416}},
      {"unksm2", {"ok", 0, "ok", 0, 0}},
      {"unreason", {"ok", 0, "ok", -1, -1}},
      {"wsinv", {"ok", 0, "ok", 0, 0}},
      {"zeromf", {"ok", 0, "ok", 0, 483}},
  };
  return table;
}

RequestPolicy policy(ElementRole role) {
  RequestPolicy p;
  p.role = role;
  if (role != ElementRole::proxy) {
    p.allowed_methods = {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER", "MESSAGE"};
    p.accepted_content_types = {"application/sdp", "multipart/mixed"};
  }
  return p;
}

ParseResult parse_torture(const std::string& bytes, ParseMode mode) {
  ParseOptions o;
  o.mode = mode;
  return parse_message(bytes, o);
}

json verdict_json(const ParseResult& r) {
  json j = to_json(r);
  j.erase("message");
  return j;
}

json check_json(const RequestCheck& c) {
  return {{"status", c.status}, {"detail", c.detail}, {"unsupported", c.unsupported}};
}

json stream_json(const std::string& bytes) {
  StreamFramer f;
  f.feed(bytes);
  json frames = json::array();
  for (;;) {
    std::string out;
    std::error_code ec;
    FrameStatus s = f.next(out, ec);
    if (s == FrameStatus::message) {
      frames.push_back(out.size());
    } else if (s == FrameStatus::keepalive) {
      frames.push_back("keepalive");
    } else {
      return {{"frames", frames},
              {"then", s == FrameStatus::error ? "error" : "need_more"},
              {"error", s == FrameStatus::error ? json(parse_error_name(ec)) : json(nullptr)},
              {"buffered", f.buffered()}};
    }
  }
}

// Everything the message layer concludes about one torture message.
json golden_for(const std::string& bytes) {
  ParseResult strict = parse_torture(bytes, ParseMode::strict);
  ParseResult lenient = parse_torture(bytes, ParseMode::lenient);
  json j;
  j["strict"] = verdict_json(strict);
  j["lenient"] = verdict_json(lenient);
  if (lenient.ok()) {
    j["lenient"]["forwarded"] = json_safe(serialize(*lenient.message));
    if (lenient.message->is_request()) {
      j["checks"] = {
          {"user_agent",
           check_json(check_request_semantics(*lenient.message, policy(ElementRole::user_agent)))},
          {"proxy",
           check_json(check_request_semantics(*lenient.message, policy(ElementRole::proxy)))}};
    }
  }
  j["stream"] = stream_json(bytes);
  j["message"] = lenient.message ? to_json(*lenient.message) : json(nullptr);
  return j;
}

TEST(Rfc4475, EveryMessageHasAnExpectation) {
  auto messages = rfc4475_messages();
  EXPECT_EQ(messages.size(), 50u);
  for (const auto& c : messages) EXPECT_EQ(expectations().count(c.name), 1u) << c.name;
}

TEST(Rfc4475, VerdictsMatchTheRecommendedHandling) {
  for (const auto& c : rfc4475_messages()) {
    const Expectation& e = expectations().at(c.name);
    ParseResult strict = parse_torture(c.bytes, ParseMode::strict);
    EXPECT_EQ(parse_error_name(strict.error), e.strict) << c.name;
    EXPECT_EQ(strict.suggested_response().status, e.response) << c.name;
    ASSERT_TRUE(strict.message.has_value()) << c.name;
    ParseResult lenient = parse_torture(c.bytes, ParseMode::lenient);
    EXPECT_EQ(parse_error_name(lenient.error), e.lenient) << c.name;
    if (e.user_agent < 0) continue;
    ASSERT_TRUE(lenient.ok() && lenient.message->is_request()) << c.name;
    EXPECT_EQ(check_request_semantics(*lenient.message, policy(ElementRole::user_agent)).status,
              e.user_agent)
        << c.name;
    EXPECT_EQ(check_request_semantics(*lenient.message, policy(ElementRole::proxy)).status, e.proxy)
        << c.name;
  }
}

TEST(Rfc4475, LenientRepairsSerializeWellFormed) {
  // Whatever the lenient parser accepted re-parses strictly with nothing to repair: a liberal
  // element never propagates the malformed construct.
  for (const auto& c : rfc4475_messages()) {
    ParseResult lenient = parse_torture(c.bytes, ParseMode::lenient);
    if (!lenient.ok()) continue;
    ParseResult again = parse_torture(serialize(*lenient.message), ParseMode::strict);
    EXPECT_TRUE(again.ok()) << c.name << ": " << again.error.message();
    for (const auto& v : again.violations) {
      EXPECT_NE(v.severity, Severity::tolerated) << c.name << ": " << v.detail;
      EXPECT_NE(v.code, ParseError::display_name_unspaced) << c.name;
    }
  }
}

TEST(Rfc4475, GoldenDumps) {
  const bool regenerate = std::getenv("SIPCONF_REGENERATE_GOLDEN") != nullptr;
  auto dir = testing::rfc4475_dir() / "golden";
  if (regenerate) std::filesystem::create_directories(dir);
  for (const auto& c : rfc4475_messages()) {
    json actual = golden_for(c.bytes);
    auto path = dir / (c.name + ".json");
    if (regenerate) {
      std::ofstream(path, std::ios::binary) << actual.dump(2) << "\n";
      continue;
    }
    std::string text = testing::read_file_bytes(path);
    ASSERT_FALSE(text.empty()) << "missing golden " << path
                               << " (run with SIPCONF_REGENERATE_GOLDEN=1)";
    json expected = json::parse(text, nullptr, false);
    ASSERT_FALSE(expected.is_discarded()) << path;
    EXPECT_EQ(actual, expected) << c.name << ": golden differs; actual:\n" << actual.dump(2);
  }
}

}  // namespace
}  // namespace sipconf::sip
