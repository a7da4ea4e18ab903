// The frame every page of the web app shares: its head (the style sheet and
// the script are files of the app, so the policy forbids anything inline),
// the bar with who is signed in, and the security headers. Private to src/web.
#pragma once

#include <string>
#include <string_view>

#include "rearview/core/account_store.h"
#include "rearview/core/time_zone.h"
#include "rearview/web/http.h"

namespace rearview::web {

// Who a page is for: the signed-in user, the CSRF token their forms carry,
// and the zone they read times in (their own, else the company's).
struct Viewer {
  const AppUser& user;
  std::string csrf_token;
  TimeZone zone;
};

// Text that came from outside, escaped for HTML.
std::string h(std::string_view text);
// The hidden field every state-changing form carries.
std::string csrf_field(const Viewer& viewer);

struct PageOptions {
  std::string_view title;
  const Viewer* viewer = nullptr;  // none: the login page
  std::string_view live_url;       // a page that updates itself polls this
  int status = 200;
};
HttpResponse html_page(const PageOptions& options, std::string_view main);

// The page for a failed request: its status and the error's words.
HttpResponse error_page(int status, std::string_view message, const Viewer* viewer);

// 303 See Other: where a form goes after it was posted.
HttpResponse redirect(std::string location);

// The policy and the other headers every HTML answer carries.
void add_security_headers(HttpResponse& response);

// "Tue 14 May 2024, 09:30" in the viewer's zone.
std::string local_time(Timestamp at, const TimeZone& zone);

}  // namespace rearview::web
