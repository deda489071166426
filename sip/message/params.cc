#include "sip/message/params.h"

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"

namespace sipconf::sip {

const Param* ParamList::find(std::string_view name) const {
  for (const auto& p : params_) {
    if (iequals(p.name, name)) return &p;
  }
  return nullptr;
}

std::optional<std::string_view> ParamList::get(std::string_view name) const {
  const Param* p = find(name);
  if (p == nullptr) return std::nullopt;
  return p->value ? std::string_view(*p->value) : std::string_view();
}

std::optional<std::string> ParamList::get_unquoted(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::nullopt;
  return lex::unquote(*v);
}

void ParamList::set(std::string_view name, std::optional<std::string_view> value) {
  std::optional<std::string> v;
  if (value) v.emplace(*value);
  for (auto& p : params_) {
    if (iequals(p.name, name)) {
      p.value = std::move(v);
      return;
    }
  }
  params_.push_back(Param{std::string(name), std::move(v)});
}

std::size_t ParamList::remove(std::string_view name) {
  std::size_t before = params_.size();
  std::erase_if(params_, [name](const Param& p) { return iequals(p.name, name); });
  return before - params_.size();
}

void ParamList::append_to(std::string& out) const {
  for (const auto& p : params_) {
    out.push_back(';');
    out.append(p.name);
    if (p.value) {
      out.push_back('=');
      out.append(*p.value);
    }
  }
}

}  // namespace sipconf::sip
