#include "sip/dialog/dialog_table.h"

#include "sip/message/typed_headers.h"

namespace sipconf::sip {

std::string DialogTable::fork_key(std::string_view call_id, std::string_view local_tag) {
  std::string key(call_id);
  key += '\x1f';
  key += local_tag;
  return key;
}

Dialog& DialogTable::add(Dialog dialog) {
  DialogId id = dialog.id();
  auto [it, inserted] = dialogs_.try_emplace(id, std::move(dialog));
  if (inserted) forks_.emplace(fork_key(id.call_id, id.local_tag), id.remote_tag);
  return it->second;
}

void DialogTable::unindex(const DialogId& id) {
  auto [first, last] = forks_.equal_range(fork_key(id.call_id, id.local_tag));
  for (auto it = first; it != last; ++it) {
    if (it->second == id.remote_tag) {
      forks_.erase(it);
      return;
    }
  }
}

Dialog* DialogTable::on_uac_response(const Message& request, const Message& response,
                                     bool over_tls) {
  const int status = response.status_code();
  auto id = dialog_id_of_response(response);
  if (!id) return nullptr;
  if (status >= 300) {
    end_early_forks(id->call_id, id->local_tag);
    return nullptr;
  }
  if (status <= 100 || (status < 200 && id->remote_tag.empty())) return nullptr;
  if (Dialog* existing = find(*id)) {
    if (status >= 200 && !existing->terminated()) existing->confirm(response);
    return existing;
  }
  auto created = Dialog::from_uac(request, response, over_tls);
  if (!created) return nullptr;
  return &add(std::move(*created));
}

std::size_t DialogTable::end_early_forks(std::string_view call_id, std::string_view local_tag) {
  std::size_t ended = 0;
  for (Dialog* d : forks(call_id, local_tag)) {
    if (d->early()) {
      d->terminate();
      ++ended;
    }
  }
  return ended;
}

Dialog* DialogTable::find(const DialogId& id) {
  auto it = dialogs_.find(id);
  return it == dialogs_.end() ? nullptr : &it->second;
}

Dialog* DialogTable::match_request(const Message& request) {
  auto id = dialog_id_of_request(request);
  return id ? find(*id) : nullptr;
}

Dialog* DialogTable::match_response(const Message& response) {
  auto id = dialog_id_of_response(response);
  return id ? find(*id) : nullptr;
}

std::vector<Dialog*> DialogTable::forks(std::string_view call_id, std::string_view local_tag) {
  std::vector<Dialog*> out;
  auto [first, last] = forks_.equal_range(fork_key(call_id, local_tag));
  for (auto it = first; it != last; ++it) {
    if (Dialog* d = find(DialogId{std::string(call_id), std::string(local_tag), it->second})) {
      out.push_back(d);
    }
  }
  return out;
}

bool DialogTable::erase(const DialogId& id) {
  // `id` may be the dialog's own id (erase(d->id())): copied before the dialog goes.
  const DialogId key = id;  // NOLINT(performance-unnecessary-copy-initialization)
  if (dialogs_.erase(key) == 0) return false;
  unindex(key);
  return true;
}

std::size_t DialogTable::erase_terminated() {
  std::size_t erased = 0;
  for (auto it = dialogs_.begin(); it != dialogs_.end();) {
    if (it->second.terminated()) {
      unindex(it->first);
      it = dialogs_.erase(it);
      ++erased;
    } else {
      ++it;
    }
  }
  return erased;
}

}  // namespace sipconf::sip
