#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/message.h"
#include "sip/message/name_addr.h"
#include "sip/message/uri.h"
#include "sip/message/via.h"

namespace sipconf::sip {

/// Call-ID plus local and remote tag: what identifies a dialog at one end (RFC 3261 §12).
struct DialogId {
  std::string call_id;
  std::string local_tag;
  std::string remote_tag;

  friend bool operator==(const DialogId&, const DialogId&) = default;
};

struct DialogIdHash {
  std::size_t operator()(const DialogId& id) const noexcept;
};

/// The dialog a request received by a UAS belongs to: local tag = To tag, remote = From tag.
Result<DialogId> dialog_id_of_request(const Message& request);
/// The dialog a response received by a UAC belongs to: local tag = From tag, remote = To tag.
Result<DialogId> dialog_id_of_response(const Message& response);

enum class DialogRole : std::uint8_t { uac, uas };
enum class DialogState : std::uint8_t { early, confirmed, terminated };
std::string_view to_string(DialogState state);

/// What a UAS must answer an in-dialog request with; status 0 means "go ahead".
struct DialogRequestCheck {
  int status = 0;
  std::string_view reason;
  /// 500 for an INVITE overlapping one still in progress (§14.2) carries a Retry-After of a
  /// random 0-10 s (see overlapping_invite_retry_after()).
  bool needs_retry_after = false;
  bool ok() const { return status == 0; }
};

/// The state of one dialog (RFC 3261 §12) at a UAC or a UAS: identity, sequence numbers,
/// route set, remote target, secure flag, and the INVITE-in-progress bookkeeping of §14
/// (glare). It builds the requests of the dialog (§12.2.1.1, strict routing included) and
/// the ACK for a 2xx (§13.2.2.4), whose Via and body it keeps so that a 2xx retransmission
/// gets the very same ACK. It sends nothing itself: the TU passes what it builds to the
/// TransactionLayer.
class Dialog {
 public:
  /// A UAC dialog from the request it sent outside a dialog and a 101-199 response with a
  /// To tag (early) or a 2xx (confirmed; without a To tag only from an RFC 2543 peer),
  /// §12.1.2. `over_tls`: the request went over TLS.
  static Result<Dialog> from_uac(const Message& request, const Message& response,
                                 bool over_tls = false);
  /// A UAS dialog from the request it received and the response it sends (101-199 with a To
  /// tag: early; 2xx: confirmed), §12.1.1. `first_local_cseq` is the CSeq of its first own
  /// request (below 2^31; IdGenerator::initial_cseq()).
  static Result<Dialog> from_uas(const Message& request, const Message& response,
                                 bool over_tls = false, std::uint32_t first_local_cseq = 1);

  const DialogId& id() const { return id_; }
  DialogRole role() const { return role_; }
  DialogState state() const { return state_; }
  bool early() const { return state_ == DialogState::early; }
  bool confirmed() const { return state_ == DialogState::confirmed; }
  bool terminated() const { return state_ == DialogState::terminated; }
  /// The UAC created the Call-ID (§14.1 glare timer).
  bool call_id_owner() const { return role_ == DialogRole::uac; }

  /// Local and remote party, tags included (what From and To carry in our requests). The
  /// dialog keeps parties, targets and routes as text (see text_), so these parse on use.
  NameAddr local_uri() const { return name_addr_at(kLocalUri); }
  NameAddr remote_uri() const { return name_addr_at(kRemoteUri); }
  /// CSeq of the last request we sent in the dialog; nullopt until we send one (UAS).
  std::optional<std::uint32_t> local_cseq() const { return local_cseq_; }
  /// CSeq of the last request the peer sent; nullopt until it sends one (UAC).
  std::optional<std::uint32_t> remote_cseq() const { return remote_cseq_; }
  std::vector<NameAddr> route_set() const;
  std::size_t route_count() const { return route_ends_.size(); }
  Uri remote_target() const;
  /// Our Contact, repeated in our target refresh requests.
  std::optional<NameAddr> local_target() const;
  bool secure() const { return secure_; }
  /// The URI of the next hop for our requests: the first route, or the remote target.
  Uri next_hop() const;

  /// UAC: a 2xx to the dialog-creating INVITE confirms an early dialog; the route set and
  /// remote target are taken again from the 2xx (§13.2.2.4).
  std::error_code confirm(const Message& response_2xx);
  void terminate() { state_ = DialogState::terminated; }

