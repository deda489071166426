// The agent's dispatch of transaction-layer events, OPTIONS, call lifecycle and the helpers
// the UAS, UAC and dialog parts share.
#include "simulators/agent.h"

#include <algorithm>

#include <fmt/format.h>

#include "sip/dialog/dialog_next_hop.h"
#include "sip/message/message_builders.h"
#include "sip/message/request_checks.h"
#include "sip/message/token_list.h"
#include "sip/message/typed_headers.h"

namespace sipconf::simulators {

using sip::Message;

Agent::Agent(AgentConfig config, sip::TimerService& timers, MediaEngine* media)
    : config_(std::move(config)),
      b_(config_.behaviours),
      timers_(timers),
      media_(config_.behaviours.rtp ? media : nullptr),
      generator_(timers),
      reaper_(timers),
      grace_timer_(timers),
      stop_timer_(timers),
      policy_(request_policy(config_.behaviours)) {}

Agent::~Agent() = default;

void Agent::attach(sip::TransactionLayer& layer, const sip::TransportLayer& transport) {
  layer_ = &layer;
  transport_ = &transport;
}

void Agent::start() {
  started_ = true;
  start_time_ = timers_.now();
  listeners_ = transport_->local_endpoints();
  if (b_.stop_after.count() > 0) stop_timer_.start(b_.stop_after, [this] { shutdown(); });
  if (config_.place_calls) {
    calls_to_place_ = b_.calls;
    if (!config_.remote) calls_to_place_ = 0;
    generator_.start(std::chrono::milliseconds(0), [this] { place_next_call(); });
  }
  check_finished();
}

void Agent::shutdown(std::chrono::milliseconds grace) {
  if (finished_ || shutting_down_) return;
  shutting_down_ = true;
  generator_.stop();
  std::vector<std::uint64_t> ids;
  for (const auto& [id, call] : calls_) ids.push_back(id);
  for (std::uint64_t id : ids) {
    Call* call = find_call(id);
    if (call == nullptr) continue;
    call->unfinished = true;
    static constexpr const char* kStates[] = {"calling", "early", "answered", "ended"};
    if (call->problem.empty()) {
      call->problem = fmt::format(
          "still running when the simulator stopped ({}{})", kStates[static_cast<int>(call->state)],
          call->state == CallState::answered && !call->acknowledged ? ", no ACK yet" : "");
    }
    if (call->state == CallState::answered) {
      send_bye(id);
    } else if (call->role == sip::DialogRole::uac) {
      cancel_call(id);
    } else if (!call->final_sent) {
      call->answer_timer.stop();
      call->ring_timer.stop();
      layer_->respond(call->invite_tx,
                      make_reply(call->invite, call->arrival.local, 480,
                                 call->fork_tags.empty() ? "" : call->fork_tags.front()));
      end_call(*call);
    }
  }
  grace_timer_.start(grace, [this] {
    std::vector<std::uint64_t> left;
    for (const auto& [id, call] : calls_) left.push_back(id);
    for (std::uint64_t id : left) {
      if (Call* call = find_call(id)) end_call(*call);
    }
    reap_ended();
    finish();
  });
  check_finished();
}

int Agent::exit_code() const {
  const std::uint64_t wanted = b_.calls < 0 ? 0 : static_cast<std::uint64_t>(b_.calls);
  return summary_.exit_code(wanted, config_.place_calls);
}

std::chrono::milliseconds Agent::since_start() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(timers_.now() - start_time_);
}

// --- Transaction-layer events --------------------------------------------------------------

sip::RequestPolicy Agent::request_policy(const Behaviours& b) {
  sip::RequestPolicy policy;
  policy.role = sip::ElementRole::user_agent;
  if (b.rel100 != Rel100::unsupported) policy.supported_extensions.push_back("100rel");
  if (b.session_timer) policy.supported_extensions.push_back("timer");
  policy.allowed_methods = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REFER", "NOTIFY", "INFO"};
  if (b.rel100 != Rel100::unsupported) policy.allowed_methods.push_back("PRACK");
  if (b.allow_update) policy.allowed_methods.push_back("UPDATE");
  policy.accepted_content_types = {"application/sdp", "message/sipfrag", "application/dtmf-relay",
                                   "text/plain"};
  return policy;
}

