// The API's handlers beyond web_app.cc, and what they share with it: the
// JSON answer and the one error format. Private to src/web.
#pragma once

#include <string>

#include "rearview/core/account_store.h"
#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/service/clock.h"
#include "rearview/web/http.h"

namespace rearview::web {

HttpResponse json_response(int status, std::string body);
// An error of the API format with a status no ErrorCode maps to (403, 415).
HttpResponse api_error(int status, std::string_view code, std::string_view message,
                       std::string_view hint = {});

// POST /api/v1/interactions: one interaction as JSON or many as NDJSON.
HttpResponse post_interactions(const HttpRequest& request, Session& session,
                               const Settings& settings, const service::Clock& clock,
                               const AppUser& user);

}  // namespace rearview::web
