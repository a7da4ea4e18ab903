// Domains anyone can have an address at (gmail.com, outlook.com, ...): an
// address there says nothing about a person's company, so matching never
// finds an account by them.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rearview::matching {

class FreeMailDomains {
 public:
  // The built-in list and `extra` (rearview.toml [matching] free_mail_domains).
  explicit FreeMailDomains(const std::vector<std::string>& extra = {});
  // `domain` is a registrable domain, lower-case.
  bool contains(std::string_view domain) const;

 private:
  std::set<std::string, std::less<>> domains_;
};

}  // namespace rearview::matching
