#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sip/dialog/dialog.h"
#include "sip/message/message.h"

namespace sipconf::sip {

/// The dialogs of one element, found by Call-ID and tags (RFC 3261 §12.2.2, §12.1.2). It
/// also does the UAC side of forking: a dialog-creating INVITE may get 1xx and 2xx
/// responses with several To tags, one early dialog each, confirmed by its 2xx or ended by
/// a non-2xx final response or the end of the INVITE transaction (§12.3, §13.2.2.4).
///
/// Dialogs are stored by value and keep their address until erased, so the TU may hold a
/// Dialog* between events.
class DialogTable {
 public:
  /// Adds a dialog (normally a UAS one from Dialog::from_uas); an existing dialog with the
  /// same id is returned instead and `dialog` discarded.
  Dialog& add(Dialog dialog);

  /// UAC: a response to the dialog-creating `request` we sent outside a dialog. A 101-199
  /// with a new To tag creates an early dialog; a 2xx confirms its dialog or creates a
  /// confirmed one (a fork that sent no 1xx); a 300-699 ends every early dialog of the
  /// request. Returns the response's dialog, or nullptr (100, no To tag, failures).
  Dialog* on_uac_response(const Message& request, const Message& response, bool over_tls = false);
  /// UAC: the INVITE transaction ended (Timer M); forks that never sent a 2xx end too.
  /// Returns how many early dialogs were terminated.
  std::size_t end_early_forks(std::string_view call_id, std::string_view local_tag);

  Dialog* find(const DialogId& id);
  /// The dialog of a received request (To tag local, From tag remote), if any.
  Dialog* match_request(const Message& request);
  /// The dialog of a received response (From tag local, To tag remote), if any.
  Dialog* match_response(const Message& response);
  /// Every dialog sharing Call-ID and local tag: the forks of one request.
  std::vector<Dialog*> forks(std::string_view call_id, std::string_view local_tag);

  /// Removes a dialog; `erase(dialog->id())` is fine.
  bool erase(const DialogId& id);
  /// Removes terminated dialogs; returns how many.
  std::size_t erase_terminated();
  std::size_t size() const { return dialogs_.size(); }

 private:
  static std::string fork_key(std::string_view call_id, std::string_view local_tag);
  void unindex(const DialogId& id);

  std::unordered_map<DialogId, Dialog, DialogIdHash> dialogs_;
  /// Call-ID + local tag -> remote tags, so that forks() does not scan every dialog.
  std::unordered_multimap<std::string, std::string> forks_;
};

}  // namespace sipconf::sip
