#pragma once

#include "sip/transaction/transaction_layer.h"

namespace sipconf::mediation {

/// A TransactionUser that forwards to another one set later, so that a TransactionLayer can
/// be built before the element that needs the layer to be built (the B2BUA takes the layer
/// in its constructor, the layer takes its user in its own).
class TransactionUserSlot final : public sip::TransactionUser {
 public:
  void set(sip::TransactionUser* user) { user_ = user; }

  void on_request(sip::TransactionId tx, const sip::Message& request,
                  const sip::Arrival& arrival) override {
    if (user_) user_->on_request(tx, request, arrival);
  }
  void on_ack(sip::TransactionId tx, const sip::Message& ack,
              const sip::Arrival& arrival) override {
    if (user_) user_->on_ack(tx, ack, arrival);
  }
  void on_cancel(sip::TransactionId tx, const sip::Message& cancel,
                 const sip::Arrival& arrival) override {
    if (user_) user_->on_cancel(tx, cancel, arrival);
  }
  void on_response(sip::TransactionId tx, const sip::Message& response,
                   const sip::Arrival& arrival) override {
    if (user_) user_->on_response(tx, response, arrival);
  }
  void on_stray_response(const sip::Message& response, const sip::Arrival& arrival) override {
    if (user_) user_->on_stray_response(response, arrival);
  }
  void on_failure(sip::TransactionId tx, sip::TransactionFailure failure,
                  std::error_code error) override {
    if (user_) user_->on_failure(tx, failure, error);
  }
  void on_transaction_terminated(sip::TransactionId tx) override {
    if (user_) user_->on_transaction_terminated(tx);
  }

 private:
  sip::TransactionUser* user_ = nullptr;
};

}  // namespace sipconf::mediation
