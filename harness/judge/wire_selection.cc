#include "harness/judge/wire_selection.h"

#include <fmt/format.h>

namespace sipconf::harness {
namespace {

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    switch (n % 10) {
      case 1:
        suffix = "st";
        break;
      case 2:
        suffix = "nd";
        break;
      case 3:
        suffix = "rd";
        break;
      default:
        break;
    }
  }
  return fmt::format("{}{}", n, suffix);
}

}  // namespace

reports::Subtest subtest_for(const manifest::Expectation& expectation, const std::string& leg) {
  reports::Subtest s;
  s.name = expectation.name;
  s.kind = std::string(manifest::to_string(expectation.kind()));
  s.leg = leg;
  return s;
}

void pass(reports::Subtest& s, std::string message) {
  s.status = Status::kPass;
  s.message = std::move(message);
}

void fail(reports::Subtest& s, std::string message) {
  s.status = Status::kFail;
  s.message = std::move(message);
}

std::string CaseLabels::party(const Endpoint& self, const Endpoint& other) const {
  return parties_.name_of(self, other);
}

std::string CaseLabels::leg(const CaptureAnalysis& /*analysis*/,
                            const TracedSipMessage& message) const {
  const Party* a = parties_.find(message.captured.src, message.captured.dst);
  const Party* b = parties_.find(message.captured.dst, message.captured.src);
  std::string leg = parties_.leg_between(a, b);
  return leg.empty() ? AddressLabels::leg_name(message.leg) : leg;
}

std::string CaseLabels::media_leg(const CaptureAnalysis& analysis,
                                  const RtpStreamSummary& stream) const {
  const Party* a = parties_.find_host(stream.src.ip);
  const Party* b = parties_.find_host(stream.dst.ip);
  std::string leg = parties_.leg_between(a, b);
  return leg.empty() ? CaptureLabels::media_leg(analysis, stream) : leg;
}

WireSelection::WireSelection(const CaptureAnalysis& analysis, const CaseLabels& labels)
    : analysis_(analysis), labels_(labels) {
  const auto& messages = analysis.trace.messages();
  from_.reserve(messages.size());
  to_.reserve(messages.size());
  leg_.reserve(messages.size());
  for (const TracedSipMessage& m : messages) {
    from_.push_back(labels.party(m.captured.src, m.captured.dst));
    to_.push_back(labels.party(m.captured.dst, m.captured.src));
    leg_.push_back(labels.leg(analysis, m));
  }
}

bool WireSelection::on_leg(std::size_t index, const std::string& leg) const {
  return from_[index] == leg || to_[index] == leg || leg_[index] == leg;
}

bool WireSelection::sent_by(std::size_t index, const std::string& name) const {
  if (from_[index] == name) return true;
  if (name != "sut") return false;
  const Party* party = labels_.parties().by_name(from_[index]);
  return party != nullptr && party->sut;
}

std::vector<std::size_t> WireSelection::select(const manifest::MessageSelector& selector,
                                               bool any_kind) const {
  std::vector<std::size_t> out;
  const auto& messages = analysis_.trace.messages();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const TracedSipMessage& m = messages[i];
    if (m.retransmission) continue;
    const SipMessageFacts& f = m.facts();
    if (!selector.leg.empty() && !on_leg(i, selector.leg)) continue;
    if (!selector.from.empty() && !sent_by(i, selector.from)) continue;
    if (!selector.method.empty() && f.method != selector.method) continue;
    if (selector.status.empty()) {
      if (!any_kind && !f.request) continue;
    } else if (f.request || !manifest::status_matches(selector.status, f.status)) {
      continue;
    }
    out.push_back(i);
  }
  return out;
}

std::size_t WireSelection::pick(const manifest::MessageSelector& selector) const {
  const std::vector<std::size_t> matches = select(selector);
  const std::size_t n = selector.occurrence > 0 ? static_cast<std::size_t>(selector.occurrence) : 1;
  return matches.size() >= n ? matches[n - 1] : kNoIndex;
}

std::string WireSelection::describe(const manifest::MessageSelector& selector) {
  std::string text;
  if (selector.status.empty()) {
    text = selector.method.empty() ? "request" : selector.method;
  } else {
    text = selector.method.empty() ? selector.status
                                   : fmt::format("{} to {}", selector.status, selector.method);
  }
  if (!selector.from.empty()) text += " from " + selector.from;
  if (!selector.leg.empty()) text += " on leg " + selector.leg;
  if (selector.occurrence > 0) text += fmt::format(" ({})", ordinal(selector.occurrence));
  return text;
}

std::string WireSelection::leg_overview(const std::string& leg, std::size_t limit) const {
  std::string text;
  std::size_t shown = 0;
  std::size_t total = 0;
  const auto& messages = analysis_.trace.messages();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].retransmission || (!leg.empty() && !on_leg(i, leg))) continue;
    ++total;
    if (shown == limit) continue;
    const SipMessageFacts& f = messages[i].facts();
    if (!text.empty()) text += ", ";
    text += f.request ? f.method : std::to_string(f.status);
    ++shown;
  }
  if (total == 0) return "nothing";
  if (total > shown) text += fmt::format(", ... ({} messages)", total);
  return text;
}

}  // namespace sipconf::harness
