#include "rearview/matching/free_mail.h"

#include "rearview/core/text.h"

namespace rearview::matching {
namespace {

// Written here because no maintained library or Debian package publishes the
// list of consumer mail providers; these are the large ones by region. A
// company adds its own market's in rearview.toml.
constexpr std::string_view kBuiltIn[] = {
    "126.com",        "163.com",         "aol.com",        "att.net",       "btinternet.com",
    "comcast.net",    "daum.net",        "fastmail.com",   "free.fr",       "gmail.com",
    "gmx.at",         "gmx.com",         "gmx.de",         "gmx.net",       "googlemail.com",
    "hey.com",        "hotmail.co.uk",   "hotmail.com",    "hotmail.de",    "hotmail.fr",
    "icloud.com",     "laposte.net",     "libero.it",      "live.com",      "mac.com",
    "mail.com",       "mail.ru",         "me.com",         "msn.com",       "naver.com",
    "o2.pl",          "orange.fr",       "outlook.com",    "outlook.de",    "proton.me",
    "protonmail.com", "qq.com",          "rediffmail.com", "sbcglobal.net", "seznam.cz",
    "sky.com",        "t-online.de",     "tutanota.com",   "verizon.net",   "web.de",
    "wp.pl",          "yahoo.co.jp",     "yahoo.co.uk",    "yahoo.com",     "yahoo.de",
    "yahoo.fr",       "yandex.com",      "yandex.ru",      "ymail.com",     "zoho.com",
};

}  // namespace

FreeMailDomains::FreeMailDomains(const std::vector<std::string>& extra) {
  for (auto domain : kBuiltIn) domains_.emplace(domain);
  for (const auto& domain : extra)
    if (!trim(domain).empty()) domains_.insert(lower(trim(domain)));
}

bool FreeMailDomains::contains(std::string_view domain) const {
  return domains_.find(domain) != domains_.end();
}

}  // namespace rearview::matching