void Agent::on_request(sip::TransactionId tx, const Message& request, const sip::Arrival& arrival) {
  const sip::RequestCheck check = sip::check_request_semantics(request, policy_);
  if (!check.ok()) {
    Message reply =
        make_reply(request, arrival.local, check.status, layer_->ids().tag(), check.reason);
    if (!check.unsupported.empty()) {
      reply.append_header(sip::HeaderId::unsupported, sip::join_tokens(check.unsupported));
    }
    if (!check.allow.empty()) reply.set_header(sip::HeaderId::allow, sip::join_tokens(check.allow));
    if (!check.accept.empty()) {
      reply.set_header(sip::HeaderId::accept, sip::join_tokens(check.accept));
    }
    layer_->respond(tx, reply);
    ++summary_.counters().requests_rejected;
    return;
  }
  const auto to = sip::to(request);
  const bool in_dialog = to && to->tag().has_value();
  if (in_dialog) {
    sip::Dialog* dialog = dialogs_.match_request(request);
    if (dialog == nullptr || call_of(*dialog) == nullptr) {
      ++summary_.counters().in_dialog_unmatched;
      reject(tx, request, 481);
      return;
    }
    on_in_dialog_request(tx, request, arrival, *dialog);
    return;
  }
  const std::string_view method = request.method();
  if (method == "OPTIONS") {
    ++summary_.counters().options_received;
    const OptionsStep step = b_.options.at(since_start());
    if (step.silent()) {
      ++summary_.counters().options_ignored;
      return;  // HF-01: a peer that stopped answering
    }
    Message reply = make_reply(request, arrival.local, step.status, layer_->ids().tag());
    if (step.status < 300) reply.append_header(sip::HeaderId::accept, "application/sdp");
    layer_->respond(tx, reply);
    ++summary_.counters().options_answered[step.status];
    return;
  }
  if (method == "INVITE") {
    on_initial_invite(tx, request, arrival);
    return;
  }
  // BYE, REFER, NOTIFY, PRACK, UPDATE, INFO outside a dialog (RFC 3261 §12.2.2).
  ++summary_.counters().in_dialog_unmatched;
  reject(tx, request, 481);
}

void Agent::on_ack(sip::TransactionId, const Message& ack, const sip::Arrival&) {
  sip::Dialog* dialog = dialogs_.match_request(ack);
  if (dialog == nullptr) return;
  Call* call = call_of(*dialog);
  if (call == nullptr) return;
  // An INVITE without offer got ours in the 2xx; its answer comes in the ACK.
  if (!ack.body().empty() && call->sdp) {
    base::Diagnostics ignored;  // an answer we cannot use leaves the media as it was
    if (auto sdp = parse_body_sdp(ack.body(), ignored)) {
      if (auto remote = read_remote_media(*sdp, call->sdp->local(), ignored)) {
        apply_remote_media(*call, *remote);
      }
    }
  }
  const auto ack_cseq = sip::cseq(ack);
  const auto invite_cseq = sip::cseq(call->invite);
  if (call->reinvite_ok && ack_cseq && sip::cseq(*call->reinvite_ok) &&
      sip::cseq(*call->reinvite_ok)->number == ack_cseq->number) {
    if (call->reinvite_retransmitter) call->reinvite_retransmitter->acknowledged();
  } else if (call->role == sip::DialogRole::uas && ack_cseq && invite_cseq &&
             ack_cseq->number == invite_cseq->number) {
    on_uas_acknowledged(*call);
  }
}

void Agent::on_cancel(sip::TransactionId invite_tx, const Message&, const sip::Arrival&) {
  const auto it = uas_invites_.find(invite_tx);
  if (it == uas_invites_.end()) return;
  Call* call = find_call(it->second);
  if (call == nullptr || call->final_sent) return;
  const std::string tag = call->fork_tags.empty() ? layer_->ids().tag() : call->fork_tags.front();
  layer_->respond(invite_tx, make_reply(call->invite, call->arrival.local, 487, tag));
  call->final_sent = true;
  call->final_status = 487;
  call->cancelled = true;
  ++summary_.final_statuses()[487];
  ++summary_.counters().calls_cancelled;
  end_call(*call);
}

void Agent::on_response(sip::TransactionId tx, const Message& response,
                        const sip::Arrival& arrival) {
  const auto it = transactions_.find(tx);
  if (it == transactions_.end()) return;
  const TxRef ref = it->second;
  Call* call = find_call(ref.call);
  if (call == nullptr) return;
  if (ref.purpose == TxPurpose::invite) {
    on_invite_response(*call, response, arrival);
    return;
  }
  const Message* request = layer_->request(tx);
  if (request == nullptr) return;
  on_in_dialog_response(*call, ref.purpose, *request, response);
}

