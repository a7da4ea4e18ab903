// The part of a host name a company registers ("acme.co.uk" for
// "mail.eu.acme.co.uk"), by the public suffix list: accounts are known by it,
// so mail from any of a company's subdomains finds the company.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace rearview::matching {

class RegistrableDomains {
 public:
  RegistrableDomains();  // the system's list (Debian's publicsuffix), else libpsl's own
  ~RegistrableDomains();
  RegistrableDomains(const RegistrableDomains&) = delete;
  RegistrableDomains& operator=(const RegistrableDomains&) = delete;

  // Lower-case; empty for a public suffix itself ("co.uk") or a bare name.
  std::string of_host(std::string_view host) const;
  // The registrable domain of an address's host part; empty without one.
  std::string of_address(std::string_view address) const;

 private:
  struct List;
  std::unique_ptr<List> list_;
};

}  // namespace rearview::matching
