// The pages of the web app, server-rendered (docs/web.md, "Pages"). Each
// parses its request, calls the service layer and renders; the caller has
// found who is signed in and checked the CSRF token of a posted form.
// Private to src/web.
#pragma once

#include <functional>
#include <string>

#include "page.h"
#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/service/accounts.h"
#include "rearview/service/clock.h"

namespace rearview::web {

struct PageContext {
  Session& session;
  const Settings& settings;
  const service::Clock& clock;
  service::Authenticator& authenticator;
  // Called after a page changed a deal: the live engine catches up.
  std::function<void()> deals_changed;
};

// Sign in and out. The login form's CSRF token is a cookie of its own
// (there is no session yet): the form must carry the same value.
HttpResponse login_page(const HttpRequest& request, std::string_view problem = {},
                        int status = 200);
HttpResponse log_in(const HttpRequest& request, PageContext& context);
HttpResponse log_out(const HttpRequest& request, PageContext& context);
inline constexpr std::string_view kSessionCookie = "rearview_session";
inline constexpr std::string_view kLoginCookie = "rearview_login";

// "/opportunities/ID", the links between a deal's pages, and the page for
// a failed request (404 for a deal the viewer may not see).
std::string deal_href(const Id& id);
std::string deal_links(const Id& id, std::string_view current);
HttpResponse failure_page(const Error& error, const Viewer& viewer);

// Home: the open deals the viewer may see, with their live tells.
HttpResponse home_page(const HttpRequest& request, PageContext& context, const Viewer& viewer);

// A deal's live postmortem; its timeline items fold out.
HttpResponse deal_page(const Id& id, PageContext& context, const Viewer& viewer);

// The phone-sized milestones page, and a tap on one of its buttons.
HttpResponse milestones_page(const Id& id, PageContext& context, const Viewer& viewer,
                             std::string_view notice = {});
HttpResponse post_milestone(const HttpRequest& request, const Id& id, PageContext& context,
                            const Viewer& viewer);

// The buyer interview of a deal: its form, and the form posted.
HttpResponse interview_page(const Id& id, PageContext& context, const Viewer& viewer,
                            std::string_view problem = {});
HttpResponse post_interview(const HttpRequest& request, const Id& id, PageContext& context,
                            const Viewer& viewer);

// The review queue of interactions matching could not place, and a choice.
HttpResponse review_page(PageContext& context, const Viewer& viewer, std::string_view notice = {});
HttpResponse post_review(const HttpRequest& request, PageContext& context, const Viewer& viewer);

}  // namespace rearview::web