void Agent::on_stray_response(const Message& response, const sip::Arrival&) {
  // A 2xx retransmitted after the INVITE transaction ended: the ACK we built is sent again.
  if (response.status_code() < 200 || response.status_code() >= 300) return;
  const auto cs = sip::cseq(response);
  if (!cs || cs->method != "INVITE") return;
  sip::Dialog* dialog = dialogs_.match_response(response);
  if (dialog == nullptr) return;
  if (Call* call = call_of(*dialog)) send_ack(*dialog, *call, response);
}

void Agent::on_failure(sip::TransactionId tx, sip::TransactionFailure failure,
                       std::error_code error) {
  ++summary_.counters().transaction_failures;
  const auto it = transactions_.find(tx);
  if (it == transactions_.end()) return;
  const TxRef ref = it->second;
  Call* call = find_call(ref.call);
  if (call == nullptr) return;
  const int status = sip::failure_status(failure);
  const std::string detail = fmt::format("{} ({})", sip::to_string(failure), error.message());
  switch (ref.purpose) {
    case TxPurpose::invite:
      if (call->role == sip::DialogRole::uac) {
        on_uac_failure(*call, status, detail);
      } else if (call->state != CallState::ended) {
        call->fail("the INVITE's final response could not be delivered: " + detail);
        end_call(*call);
      }
      return;
    case TxPurpose::server:
    case TxPurpose::fork_bye:
      return;
    default:
      break;
  }
  const Message* request = layer_->request(tx);
  if (request == nullptr) return;
  auto synthetic = sip::make_response(*request, status);
  if (synthetic) on_in_dialog_response(*call, ref.purpose, *request, *synthetic);
}

void Agent::on_transaction_terminated(sip::TransactionId tx) {
  const auto it = transactions_.find(tx);
  if (it != transactions_.end()) {
    if (it->second.purpose == TxPurpose::invite) {
      Call* call = find_call(it->second.call);
      if (call != nullptr && call->role == sip::DialogRole::uac) {
        // Timer M: forks that never answered are over (RFC 3261 §13.2.2.4).
        if (const auto from = sip::from(call->invite); from && from->tag()) {
          dialogs_.end_early_forks(call->call_id, *from->tag());
          for (sip::Dialog* fork : dialogs_.forks(call->call_id, *from->tag())) {
            if (fork->terminated() && (!call->dialog || fork->id() != *call->dialog)) {
              dialogs_.erase(sip::DialogId(fork->id()));
            }
          }
        }
      }
    }
    transactions_.erase(it);
  }
  uas_invites_.erase(tx);
}

// --- Calls ---------------------------------------------------------------------------------

Call& Agent::new_call(sip::DialogRole role) {
  const std::uint64_t id = next_call_id_++;
  auto call = std::make_unique<Call>(timers_);
  call->id = id;
  call->role = role;
  call->started = timers_.now();
  Call& ref = *call;
  calls_.emplace(id, std::move(call));
  return ref;
}

Call* Agent::find_call(std::uint64_t id) {
  const auto it = calls_.find(id);
  return it == calls_.end() ? nullptr : it->second.get();
}

Call* Agent::call_of(const sip::Dialog& dialog) { return find_call(dialog.user_data); }

sip::Dialog* Agent::dialog_of(Call& call) {
  return call.dialog ? dialogs_.find(*call.dialog) : nullptr;
}

void Agent::track(sip::TransactionId tx, const Call& call, TxPurpose purpose) {
  transactions_[tx] = TxRef{call.id, purpose};
}

void Agent::reject(sip::TransactionId tx, const Message& request, int status,
                   std::string_view reason) {
  const sip::Endpoint none;
  layer_->respond(tx, make_reply(request, none, status, layer_->ids().tag(), reason));
}

