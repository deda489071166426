#include "harness/analysis/leg_pairing.h"

#include <algorithm>
#include <deque>

namespace sipconf::harness {
namespace {

constexpr uint64_t kNumberOnlyWindowNs = 2'000'000'000;
constexpr std::size_t kMinCorrelatedLength = 6;

bool contains_address(const std::vector<IpAddress>& set, const IpAddress& ip) {
  return std::find(set.begin(), set.end(), ip) != set.end();
}

/// What pairing compares about a leg, computed once.
struct LegTraits {
  std::string called_digits;
  std::string calling_digits;
};

/// True when the trailing digits of two numbers agree (at least 3, at most 7 compared):
/// `+14255550100` and `14255550100` or `5550100` name the same line.
bool same_number(const std::string& x, const std::string& y) {
  const std::size_t n = std::min<std::size_t>(7, std::min(x.size(), y.size()));
  if (n < 3) return false;
  return x.compare(x.size() - n, n, y, y.size() - n, n) == 0;
}

bool is_alphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// `needle` appears in `haystack` as a whole token: `SD4909701-00e9d478` embeds
/// `00e9d478`, but `...Tag0010` does not embed `...Tag001` (sequential numbering).
bool embeds(const std::string& haystack, const std::string& needle) {
  if (needle.size() < kMinCorrelatedLength || haystack == needle) return false;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    const std::size_t end = at + needle.size();
    const bool left = at == 0 || !is_alphanumeric(haystack[at - 1]);
    const bool right = end == haystack.size() || !is_alphanumeric(haystack[end]);
    if (left && right) return true;
  }
  return false;
}

struct Score {
  int points = -1;
  std::string evidence;
};

Score score(const CallLeg& in, const LegTraits& in_traits, const CallLeg& out,
            const LegTraits& out_traits, const LegPairingOptions& options) {
  Score s;
  // A second call placed by the same caller is not a relay of the first.
  if (in.caller.ip == out.caller.ip) return s;
  const uint64_t delay = out.first_invite_ns - in.first_invite_ns;
  std::vector<std::string_view> evidence;
  int points = 0;
  bool strong = false;
  if (!options.middle.empty()) {
    if (!contains_address(options.middle, in.callee.ip) ||
        !contains_address(options.middle, out.caller.ip)) {
      return s;
    }
    evidence.emplace_back("sut");
    strong = true;
  }
  if (in.call_id == out.call_id) {
    points += 8;
    strong = true;
    evidence.emplace_back("same Call-ID");
  } else if (embeds(out.call_id, in.call_id) || embeds(out.call_id, in.caller_tag) ||
             embeds(out.caller_tag, in.caller_tag)) {
    points += 4;
    strong = true;
    evidence.emplace_back("correlated identifiers");
  }
  const bool same_element = in.callee.ip == out.caller.ip;
  if (same_element) {
    points += 2;
    evidence.emplace_back("same element");
  }
  const bool called = same_number(in_traits.called_digits, out_traits.called_digits);
  if (called) {
    points += 2;
    evidence.emplace_back("called number");
  }
  const bool calling = same_number(in_traits.calling_digits, out_traits.calling_digits);
  if (calling) {
    points += 1;
    evidence.emplace_back("calling number");
  }
  // An element that receives one call and places another is only relaying it when a
  // number carries over; a number alone must carry over quickly.
  if (same_element && (called || calling)) strong = true;
  // A number alone pairs only quickly, and never a call placed back to the caller
  // (that is two calls between the same pair of hosts).
  if (!strong && !(called && delay <= kNumberOnlyWindowNs && out.callee.ip != in.caller.ip)) {
    return s;
  }
  s.points = points;
  for (const auto& e : evidence) {
    if (!s.evidence.empty()) s.evidence += ", ";
    s.evidence += e;
  }
  return s;
}

}  // namespace

std::string digits_of(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

std::vector<LegLink> pair_legs(const std::vector<CallLeg>& legs, const LegPairingOptions& options) {
  std::vector<std::size_t> order;
  for (const CallLeg& leg : legs) {
    if (leg.is_call() && leg.first_invite != kNoIndex) order.push_back(leg.index);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return legs[a].first_invite < legs[b].first_invite;
  });
  std::vector<LegTraits> traits(legs.size());
  for (std::size_t index : order) {
    traits[index] = {digits_of(legs[index].called_user), digits_of(legs[index].calling_user)};
  }
  std::vector<int> children(legs.size(), 0);
  std::vector<LegLink> links;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const CallLeg& out = legs[order[i]];
    std::size_t best = kNoIndex;
    Score best_score;
    // Candidates are the legs that began within the window before this one, newest
    // first; capture order can differ slightly from time order, hence the guard.
    for (std::size_t j = i; j-- > 0;) {
      const CallLeg& in = legs[order[j]];
      if (in.first_invite_ns > out.first_invite_ns) continue;
      if (out.first_invite_ns - in.first_invite_ns > options.window_ns) break;
      // Without a known middle element a leg is relayed once; a known SUT may fail over
      // or fork (several outbound legs), though unpaired inbound legs come first.
      if (options.middle.empty() && children[in.index] > 0) continue;
      Score s = score(in, traits[in.index], out, traits[out.index], options);
      if (s.points < 0) continue;
      // Equal evidence: the inbound leg with fewer relays, then the older one.
      const bool better = best == kNoIndex || s.points > best_score.points ||
                          (s.points == best_score.points && children[in.index] <= children[best]);
      if (better) {
        best = in.index;
        best_score = std::move(s);
      }
    }
    if (best == kNoIndex) continue;
    ++children[best];
    links.push_back({best, out.index, best_score.evidence});
  }
  return links;
}

std::vector<CallChain> chain_calls(const std::vector<CallLeg>& legs,
                                   const std::vector<LegLink>& links) {
  std::vector<bool> has_parent(legs.size(), false);
  std::vector<std::vector<std::size_t>> relayed_on(legs.size());
  for (const LegLink& link : links) {
    has_parent[link.outbound] = true;
    relayed_on[link.inbound].push_back(link.outbound);
  }
  std::vector<CallChain> calls;
  for (const CallLeg& leg : legs) {
    if (!leg.is_call() || has_parent[leg.index]) continue;
    CallChain call;
    std::deque<std::size_t> queue{leg.index};
    while (!queue.empty()) {
      const std::size_t current = queue.front();
      queue.pop_front();
      call.legs.push_back(current);
      for (std::size_t next : relayed_on[current]) queue.push_back(next);
    }
    calls.push_back(std::move(call));
  }
  std::sort(calls.begin(), calls.end(), [&](const CallChain& a, const CallChain& b) {
    return legs[a.origin()].first_ns < legs[b.origin()].first_ns;
  });
  return calls;
}

}  // namespace sipconf::harness
