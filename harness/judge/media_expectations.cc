#include "harness/judge/media_expectations.h"

#include <fmt/format.h>

#include <algorithm>

#include "sip/message/header_names.h"
#include "sip/sdp/sdp.h"
#include "sip/sdp/sdp_codec.h"
#include "sip/sdp/sdp_connection.h"
#include "sip/sdp/sdp_crypto.h"
#include "sip/sdp/sdp_direction.h"

namespace sipconf::harness {
namespace {

/// The SUT's IP on the leg of a message: the SUT party at either end of it.
std::string sut_address_of(const WireSelection& wire, std::size_t index) {
  const PartyDirectory& parties = wire.labels().parties();
  for (const std::string* name : {&wire.from(index), &wire.to(index)}) {
    const Party* party = parties.by_name(*name);
    if (party != nullptr && party->sut && party->address) return party->address->ip.to_string();
  }
  return {};
}

std::string expected_connection(const WireSelection& wire, const std::string& wanted,
                                std::size_t index) {
  if (wanted == "sut") return sut_address_of(wire, index);
  const Party* party = wire.labels().parties().by_name(wanted);
  if (party != nullptr && party->address) return party->address->ip.to_string();
  return wanted;
}

}  // namespace

reports::Subtest judge_sdp(const manifest::Expectation& e, const manifest::SdpCheck& c,
                           const WireSelection& wire) {
  reports::Subtest s = subtest_for(e, c.selector.leg);
  s.highlight = "body";
  std::vector<std::string> expected;
  if (!c.codecs.empty()) expected.push_back(fmt::format("codecs {}", fmt::join(c.codecs, ",")));
  if (!c.codecs_include.empty()) {
    expected.push_back(fmt::format("offers {}", fmt::join(c.codecs_include, ",")));
  }
  if (!c.codecs_exclude.empty()) {
    expected.push_back(fmt::format("not {}", fmt::join(c.codecs_exclude, ",")));
  }
  if (!c.connection.empty()) expected.push_back("c=" + c.connection);
  if (!c.direction.empty()) expected.push_back(c.direction);
  if (!c.profile.empty()) expected.push_back(c.profile);
  if (c.crypto) expected.push_back(*c.crypto ? "a=crypto" : "no a=crypto");
  s.expected = fmt::format("{}", fmt::join(expected, "; "));

  const std::size_t index = wire.pick(c.selector);
  const std::string what = WireSelection::describe(c.selector);
  if (index == kNoIndex) {
    s.actual = "no such message";
    fail(s, fmt::format("no {} to read SDP from; the leg carried: {}", what,
                        wire.leg_overview(c.selector.leg)));
    return s;
  }
  s.message_index = index;
  const TracedSipMessage& m = wire.analysis().trace.message(index);
  std::error_code ec;
  std::optional<sip::SessionDescription> sdp;
  if (m.facts().sdp && m.captured.message) sdp = sip::parse_sdp(m.captured.message->body(), ec);
  if (!sdp) {
    s.actual = m.facts().sdp ? fmt::format("malformed SDP ({})", ec.message()) : "no SDP body";
    fail(s, fmt::format("the {} (message {}) has {}", what, index, s.actual));
    return s;
  }
  const sip::SdpMedia* media = nullptr;
  for (const sip::SdpMedia& candidate : sdp->media) {
    if (candidate.media == "audio") {
      media = &candidate;
      break;
    }
  }
  if (media == nullptr && !sdp->media.empty()) media = &sdp->media.front();
  if (media == nullptr) {
    s.actual = "no m= line";
    fail(s, fmt::format("the SDP of the {} (message {}) has no m= line", what, index));
    return s;
  }

  std::vector<std::string> offered;
  for (const sip::SdpCodec& codec : sip::codecs(*media)) {
    offered.push_back(codec.encoding.empty() ? std::to_string(codec.payload_type) : codec.encoding);
  }
  auto has = [&](const std::string& name) {
    return std::any_of(offered.begin(), offered.end(),
                       [&](const std::string& o) { return sip::iequals(o, name); });
  };
  const sip::SdpConnection* connection = sip::media_connection(*sdp, *media);
  const std::string address =
      connection != nullptr ? std::string(sip::connection_host(*connection)) : std::string();
  const std::string direction(sip::to_string(sip::effective_direction(*sdp, *media)));
  const bool crypto = !sip::crypto_attributes(*media).empty();

  std::vector<std::string> actual{fmt::format("codecs {}", fmt::join(offered, ",")), "c=" + address,
                                  direction, media->proto, crypto ? "a=crypto" : "no a=crypto"};
  s.actual = fmt::format("{}", fmt::join(actual, "; "));

  std::vector<std::string> problems;
  if (!c.codecs.empty()) {
    bool same = c.codecs.size() == offered.size();
    for (std::size_t i = 0; same && i < offered.size(); ++i) {
      same = sip::iequals(c.codecs[i], offered[i]);
    }
    if (!same) {
      problems.push_back(fmt::format("offers {} instead of {}", fmt::join(offered, ","),
                                     fmt::join(c.codecs, ",")));
    }
  }
  for (const std::string& codec : c.codecs_include) {
    if (!has(codec)) problems.push_back(fmt::format("does not offer {}", codec));
  }
  for (const std::string& codec : c.codecs_exclude) {
    if (has(codec)) problems.push_back(fmt::format("offers {}", codec));
  }
  if (!c.connection.empty()) {
    const std::string want = expected_connection(wire, c.connection, index);
    if (want != address) {
      problems.push_back(fmt::format("c= is {}, not {} ({})", address.empty() ? "absent" : address,
                                     want.empty() ? "unknown" : want, c.connection));
    }
  }
  if (!c.direction.empty() && c.direction != direction) {
    problems.push_back(fmt::format("direction is {}, not {}", direction, c.direction));
  }
  if (!c.profile.empty() && c.profile != media->proto) {
    problems.push_back(fmt::format("profile is {}, not {}", media->proto, c.profile));
  }
  if (c.crypto && *c.crypto != crypto) {
    problems.push_back(crypto ? "carries a=crypto" : "carries no a=crypto");
  }
  if (problems.empty()) {
    pass(s, fmt::format("SDP of the {} (message {}): {}", what, index, s.expected));
  } else {
    fail(s, fmt::format("SDP of the {} (message {}) {}", what, index, fmt::join(problems, "; ")));
  }
  return s;
}

reports::Subtest judge_media(const manifest::Expectation& e, const manifest::MediaCheck& c,
                             const WireSelection& wire) {
  const CaptureAnalysis& analysis = wire.analysis();
  reports::Subtest s = subtest_for(e, c.leg);
  std::vector<const RtpStreamSummary*> streams;
  const PartyDirectory& parties = wire.labels().parties();
  for (const RtpStreamSummary& stream : analysis.rtp) {
    // Media between two endpoints directly (bypass) belongs to both their legs.
    const Party* src = parties.find_host(stream.src.ip);
    const Party* dst = parties.find_host(stream.dst.ip);
    const bool on_leg = wire.labels().media_leg(analysis, stream) == c.leg ||
                        (src != nullptr && !src->sut && src->name == c.leg) ||
                        (dst != nullptr && !dst->sut && dst->name == c.leg);
    if (!on_leg) continue;
    if (!c.from.empty()) {
      const bool match = src != nullptr && (src->name == c.from || (c.from == "sut" && src->sut));
      if (!match) continue;
    }
    streams.push_back(&stream);
  }
  const std::string where =
      fmt::format("RTP on leg {}{}", c.leg, c.from.empty() ? "" : " from " + c.from);
  std::vector<std::string> seen;
  for (const RtpStreamSummary* stream : streams) {
    seen.push_back(fmt::format("{} -> {} {} {} packets, {} lost, jitter {:.2f} ms",
                               stream->src.to_string(), stream->dst.to_string(), stream->codec,
                               stream->packets, stream->lost, stream->jitter_ms));
  }
  s.actual = streams.empty() ? "no RTP" : fmt::format("{}", fmt::join(seen, "; "));
  if (!c.present) {
    s.expected = "no RTP";
    streams.empty() ? pass(s, fmt::format("no {}", where))
                    : fail(s, fmt::format("{} was not expected: {}", where, s.actual));
    return s;
  }
  std::vector<std::string> expected{"RTP present"};
  if (!c.codec.empty()) expected.push_back(c.codec);
  if (c.min_packets) expected.push_back(fmt::format(">= {} packets", *c.min_packets));
  if (c.max_lost) expected.push_back(fmt::format("<= {} lost", *c.max_lost));
  if (c.max_jitter) expected.push_back(fmt::format("jitter <= {} us", c.max_jitter->count()));
  s.expected = fmt::format("{}", fmt::join(expected, ", "));
  if (streams.empty()) {
    fail(s, fmt::format("no {} ({} streams in the capture)", where, analysis.rtp.size()));
    return s;
  }
  std::vector<std::string> problems;
  for (const RtpStreamSummary* stream : streams) {
    const std::string name =
        fmt::format("{} -> {}", stream->src.to_string(), stream->dst.to_string());
    if (!c.codec.empty() && stream->codec.find(c.codec) == std::string::npos) {
      problems.push_back(fmt::format("{} carries {}, not {}", name, stream->codec, c.codec));
    }
    if (c.min_packets && static_cast<std::int64_t>(stream->packets) < *c.min_packets) {
      problems.push_back(fmt::format("{} has {} packets", name, stream->packets));
    }
    if (c.max_lost && stream->lost > *c.max_lost) {
      problems.push_back(fmt::format("{} lost {}", name, stream->lost));
    }
    if (c.max_jitter && stream->jitter_ms * 1000.0 > static_cast<double>(c.max_jitter->count())) {
      problems.push_back(fmt::format("{} jitter {:.2f} ms", name, stream->jitter_ms));
    }
  }
  problems.empty() ? pass(s, fmt::format("{}: {}", where, s.actual))
                   : fail(s, fmt::format("{}: {}", where, fmt::join(problems, "; ")));
  return s;
}

}  // namespace sipconf::harness
