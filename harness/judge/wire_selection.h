#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "harness/analysis/capture_analysis.h"
#include "harness/judge/analysis_json.h"
#include "harness/judge/party_directory.h"
#include "harness/manifest/expectation.h"
#include "reports/model/run_model.h"

namespace sipconf::harness {

using reports::Status;

/// Names the parties and legs of a case's capture after its endpoints (see
/// manifest::MessageSelector: leg `gw1` is the traffic of endpoint gw1).
class CaseLabels final : public CaptureLabels {
 public:
  explicit CaseLabels(const PartyDirectory& parties) : parties_(parties) {}
  std::string party(const Endpoint& self, const Endpoint& other) const override;
  std::string leg(const CaptureAnalysis& analysis, const TracedSipMessage& message) const override;
  /// The non-SUT party at either end of the stream (media uses other ports than SIP).
  std::string media_leg(const CaptureAnalysis& analysis,
                        const RtpStreamSummary& stream) const override;

  const PartyDirectory& parties() const { return parties_; }

 private:
  const PartyDirectory& parties_;
};

/// Picks messages of a judged capture out by MessageSelector.
class WireSelection {
 public:
  WireSelection(const CaptureAnalysis& analysis, const CaseLabels& labels);

  /// Sender and receiver names of each message, and the endpoints at both ends.
  const std::string& from(std::size_t index) const { return from_[index]; }
  const std::string& to(std::size_t index) const { return to_[index]; }

  /// The message takes part in `leg`: one of its ends is the endpoint the leg is named
  /// after (or the leg label itself matches).
  bool on_leg(std::size_t index, const std::string& leg) const;
  /// `name` is the sender: an endpoint name, or `sut` for any SUT interface.
  bool sent_by(std::size_t index, const std::string& name) const;

  /// Messages the selector picks, retransmissions excluded, in capture order. With
  /// `any_kind`, an empty status selects requests and responses alike (counts).
  std::vector<std::size_t> select(const manifest::MessageSelector& selector,
                                  bool any_kind = false) const;
  /// The occurrence the selector names (its first match when occurrence is 0); kNoIndex.
  std::size_t pick(const manifest::MessageSelector& selector) const;

  /// `INVITE from sut on leg gw1`, `4xx to INVITE on leg caller (2nd)`.
  static std::string describe(const manifest::MessageSelector& selector);
  /// What a leg carried, for failure messages: `INVITE, 100, 486, ACK`.
  std::string leg_overview(const std::string& leg, std::size_t limit = 12) const;

  const CaptureAnalysis& analysis() const { return analysis_; }
  const CaseLabels& labels() const { return labels_; }

 private:
  const CaptureAnalysis& analysis_;
  const CaseLabels& labels_;
  std::vector<std::string> from_;
  std::vector<std::string> to_;
  std::vector<std::string> leg_;
};

/// A subtest for `expectation` (name, kind, leg), to be concluded with pass() or fail().
reports::Subtest subtest_for(const manifest::Expectation& expectation, const std::string& leg);
void pass(reports::Subtest& subtest, std::string message);
void fail(reports::Subtest& subtest, std::string message);

}  // namespace sipconf::harness