void Agent::end_call(Call& call) {
  if (call.state == CallState::ended) return;
  call.state = CallState::ended;
  call.stop_timers();
  call.ok_retransmitter.reset();
  call.reinvite_retransmitter.reset();
  SignallingCounters& counters = summary_.counters();

  CallRecord record;
  record.call_id = call.call_id;
  record.role = call.role == sip::DialogRole::uac ? "uac" : "uas";
  record.final_status = call.final_status;
  record.cancelled = call.cancelled;
  record.transfer = call.referred_by_call != 0;
  record.early_dialogs = call.early_dialogs;
  record.ms_diagnostics = call.ms_diagnostics;
  if (call.answered_at != sip::SteadyTime{}) {
    record.setup_ms =
        std::chrono::duration<double, std::milli>(call.answered_at - call.started).count();
  }
  if (call.stream) {
    call.stream->set_sending(false);
    record.rtp = call.stream->report();
  }
  if (call.unfinished) {
    ++counters.calls_unfinished;
    record.as_intended = false;
    record.problem =
        call.problem.empty() ? "still running when the simulator stopped" : call.problem;
  } else {
    record.as_intended = call.as_intended;
    record.problem = call.problem;
    if (!call.as_intended) ++counters.calls_failed;
  }
  summary_.add_call(std::move(record));
  if (call.role == sip::DialogRole::uas && call.referred_by_call == 0) ++calls_ended_uas_;

  // Drop the call's dialogs: the answering one and every fork.
  if (call.dialog) dialogs_.erase(*call.dialog);
  if (call.role == sip::DialogRole::uas) {
    if (const auto from = sip::from(call.invite); from && from->tag()) {
      for (const std::string& tag : call.fork_tags) {
        dialogs_.erase(sip::DialogId{call.call_id, tag, std::string(*from->tag())});
      }
    }
  } else if (const auto from = sip::from(call.invite); from && from->tag()) {
    for (sip::Dialog* fork : dialogs_.forks(call.call_id, *from->tag())) {
      if (fork->user_data == call.id) fork->terminate();
    }
    dialogs_.erase_terminated();
  }

  const auto it = calls_.find(call.id);
  if (it != calls_.end()) {
    // Destroyed later: the caller may still hold the reference, and a timer may be running.
    ended_.push_back(std::move(it->second));
    calls_.erase(it);
  }
  if (!reaper_.running()) reaper_.start(std::chrono::milliseconds(0), [this] { reap_ended(); });
}

void Agent::reap_ended() {
  ended_.clear();
  if (config_.place_calls && calls_to_place_ > 0 && !generator_.running() && !shutting_down_) {
    generator_.start(std::chrono::milliseconds(0), [this] { place_next_call(); });
  }
  check_finished();
}

void Agent::check_finished() {
  if (finished_ || !started_ || !ended_.empty()) return;
  if (shutting_down_) {
    if (calls_.empty()) finish();
    return;
  }
  if (config_.place_calls) {
    if (calls_to_place_ == 0 && calls_.empty()) finish();
    return;
  }
  if (b_.calls > 0 && calls_ended_uas_ >= b_.calls && calls_.empty()) finish();
}

void Agent::finish() {
  if (finished_) return;
  finished_ = true;
  generator_.stop();
  grace_timer_.stop();
  stop_timer_.stop();
  if (on_finished_) on_finished_();
}

// --- Messages --------------------------------------------------------------------------------

const sip::Endpoint* Agent::listener(sip::Transport transport) const {
  for (const sip::Endpoint& endpoint : listeners_) {
    if (endpoint.transport == transport) return &endpoint;
  }
  return nullptr;
}

std::string Agent::contact_for(const sip::Endpoint& local) const {
  sip::Uri uri = sip::Uri::sip("sipsim", local.address, local.port);
  if (local.transport == sip::Transport::tcp) uri.params().set("transport", "tcp");
  if (local.transport == sip::Transport::tls) uri.params().set("transport", "tls");
  return sip::NameAddr(uri).to_string();
}

std::string Agent::allow_value() const {
  std::string allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, REFER, NOTIFY, INFO";
  if (b_.rel100 != Rel100::unsupported) allow += ", PRACK";
  if (b_.allow_update) allow += ", UPDATE";
  return allow;
}

std::string Agent::supported_value() const {
  std::vector<std::string> tags;
  if (b_.rel100 != Rel100::unsupported) tags.emplace_back("100rel");
  if (b_.session_timer) tags.emplace_back("timer");
  return sip::join_tokens(tags);
}