  /// A request in the dialog (§12.2.1.1): Request-URI and Route from the remote target and
  /// route set (strict-routing form when the first route lacks `lr`), From/To/Call-ID, the
  /// next local CSeq, Max-Forwards, and our Contact on target refresh requests. No Via (the
  /// transaction layer adds it). An INVITE marks an outgoing INVITE in progress (§14.1).
  /// Not for ACK (ack_for) or CANCEL (make_cancel on the INVITE).
  Message make_request(std::string_view method);
  /// May an INVITE be sent now? Not while another is in progress either way (§14.1).
  bool can_send_invite() const { return !invite_out_ && !invite_in_; }

  /// The ACK for a 2xx to one of our INVITEs (§13.2.2.4): built the first time a 2xx with
  /// this CSeq arrives (with `via`, a fresh one from the transaction layer, and the given
  /// body, e.g. a late-offer answer) and built again, the same, for every retransmission of
  /// it: the dialog keeps that Via and body, not the whole message.
  Message ack_for(const Message& response_2xx, const Via& via, std::string_view body = {},
                  std::string_view content_type = {});

  /// UAS side of an in-dialog request other than ACK and CANCEL (§12.2.2, §14.2): a CSeq
  /// lower than the last one gets 500; an INVITE while ours is in progress gets 491, one
  /// while the peer's previous INVITE is unanswered gets 500 with Retry-After.
  DialogRequestCheck on_request(const Message& request);
  /// UAS: we sent `response` to the in-dialog `request`: a 2xx to a target refresh (INVITE,
  /// UPDATE) takes the request's Contact as remote target; a final response ends the
  /// peer's INVITE in progress; the initial INVITE's 2xx confirms an early dialog and a
  /// failure ends it; a final response to BYE terminates the dialog.
  void on_response_sent(const Message& request, const Message& response);
  /// UAC: `response` arrived to our in-dialog `request` (for a transaction failure pass
  /// make_response(request, failure_status(...))): a 2xx to a target refresh updates the
  /// remote target; a final response ends our INVITE in progress; 481 and 408 terminate the
  /// dialog (§12.2.1.2), as does any final response to BYE.
  void on_response(const Message& request, const Message& response);

  /// A value the TU attaches (a call leg id) to find its own state from a dialog.
  std::uint64_t user_data = 0;

 private:
  /// Parts of text_, in order; routes follow kLocalTarget.
  enum Part : std::uint8_t { kLocalUri, kRemoteUri, kRemoteTarget, kLocalTarget, kFixedParts };

  Dialog() = default;
  std::string_view part(std::size_t index) const;
  std::string_view route_text(std::size_t i) const { return part(kFixedParts + i); }
  NameAddr name_addr_at(std::size_t index) const;
  void init_parts(std::string_view local, std::string_view remote, std::string_view target,
                  std::optional<std::string_view> local_target);
  /// Rewrites text_ (exactly sized) from the parts given, keeping the others.
  void store(std::optional<std::string_view> remote_target, const std::vector<std::string>* routes);
  void set_route_set(const Message& m, bool reverse);
  void set_remote_target(const Uri& uri) { store(uri.to_string(), nullptr); }
  /// A request with the Request-URI and Route lines of §12.2.1.1, nothing else yet.
  Message routed_request(std::string_view method) const;

  DialogId id_;
  DialogRole role_ = DialogRole::uac;
  DialogState state_ = DialogState::early;
  bool secure_ = false;
  bool invite_out_ = false;  ///< our INVITE awaits its final response
  bool invite_in_ = false;   ///< the peer's INVITE awaits our final response
  bool has_local_target_ = false;
  bool first_route_lr_ = false;  ///< loose routing (§12.2.1.1); meaningless without routes
  std::optional<std::uint32_t> local_cseq_;
  std::uint32_t first_local_cseq_ = 1;
  std::optional<std::uint32_t> remote_cseq_;
  /// Local and remote name-addr, remote target URI, local target name-addr (empty when
  /// absent) and each route name-addr, serialized one after another: a dialog lives as long
  /// as its call, and held parsed these cost about 1.4 KB of objects and small allocations.
  std::string text_;
  std::uint32_t part_ends_[kFixedParts] = {};
  std::vector<std::uint32_t> route_ends_;
  /// What the ACK for the last 2xx needs besides the dialog state, for its retransmissions:
  /// CSeq number, then Via, body and Content-Type one after another in ack_text_.
  std::optional<std::uint32_t> ack_cseq_;
  std::uint32_t ack_via_size_ = 0;
  std::uint32_t ack_body_size_ = 0;
  std::string ack_text_;
};

/// Methods whose 2xx replaces the remote target (RFC 3261 §12.2, RFC 3311).
bool is_target_refresh(std::string_view method);

}  // namespace sipconf::sip
