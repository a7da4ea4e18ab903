// The files every page links to: the report's style sheet, the app's own,
// and the script that keeps a deal's page current. Private to src/web.
#pragma once

#include <optional>
#include <string_view>

#include "rearview/web/http.h"

namespace rearview::web {

// The asset at `path` (/static/...), or none.
std::optional<HttpResponse> static_asset(std::string_view path);

}  // namespace rearview::web