Message Agent::make_reply(const Message& request, const sip::Endpoint& local, int status,
                          std::string_view to_tag, std::string_view reason) {
  auto built = sip::make_response(request, status, reason, to_tag);
  Message reply = built ? std::move(*built) : Message::response(status, reason);
  reply.append_header(sip::HeaderId::server, b_.user_agent);
  const std::string_view method = request.method();
  const bool invite = method == "INVITE";
  if ((invite && status > 100 && status < 300) || (method == "UPDATE" && status < 300)) {
    if (local.port != 0) reply.append_header(sip::HeaderId::contact, contact_for(local));
  }
  if ((status >= 200 && status < 300) || (invite && status > 100 && status < 200) ||
      status == 405 || status == 501) {
    if (!reply.has(sip::HeaderId::allow)) reply.append_header(sip::HeaderId::allow, allow_value());
    if (const std::string supported = supported_value(); !supported.empty()) {
      reply.append_header(sip::HeaderId::supported, supported);
    }
  }
  return reply;
}

sip::Endpoint Agent::hop_for(const Call& call, const sip::Dialog& dialog) const {
  const auto hop = sip::next_hop_endpoint(dialog.next_hop());
  if (hop && listener(hop->transport) != nullptr) return *hop;
  // The peer's target is not an address we can reach on our transports: use the call's flow.
  return call.role == sip::DialogRole::uas ? call.arrival.remote : call.next_hop;
}

sip::SendOptions Agent::send_options(const Call& call) const {
  sip::SendOptions options;
  options.connection = call.connection;
  const sip::Transport transport =
      call.role == sip::DialogRole::uas ? call.arrival.local.transport : call.next_hop.transport;
  if (const sip::Endpoint* local = listener(transport)) options.local_address = local->address;
  if (transport == sip::Transport::tls) options.server_name = config_.tls_server_name;
  return options;
}

bool Agent::send_in_dialog(Call& call, sip::Dialog& dialog, std::string_view method,
                           TxPurpose purpose, const std::function<void(Message&)>& fill) {
  if (dialog.terminated()) return false;
  Message request = dialog.make_request(method);
  request.append_header(sip::HeaderId::user_agent, b_.user_agent);
  if (method == "INVITE" || method == "UPDATE") {
    request.append_header(sip::HeaderId::allow, allow_value());
    if (const std::string supported = supported_value(); !supported.empty()) {
      request.append_header(sip::HeaderId::supported, supported);
    }
  }
  if (fill) fill(request);
  const sip::Endpoint hop = hop_for(call, dialog);
  const Message copy = request;
  auto tx = layer_->send_request(std::move(request), hop, send_options(call));
  if (!tx) {
    ++summary_.counters().transaction_failures;
    // Unwind what the dialog recorded for the request (an INVITE in progress).
    if (auto failed = sip::make_response(copy, 503)) dialog.on_response(copy, *failed);
    return false;
  }
  track(*tx, call, purpose);
  return true;
}

std::string Agent::format_number(std::string_view number) const {
  if (b_.strip_plus && !number.empty() && number.front() == '+') number.remove_prefix(1);
  return std::string(number);
}

// --- Media -----------------------------------------------------------------------------------

bool Agent::open_media(Call& call, const std::string& sip_address) {
  if (call.sdp) return true;
  const std::string address = config_.media_address.empty() ? sip_address : config_.media_address;
  LocalMedia local;
  local.address = address;
  local.port = 9;  // discard: what the SDP says when this endpoint runs without media
  local.codecs = b_.codecs;
  local.telephone_event = b_.telephone_event;
  local.comfort_noise = b_.comfort_noise;
  local.ptime = b_.ptime;
  if (media_ != nullptr) {
    std::error_code ec;
    call.stream = media_->open_stream(address, ec);
    if (!call.stream) {
      call.fail(fmt::format("no RTP port on {}: {}", address, ec.message()));
      return false;
    }
    local.port = call.stream->local_port();
  }
  call.sdp = std::make_unique<SdpSession>(layer_->ids().below(1ULL << 40) + 1, std::move(local));
  return true;
}

void Agent::apply_remote_media(Call& call, const RemoteMedia& remote) {
  const bool first = !call.remote_media;
  call.remote_media = remote;
  if (call.stream) {
    call.stream->set_target(remote.target);
    if (first) call.stream->set_reference(timers_.now());
  }
  update_sending(call);
}

void Agent::update_sending(Call& call) {
  if (!call.stream || !call.remote_media || !call.sdp) return;
  const bool send = call.media_active && call.state != CallState::ended &&
                    we_send(call.sdp->direction(), call.remote_media->direction);
  call.stream->set_sending(send);
}

}  // namespace sipconf::simulators
