#include "rearview/matching/registrable_domain.h"

#include <libpsl.h>

#include "rearview/core/text.h"

namespace rearview::matching {

struct RegistrableDomains::List {
  const psl_ctx_t* context = nullptr;
  bool owned = false;
  ~List() {
    if (owned) psl_free(const_cast<psl_ctx_t*>(context));
  }
};

RegistrableDomains::RegistrableDomains() : list_(std::make_unique<List>()) {
  // psl_latest reads the newest list on the system (Debian's publicsuffix
  // package); without one, the list libpsl was built with.
  if (psl_ctx_t* latest = psl_latest(nullptr)) {
    list_->context = latest;
    list_->owned = true;
  } else {
    list_->context = psl_builtin();
  }
}

RegistrableDomains::~RegistrableDomains() = default;

std::string RegistrableDomains::of_host(std::string_view host) const {
  std::string name = lower(trim(host));
  while (!name.empty() && name.back() == '.') name.pop_back();
  if (name.empty() || !list_->context) return {};
  const char* registrable = psl_registrable_domain(list_->context, name.c_str());
  return registrable ? std::string(registrable) : std::string();
}

std::string RegistrableDomains::of_address(std::string_view address) const {
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  return of_host(address.substr(at + 1));
}

}  // namespace rearview::matching
